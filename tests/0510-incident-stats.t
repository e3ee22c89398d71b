#!/bin/sh
# incident-stats: counts by keys, zero periods, --compare, --trend, --hotspots, formats.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 60

db-init -q
check_exit 'an empty database counts nothing: 1' 1 'incident-stats'
check_out 'and prints only the header' 'month	count' 'incident-stats || [ $? -eq 1 ]'
check_exit '--trend of nothing: 1' 1 'incident-stats --trend'
check_exit '--hotspots of nothing: 1' 1 'incident-stats --hotspots 3'

# Ten hand-placed calls in 2022; the rest, at 10:00 in 红星村, by month.
cat >s.csv <<'EOF'
dispatch_no,received_at,category,valid,village,summary,invalid_reason,related
S1,2022-11-07 08:00,dispute,1,红星村,,,
S2,2022-11-07 08:30,dispute,1,红星村,,,
S3,2022-11-13 08:10,traffic,1,青山村,,,
S4,2022-11-14 07:05,public_order,1,青山村,,,
S5,2022-12-05 08:00,dispute,1,红星村,,,
S6,2022-12-06 10:00,fire,1,白云村,,,
S7,2022-12-06 10:30,fire,1,白云村,,,
S8,2022-12-20 10:00,help,1,,,,
S9,2022-12-26 21:15,public_order,1,青山村,,,
S10,2022-12-31 21:00,public_order,1,青山村,,,
X1,2024-03-01 10:30,public_order,0,红星村,,重复报警,
X2,2024-03-01 11:00,public_order,0,红星村,群众重复报警,,
X3,2024-03-01 11:30,public_order,1,红星村,,,G-2024-03-1
M1,2024-03-05 12:00,other,0,青山村,,误拨,
M2,2024-03-05 12:00,other,0,青山村,,误拨,
M3,2024-03-05 12:00,other,0,青山村,,误拨,
M4,2024-03-05 12:00,other,0,青山村,,误拨,
EOF
for mn in 2023-01:20 2023-03:16 2023-06:9 2024-01:25 2024-02:30 2024-03:36; do
	m=${mn%:*} n=${mn#*:}
	awk -v m="$m" -v n="$n" 'BEGIN { for (i = 1; i <= n; i++)
		printf "G-%s-%d,%s-%02d 10:00,public_order,1,红星村,,,\n", m, i, m, (i - 1) % 28 + 1 }'
done >>s.csv
incident-import -q s.csv 2>/dev/null
check_out 'the three repeats of March 2024 are linked (the fixture is right)' '3' \
	'sq "SELECT count(*) FROM incident WHERE duplicate_of IS NOT NULL"'

check_out 'valid first calls by month; months without any print 0' \
'month	count
2022-11	4
2022-12	6
2023-01	20
2023-02	0
2023-03	16
2023-04	0
2023-05	0
2023-06	9
2023-07	0
2023-08	0
2023-09	0
2023-10	0
2023-11	0
2023-12	0
2024-01	25
2024-02	30
2024-03	36' 'incident-stats'
check_same '--by month is the default' 'incident-stats' 'incident-stats --by month'
check_out '--all counts invalid calls and repeats too' 'month	count
2024-03	43' 'incident-stats --all --from 2024-03-01'
check_out '--from and --to are whole days, both included' 'month	count
2022-12	1' 'incident-stats --from 2022-12-31 --to 2022-12-31'
check_out 'a zero month inside the range' 'month	count
2023-01	20
2023-02	0
2023-03	16' 'incident-stats --from 2023-01-01 --to 2023-03-31'
check_exit 'nothing in the range: 1' 1 'incident-stats --from 2030-01-01'
check_out 'and only the header' 'month	count' 'incident-stats --from 2030-01-01 || [ $? -eq 1 ]'

# Weeks are ISO weeks: 2023-01-01, a Sunday, is in 2022-W52.
check_out '--by week, weeks without any print 0' 'week	count
2022-W45	3
2022-W46	1
2022-W47	0
2022-W48	0
2022-W49	3
2022-W50	0
2022-W51	1
2022-W52	2' 'incident-stats --by week --to 2022-12-31'
check_out 'a week across the new year belongs to the year of its Thursday' 'week	count
2022-W52	3
2023-W01	7' 'incident-stats --by week --from 2022-12-26 --to 2023-01-08'
check_out '--by weekday, Monday 1, every day printed' 'weekday	count
1	5
2	3
3	0
4	0
5	0
6	1
7	1' 'incident-stats --by weekday --to 2022-12-31'
check_out '--by hour, every hour printed' "hour	count
$(for h in 00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23; do
	case $h in 07) n=1 ;; 08) n=4 ;; 10) n=3 ;; 21) n=2 ;; *) n=0 ;; esac
	printf '%s\t%s\n' $h $n
done)" 'incident-stats --by hour --to 2022-12-31'
check_out '--by day, days without any print 0' 'day	count
2022-12-05	1
2022-12-06	2
2022-12-07	0' 'incident-stats --by day --from 2022-12-05 --to 2022-12-20 | head -4'
check_out 'from the first to the last day of the selection' '16 2022-12-20	1' \
	'incident-stats --by day --from 2022-12-05 --to 2022-12-20 | { n=0; while read -r l; do n=$((n + 1)); last=$l; done; printf "%s %s\n" $((n - 1)) "$last"; }'
check_out '--by category, by code' 'category	count
dispute	3
fire	2
help	1
public_order	3
traffic	1' 'incident-stats --by category --to 2022-12-31'
check_out '--by village, calls without a village last' 'village	count
白云村	2
红星村	3
青山村	4
	1' 'incident-stats --by village --to 2022-12-31'
check_out '--by month,category: the keys in order, then count' 'month	category	count
2022-11	dispute	2
2022-11	public_order	1
2022-11	traffic	1
2022-12	dispute	1
2022-12	fire	2
2022-12	help	1
2022-12	public_order	2' 'incident-stats --by month,category --to 2022-12-31'
check_out '--by category,month sorts by category first' 'category	month	count
dispute	2022-11	2
dispute	2022-12	1
fire	2022-12	2' 'incident-stats --by category,month --to 2022-12-31 | head -4'
check_out '--by week,weekday folds days into both' 'week	weekday	count
2022-W45	1	2
2022-W45	7	1
2022-W46	1	1' 'incident-stats --by week,weekday --to 2022-11-30'

# CompStat: 36 against 30 and 16; Jan-Mar 91 against 36.
# z = 2(sqrt 36 - sqrt 30) = 1.05; 2(6 - 4) = 4.00; 2(sqrt 91 - 6) = 7.08.
check_out '--compare MONTH: percent with one decimal and z with two' \
'measure	current	previous	change	pct_change	z
month_vs_previous	36	30	6	20.0	1.05
month_vs_last_year	36	16	20	125.0	4.00
ytd_vs_last_year	91	36	55	152.8	7.08' 'incident-stats --compare 2024-03'
# Scripts read the numbers: a locale with a decimal comma must not change them.
mkdir -p "$T/loc"
if localedef -i de_DE -f UTF-8 "$T/loc/de_DE.UTF-8" >/dev/null 2>&1; then
	check_out 'z keeps its decimal point under a decimal-comma locale' '1.05 4.00 7.08' \
		"LOCPATH='$T/loc' LC_ALL=de_DE.UTF-8 incident-stats --compare 2024-03 --no-header |
		    cut -f 6 | paste -sd ' ' -"
else
	check 'z keeps its decimal point under a decimal-comma locale # SKIP no localedef' true
fi
# 43/30: 43.3%, 2(sqrt 43 - sqrt 30) = 2.16; 27/16 = 168.75% rounds to 168.8.
check_out '--compare --all counts every call' \
'measure	current	previous	change	pct_change	z
month_vs_previous	43	30	13	43.3	2.16
month_vs_last_year	43	16	27	168.8	5.11
ytd_vs_last_year	98	36	62	172.2	7.80' 'incident-stats --compare 2024-03 --all'
# January against December; nothing a year before: no percent, z = 2 sqrt 20.
check_out 'the month before January is December; no percent from zero' \
'measure	current	previous	change	pct_change	z
month_vs_previous	20	6	14	233.3	4.05
month_vs_last_year	20	0	20		8.94
ytd_vs_last_year	20	0	20		8.94' 'incident-stats --compare 2023-01'
check_out 'falls are negative' \
'measure	current	previous	change	pct_change	z
month_vs_previous	0	20	-20	-100.0	-8.94' 'incident-stats --compare 2023-02 | head -2'
check_out 'in JSON, an empty percent is null' \
'[
{"measure":"month_vs_previous","current":20,"previous":6,"change":14,"pct_change":233.3,"z":4.05},
{"measure":"month_vs_last_year","current":20,"previous":0,"change":20,"pct_change":null,"z":8.94},
{"measure":"ytd_vs_last_year","current":20,"previous":0,"change":20,"pct_change":null,"z":8.94}
]' 'incident-stats --compare 2023-01 -f json'
check_exit '--compare of months without incidents: 1' 1 'incident-stats --compare 2031-05'

# 2022 has two months in the data, 2024 three: 10/2, 45/12 = 3.75, 91/3.
check_out '--trend: monthly average over the months inside the data' \
'year	count	months	monthly_avg
2022	10	2	5.0
2023	45	12	3.8
2024	91	3	30.3' 'incident-stats --trend'
check_out '--trend within --from and --to' 'year	count	months	monthly_avg
2023	45	6	7.5' 'incident-stats --trend --from 2023-01-01 --to 2023-12-31'

check_out '--hotspots N: the N largest, ties by village then hour, no village left out' \
'village	hour	count
红星村	08	3
白云村	10	2
青山村	21	2
青山村	07	1' 'incident-stats --hotspots 4 --to 2022-12-31'
check_out 'and one more' '青山村	08	1' 'incident-stats --hotspots 5 --to 2022-12-31 | tail -1'

# The tallies (schema 3) against a recount from the incidents themselves,
# after inserts, updates and deletes made behind beat's back.
C='CASE WHEN valid = 1 AND duplicate_of IS NULL THEN 1 ELSE 0 END'
NV='CASE WHEN village IS NULL THEN 1 ELSE 0 END'
recount() (	# [DB]: rows of the tallies a recount does not have, and back
	[ $# -eq 0 ] || BEAT_DB=$1
	sq "
	WITH d AS (SELECT substr(received_at, 1, 10) AS day, category, count(*) AS n,
	    sum($C) AS c, sum(CASE WHEN duplicate_of IS NOT NULL THEN 1 ELSE 0 END) AS r
	    FROM incident GROUP BY 1, 2),
	h AS (SELECT substr(received_at, 1, 7) AS month, substr(received_at, 12, 2) AS hour,
	    category, count(*) AS n, sum($C) AS c
	    FROM incident GROUP BY 1, 2, 3),
	v AS (SELECT substr(received_at, 1, 7) AS month, coalesce(village, '') AS village,
	    $NV AS novillage, substr(received_at, 12, 2) AS hour, category,
	    count(*) AS n, sum($C) AS c FROM incident
	    GROUP BY 1, 2, 3, 4, 5),
	p AS (SELECT coalesce(village, '') AS village, $NV AS novillage,
	    substr(received_at, 12, 2) AS hour, category, count(*) AS n,
	    sum($C) AS c FROM incident GROUP BY 1, 2, 3, 4)
	SELECT (SELECT count(*) FROM (SELECT day, category, n, c, r FROM incident_tally_day
	    WHERE n > 0 EXCEPT SELECT * FROM d) AS x)
	+ (SELECT count(*) FROM (SELECT * FROM d EXCEPT SELECT * FROM incident_tally_day) AS x)
	+ (SELECT count(*) FROM (SELECT month, hour, category, n, c FROM incident_tally_hour
	    WHERE n > 0 EXCEPT SELECT * FROM h) AS x)
	+ (SELECT count(*) FROM (SELECT * FROM h EXCEPT SELECT * FROM incident_tally_hour) AS x)
	+ (SELECT count(*) FROM (SELECT month, village, novillage, hour, category, n, c
	    FROM incident_tally WHERE n > 0 EXCEPT SELECT * FROM v) AS x)
	+ (SELECT count(*) FROM (SELECT * FROM v EXCEPT SELECT * FROM incident_tally) AS x)
	+ (SELECT count(*) FROM (SELECT village, novillage, hour, category, n, c
	    FROM incident_tally_place WHERE n > 0 EXCEPT SELECT * FROM p) AS x)
	+ (SELECT count(*) FROM (SELECT * FROM p EXCEPT SELECT * FROM incident_tally_place) AS x)
	+ (SELECT count(*) FROM incident_tally_place WHERE c < 0 OR c > n)
	+ (SELECT count(*) FROM incident_tally_day WHERE c < 0 OR c > n OR r < 0 OR c + r > n)
	+ (SELECT count(*) FROM incident_tally_hour WHERE c < 0 OR c > n)
	+ (SELECT count(*) FROM incident_tally WHERE c < 0 OR c > n)"
)
check_out 'the tallies hold what a recount finds' 0 'recount'
main=$BEAT_DB
use_db rand
rand=$BEAT_DB
db-init -q && incident-import -q s.csv 2>/dev/null
BEAT_DB=$main
# Random changes in SQL both engines take: the rows and times are drawn
# here, and the seed printed, so that a failure can be made again.
seed=${BEAT_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "# random changes with BEAT_SEED=$seed"
awk -v seed="$seed" 'function r(n) { return int(rand() * n) }
function some(k,  s, i) {	# k ids of the 600 at most, as a list
	s = ""; for (i = 0; i < k; i++) s = s (i ? ", " : "") (1 + r(600)); return s }
BEGIN { srand(seed)
	cat[0] = "'\''dispute'\''"; cat[1] = "'\''fire'\''"; cat[2] = "'\''other'\''"
	for (i = 1; i <= 400; i++) {
		y = 2022 + r(3); m = y == 2022 ? 10 + r(3) : 1 + r(y == 2024 ? 7 : 12)
		v = r(4); v = v == 0 ? "NULL" : v == 1 ? "'\'''\''" : "'\''村" r(5) "'\''"
		printf "INSERT INTO incident (dispatch_no, received_at, category, valid, village)"
		printf " VALUES ('\''R%d'\'', '\''%04d-%02d-%02d %02d:%02d:%02d'\'', %s, %d, %s);\n",
		    i, y, m, 1 + r(28), r(24), r(60), r(60), cat[r(3)], (r(4) > 0), v }
	print "UPDATE incident SET duplicate_of = (SELECT min(id) FROM incident) WHERE id IN (" some(120) ");"
	for (i = 0; i < 150; i++)
		printf "UPDATE incident SET received_at = substr(received_at, 1, 8) || '\''%02d %02d'\'' || substr(received_at, 14) WHERE id = %d;\n", 1 + r(28), r(24), 1 + r(600)
	print "UPDATE incident SET category = '\''help'\'', valid = 1 - valid WHERE id IN (" some(150) ");"
	print "UPDATE incident SET village = NULL WHERE id IN (" some(50) ");"
	print "UPDATE incident SET village = '\'''\'' WHERE id IN (" some(50) ");"
	print "UPDATE incident SET village = '\''村9'\'' WHERE id IN (" some(50) ");"
	print "UPDATE incident SET duplicate_of = NULL WHERE id IN (" some(200) ");"
	print "UPDATE incident SET summary = '\''改'\'', dispatch_no = dispatch_no || '\''x'\'' WHERE id IN (" some(150) ");"
	print "DELETE FROM incident WHERE id IN (" some(120) ") AND id NOT IN"
	print "    (SELECT duplicate_of FROM incident WHERE duplicate_of IS NOT NULL);" }' >rand.sql ||
	rm -f rand.sql
check_out 'and after random inserts, updates and deletes' 0 \
	'[ -s rand.sql ] && BEAT_DB=$rand sq "$(cat rand.sql)" >/dev/null && recount "$rand"'
check_same '--by category --all counts every call' \
	'incident-stats -d "$rand" --by category --all --no-header' \
	'BEAT_DB=$rand sq "SELECT category, count(*) FROM incident GROUP BY 1 ORDER BY 1" "	"'
check_same '--by village,hour counts valid first calls, no village last' \
	'incident-stats -d "$rand" --by village,hour --no-header' \
	'BEAT_DB=$rand sq "SELECT village, substr(received_at, 12, 2), count(*)
	    FROM incident WHERE valid = 1 AND duplicate_of IS NULL GROUP BY 1, 2
	    ORDER BY $NV, 1, 2" "	"'
check_same 'and so do --by hour,village within days inside months' \
	'incident-stats -d "$rand" --by hour,village --from 2023-01-02 --to 2024-02-27 --no-header' \
	'BEAT_DB=$rand sq "SELECT substr(received_at, 12, 2), village, count(*)
	    FROM incident WHERE valid = 1 AND duplicate_of IS NULL
	    AND received_at >= '\''2023-01-02'\'' AND received_at < '\''2024-02-28'\''
	    GROUP BY 1, 2 ORDER BY 1, $NV, 2" "	"'

# A database of schema 2 holding incidents: db-init upgrades it and counts them.
if on_pg; then
	for t in 'a schema 2 database is refused' 'db-init upgrades it' \
	    'and its tallies hold what a recount finds' 'which incident-stats prints'; do
		check "$t # SKIP PostgreSQL has no schema 2 to upgrade from" true
	done
else
	cp "$BEAT_DB" "$T/stats.db"
	sqlite3 "$T/stats.db" "DROP TRIGGER incident_tally_insert; DROP TRIGGER incident_tally_update;
	DROP TRIGGER incident_tally_delete; DROP TABLE incident_tally_day;
	DROP TABLE incident_tally_hour; DROP TABLE incident_tally; DROP TABLE incident_tally_place;
	UPDATE incident SET valid = 0 WHERE dispatch_no = 'S1'; PRAGMA user_version = 2"
	# and what schema 5 changed, the indexes on closing, visits and sessions
	sqlite3 "$T/stats.db" "DROP INDEX dispute_closed; DROP INDEX followup_dispute_at; DROP INDEX session_at;
	CREATE INDEX followup_dispute ON followup (dispute_id)"
	# and what schema 4 added, the station's code
	sqlite3 "$T/stats.db" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_schema
	    WHERE type = 'index' AND name LIKE '%\\_station\\_%' ESCAPE '\\'
	    UNION ALL SELECT 'ALTER TABLE ' || m.name || ' DROP COLUMN station;'
	    FROM sqlite_schema m, pragma_table_info(m.name) p
	    WHERE m.type = 'table' AND p.name = 'station'" | sqlite3 "$T/stats.db"
	check_exit 'a schema 2 database is refused' 65 'incident-stats -d "$T/stats.db"'
	check_err 'db-init upgrades it' 0 "db-init: $T/stats.db: upgraded from schema version 2 to 5" \
		'db-init -d "$T/stats.db"'
	check_out 'and its tallies hold what a recount finds' 0 'recount "$T/stats.db"'
	check_out 'which incident-stats prints' '2022-11	3' 'incident-stats -d "$T/stats.db" --to 2022-11-30 --no-header'
fi

# Formats.
check_out '-f csv with CRLF line ends' 'category,count\r
fire,2\r' 'incident-stats -f csv --by category --from 2022-12-06 --to 2022-12-06 | sed "s/\r/\\\\r/"'
check_out '-f json: keys as text, counts as numbers, no village as null' '[
{"village":"白云村","count":2},
{"village":null,"count":1}
]' 'incident-stats -f json --by village --from 2022-12-06 --to 2022-12-20'
check_out '--no-header' '2022-11	4' 'incident-stats --no-header --to 2022-11-30'
check_out '-f table aligns the columns' 'month    count
2022-11      4' 'incident-stats -f table --to 2022-11-30'

# Usage.
check_exit 'an unknown key is a usage error' 64 'incident-stats --by year'
check 'naming the keys' 'grep -q "unknown key .year. (month, week" "$T/err"'
check_exit 'a key twice is a usage error' 64 'incident-stats --by month,month'
check_exit '--compare with a bad month' 64 'incident-stats --compare 2024-13'
check_exit '--compare with --from' 64 'incident-stats --compare 2024-03 --from 2024-01-01'
check_exit '--by with --trend' 64 'incident-stats --by month --trend'
check_exit '--from after --to' 64 'incident-stats --from 2024-02-01 --to 2024-01-31'
check_exit '--hotspots 0' 64 'incident-stats --hotspots 0'
check_exit 'a bad date' 64 'incident-stats --from 2024-02-30'
check 'naming the option' "grep -qx \"incident-stats: --from: '2024-02-30' is not a date\" '$T/err'"
check_exit 'a bad --to' 64 'incident-stats --to 2024-1-32'
check 'naming it too' "grep -qx \"incident-stats: --to: '2024-1-32' is not a date\" '$T/err'"
check_exit 'an operand' 64 'incident-stats month'

done_testing
