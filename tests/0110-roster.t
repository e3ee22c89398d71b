#!/bin/sh
# roster: imports, the 1+N rule, lists, masking, the workload by officer.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 47

db-init -q
printf 'name,township,code\r\n红星村,厚坝镇,510781001\r\n青山村,厚坝镇,\r\n"白云村",厚坝镇,510781003\r\n绿水村,厚坝镇,\r\n' >v.csv
check_out 'importing villages prints each one added' '红星村
青山村
白云村
绿水村' 'roster --import-villages v.csv'
check_out 're-importing the same rows changes nothing and prints nothing' '' \
	'roster --import-villages v.csv'
check_out 'and leaves one audit row for the one import that changed something' '1' \
	'sq "SELECT count(*) FROM audit WHERE command LIKE '\''roster --import-villages%'\''"'

printf '警号,姓名,类别,联系电话\nP001,李明,民警,13800001111\nP002,王芳,officer,13800002222\nA001,赵强,辅警,13800003333\n' |
	iconv -f UTF-8 -t GBK >o.csv
check 'a GBK file with Chinese headers imports' 'roster --import-officers o.csv'
check_out 'with the Chinese kinds mapped to codes' 'A001|auxiliary
P001|officer
P002|officer' 'sq "SELECT badge, kind FROM officer ORDER BY badge"'

printf 'badge,name,kind\nP003,张三,officer\nP004,李四,sheriff\n' >bad.csv
check_exit 'an unknown kind is bad data' 65 'roster --import-officers bad.csv'
check 'named with file and line' 'grep -q "bad.csv:3: unknown kind .sheriff." "$T/err"'
check_out 'and nothing of the file is stored' '0' \
	'sq "SELECT count(*) FROM officer WHERE badge = '\''P003'\''"'
check_exit 'a missing file is 66' 66 'roster --import-officers nofile.csv'
check_exit '--encoding without an import is a usage error' 64 'roster --encoding gbk --list villages'
printf 'name,township\n红星村,"厚坝"镇\n' >q.csv
check_exit 'a misplaced quote is bad data' 65 'roster --import-villages q.csv'
check_out 'named once with file and line' 'roster: q.csv:2: misplaced or unbalanced quote' 'cat "$T/err"'

check_out '--assign prints the villages assigned' '红星村
青山村
白云村' 'roster --assign P001 红星村 青山村 白云村'
check_exit 'a fourth village breaks the 1+N rule' 65 'roster --assign 李明 绿水村'
check 'with a message saying so' 'grep -q "at most 3 villages" "$T/err"'
check_exit 'an auxiliary cannot hold a beat' 65 'roster --assign A001 绿水村'
check_exit 'an unknown officer is 69' 69 'roster --assign P999 绿水村'
check_exit 'an unknown village is 69' 69 'roster --assign P002 无名村'
check 'moving a village to another officer' 'roster -q --assign P002 白云村 绿水村'
check_out 'the beats list shows each village once' '李明	P001	红星村	厚坝镇
李明	P001	青山村	厚坝镇
王芳	P002	白云村	厚坝镇
王芳	P002	绿水村	厚坝镇' 'roster --list beats --no-header'
printf 'name,township\n无镇村,\n' >nt.csv
check 'a village without a township' 'roster -q --import-villages nt.csv'
check_out 'is listed first, then by township and name' '无镇村 白云村 红星村 绿水村 青山村' \
	'echo $(roster --list villages --no-header | cut -f 1)'

printf 'route,seq,checkpoint,kind\n一号线,1,中心小学,school\n一号线,2,火车站,station\n二号线,1,镇政府,government\n' >r.csv
printf 'team,leader,auxiliary\n一队,P001,A001\n二队,P002,\n' >t.csv
check 'routes and teams import' 'roster -q --import-routes r.csv && roster -q --import-teams t.csv'
check_out 'routes list in order' '一号线	1	中心小学	school
一号线	2	火车站	station
二号线	1	镇政府	government' 'roster routes --no-header'
printf 'team,leader,auxiliary\n三队,P404,\n' >t2.csv
check_exit 'a team led by an unknown badge is 69' 69 'roster --import-teams t2.csv'
check 'named with file and line' 'grep -q "t2.csv:2: no such officer" "$T/err"'

check_out 'phone numbers are masked' '138****1111' \
	'roster officers --no-header | awk -F"\t" "\$1 == \"P001\" { print \$4 }"'
check_out 'unless --reveal' '13800001111' \
	'roster officers --reveal --no-header | awk -F"\t" "\$1 == \"P001\" { print \$4 }"'
check_out 'which is audited' '1' \
	'sq "SELECT count(*) FROM audit WHERE command LIKE '\''%--reveal%'\''"'
printf 'badge,name,kind,phone\nM001,陈调解,mediator,\n' >m.csv
check 'a mediator without a phone' 'roster -q --import-officers m.csv'
check 'has a null phone in JSON, masked or not, as the empty cell it is' \
	'roster officers -f json | grep -q "\"badge\":\"M001\".*\"phone\":null" &&
	 roster officers -f json --reveal | grep -q "\"badge\":\"M001\".*\"phone\":null"'
# Workload: a station of its own, its cases as case-list sees them on 2024-03-20.
. "${BEAT_TOP:-.}/tests/cases.sh"
use_db work
export BEAT_NOW='2024-03-20 09:00'
station
newcase 红星村 neighbor '2024-03-01 10:00' 逾期 >/dev/null	# police_first missed on 03-06
newcase 红星村 land '2024-03-18 10:00' 新案 >/dev/null		# police_first due 03-21
c3=$(newcase 青山村 wages '2024-02-20 10:00' 已调解)		# closed; follow-up and court window due soon
case-mediate -q "$c3" --at '2024-02-22 10:00' --outcome agreed
case-close -q "$c3" --outcome resolved --agreement 付清工资 --at '2024-02-22 11:00'
c4=$(newcase 青山村 family '2024-03-05 10:00' 调解中)		# open, nothing due within 7 days
case-mediate -q "$c4" --at '2024-03-06 10:00' --outcome agreed
c5=$(newcase 红星村 other '2024-02-01 10:00' 撤回)		# closed, owes nothing
case-mediate -q "$c5" --at '2024-02-02 10:00' --outcome failed
case-close -q "$c5" --outcome withdrawn --at '2024-02-05 10:00'
newcase 青山村 neighbor '2024-03-19 10:00' 调解员 --officer M001 >/dev/null

check_out '--workload: officers and anyone with cases, by badge; sessions of this month' \
'officer	name	villages	open	overdue	due_soon	sessions
M001	陈调解	0	1	0	1	0
P001	李明	1	2	1	1	0
P002	王芳	1	1	0	1	1' 'roster --workload'
for b in P001 P002 M001; do
	check_same "--workload counts $b's cases as case-list does" \
		"roster --workload --no-header | awk -F '\t' '\$1 == \"$b\" { print \$4, \$5, \$6 }'" \
		"echo \$(case-list --officer $b --ids | wc -l) \$(case-list --overdue --officer $b --ids | wc -l) \$(case-list --due-soon --officer $b --ids | wc -l)"
done
check_out '--month counts the sessions of that month' 'M001 0
P001 1
P002 1' "roster --workload --month 2024-02 --no-header | cut -f 1,7 | tr '\t' ' '"
check_out 'json: numbers are numbers' '1 2 1 1' \
	"roster --workload -f json | python3 -c 'import json,sys; r=json.load(sys.stdin)[1];
print(r[\"villages\"], r[\"open\"], r[\"overdue\"], r[\"due_soon\"])'"
check_exit 'a bad --month is a usage error' 64 'roster --workload --month 2024-13'
check_exit '--month without --workload too' 64 'roster --month 2024-02'
check_exit 'and --workload with a list' 64 'roster --workload officers'

# One list of villages names each village under one township.
printf 'name,township\n石桥村,厚坝镇\n新华社区,厚坝镇\n石桥村,青莲镇\n' >twice.csv
check_err 'a village listed twice with different townships is bad data' 65 \
	"roster: twice.csv:4: village '石桥村' is listed twice with different townships ('厚坝镇' on line 2, '青莲镇' here)" \
	'roster --import-villages twice.csv'
check_out 'and nothing of the file is stored' '0' \
	"sq \"SELECT count(*) FROM village WHERE name IN ('石桥村', '新华社区')\""
printf 'name,township\n石桥村,厚坝镇\n石桥村,厚坝镇\n' >same.csv
check_out 'listed twice the same way is no error' '石桥村' 'roster --import-villages same.csv'
printf 'name,township\n石桥村,青莲镇,510781009\n' >wide.csv
check_err 'a row wider than the header is bad data' 65 \
	'roster: wide.csv:2: 3 fields, the header has 2 (an unquoted comma?)' \
	'roster --import-villages wide.csv'

# -f: what an import or --assign changed, as a table of one column.
printf 'name,township\n表格村,厚坝镇\n' >fv.csv
check_out 'roster --import-villages -f csv: the villages under a header' 'village
表格村' "roster --import-villages fv.csv -f csv | tr -d '\r'"
check_out 'roster --assign -f json: the villages in one array' '[{"village":"表格村"}]' \
	"roster --assign P001 表格村 -f json | tr -d '\n'; echo"
check_out 'without -f, one a line as before' '表格村' \
	"roster --assign P002 表格村"
done_testing
