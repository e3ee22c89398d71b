# tests/lib.sh: TAP helpers for the shell tests, after mblaze's.
# Each check runs a shell command in the test's own temporary directory;
# its stdout and stderr are left in $T/out and $T/err for the next checks.
set -u
: "${BEAT_BIN:?run the tests through make check}"
PATH=$BEAT_BIN:$PATH
T=$(mktemp -d "${TMPDIR:-/tmp}/beat-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 99
export LC_ALL=C.UTF-8 TZ=UTC HOME="$T/home"
unset XDG_DATA_HOME BEAT_NOW LANGUAGE
export BEAT_DB="$T/beat.db" BEAT_LOCALEDIR="${BEAT_LOCALE:-}"
# make check-pg: each test file gets a database of its own on the private
# server whose socket directory BEAT_TEST_PGHOST names (tools/check-pg.sh).
if [ -n "${BEAT_TEST_PGHOST:-}" ]; then
	pgdb=t$$_$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
	createdb -h "$BEAT_TEST_PGHOST" -U beat "$pgdb" || exit 99
	BEAT_DB="postgresql:///$pgdb?host=$BEAT_TEST_PGHOST&user=beat"
	pgdbs=$pgdb
	trap 'rm -rf "$T"; for d in $pgdbs; do dropdb -h "$BEAT_TEST_PGHOST" -U beat --if-exists "$d" 2>/dev/null; done' EXIT
fi

# use_db NAME: BEAT_DB becomes another, new database of the test's:
# $T/NAME.db, or on PostgreSQL a database of that name made for it.
use_db() {
	if [ -n "${BEAT_TEST_PGHOST:-}" ]; then
		createdb -h "$BEAT_TEST_PGHOST" -U beat "${pgdb}_$1" || exit 99
		pgdbs="$pgdbs ${pgdb}_$1"
		BEAT_DB="postgresql:///${pgdb}_$1?host=$BEAT_TEST_PGHOST&user=beat"
	else
		BEAT_DB="$T/$1.db"
	fi
	export BEAT_DB
}
DATA=${BEAT_TOP:-$(pwd)}/tests/data
tap_n=0
tap_failed=0

plan() { echo "1..$1"; }

tap_result() {	# STATUS DESC
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
		for f in out err; do
			[ -s "$T/$f" ] && sed -n "1,15s/^/# $f: /p" "$T/$f"
		done
	fi
	return 0
}

run() {	# CMD: eval it, keep its output in $T/out and $T/err, return its status
	( eval "$1" ) >"$T/out.new" 2>"$T/err.new" </dev/null
	rc=$?
	mv "$T/out.new" "$T/out"; mv "$T/err.new" "$T/err"
	return $rc
}

# check DESC CMD: passes when CMD exits 0.
check() { run "$2"; tap_result $? "$1"; }

# check_exit DESC STATUS CMD: passes when CMD exits with STATUS.
check_exit() {
	run "$3"; rc=$?
	[ "$rc" -eq "$2" ]
	st=$?
	[ $st -ne 0 ] && echo "# exit status $rc, expected $2"
	tap_result $st "$1"
}

# check_same DESC CMD1 CMD2: passes when both print the same.
check_same() {
	( eval "$2" ) >"$T/same1" 2>&1 </dev/null
	( eval "$3" ) >"$T/same2" 2>&1 </dev/null
	cmp -s "$T/same1" "$T/same2"
	st=$?
	[ $st -ne 0 ] && diff "$T/same1" "$T/same2" | sed -n '1,20s/^/# /p'
	tap_result $st "$1"
}

# check_stream DESC STATUS EXPECTED out|err CMD: CMD exits STATUS and
# prints exactly EXPECTED on that stream.
check_stream() {
	run "$5"; rc=$?
	if [ -n "$3" ]; then printf '%s\n' "$3"; fi >"$T/expected"
	cmp -s "$T/expected" "$T/$4" && [ "$rc" -eq "$2" ]
	st=$?
	if [ $st -ne 0 ]; then
		echo "# exit status $rc, expected $2"
		diff "$T/expected" "$T/$4" | sed -n '1,20s/^/# /p'
	fi
	tap_result $st "$1"
}

# check_out DESC EXPECTED CMD: passes when CMD exits 0 and prints EXPECTED.
check_out() { check_stream "$1" 0 "$2" out "$3"; }

# check_err DESC STATUS STDERR CMD: CMD exits STATUS and prints exactly STDERR there.
check_err() { check_stream "$1" "$2" "$3" err "$4"; }

# A station of two villages, two officers, one team on one route.
mini_station() {
	db-init -q || return 1
	cat >"$T/villages.csv" <<-'CSV'
	name,township,code
	红星村,厚坝镇,510781001
	青山村,厚坝镇,510781002
	CSV
	cat >"$T/officers.csv" <<-'CSV'
	badge,name,kind,phone
	P001,李明,officer,13800001111
	P002,王芳,officer,13800002222
	A001,赵强,auxiliary,13800003333
	M001,陈调解,mediator,
	CSV
	roster -q --import-villages "$T/villages.csv" &&
	roster -q --import-officers "$T/officers.csv" &&
	roster -q --assign P001 红星村 && roster -q --assign P002 青山村
}

# The mini station with two teams on two routes:
# 镇区线 中学, 卫生院, 火车站; 村道线 红星村委, 小学.
patrol_station() {
	mini_station || return 1
	cat >"$T/routes.csv" <<-'CSV'
	route,seq,checkpoint,kind
	镇区线,1,中学,school
	镇区线,2,卫生院,hospital
	镇区线,3,火车站,station
	村道线,1,红星村委,government
	村道线,2,小学,school
	CSV
	cat >"$T/teams.csv" <<-'CSV'
	team,leader,auxiliary
	一队,P001,A001
	二队,P002,
	CSV
	roster -q --import-routes "$T/routes.csv" && roster -q --import-teams "$T/teams.csv"
}

# wait_for CMD: until CMD succeeds, at most 30 s (for a background process).
wait_for() {
	i=0
	until eval "$1" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 600 ] || return 1
		sleep 0.05
	done
}

# on_pg: the test runs against PostgreSQL (make check-pg).
on_pg() { [ -n "${BEAT_TEST_PGHOST:-}" ]; }

# skip DESC WHY: a check that does not apply here, counted as passed.
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }

# no_db: the address of a database that does not exist, on either engine.
no_db() {
	if on_pg; then
		echo "postgresql:///${pgdb}_none?host=$BEAT_TEST_PGHOST&user=beat"
	else
		echo "$T/none.db"
	fi
}

# sqlite_only WHY: a test file about SQLite's files is skipped on PostgreSQL.
sqlite_only() {
	if on_pg; then
		echo "1..0 # SKIP on PostgreSQL: $1"
		exit 0
	fi
}

# sq SQL [SEP]: a query on the test's database, its rows as sqlite3
# prints them (columns between | or SEP, NULL empty) on either engine.
sq() {
	if on_pg; then
		psql -AtXq -v ON_ERROR_STOP=1 -F "${2:-|}" -d "$BEAT_DB" -c "$1"
	else
		sqlite3 -separator "${2:-|}" "$BEAT_DB" "$1"
	fi
}

done_testing() { exit $((tap_failed > 0)); }
