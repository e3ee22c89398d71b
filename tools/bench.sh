#!/bin/sh
# make bench: each of beat's measures beside what a user would use instead
# (the sqlite3 shell, DuckDB), alternated REPS times in one run; prints the
# table and writes tests/bench/RESULTS.md.  Prints figures, asserts nothing.
#
# BENCH_ROWS	rows of the generated export (1000000)
# BENCH_BIG	1: also import 3M and 10M rows (beat alone: time and memory)
# BENCH_REPS	runs of each side (3); medians with min-max are reported
# BENCH_ONLY	measures to run, e.g. "import startup" (default: all)
# BENCH_DATA	where generated files are kept between runs (build/bench/data)
# BENCH_EXTRA	1: also run the older scripts tests/bench/*.sh
#
# A measure is a function m_NAME in tests/bench/measure-*.sh, listed in
# MEASURES by the file that defines it; it calls compare (or skip) once per
# row of the table.  See tests/bench/measure-import.sh for the pattern.
set -eu
: "${BEAT_BIN:?run through make bench}" "${BEAT_BENCH:?run through make bench}"
TOP=$(pwd)
PATH=$BEAT_BIN:$PATH
ROWS=${BENCH_ROWS:-1000000}
REPS=${BENCH_REPS:-3}
DATA=${BENCH_DATA:-$TOP/build/bench/data}
W=$(mktemp -d "${TMPDIR:-/tmp}/beat-bench.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$W"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC PATH W DATA ROWS
mkdir -p "$DATA"
: >"$W/table"
: >"$W/notes"

note() {	# TEXT: a line under the table
	echo "$*" >>"$W/notes"
	echo "bench: $*" >&2
}

# Rows as written in the table: 1000000 -> 1M.
human() {
	awk -v n="$1" 'BEGIN { if (n >= 1e6 && n % 1e6 == 0) printf "%dM", n / 1e6
	    else if (n >= 1e3 && n % 1e3 == 0) printf "%dk", n / 1e3; else printf "%d", n }'
}

# One timed run: wall seconds and peak RSS (KiB) of CMD appended to FILE.
timed() {	# FILE CMD
	if ! /usr/bin/time -f '%e %M' -o "$W/time" sh -c "$2" >"$W/out" 2>"$W/err"; then
		echo "bench: failed: $2" >&2
		cat "$W/err" >&2
		exit 1
	fi
	tail -n 1 "$W/time" >>"$1"
}

# median (min-max) of column 1 of FILE divided by PER, and the peak RSS.
stats() {	# FILE PER
	sort -n "$1" | awk -v per="$2" '{ t[NR] = $1 / per; if ($2 > m) m = $2 }
	    END { med = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
		if (per > 1) printf "%.1f ms (%.1f-%.1f)\t%.1f MiB\t%.6f\n", 1000 * med, 1000 * t[1], 1000 * t[NR], m / 1024, med
		else printf "%.2f s (%.2f-%.2f)\t%.1f MiB\t%.6f\n", med, t[1], t[NR], m / 1024, med }'
}

# The work of one row of the table, beat's side and each peer, run in turn
# REPS times (beat, peer 1, peer 2, beat, ...) so that a change of the
# machine's load falls on every side.  SETUP NAME runs, untimed, before
# each run of side NAME.  PER > 1 divides the times (a loop of PER calls).
compare() {	# WORK SETUP PER BEATCMD, the peers from peers
	work=$1 setup=$2 per=$3 beatcmd=$4
	echo "== $work" >&2
	rm -f "$W"/side.*
	rep=0
	while [ "$rep" -lt "$REPS" ]; do
		$setup beat
		timed "$W/side.0" "$beatcmd"
		cp "$W/err" "$W/beat.err"
		eval "set -- $peers_saved"
		i=1
		while [ $# -ge 2 ]; do
			$setup "$1"
			timed "$W/side.$i" "$2"
			i=$((i + 1))
			shift 2
		done
		rep=$((rep + 1))
	done
	b=$(stats "$W/side.0" "$per")
	if [ "$npeers" -eq 0 ]; then
		printf '%s\t%s\t-\t-\t-\t-\n' "$work" "$(echo "$b" | cut -f1,2)" >>"$W/table"
	fi
	eval "set -- $peers_saved"
	i=1
	while [ $# -ge 2 ]; do
		name=$1
		shift 2
		p=$(stats "$W/side.$i" "$per")
		ratio=$(printf '%s\n%s\n' "$b" "$p" | awk -F'\t' 'NR == 1 { a = $3 } NR == 2 {
		    if ($3 > 0) printf "%.2f", a / $3; else print "-" }')
		printf '%s\t%s\t%s\t%s\t%s\n' "$work" "$(echo "$b" | cut -f1,2)" "$name" \
		    "$(echo "$p" | cut -f1,2)" "$ratio" >>"$W/table"
		i=$((i + 1))
	done
	tail -n "$((npeers > 0 ? npeers : 1))" "$W/table" | sed 's/\t/  |  /g' >&2
}

# compare's peers, kept so that each repetition can walk them again.
peers() {	# [PEERNAME PEERCMD]...
	peers_saved=
	npeers=0
	while [ $# -ge 2 ]; do
		peers_saved="$peers_saved '$(printf '%s' "$1" | sed "s/'/'\\\\''/g")'"
		peers_saved="$peers_saved '$(printf '%s' "$2" | sed "s/'/'\\\\''/g")'"
		npeers=$((npeers + 1))
		shift 2
	done
}

# run WORK SETUP PER BEATCMD [PEERNAME PEERCMD]...: compare with its peers.
run() {
	work=$1 setup=$2 per=$3 beatcmd=$4
	shift 4
	peers "$@"
	compare "$work" "$setup" "$per" "$beatcmd"
}

skip() {	# WORK PEER WHY: a row whose peer could not run
	printf '%s\t-\t-\t%s\t%s\t-\t-\n' "$1" "$2" "skipped: $3" >>"$W/table"
	note "$1: $2 skipped: $3"
}

# The median of beat's side over a peer's, from the table, for the goals.
ratio_of() {	# WORK PEER
	awk -F'\t' -v w="$1" -v p="$2" '$1 == w && $4 == p { print $7 }' "$W/table" | tail -n 1
}

goal() {	# TEXT WORK PEER MAX: beat's median is at most MAX times the peer's
	gr=$(ratio_of "$2" "$3")
	case $gr in
	''|-) echo "- $1: not measured" >>"$W/goals" ;;
	*) awk -v r="$gr" -v m="$4" -v t="$1" 'BEGIN { printf "- %s: %.2f×, %s\n", t, r,
	    r <= m ? "met" : "**not met**" }' >>"$W/goals" ;;
	esac
}

machine() {
	echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "- machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)," \
	    "$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory"
	echo "- load average: $LOAD0 at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end" \
	    "(the machine is shared; each row alternates its sides $REPS times and gives the median)"
	echo "- beat $(cat "$TOP/VERSION") ($(git -C "$TOP" rev-parse --short HEAD 2>/dev/null || echo '?')," \
	    "SQLite $(sqlite3 :memory: 'SELECT sqlite_version()' 2>/dev/null || echo '?') library)"
	echo "- sqlite3 shell $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo 'missing')"
	echo "- DuckDB: ${DUCKDB_VERSION:-not installed}"
	echo "- data: $(human "$ROWS") rows of generated dispatch export ($DATASIZE), tests/bench/incgen.c"
}

table() {
	echo "| work | beat | peak RSS | instead | its time | peak RSS | beat / it |"
	echo "|---|---|---|---|---|---|---|"
	sed 's/\t/ | /g; s/^/| /; s/$/ |/' "$W/table"
}

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
command -v sqlite3 >/dev/null || sh tools/deps.sh
command -v sqlite3 >/dev/null || { echo "bench: the sqlite3 shell is needed (make deps)" >&2; exit 1; }
# GNU time gives the peak memory of each run.
if ! /usr/bin/time -f %M true >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
	apt-get install -y -qq time >/dev/null 2>&1 ||
	    { apt-get update -qq && apt-get install -y -qq time; } >/dev/null 2>&1 || :
fi
/usr/bin/time -f %M true >/dev/null 2>&1 ||
    { echo "bench: GNU time is needed: apt-get install time" >&2; exit 1; }
# shellcheck source=tests/bench/duckdb.sh
. tests/bench/duckdb.sh
MEASURES=
for f in tests/bench/measure-*.sh; do
	# shellcheck disable=SC1090 # the measures, one file each
	. "./$f"
done
for m in $MEASURES; do
	case " ${BENCH_ONLY:-$MEASURES} " in
	*" $m "*) "m_$m" ;;
	esac
done

: >"$W/goals"
for f in tests/bench/measure-*.sh; do
	g=$(basename "$f" .sh | sed 's/^measure-//')
	if command -v "goals_$g" >/dev/null 2>&1; then "goals_$g"; fi
done
{
	echo "# beat benchmark results"
	echo
	echo "Made by \`make bench\` (tools/bench.sh); do not edit by hand."
	echo
	machine
	echo
	table
	if [ -s "$W/goals" ]; then
		echo
		echo "Goals of issue 13, as ratios of medians in this run:"
		echo
		cat "$W/goals"
	fi
	if [ -s "$W/notes" ]; then
		echo
		sed 's/^/- /' "$W/notes"
	fi
	for f in tests/bench/notes*.md; do
		[ -f "$f" ] && { echo; cat "$f"; }
	done
} >"$W/RESULTS.md"
cp "$W/RESULTS.md" tests/bench/RESULTS.md
echo
table
[ -s "$W/goals" ] && { echo; cat "$W/goals"; }
echo
echo "written: tests/bench/RESULTS.md"

if [ -n "${BENCH_EXTRA:-}" ]; then
	for b in tests/bench/*.sh; do
		case $b in */measure-*|*/duckdb.sh) continue ;; esac
		echo "== $b"
		sh "$b" || exit 1
	done
fi
exit 0
