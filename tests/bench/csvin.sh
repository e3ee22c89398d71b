#!/bin/sh
# The CSV reader on a generated dispatch export of $BENCH_ROWS rows (1M),
# in UTF-8 and in GB18030, beside sqlite3's own .import of the same files.
# sqlite3 also parses and stores every row in a table, so it does more
# than the reader; it is a yardstick, not a rival.  Prints figures only.
set -eu
: "${BEAT_BENCH:?run through make bench}"
rows=${BENCH_ROWS:-1000000}
d=$(mktemp -d "${TMPDIR:-/tmp}/beat-bench.XXXXXX")
trap 'rm -rf "$d"' EXIT

# Chinese headers and text, a quoted field with a comma, one with a newline
# every thousandth row: what a 110 export looks like.
awk -v n="$rows" 'BEGIN {
	print "警情编号,接警时间,警情类别,是否有效,所属村社,发生地点,简要案情"
	split("红星村 青山村 白云村 绿水村 石桥村 新华社区", v, " ")
	split("dispute public_order traffic help fire criminal tip other", c, " ")
	for (i = 1; i <= n; i++) {
		s = (i % 1000 == 0) ? "\"报警人称邻居占用宅基地，\n双方发生争执\"" \
		    : "\"报警人称与邻居因宅基地界线发生纠纷, 请求出警\""
		printf "J2024%08d,2024-%02d-%02d %02d:%02d:00,%s,%s,%s,%s%d号,%s\n",
		    i, i % 12 + 1, i % 28 + 1, i % 24, i % 60, c[i % 8 + 1],
		    (i % 7 ? "是" : "否"), v[i % 6 + 1], v[i % 6 + 1], i % 300, s
	}
}' >"$d/utf8.csv"
iconv -f UTF-8 -t GB18030 "$d/utf8.csv" >"$d/gb18030.csv"

ms() { date +%s%N | cut -c1-13; }
# Detection reads a regular file once before reading it for real: the
# forced encoding shows what that costs.
"$BEAT_BENCH/csvread" -e utf-8 "$d/utf8.csv" | sed 's/^csvread/csvread -e utf-8/'
for f in utf8 gb18030; do
	"$BEAT_BENCH/csvread" "$d/$f.csv"
	mb=$(($(wc -c <"$d/$f.csv") / 1000000))
	t0=$(ms)
	sqlite3 :memory: ".import --csv $d/$f.csv t" "SELECT count(*) FROM t" >/dev/null
	t1=$(ms)
	awk -v f="$d/$f.csv" -v r="$rows" -v ms=$((t1 - t0)) -v mb="$mb" 'BEGIN {
		s = ms / 1000; if (s == 0) s = 0.001
		printf "sqlite3 .import --csv %s: %d rows, %d MB: %.2f s, %.0f rows/s, %.1f MB/s\n",
		    f, r, mb, s, r / s, mb / s }'
done
