#!/bin/sh
# case-show: one case's fields, parties (masked unless --reveal) and timeline.
. "${BEAT_TOP:-.}/tests/lib.sh"
. "${BEAT_TOP:-.}/tests/cases.sh"
plan 45

export BEAT_NOW='2024-03-20 09:00'
esc=$(printf '\033[2J')
station
c1=$(newcase 红星村 neighbor '2024-03-01 10:00:00' "${esc}漏水" \
	--party applicant:张三:11010519491231002X:13912345678 --party respondent:李四)
session "$c1" '2024-03-02 09:00:00' failed
case-escalate -q "$c1" --to township --reason 调解未果 --at '2024-03-03 09:00'
case-close -q "$c1" --outcome resolved --agreement "赔偿${esc}500元" --at '2024-03-10 10:00'
case-close -q "$c1" --followup '已履行' --at '2024-03-15 10:00'
c2=$(newcase 青山村 wages '2024-03-05 10:00:00' "'); DROP TABLE dispute;--")

check 'case-show prints a case' "case-show $c1 >'$T/tsv'"
check_out 'four tables, each with its header, with an empty line between' \
	"field	value
role	name	idno	phone
at	event	level	detail
deadline	due	done	state" \
	"awk 'NR == 1 || prev == \"\" { print } { prev = \$0 }' '$T/tsv'"
check_out 'the fields are key and value' 'closed resolved 红星村 李明 township' \
	"awk -F '\t' '\$1 ~ /^(status|outcome|village|officer|level)\$/ { printf \"%s \", \$2 } END { print \"\" }' '$T/tsv' | sed 's/ \$//'"
check_out 'the timeline is in order of time, with the level of the time' \
	'2024-03-01 10:00:00	registered	police
2024-03-02 09:00:00	session	police
2024-03-03 09:00:00	escalated	township
2024-03-10 10:00:00	agreement	township
2024-03-10 10:00:00	closed	township
2024-03-15 10:00:00	followup	township' \
	"sed '1,/^at	/d; /^\$/,\$d' '$T/tsv' | cut -f 1-3"
check_out 'due: the earliest deadline still to be met; overdue: none' \
	'2024-04-09 judicial_confirm|' \
	"awk -F '\t' '\$1 == \"due\" { d = \$2 } \$1 == \"overdue\" { o = \$2 } END { print d \"|\" o }' '$T/tsv'"
check_out 'overdue: the deadline an open case missed' '2024-03-08 police_first' \
	"case-show $c2 | awk -F '\t' '\$1 == \"overdue\" { print \$2 }'"
c3=$(newcase 青山村 wages '2024-03-05 10:00:00' 群体讨薪 --crowd 12 --cross-region)
check 'consult and mass_risk say why the rules flag an open case' \
	"case-show $c3 -f json | python3 -c 'import json,sys; d=json.load(sys.stdin);
sys.exit(not (d[\"consult\"] and d[\"mass_risk\"] and d[\"cross_region\"] is True and d[\"crowd\"] == 12))'"
check_out 'a session says its outcome' 'failed' \
	"awk -F '\t' '\$2 == \"session\" { print \$4 }' '$T/tsv'"
check_out 'an escalation says from, to and why' 'police -> township; 调解未果' \
	"awk -F '\t' '\$2 == \"escalated\" { print \$4 }' '$T/tsv'"

# Personal data.
check_out 'ID and phone numbers are masked' \
	'applicant	张三	110105********002X	139****5678
respondent	李四		' \
	"sed -n '/^role	/,/^\$/p' '$T/tsv' | sed '1d;\$d'"
audits=$(sq 'SELECT count(*) FROM audit')
for f in table tsv csv json; do
	check "no full ID or phone number in $f" \
		"case-show $c1 -f $f >'$T/o' && ! grep -Eq '11010519491231002X|13912345678' '$T/o'"
done
check_out 'showing masked data writes no audit row' "$audits" 'sq "SELECT count(*) FROM audit"'
check '--reveal shows them' \
	"case-show $c1 --reveal | grep -q '^applicant	张三	11010519491231002X	13912345678\$'"
check_out 'and adds an audit row naming the case' "$((audits + 1))|case $c1 reveal" \
	"sq 'SELECT count(*), (SELECT records FROM audit ORDER BY id DESC LIMIT 1) FROM audit'"
check 'the audit row has the command line' \
	"sq 'SELECT command FROM audit ORDER BY id DESC LIMIT 1' | grep -q -- '--reveal'"
check 'the audit trail still verifies' 'db-init --verify'

# Errors.
check_exit 'an unknown case exits 69' 69 'case-show 2024-9999'
check 'and names it' "grep -q '2024-9999' '$T/err'"
check_exit 'an unknown case with --reveal exits 69' 69 'case-show --reveal 2024-9999'
check_out 'and writes no audit row' "$((audits + 1))" 'sq "SELECT count(*) FROM audit"'
check_exit 'two cases exit 64' 64 "case-show $c1 $c2"
check_exit 'no case exits 64' 64 'case-show'
check_same '- reads the case from standard input' \
	"case-show $c2" "echo $c2 | case-show -"
check_exit 'a missing database exits 66' 66 "case-show -d '$T/none.db' $c1"

# Formats.
check 'json parses' "case-show $c1 -f json | python3 -m json.tool >/dev/null"
check_out 'json nests parties and timeline' '2 6 followup false 1 resolved' \
	"case-show $c1 -f json | python3 -c 'import json,sys; d=json.load(sys.stdin);
print(len(d[\"parties\"]), len(d[\"timeline\"]), d[\"timeline\"][-1][\"event\"],
    str(d[\"complex\"]).lower(), d[\"failed\"], d[\"outcome\"])'"
check_out 'json gives the escape code back in the summary' "${esc}漏水" \
	"case-show $c1 -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"summary\"])'"
check_out 'json masks too' '110105********002X' \
	"case-show $c1 -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"parties\"][0][\"idno\"])'"
check_out 'csv parses: four tables of 2, 4, 4 and 4 columns' '0 2 4' \
	"case-show $c1 -f csv | python3 -c 'import csv,sys; print(*sorted(set(len(r) for r in csv.reader(sys.stdin))))'"
check_out 'tsv gives the summary back byte for byte' "${esc}漏水" \
	"awk -F '\t' '\$1 == \"summary\" { print \$2 }' '$T/tsv'"
check 'table format never prints an escape code raw' \
	"case-show $c1 -f table >'$T/o' && ! grep -q \"\$(printf '\\033')\" '$T/o'"
check 'but shows it escaped, in the summary and in the timeline' \
	"grep -q 'summary  *\\\\x1b\\[2J漏水' '$T/o' && grep -q '赔偿\\\\x1b\\[2J500元' '$T/o'"
check_out '--no-header keeps the empty lines between the tables' '3' \
	"case-show $c1 --no-header | grep -c '^\$'"
check 'and leaves out the headers' \
	"case-show $c1 --no-header >'$T/o' && ! grep -Eq '^(field|role|at|deadline)	' '$T/o'"
check_out 'a summary that looks like SQL comes back intact' "'); DROP TABLE dispute;--" \
	"case-show $c2 -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"summary\"])'"
check_out 'an open case without parties has an empty party table' 'role	name	idno	phone' \
	"case-show $c2 | sed -n '/^role	/,/^\$/p' | sed '\$d'"
check_exit 'a full disk exits 74' 74 "case-show $c1 -f json > /dev/full"
check_out '--bom: one byte-order mark, at the start of the file' '1 1' \
	"case-show $c1 -f csv --bom >'$T/o' && echo \$(grep -c \"\$(printf '\\357\\273\\277')\" '$T/o') \$(head -c 3 '$T/o' | grep -c \"\$(printf '\\357\\273\\277')\")"
# Steps dated with a bare date on the day of registration are at midnight.
c4=$(newcase 红星村 neighbor '2024-03-18 10:00:00' 当日调解)
case-mediate -q "$c4" --outcome agreed --at 2024-03-18
case-close -q "$c4" --outcome resolved --at 2024-03-18
check_out 'registration still heads the timeline, the rest in order' \
	'registered
session
closed' "case-show $c4 | sed '1,/^at	/d; /^\$/,\$d' | cut -f 2"

# A missed deadline is history (SPEC 4.1): escalating keeps it.
# Registered Friday 2024-09-13: police_first due 09-19 over Mid-Autumn
# (make-up Saturday 09-14); escalated on 09-24 with no session.
c6=$(newcase 红星村 neighbor '2024-09-13 10:00:00' 邻里)
case-escalate -q "$c6" --to township --reason 未能调解 --at '2024-09-24 09:00'
check_out 'an escalated case still shows its missed police deadline' \
	"$(printf 'police_first\t2024-09-19\t2024-09-24\tlate')" \
	"BEAT_NOW='2024-09-24 10:00' case-show $c6 | grep '^police_first'"
check_out 'it was recorded when the escalation saw it pass' '2024-09-19|2024-09-24' \
	"sqlite3 '$BEAT_DB' \"SELECT due, met_at FROM missed JOIN dispute d ON d.id = dispute_id WHERE number = '$c6' AND kind = 'police_first'\""
case-close -q "$c6" --outcome withdrawn --at '2024-09-30'
check_out 'and closing keeps it' "$(printf 'police_first\t2024-09-19\t2024-09-24\tlate')" \
	"BEAT_NOW='2024-10-10 10:00' case-show $c6 | grep '^police_first'"
done_testing
