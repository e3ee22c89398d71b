#!/bin/sh
# incident-stats over ROWS incidents (1M; 10M with ROWS=10000000) from
# VILLAGES villages (300) over eleven years, each mode beside the sqlite3
# shell running the naive strftime GROUP BY on a plain copy of the
# columns, the same query over an expression index made for it, and
# DuckDB (the Python wheel) when it is installed.  Then report-monthly
# on the same incidents, and start-up: case-list on an empty database
# beside `sqlite3 db 'select 1'` and /bin/true.  Every figure is the
# median of RUNS (5) runs taken in turn with its peers, with min-max.
# Prints figures; asserts nothing.
set -eu
: "${BEAT_BIN:?run through make bench}"
PATH=$BEAT_BIN:$PATH
ROWS=${ROWS:-1000000}
VILLAGES=${VILLAGES:-300}
RUNS=${RUNS:-5}
T=$(mktemp -d "${TMPDIR:-/tmp}/beat-bench.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8 TZ=UTC BEAT_DB="$T/beat.db" BEAT_NOW='2024-12-20 09:00'

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }

# The incidents go in in time order, as a station's nightly imports put
# them; the tally's triggers count them on the way.  One in ten invalid,
# one in forty a repeat of the call before it.
db-init -q
a=$(now)
sqlite3 -bail "$BEAT_DB" <<SQL >/dev/null
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO incident (id, dispatch_no, received_at, category, valid, invalid_reason,
    village, address, summary, officer, duplicate_of)
SELECT i, printf('J%09d', i),
    datetime('2014-01-01', '+' || (i * 346118400 / $ROWS) || ' seconds',
        '+' || (abs(random()) % 86400) || ' seconds'),
    CASE abs(random()) % 8 WHEN 0 THEN 'criminal' WHEN 1 THEN 'dispute' WHEN 2 THEN 'fire'
        WHEN 3 THEN 'help' WHEN 4 THEN 'other' WHEN 5 THEN 'public_order'
        WHEN 6 THEN 'tip' ELSE 'traffic' END,
    i % 10 <> 0, CASE WHEN i % 10 = 0 THEN '误拨' END,
    CASE WHEN i % 97 <> 0 THEN '第' || (abs(random()) % $VILLAGES + 1) || '村' END,
    '地址' || i, '群众报警称与邻居发生纠纷，请求出警' || i,
    '民警' || (i % 300 + 1), CASE WHEN i % 40 = 0 THEN i - 1 END
FROM n;
SQL
b=$(now)
gen=$(ms "$a" "$b")
# The shell's tables: the same columns, plain; and a copy with the
# expression indexes its queries can use.
sqlite3 -bail "$BEAT_DB" "ATTACH '$T/plain.db' AS p; CREATE TABLE p.incident AS
	SELECT dispatch_no, received_at, category, valid, village, duplicate_of FROM incident"
cp "$T/plain.db" "$T/idx.db"
V='WHERE valid = 1 AND duplicate_of IS NULL'
sqlite3 -bail "$T/idx.db" "
CREATE INDEX i_month ON incident (strftime('%Y-%m', received_at), category) $V;
CREATE INDEX i_hour ON incident (strftime('%H', received_at)) $V;
CREATE INDEX i_village ON incident (village, strftime('%H', received_at)) $V;
CREATE INDEX i_day ON incident (strftime('%Y-%m-%d', received_at)) $V;"
duck=
if python3 -c 'import duckdb' 2>/dev/null; then
	sqlite3 -csv -header "$T/plain.db" 'SELECT * FROM incident' >"$T/plain.csv"
	python3 -c "import duckdb; duckdb.connect('$T/duck.db').execute(
	    \"CREATE TABLE incident AS SELECT * FROM read_csv_auto('$T/plain.csv')\")"
	duck=1
else
	echo "DuckDB: the Python wheel is not installed (pip install duckdb); its column is left empty"
fi
echo "$ROWS incidents in $VILLAGES villages, generated in $((gen / 1000)) s;" \
    "median of $RUNS runs, min-max, in ms"

med() {	# FILE: median (min-max) of the numbers in it
	sort -n "$1" | awk '{ a[NR] = $1 } END {
		if (NR == 0) { printf "%16s", "-"; exit }
		printf "%6d (%d-%d)", a[int((NR + 1) / 2)], a[1], a[NR] }'
}

run() {	# FILE CMD...: time the command once, appending ms to FILE
	f=$1
	shift
	a=$(now)
	"$@" >/dev/null 2>"$T/err" || [ $? -eq 1 ] || { cat "$T/err" >&2; exit 1; }
	b=$(now)
	ms "$a" "$b" >>"$f"
}

printf '%-36s %18s %18s %18s %18s %7s\n' 'incident-stats' beat 'sqlite3 naive' \
    'sqlite3 indexed' DuckDB 'ratio'
row() {	# MODE SQL: beat's incident-stats MODE beside SQL in the shells
	rm -f "$T"/t.*
	: >"$T/t.duck"
	i=0
	while [ $i -lt "$RUNS" ]; do
		# shellcheck disable=SC2086
		run "$T/t.beat" incident-stats $1
		run "$T/t.naive" sqlite3 "$T/plain.db" "$2"
		run "$T/t.idx" sqlite3 "$T/idx.db" "$2"
		[ -z "$duck" ] || run "$T/t.duck" python3 -c "import duckdb
duckdb.connect('$T/duck.db', read_only=True).execute(\"\"\"$2\"\"\").fetchall()"
		i=$((i + 1))
	done
	bm=$(sort -n "$T/t.beat" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	nm=$(sort -n "$T/t.naive" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
	printf '%-36s %18s %18s %18s %18s %7s\n' "$1" "$(med "$T/t.beat")" \
	    "$(med "$T/t.naive")" "$(med "$T/t.idx")" "$(med "$T/t.duck")" \
	    "$(awk -v b="$bm" -v n="$nm" 'BEGIN { printf "%.3f", n ? b / n : 0 }')"
}
row '--by month' "SELECT strftime('%Y-%m', received_at), count(*) FROM incident $V GROUP BY 1"
row '--by month,category' "SELECT strftime('%Y-%m', received_at), category, count(*)
	FROM incident $V GROUP BY 1, 2"
row '--by week' "SELECT strftime('%Y-W%W', received_at), count(*) FROM incident $V GROUP BY 1"
row '--by day' "SELECT strftime('%Y-%m-%d', received_at), count(*) FROM incident $V GROUP BY 1"
row '--by weekday' "SELECT strftime('%w', received_at), count(*) FROM incident $V GROUP BY 1"
row '--by hour' "SELECT strftime('%H', received_at), count(*) FROM incident $V GROUP BY 1"
row '--by category --all' "SELECT category, count(*) FROM incident GROUP BY 1"
row '--by village' "SELECT village, count(*) FROM incident $V GROUP BY 1"
row '--by village,hour' "SELECT village, strftime('%H', received_at), count(*)
	FROM incident $V GROUP BY 1, 2"
row '--by hour --from 2020-01-01' "SELECT strftime('%H', received_at), count(*)
	FROM incident $V AND received_at >= '2020-01-01' GROUP BY 1"
row '--by day,hour --from 2024-01-01' "SELECT strftime('%Y-%m-%d', received_at),
	strftime('%H', received_at), count(*) FROM incident $V
	AND received_at >= '2024-01-01' GROUP BY 1, 2"
row '--compare 2024-06' "SELECT strftime('%Y-%m', received_at), count(*) FROM incident $V
	AND (received_at >= '2023-01-01' AND received_at < '2023-07-01'
	OR received_at >= '2024-01-01' AND received_at < '2024-07-01') GROUP BY 1"
row '--trend' "SELECT strftime('%Y', received_at), count(*) FROM incident $V GROUP BY 1"
row '--hotspots 10' "SELECT village, strftime('%H', received_at), count(*) FROM incident $V
	AND village IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 10"

rm -f "$T"/t.*
i=0
while [ $i -lt "$RUNS" ]; do
	run "$T/t.rep" report-monthly --month 2024-11
	i=$((i + 1))
done
printf '%-36s %18s\n' 'report-monthly --month 2024-11' "$(med "$T/t.rep")"

# Start-up: a hundred runs at a time, so the figure is per run in us.
BEAT_DB="$T/empty.db" db-init -q
sqlite3 "$T/empty.db" 'PRAGMA journal_mode' >/dev/null
many() {	# FILE CMD...: a hundred runs of CMD, appending us per run to FILE
	f=$1
	shift
	a=$(now)
	j=0
	while [ $j -lt 100 ]; do
		"$@" >/dev/null 2>&1 || true
		j=$((j + 1))
	done
	b=$(now)
	echo $((($b - $a) / 100000)) >>"$f"
}
i=0
while [ $i -lt "$RUNS" ]; do
	many "$T/t.true" /bin/true
	many "$T/t.sq" sqlite3 "$T/empty.db" 'select 1'
	many "$T/t.cl" env BEAT_DB="$T/empty.db" case-list
	i=$((i + 1))
done
printf '%-36s %18s us\n' 'start-up: /bin/true' "$(med "$T/t.true")" \
    "start-up: sqlite3 db 'select 1'" "$(med "$T/t.sq")" \
    'start-up: case-list (empty database)' "$(med "$T/t.cl")"
if command -v strace >/dev/null 2>&1; then
	n=$(BEAT_DB="$T/empty.db" strace -f -o "$T/st" case-list >/dev/null 2>&1 || true
	    grep -c . "$T/st")
	s=$(strace -f -o "$T/st" sqlite3 "$T/empty.db" 'select 1' >/dev/null 2>&1
	    grep -c . "$T/st")
	printf '%-36s %18s\n' 'system calls: case-list' "$n" "system calls: sqlite3 'select 1'" "$s"
fi
printf '%-36s %18s\n' 'database size' "$(du -h "$BEAT_DB" | cut -f1)"
exit 0
