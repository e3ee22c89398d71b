#!/bin/sh
# case-show: cases' fields, parties (masked unless --reveal), timeline and deadlines;
# one table per call in tsv, csv and json (--section).
. "${BEAT_TOP:-.}/tests/lib.sh"
. "${BEAT_TOP:-.}/tests/cases.sh"
plan 65

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

# The value of field $2 of case $1, from the fields section.
fld() {
	case-show --section fields "$1" |
	    awk -F '\t' -v k="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == k) c = i; next } { print $c }'
}

check 'case-show prints a case' "case-show $c1 >'$T/tsv'"
check_out 'tsv is one table: the fields, one row per case under a header' '2 1' \
	"echo \$(grep -c . '$T/tsv') \$(grep -c '^$c1	' '$T/tsv')"
check_same 'which is --section fields' "case-show $c1" "case-show $c1 --section fields"
check_out 'the columns are the fields, the case first' \
	'case status outcome opened closed village officer badge type level channel source claimed cross_region violence_risk complex crowd extended_to failed recovered due overdue consult mass_risk summary' \
	"head -n 1 '$T/tsv' | tr '\t' ' '"
check_out 'the fields hold the case' 'closed resolved 红星村 李明 township' \
	"echo \$(fld $c1 status) \$(fld $c1 outcome) \$(fld $c1 village) \$(fld $c1 officer) \$(fld $c1 level)"
check_out 'the timeline is in order of time, with the level of the time' \
	"$c1	2024-03-01 10:00:00	registered	police
$c1	2024-03-02 09:00:00	session	police
$c1	2024-03-03 09:00:00	escalated	township
$c1	2024-03-10 10:00:00	agreement	township
$c1	2024-03-10 10:00:00	closed	township
$c1	2024-03-15 10:00:00	followup	township" \
	"case-show $c1 --section timeline --no-header | cut -f 1-4"
check_out 'each section has its header, the case first' \
	'case	role	name	idno	phone
case	at	event	level	detail
case	deadline	due	done	state' \
	"for s in parties timeline deadlines; do case-show $c1 --section \$s | head -n 1; done"
check_out 'due: the earliest deadline still to be met; overdue: none' \
	'2024-04-09 judicial_confirm|' "echo \"\$(fld $c1 due)|\$(fld $c1 overdue)\""
check_out 'overdue: the deadline an open case missed' '2024-03-08 police_first' "fld $c2 overdue"
c3=$(newcase 青山村 wages '2024-03-05 10:00:00' 群体讨薪 --crowd 12 --cross-region)
check 'consult and mass_risk say why the rules flag an open case' \
	"case-show $c3 -f json | python3 -c 'import json,sys; d=json.load(sys.stdin)[0];
sys.exit(not (d[\"consult\"] and d[\"mass_risk\"] and d[\"cross_region\"] is True and d[\"crowd\"] == 12))'"
check_out 'a session says its outcome' 'failed' \
	"case-show $c1 --section timeline | awk -F '\t' '\$3 == \"session\" { print \$5 }'"
check_out 'an escalation says from, to and why' 'police -> township; 调解未果' \
	"case-show $c1 --section timeline | awk -F '\t' '\$3 == \"escalated\" { print \$5 }'"

# Several cases: one table, the case column telling them apart.
check 'several cases give one table' "case-show $c1 $c2 $c3 --section timeline >'$T/several'"
check_out 'with one header' '1' "grep -c '^case	' '$T/several'"
check_out 'and the rows of each case, in the order given' "$c1 $c2 $c3" \
	"echo \$(sed 1d '$T/several' | cut -f 1 | uniq)"
check_same 'the same as the cases one by one' \
	"case-show $c1 $c2 $c3 --section timeline --no-header" \
	"for c in $c1 $c2 $c3; do case-show \$c --section timeline --no-header; done"
check_out 'the fields: one row per case' "$c2 $c1" \
	"echo \$(case-show $c2 $c1 --no-header | cut -f 1)"
check_out 'a case named twice is shown once' '1' \
	"case-show $c1 $c1 --no-header | wc -l"
check_same '- reads the cases from standard input' \
	"case-show $c1 $c2" "printf '%s\n\n%s\n' $c1 $c2 | case-show -"
check_out 'csv is one table: every record has the same number of cells' '25' \
	"case-show $c1 $c2 $c3 -f csv | python3 -c 'import csv,sys; print(*set(len(r) for r in csv.reader(sys.stdin)))'"
check_out 'so is csv of a section' '5' \
	"case-show $c1 $c2 -f csv --section deadlines | python3 -c 'import csv,sys; print(*set(len(r) for r in csv.reader(sys.stdin)))'"
check_out 'json is one array: one object per case, the sections nested' \
	"3 $c1 2 6 0" \
	"case-show $c1 $c2 $c3 -f json | python3 -c 'import json,sys; d=json.load(sys.stdin);
print(len(d), d[0][\"case\"], len(d[0][\"parties\"]), len(d[0][\"timeline\"]), len(d[1][\"parties\"]))'"
check_out 'json of a section is one array of flat objects' \
	"$c1 deadline due done state|$c1|$c2|$c3" \
	"case-show $c1 $c2 $c3 -f json --section deadlines | python3 -c 'import json,sys; d=json.load(sys.stdin);
print(d[0][\"case\"], *list(d[0])[1:]); print(*sorted(set(r[\"case\"] for r in d)), sep=\"|\")' | paste -sd '|'"
check_out 'json of the fields: numbers as numbers, flags as 1 or 0' '12 1 0 None' \
	"case-show $c3 -f json --section fields | python3 -c 'import json,sys; d=json.load(sys.stdin)[0];
print(d[\"crowd\"], d[\"cross_region\"], d[\"complex\"], d[\"claimed\"])'"
check 'a table of a section is one table too' \
	"case-show $c1 $c2 -f table --section parties >'$T/o' && [ \$(grep -c '^case ' '$T/o') -eq 1 ] && [ \$(grep -c . '$T/o') -eq 3 ]"
check_out 'the table without --section is the record as a person reads it: four blocks a case' '7' \
	"case-show $c1 $c2 -f table | grep -c '^\$'"
check_exit 'an unknown section exits 64' 64 "case-show $c1 --section events"
check 'and names the sections there are' "grep -q 'fields, parties, timeline or deadlines' '$T/err'"

# Personal data.
check_out 'ID and phone numbers are masked' \
	"$c1	applicant	张三	110105********002X	139****5678
$c1	respondent	李四		" "case-show $c1 --section parties --no-header"
audits=$(sq 'SELECT count(*) FROM audit')
for f in table tsv csv json; do
	check "no full ID or phone number in $f" \
		"case-show $c1 -f $f >'$T/o' && case-show $c1 --section parties -f $f >>'$T/o' &&
		 ! grep -Eq '11010519491231002X|13912345678' '$T/o'"
done
check_out 'showing masked data writes no audit row' "$audits" 'sq "SELECT count(*) FROM audit"'
check '--reveal shows them' \
	"case-show $c1 --reveal --section parties | grep -q '^$c1	applicant	张三	11010519491231002X	13912345678\$'"
check_out 'and adds an audit row naming the case' "$((audits + 1))|case $c1 reveal" \
	"sq 'SELECT count(*), (SELECT records FROM audit ORDER BY id DESC LIMIT 1) FROM audit'"
check 'the audit row has the command line' \
	"sq 'SELECT command FROM audit ORDER BY id DESC LIMIT 1' | grep -q -- '--reveal'"
check_out 'several cases revealed: one audit row naming them all' "case $c1 $c2 reveal" \
	"case-show --reveal $c1 $c2 >/dev/null && sq 'SELECT records FROM audit ORDER BY id DESC LIMIT 1'"
check 'the audit trail still verifies' 'db-init --verify'

# Errors.
audits=$(sq 'SELECT count(*) FROM audit')
check_exit 'an unknown case exits 69' 69 'case-show 2024-9999'
check 'and names it' "grep -q '2024-9999' '$T/err'"
check_exit 'an unknown case among known ones exits 69' 69 "case-show $c1 2024-9999 -f json"
check 'and prints nothing' "[ ! -s '$T/out' ]"
check_exit 'an unknown case with --reveal exits 69' 69 'case-show --reveal 2024-9999'
check_out 'and writes no audit row' "$audits" 'sq "SELECT count(*) FROM audit"'
check_exit 'no case exits 64' 64 'case-show'
check_exit 'nothing on standard input exits 64' 64 'case-show - </dev/null'
check_exit 'a missing database exits 66' 66 "case-show -d '$T/none.db' $c1"

# Formats.
check 'json parses' "case-show $c1 -f json | python3 -m json.tool >/dev/null"
check_out 'json nests parties and timeline' '2 6 followup false 1 resolved' \
	"case-show $c1 -f json | python3 -c 'import json,sys; d=json.load(sys.stdin)[0];
print(len(d[\"parties\"]), len(d[\"timeline\"]), d[\"timeline\"][-1][\"event\"],
    str(d[\"complex\"]).lower(), d[\"failed\"], d[\"outcome\"])'"
check_out 'json gives the escape code back in the summary' "${esc}漏水" \
	"case-show $c1 -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"summary\"])'"
check_out 'json masks too' '110105********002X' \
	"case-show $c1 -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"parties\"][0][\"idno\"])'"
check_out 'tsv gives the summary back byte for byte' "${esc}漏水" "fld $c1 summary"
check 'table format never prints an escape code raw' \
	"case-show $c1 -f table >'$T/o' && ! grep -q \"\$(printf '\\033')\" '$T/o'"
check 'but shows it escaped, in the summary and in the timeline' \
	"grep -q 'summary  *\\\\x1b\\[2J漏水' '$T/o' && grep -q '赔偿\\\\x1b\\[2J500元' '$T/o'"
check_out 'the table with --no-header keeps the empty lines between the blocks' '3' \
	"case-show $c1 -f table --no-header | grep -c '^\$'"
check 'and leaves out the headers' \
	"case-show $c1 -f table --no-header >'$T/o' && ! grep -Eq '^(field|role|at|deadline) ' '$T/o'"
check_out 'a summary that looks like SQL comes back intact' "'); DROP TABLE dispute;--" \
	"case-show $c2 -f json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0][\"summary\"])'"
check_out 'an open case without parties has an empty party table' 'case	role	name	idno	phone' \
	"case-show $c2 --section parties"
check_exit 'a full disk exits 74' 74 "case-show $c1 -f json > /dev/full"
check_out '--bom: one byte-order mark, at the start of the file' '1 1' \
	"case-show $c1 $c2 -f csv --bom >'$T/o' && echo \$(grep -c \"\$(printf '\\357\\273\\277')\" '$T/o') \$(head -c 3 '$T/o' | grep -c \"\$(printf '\\357\\273\\277')\")"
# Steps dated with a bare date on the day of registration are at midnight.
c4=$(newcase 红星村 neighbor '2024-03-18 10:00:00' 当日调解)
case-mediate -q "$c4" --outcome agreed --at 2024-03-18
case-close -q "$c4" --outcome resolved --at 2024-03-18
check_out 'registration still heads the timeline, the rest in order' \
	'registered
session
closed' "case-show $c4 --section timeline --no-header | cut -f 3"

# A missed deadline is history (SPEC 4.1): escalating keeps it.
# Registered Friday 2024-09-13: police_first due 09-19 over Mid-Autumn
# (make-up Saturday 09-14); escalated on 09-24 with no session.
c6=$(newcase 红星村 neighbor '2024-09-13 10:00:00' 邻里)
case-escalate -q "$c6" --to township --reason 未能调解 --at '2024-09-24 09:00'
check_out 'an escalated case still shows its missed police deadline' \
	"$(printf 'police_first\t2024-09-19\t2024-09-24\tlate')" \
	"BEAT_NOW='2024-09-24 10:00' case-show $c6 --section deadlines | cut -f 2- | grep '^police_first'"
check_out 'it was recorded when the escalation saw it pass' '2024-09-19|2024-09-24' \
	"sq \"SELECT due, met_at FROM missed JOIN dispute d ON d.id = dispute_id WHERE number = '$c6' AND kind = 'police_first'\""
case-close -q "$c6" --outcome withdrawn --at '2024-09-30'
check_out 'and closing keeps it' "$(printf 'police_first\t2024-09-19\t2024-09-24\tlate')" \
	"BEAT_NOW='2024-10-10 10:00' case-show $c6 --section deadlines | cut -f 2- | grep '^police_first'"
done_testing
