#!/bin/sh
# report-forms: the three forms of a small hand-made station, recounted with case-list and incident-stats.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 52
export BEAT_NOW='2024-07-02 09:00'

skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # skip $1"; }
# row FILE KEY: the TSV row of KEY in FILE, tabs as spaces.
row() { awk -F '\t' -v k="$2" '$1 == k' "$1" | tr '\t' ' '; }

check_out "--help names html among the formats" \
	'  -f, --format FMT            output format: table, tsv, csv, json or html' \
	'report-forms --help | grep -e "--format"'
# A database that does not exist: on PostgreSQL the test's own is there, empty.
if on_pg; then
	nodb="postgresql:///${pgdb}_none?host=$BEAT_TEST_PGHOST&user=beat"
else
	nodb=$BEAT_DB
fi
check_exit "no database: 66" 66 'BEAT_DB=$nodb report-forms --period 2024-06 --form mediation'
check "a small station" 'mini_station'
check_exit "no --period: 64" 64 'report-forms --form mediation'
check_exit "no --form: 64" 64 'report-forms --period 2024-06'
check_exit "a month 13: 64" 64 'report-forms --period 2024-13 --form mediation'
check_exit "a fifth quarter: 64" 64 'report-forms --period 2024-Q5 --form police'
check_exit "a date is not a period: 64" 64 'report-forms --period 2024-06-01 --form police'
check_exit "an unknown form: 64" 64 'report-forms --period 2024 --form patrols'
check_exit "an unknown format: 64" 64 'report-forms --period 2024 --form police -f pdf'
check_exit "--bom without csv: 64" 64 'report-forms --period 2024 --form police -f html --bom'

# June 2024 (10 June is the Dragon Boat holiday, so police deadlines skip it).
# c1 neighbor: police session next day, agreed, resolved with a written
#   agreement, a fight prevented for 3 persons, visited after.
# c2 neighbor: police session two weeks late, failed, escalated.
# c3 wages from May: first police session in May, the second in June agreed;
#   resolved with an oral agreement, a petition of 12 prevented.
# c4 family: registered and withdrawn in June.  c5 family: 1 July.
add() { case-add --village "$1" --type "$2" --summary "$3" --at "$4"; }
check "the cases" '
	c1=$(add 红星村 neighbor 排水沟 2024-06-03) &&
	c2=$(add 青山村 neighbor 噪音 2024-06-11) &&
	c3=$(add 红星村 wages 欠薪 2024-05-28) &&
	c4=$(add 红星村 family 家务 "2024-06-28 18:00") &&
	c5=$(add 青山村 family 赡养 2024-07-01) &&
	case-mediate -q "$c1" --outcome agreed --recovered 1000 --at 2024-06-04 &&
	case-close -q "$c1" --outcome resolved --agreement 赔偿 --prevented fight --persons 3 --at 2024-06-05 &&
	case-close -q "$c1" --followup 已履行 --at 2024-06-20 &&
	case-mediate -q "$c2" --outcome failed --at 2024-06-25 &&
	case-escalate -q "$c2" --to township --reason 未果 --at 2024-06-26 &&
	case-mediate -q "$c3" --outcome partial --recovered 500 --at 2024-05-29 &&
	case-mediate -q "$c3" --outcome agreed --recovered 2500.50 --at 2024-06-03 &&
	case-close -q "$c3" --outcome resolved --oral --agreement 分期支付 --prevented petition --persons 12 --at 2024-06-12 &&
	case-close -q "$c4" --outcome withdrawn --at 2024-06-29'

check "mediation form of June" 'report-forms --period 2024-06 --form mediation -f tsv > m.tsv'
check_out "its header: the columns of SPEC 4.2" \
	"type accepted resolved success_pct written oral performed persons amount_yuan prevented_suicide prevented_criminal prevented_fight prevented_petition" \
	'head -1 m.tsv | tr "\t" " "'
check_out "neighbor: 2 accepted, 1 resolved, written, performed, 3 persons, a fight" \
	"neighbor 2 1 50.0 1 0 1 3 1000.00 0 0 1 0" 'row m.tsv neighbor'
check_out "wages: resolved without a case accepted in June, no percentage; June's money only" \
	"wages 0 1  0 1 0 12 2500.50 0 0 0 1" 'row m.tsv wages'
check_out "family: accepted and withdrawn" "family 1 0 0.0 0 0 0 0 0.00 0 0 0 0" 'row m.tsv family'
check_out "a type with nothing" "land 0 0  0 0 0 0 0.00 0 0 0 0" 'row m.tsv land'
check_out "the total row" "total 3 2 66.7 1 1 1 15 3500.50 0 0 1 1" 'row m.tsv total'
check_out "every dispute type and the total" 16 'sed 1d m.tsv | wc -l'
check_same "accepted recounted with case-list" \
	'row m.tsv total | cut -d " " -f 2' \
	'case-list --status all --since 2024-06-01 --until 2024-06-30 --ids | wc -l'
check_same "accepted of a type recounted with case-list --type" \
	'row m.tsv neighbor | cut -d " " -f 2' \
	'case-list --status all --type neighbor --since 2024-06-01 --until 2024-06-30 --ids | wc -l'
check_same "resolved recounted from the closed cases" \
	'row m.tsv total | cut -d " " -f 3' \
	'sq "SELECT count(*) FROM dispute WHERE outcome = '"'resolved'"' AND closed_at LIKE '"'2024-06-%'"'"'
check_out "a quarter counts May too: accepted, and the money of both months" \
	"total 4 2 50.0 1 1 1 15 4000.50 0 0 1 1" \
	'report-forms --period 2024-Q2 --form mediation | row /dev/stdin total'
check_out "a year counts July too" "total 5" \
	'report-forms --period 2024 --form mediation | row /dev/stdin total | cut -d " " -f 1,2'
check_same "a quarter's accepted is the sum of its months'" \
	'report-forms --period 2024-Q2 --form mediation | row /dev/stdin total | cut -d " " -f 2' \
	'for m in 04 05 06; do report-forms --period 2024-$m --form mediation | row /dev/stdin total; done |
	awk "{ s += \$2 } END { print s }"'

# Police level: c1 on time (due 6 June), c2 late (due 14 June), c3's first
# session was in May, so it is not in June's on-time share.
check "police form of June" 'report-forms --period 2024-06 --form police -f tsv > p.tsv'
check_out "its header" "type mediated agreed failed escalated on_time_pct" 'head -1 p.tsv | tr "\t" " "'
check_out "neighbor: 2 mediated, 1 agreed, 1 failed, 1 escalated, half on time" \
	"neighbor 2 1 1 1 50.0" 'row p.tsv neighbor'
check_out "wages: the second session agreed; its first session was in May" \
	"wages 1 1 0 0 " 'row p.tsv wages'
check_out "total" "total 3 2 1 1 50.0" 'row p.tsv total'
check_out "the quarter: c3's first session was on time" "total 3 2 1 1 66.7" \
	'report-forms --period 2024-Q2 --form police | row /dev/stdin total'

# Incidents: valid first calls by category and month.
cat > inc.csv <<'CSV'
dispatch_no,received_at,category,valid,village,summary,related
J1,2024-04-02 10:00,criminal,1,红星村,盗窃,
J2,2024-04-30 23:59,dispute,1,红星村,邻里,
J3,2024-05-01 00:00,dispute,1,青山村,噪音,
J4,2024-05-01 00:30,dispute,1,青山村,噪音又起,J3
J5,2024-06-15 12:00,traffic,0,青山村,误拨,
J6,2024-06-16 12:00,traffic,1,青山村,剐蹭,
J7,2024-07-01 00:00,help,1,红星村,求助,
J8,2024-03-31 23:59,help,1,红星村,求助,
CSV
check "incidents imported" 'incident-import inc.csv'
check "incidents form of the quarter" 'report-forms --period 2024-Q2 --form incidents > i.tsv'
check_out "its header: one column a month" "category 2024-04 2024-05 2024-06" 'head -1 i.tsv | tr "\t" " "'
check_out "a repeat call counts with its first; an invalid call not" "dispute 1 1 0" 'row i.tsv dispute'
check_out "traffic" "traffic 0 0 1" 'row i.tsv traffic'
check_out "the days either side of the quarter are outside it" "help 0 0 0" 'row i.tsv help'
check_out "total" "total 2 1 1" 'row i.tsv total'
check_same "recounted with incident-stats --by month,category" \
	'grep -v "^total" i.tsv | awk -F "\t" "NR == 1 { split(\$0, m) } NR > 1 { for (i = 2; i <= 4; i++) if (\$i > 0) print m[i] \"\t\" \$1 \"\t\" \$i }" | sort' \
	'incident-stats --by month,category --from 2024-04-01 --to 2024-06-30 --no-header | sort'
check_out "a year has twelve months" 13 'report-forms --period 2024 --form incidents | head -1 | tr "\t" "\n" | wc -l'
check_out "json: numbers are numbers, an undefined share null" \
	'{"type":"wages","mediated":1,"agreed":1,"failed":0,"escalated":0,"on_time_pct":null},' \
	'report-forms --period 2024-06 --form police -f json | grep "\"wages\""'
check "table: labels and headings for people" \
	'report-forms --period 2024-06 --form mediation -f table > m.txt &&
	grep -q "^Dispute type  *Accepted  *Resolved" m.txt && grep -q "^邻里  *2  *1  *50.0 " m.txt &&
	grep -q "^Total  *3  *2  *66.7 " m.txt'
check "under zh_CN in Chinese" \
	'LANGUAGE=zh_CN report-forms --period 2024-06 --form police -f table | head -1 | grep -q "^纠纷类型 "'
check "tsv keeps the codes under zh_CN" \
	'LANGUAGE=zh_CN report-forms --period 2024-06 --form police -f tsv | grep -q "^neighbor	2	1	1	1	50.0\$"'

# The printable page, with the station's name.
check "db-init --station" 'db-init -q --station 厚坝派出所'
check "html to a file" 'report-forms --period 2024-06 --form mediation -f html -o m.html && [ ! -s "$T/out" ]'
check "the page: title with the station, A4, the total row" \
	'grep -q "<h1>厚坝派出所 " m.html && grep -q "2024-06 (2024-06-01 to 2024-06-30)" m.html && grep -q "@page { size: A4" m.html &&
	grep -q "<tr class=\"total\"><td>Total</td><td class=\"n\">3</td>" m.html'
check "labels, not codes, in the rows" 'grep -q "<td>邻里</td>" m.html && ! grep -q "<td>neighbor</td>" m.html'
if command -v chromium >/dev/null 2>&1; then
	check "chromium prints it on one A4 sheet" \
		'timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$T/chrome.XXXXXX")" --no-pdf-header-footer \
		--print-to-pdf="$T/m.pdf" "file://$T/m.html" 2>/dev/null &&
		[ "$(grep -ao "/Type */Pages\{0,1\}" m.pdf | grep -c "Page\$")" -eq 1 ]'
else
	skip "chromium not installed"
fi

# The demo station (make demo), when it has been built: the same recounts.
demo=${BEAT_TOP:-.}/demo/beat.db
if [ -f "$demo" ] && sqlite3 "$demo" ".backup '$T/demo.db'"; then
	demo=$T/demo.db
	check_same "demo: accepted in 2024 recounted with case-list" \
		'report-forms -d "$demo" --period 2024 --form mediation | row /dev/stdin total | cut -d " " -f 2' \
		'case-list -d "$demo" --status all --since 2024-01-01 --until 2024-12-31 --ids | wc -l'
	check_same "demo: incidents of 2024-Q4 recounted with incident-stats" \
		'report-forms -d "$demo" --period 2024-Q4 --form incidents | row /dev/stdin total | tr " " "\n" | sed 1d' \
		'for m in 10 11 12; do incident-stats -d "$demo" --from 2024-$m-01 --to 2024-$m-$([ $m = 11 ] && echo 30 || echo 31) --by category --no-header | awk -F "\t" "{ s += \$2 } END { print s + 0 }"; done'
else
	skip "no demo/beat.db (make demo)"
	skip "no demo/beat.db (make demo)"
fi
done_testing
