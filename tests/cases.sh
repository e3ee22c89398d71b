# tests/cases.sh: a station with dispute cases for the case-* tests.
# Sourced after lib.sh.  Cases and sessions are seeded with the sqlite3
# shell until case-add and case-mediate are on main; the functions keep
# the commands' shape so the tests need not change when they switch.

sql_quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }

# Two villages (红星村 510781001, 青山村 510781002), the beats of P001 李明
# and P002 王芳: lib.sh's mini_station, through roster.
station() { mini_station; }

# newcase VILLAGE TYPE OPENED SUMMARY: registers a case, prints its number.
newcase() {
	_y=${3%%-*}
	_n=$(sqlite3 "$BEAT_DB" "SELECT printf('%d-%04d', $_y, coalesce(max(seq), 0) + 1)
	    FROM dispute WHERE year = $_y") || return 1
	sqlite3 "$BEAT_DB" "INSERT INTO dispute (number, year, seq, opened_at,
	    village_id, officer_id, type, summary)
	    SELECT '$_n', $_y, $((1${_n#*-} - 10000)), $(sql_quote "$3"), v.id,
	    b.officer_id, $(sql_quote "$2"), $(sql_quote "$4")
	    FROM village v JOIN beat b ON b.village_id = v.id
	    WHERE v.name = $(sql_quote "$1")" || return 1
	echo "$_n"
}

# session CASE AT OUTCOME: records a mediation session at the case's level.
session() {
	sqlite3 "$BEAT_DB" "INSERT INTO session (dispute_id, at, level, outcome)
	    SELECT id, $(sql_quote "$2"), level, $(sql_quote "$3") FROM dispute
	    WHERE number = $(sql_quote "$1")"
}

# party CASE ROLE NAME IDNO PHONE
party() {
	sqlite3 "$BEAT_DB" "INSERT INTO party (dispute_id, role, name, idno, phone)
	    SELECT id, $(sql_quote "$2"), $(sql_quote "$3"), $(sql_quote "$4"),
	    $(sql_quote "$5") FROM dispute WHERE number = $(sql_quote "$1")"
}

# q SQL: one query on the test database.
q() { sqlite3 "$BEAT_DB" "$1"; }
