#!/bin/sh
# Times incident-import and incident-stats on a million generated rows,
# beside the sqlite3 shell doing the same work (.import into a plain
# table, then a GROUP BY).  Prints figures; asserts nothing.
set -e
: "${BEAT_BIN:?run through make bench}"
PATH=$BEAT_BIN:$PATH
ROWS=${ROWS:-1000000}
T=$(mktemp -d "${TMPDIR:-/tmp}/beat-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8 BEAT_DB="$T/beat.db" T

# Ten years of calls from 30 villages, one in ten invalid, one in forty a
# repeat of the call before it.
awk -v n="$ROWS" 'BEGIN {
	split("criminal public_order dispute traffic fire help tip other", cat, " ")
	split("治安 纠纷 交通事故 求助 刑事 火警 举报 其他", label, " ")
	print "警情编号,接警时间,警情类别,是否有效,所属村社,发生地点,简要案情,处警民警,关联警情,无效原因"
	srand(1)
	for (i = 1; i <= n; i++) {
		t = int(i * 315360000 / n)
		d = int(t / 86400); s = t % 86400
		y = 2014 + int(d / 365); doy = d % 365
		m = int(doy / 31) + 1; if (m > 12) m = 12
		dd = doy % 28 + 1
		v = (i % 10 == 0) ? "否" : "是"
		rel = (i % 40 == 0) ? sprintf("J%08d", i - 1) : ""
		why = (i % 10 == 0) ? "误拨" : ""
		printf "J%08d,%d-%02d-%02d %02d:%02d:%02d,%s,%s,第%d村,第%d村%d组,\"群众报警称,%s\",民警%d,%s,%s\n",
		    i, y, m, dd, int(s / 3600), int(s / 60) % 60, s % 60, label[i % 8 + 1], v,
		    i % 30 + 1, i % 30 + 1, i % 7 + 1, label[i % 8 + 1], i % 10 + 1, rel, why
	}
}' >"$T/calls.csv"
size=$(wc -c <"$T/calls.csv")

secs() {	# CMD: run it, print the wall time in seconds
	a=$(date +%s.%N)
	sh -c "$1" >/dev/null 2>"$T/err" || { cat "$T/err" >&2; exit 1; }
	b=$(date +%s.%N)
	echo "$a $b" | awk '{ printf "%.2f", $2 - $1 }'
}

db-init -q
# Memory must stay flat however long the file: GNU time shows the peak.
rss=
if /usr/bin/time -f %M true >/dev/null 2>&1; then
	imp=$(secs '/usr/bin/time -f %M -o "$T/rss" incident-import -q "$T/calls.csv"')
	rss="$(cat "$T/rss") KB"
else
	imp=$(secs 'incident-import -q "$T/calls.csv"')
fi
sum=$(cat "$T/err")
again=$(secs 'incident-import -q "$T/calls.csv"')
stats=$(secs 'incident-stats --by month')
allst=$(secs 'incident-stats --by month --all')
week=$(secs 'incident-stats --by week')
cmp=$(secs 'incident-stats --compare 2020-06')
trend=$(secs 'incident-stats --trend')
hot=$(secs 'incident-stats --hotspots 10')

printf '.mode csv\n.import %s/calls.csv calls\n' "$T" >"$T/import.sql"
shimp=$(secs 'sqlite3 "$T/plain.db" <"$T/import.sql"')
shst=$(secs "sqlite3 \"\$T/plain.db\" \"SELECT substr(\\\"接警时间\\\", 1, 7), count(*) FROM calls GROUP BY 1 ORDER BY 1\"")

echo "$ROWS rows, $size bytes ($sum)"
awk -v r="$ROWS" -v a="$imp" -v b="$shimp" 'BEGIN {
	printf "%-44s %7.2f s %9.0f rows/s\n", "incident-import", a, r / a
	printf "%-44s %7.2f s %9.0f rows/s\n", "sqlite3 .import (plain table, no checks)", b, r / b }'
printf '%-44s %7.2f s\n' 'incident-import again (all skipped)' "$again" \
	'incident-stats --by month' "$stats" 'incident-stats --by month --all' "$allst" \
	'incident-stats --by week' "$week" 'incident-stats --compare 2020-06' "$cmp" \
	'incident-stats --trend' "$trend" 'incident-stats --hotspots 10' "$hot" \
	'sqlite3 GROUP BY month (plain table)' "$shst"
printf '%-44s %7s\n' 'database size' "$(du -h "$BEAT_DB" | cut -f1)"
[ -n "$rss" ] && printf '%-44s %7s\n' 'incident-import peak memory' "$rss"
exit 0
