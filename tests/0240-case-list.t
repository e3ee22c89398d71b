#!/bin/sh
# case-list: filters, columns, formats, the overdue and escalate-due rules.
. "${BEAT_TOP:-.}/tests/lib.sh"
. "${BEAT_TOP:-.}/tests/cases.sh"
plan 85

export BEAT_NOW='2024-03-10 09:00'
esc=$(printf '\033[2J')
station
c1=$(newcase 红星村 neighbor '2024-03-04 10:00:00' 漏水)
c2=$(newcase 青山村 wages '2024-03-01 08:00:00' 欠薪)
c3=$(newcase 红星村 land '2024-03-05 23:59:00' "${esc}清屏")
c4=$(newcase 青山村 family '2024-03-06 10:00:00' "'); DROP TABLE dispute;--")
c5=$(newcase 红星村 other '2024-03-07 10:00:00' 已撤回)
case-close -q "$c5" --outcome withdrawn --at '2024-03-08'

check_out 'the header has the columns of SPEC 4.1' \
	"$(printf 'case\topened\tvillage\ttype\tlevel\tstatus\tofficer\tfailed\tdue\tdeadline\tsummary')" \
	'case-list | head -n 1'
check_out 'open cases by default, by opening time then number' "$c2
$c1
$c3
$c4" 'case-list --ids'
check_out 'a row: case, opened day, village, type, level, status, officer, failed' \
	"$(printf '%s\t2024-03-04\t红星村\tneighbor\tpolice\topen\t李明\t0' "$c1")" \
	"case-list --no-header | grep '^$c1' | cut -f 1-8"
check 'due is a day, deadline its kind' \
	"case-list --no-header | cut -f 9,10 | grep -Evq '^[0-9]{4}-[0-9]{2}-[0-9]{2}	[a-z_]+\$' && exit 1 || exit 0"
check_out '--status closed' "$c5" 'case-list --status closed --ids'
check_out '--status all' "$c2
$c1
$c3
$c4
$c5" 'case-list --status all --ids'
check_out '--village by name' "$c1
$c3" 'case-list --village 红星村 --ids'
check_out '--village by code' "$c2
$c4" 'case-list --village 510781002 --ids'
check_out '--officer by badge' "$c1
$c3" 'case-list --officer P001 --ids'
check_out '--officer by name' "$c2
$c4" 'case-list --officer 王芳 --ids'
check_out '--type' "$c3" 'case-list --type land --ids'
check_out '--type by its Chinese label' "$c1" 'case-list --type 邻里 --ids'
check_same '--type 邻里 lists what --type neighbor lists' \
	'case-list --type neighbor -f tsv' 'case-list --type 邻里 -f tsv'
check_out '--type with 纠纷 after the label' "$c1" 'case-list --type 邻里纠纷 --ids'
check_out '--level by its Chinese label' "$(case-list --level police --ids)" \
	'case-list --level 警情先期调解 --ids'
check_out '--since and --until take whole days, both ends included' "$c1
$c3" 'case-list --since 2024-03-04 --until 2024-03-05 --ids'
check_out '--level' "$c2
$c1
$c3
$c4" 'case-list --level police --ids'
check_out 'the officer column holds the name' '王芳' "case-list --no-header --village 青山村 | head -n 1 | cut -f 7"

# Nothing found: like grep, exit 1, and print the empty shape of the
# format: the header line, or an empty JSON array.
for f in table tsv csv json; do
	check_exit "no match exits 1 ($f)" 1 "case-list --type forest -f $f"
	check "and prints no row ($f)" "[ \$(wc -l < '$T/out') -eq 1 ]"
done
check_stream 'json: an empty array' 1 '[]' out 'case-list --type forest -f json'
check_stream 'tsv: the header' 1 'case	opened	village	type	level	status	officer	failed	due	deadline	summary' \
	out 'case-list --type forest -f tsv'
check_stream '--no-header: nothing' 1 '' out 'case-list --type forest --no-header'
check_stream '--ids: nothing' 1 '' out 'case-list --type forest --ids'
check_exit '--ids with no match exits 1' 1 'case-list --type forest --ids'

check_exit 'an unknown village exits 69' 69 'case-list --village 无名村'
check 'and names it' "grep -q '无名村' '$T/err'"
check_exit 'an unknown officer exits 69' 69 'case-list --officer P999'
check_exit 'an unknown type exits 64' 64 'case-list --type feud'
check 'listing each type with its label' \
	'grep -q "unknown code or label .feud. (one of: business 生产经营, compensation 损害赔偿," "$T/err"'
check_exit 'an unknown level exits 64' 64 'case-list --level county'
check_exit 'an unknown status exits 64' 64 'case-list --status pending'
check_exit 'a bad date exits 64' 64 'case-list --since 2024-13-01'
check 'naming the option' "grep -qx \"case-list: --since: '2024-13-01' is not a date\" '$T/err'"
check_exit 'a bad --until exits 64' 64 'case-list --until 2024-02-30'
check 'naming it too' "grep -qx \"case-list: --until: '2024-02-30' is not a date\" '$T/err'"
check_exit 'an operand exits 64' 64 "case-list $c1"
check_exit '--escalate-due with --status closed exits 64' 64 'case-list --escalate-due --status closed'

# Formats: every one parses, with the same rows.
check 'json parses' 'case-list -f json | python3 -m json.tool >/dev/null'
check_out 'json has the rows and keys' "$c2 $c1 $c3 $c4 11" \
	"case-list -f json | python3 -c 'import json,sys; d=json.load(sys.stdin);
print(*[r[\"case\"] for r in d], len(d[0]))'"
check_out 'json numbers are numbers' 'int' \
	"case-list -f json | python3 -c 'import json,sys; print(type(json.load(sys.stdin)[0][\"failed\"]).__name__)'"
check_out 'csv parses: header and 4 rows of 11 fields' '5 {11}' \
	"case-list -f csv | python3 -c 'import csv,sys; r=list(csv.reader(sys.stdin));
print(len(r), set(len(x) for x in r))'"
check_out 'tsv: every line has 11 fields' '11' "case-list | awk -F '\t' '{print NF}' | sort -u"
check_out 'table format: a header and one line per case' '5' 'case-list -f table | wc -l | tr -d " "'

# Untrusted text.
check 'table format never prints an escape code raw' \
	"case-list -f table >'$T/o' && ! grep -q \"\$(printf '\\033')\" '$T/o' && grep -q '\\\\x1b\\[2J清屏' '$T/o'"
check_out 'tsv gives the summary back byte for byte' "${esc}清屏" \
	"case-list --no-header --type land | cut -f 11"
check_out 'json escapes it and gives it back' "${esc}清屏" \
	"case-list -f json --type land | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"summary\"])'"
check_out 'a summary that looks like SQL comes back intact' "'); DROP TABLE dispute;--" \
	"case-list --no-header --type family | cut -f 11"

# --escalate-due: three failed sessions send a case to consultation.
for i in 1 2 3; do session "$c1" "2024-03-0$((4 + i)) 09:00:00" failed; done
for i in 1 2; do session "$c2" "2024-03-0$((2 + i)) 09:00:00" failed; done
check_out 'failed counts the failed sessions' '3' "case-list --no-header --type neighbor | cut -f 8"
check_out '--escalate-due lists the case with 3 failed sessions, not the one with 2' "$c1" \
	'case-list --escalate-due --ids'
check_out 'its numbers feed case-escalate (beat(7))' "$c1" \
	'case-list --escalate-due --ids | case-escalate --to consultation --reason 会商研判 -'
check_exit '--escalate-due leaves out cases already at consultation' 1 'case-list --escalate-due --ids'

# --overdue: the windows an agreement opens (SPEC 1.1), closed cases included.
ca=$(newcase 红星村 contract '2024-03-01 10:00:00' 甲)
cb=$(newcase 红星村 contract '2024-03-02 10:00:00' 乙)
cc=$(newcase 红星村 contract '2024-03-03 10:00:00' 丙)
case-close -q "$ca" --outcome resolved --agreement 付款 --at '2024-03-10 10:00'
case-close -q "$ca" --followup 已回访 --at '2024-03-20'
case-close -q "$cb" --outcome resolved --agreement 付款 --at '2024-03-15 10:00'
case-close -q "$cb" --confirmed --at '2024-03-16'
case-close -q "$cc" --outcome resolved --agreement 付款 --at '2024-03-10 10:00'
case-close -q "$cc" --followup 已回访 --at '2024-03-20'
case-close -q "$cc" --confirmed --at '2024-03-16'
# The court window is due up to its last day; once closed it counts as
# missed until the follow-up visit is recorded.
check_out 'the judicial-confirmation window is due up to its last day' \
	"$(printf '%s\tclosed\t2024-04-09\tjudicial_confirm' "$ca")" \
	"BEAT_NOW='2024-04-09 12:00' case-list --status closed --no-header | grep '^$ca' | cut -f 1,6,9,10"
check_out 'and gone the day after, as the visit is recorded' "$(printf '%s\t\t' "$ca")" \
	"BEAT_NOW='2024-04-10 12:00' case-list --status closed --no-header | grep '^$ca' | cut -f 1,9,10"
check 'a closed court window is not overdue once the visit is recorded' \
	"BEAT_NOW='2024-04-10 12:00' case-list --overdue --ids >'$T/o'; ! grep -qx '$ca' '$T/o'"
check 'the day before the follow-up is due, not overdue' \
	"BEAT_NOW='2024-04-13 12:00' case-list --overdue --ids >'$T/o'; ! grep -qx '$cb' '$T/o'"
check_out 'the day after, overdue' \
	"$(printf '%s\t2024-04-14\tfollowup' "$cb")" \
	"BEAT_NOW='2024-04-15 12:00' case-list --overdue --no-header | grep '^$cb' | cut -f 1,9,10"
check 'a case whose visit and confirmation are done is never overdue' \
	"BEAT_NOW='2024-12-31 12:00' case-list --overdue --ids >'$T/o'; ! grep -qx '$cc' '$T/o'"
check 'nor a case withdrawn without agreement' \
	"BEAT_NOW='2024-12-31 12:00' case-list --overdue --ids >'$T/o'; ! grep -qx '$c5' '$T/o'"
# A station that visits 45 days after the agreement: the court window
# (30 days) is the first deadline an unvisited case misses.
cd_=$(newcase 红星村 contract '2024-05-01 10:00:00' 丁)
case-close -q "$cd_" --outcome resolved --agreement 付款 --at '2024-05-10 10:00'
sq "UPDATE setting SET value = '45' WHERE key = 'followup_days'"
# 30 days from 05-10 end on Sunday 06-09, and Monday 06-10 is the
# Dragon Boat Festival: the window ends on Tuesday 06-11 (民事诉讼法 art. 85);
# the follow-up, due 06-24 at 45 days, is not yet.
check 'on the last day of the court window the case is not overdue' \
	"BEAT_NOW='2024-06-11 12:00' case-list --overdue --ids >'$T/o'; ! grep -qx '$cd_' '$T/o'"
check_out 'the day after, it is overdue for the court window' \
	"$(printf '%s\t2024-06-11\tjudicial_confirm' "$cd_")" \
	"BEAT_NOW='2024-06-12 12:00' case-list --overdue --no-header | grep '^$cd_' | cut -f 1,9,10"
sq "UPDATE setting SET value = '30' WHERE key = 'followup_days'"
check '--overdue --status open leaves out the closed cases' \
	"BEAT_NOW='2024-12-31 12:00' case-list --overdue --status open --ids >'$T/o'; ! grep -qx '$cb' '$T/o'"
check_exit 'a missing database exits 66' 66 "case-list -d '$T/none.db'"
check_exit 'a full disk exits 74' 74 'case-list > /dev/full'

# --due-soon: every obligation due within N days, closed cases included.
w=$(newcase 红星村 contract '2024-08-20 10:00:00' 戊)
case-close -q "$w" --outcome resolved --agreement 付款 --at '2024-09-01 10:00'
check_out '--due-soon lists a court window closing in 2 days' \
	"$(printf '%s\t2024-10-08\tjudicial_confirm' "$w")" \
	"BEAT_NOW='2024-10-06 09:00' case-list --due-soon --days 2 --no-header | cut -f 1,9,10"
check_exit 'not with --days 1' 1 "BEAT_NOW='2024-10-06 09:00' case-list --due-soon --days 1 --ids"
check_out 'by default the due_soon_days setting (7): the follow-up too, by due day' \
	"$(printf '%s\t2024-10-01\tfollowup\n%s\t2024-10-08\tjudicial_confirm' "$w" "$w")" \
	"BEAT_NOW='2024-10-01 09:00' case-list --due-soon --no-header | grep '^$w' | cut -f 1,9,10"
check_out '--ids names the case once' "$w" \
	"BEAT_NOW='2024-10-01 09:00' case-list --due-soon --ids | grep -x '$w'"
check_exit '--days without --due-soon: 64' 64 'case-list --days 3'
check_exit '--due-soon with --overdue: 64' 64 'case-list --due-soon --overdue'

# Years with no holiday notice count the statutory holidays, and say so
# once.  Friday 2040-02-10: 除夕 02-11 to 02-14 (Spring Festival 02-12)
# are holidays, so the third working day is Friday 02-17, not 02-15.
y=$(newcase 红星村 neighbor '2040-02-10 09:00:00' 二〇四〇)
check_out 'a deadline in 2040 counts the statutory Spring Festival' \
	"$(printf '%s\t2040-02-17\tpolice_first' "$y")" \
	"BEAT_NOW='2040-02-10 10:00' case-list --village 红星村 --since 2040-01-01 --no-header | cut -f 1,9,10"
check_out 'and warns once on stderr' \
	'case-list: no holiday notice loaded for 2040; counting statutory holidays only' "cat '$T/err'"
# Wednesday 2027-02-03: the statutory 除夕 02-05 to 02-08 give 02-10; the
# notice loaded (holidays 02-05 to 02-12) moves it to Tuesday 02-16.
z=$(newcase 红星村 neighbor '2027-02-03 09:00:00' 二〇二七)
check_out 'a deadline in 2027 before its notice' "$(printf '%s\t2027-02-10' "$z")" \
	"BEAT_NOW='2027-02-03 10:00' case-list --since 2027-01-01 --until 2027-12-31 --no-header | cut -f 1,9"
check_out 'db-init --calendar loads the notice, no rebuild' '2027' \
	"db-init --calendar '$DATA/notice2027.csv'"
check_out 'and the deadline moves, with no warning' "$(printf '%s\t2027-02-16' "$z")" \
	"BEAT_NOW='2027-02-03 10:00' case-list --since 2027-01-01 --until 2027-12-31 --no-header 2>'$T/e2' | cut -f 1,9 && [ ! -s '$T/e2' ]"
c9=$(newcase 青山村 wages '2024-03-09 10:00:00' '张三 110101 19900307 0011 电话 +86 138 0013 8000')
check 'a summary quoting an ID and a phone is masked in every format' \
	"for f in table tsv csv json; do case-list -f \$f --village 青山村 | tr -d ' ' | grep -Eq '110101199003070011|13800138000' && exit 1; done; exit 0"
check_out 'masked as the audit masks it' '张三 110101 ******** 0011 电话 +86 138 **** 8000' \
	"case-list --village 青山村 --no-header | awk -F'\t' '\$1 == \"$c9\" { print \$11 }'"
n=$(sq 'SELECT count(*) FROM audit')
check_out '--reveal shows it whole' '张三 110101 19900307 0011 电话 +86 138 0013 8000' \
	"case-list --reveal --village 青山村 --no-header | awk -F'\t' '\$1 == \"$c9\" { print \$11 }'"
check_out 'and is audited' "$((n + 1))|case-list reveal" \
	"sq \"SELECT count(*) || '|' || (SELECT records FROM audit ORDER BY id DESC LIMIT 1) FROM audit\""
done_testing
