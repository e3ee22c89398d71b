# tests/cases.sh: a station with dispute cases for the case-* tests.
# Sourced after lib.sh.

# Two villages (红星村 510781001, 青山村 510781002), the beats of P001 李明
# and P002 王芳: lib.sh's mini_station, through roster.
station() { mini_station; }

# newcase VILLAGE TYPE OPENED SUMMARY [CASE-ADD OPTION...]: registers a
# case and prints its number.  The scenarios date cases freely around
# $BEAT_NOW, so --force lets a registration lie ahead of it.
newcase() {
	_v=$1 _t=$2 _at=$3 _s=$4
	shift 4
	case-add --force --village "$_v" --type "$_t" --at "$_at" --summary "$_s" "$@"
}

# session CASE AT OUTCOME: records a mediation session at the case's level
# (past the two police-level sessions the rule allows: the tests of the
# 会商 rule need three failed ones anywhere).
session() { case-mediate -q "$1" --at "$2" --outcome "$3" --force; }
