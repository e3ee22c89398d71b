#!/bin/sh
# Masking sweep: no full ID-card or phone number in anything beat writes for
# people or logs (every command, every format, stderr, the audit trail);
# --reveal shows them and is audited; messages and imports are terminal-safe.
. "${BEAT_TOP:-.}/tests/lib.sh"
. "${BEAT_TOP:-.}/tests/cases.sh"
plan 88

export BEAT_NOW='2024-03-20 09:00'
ID=110101199003070011
PHONE=13800138000
# leaks FILE...: the full numbers, however they were spaced or dashed.
leaks() { cat "$@" | tr -d ' \055' | grep -E "$ID|$PHONE|１１０１０１"; }
# clean DESC CMD: CMD's stdout and stderr hold neither number.
clean() {
	( eval "$2" ) >"$T/so" 2>"$T/se" </dev/null
	if leaks "$T/so" "$T/se" >"$T/leak"; then
		sed -n '1,5s/^/# leak: /p' "$T/leak"
		tap_result 1 "$1"
	else
		tap_result 0 "$1"
	fi
}

station
patrol_station >/dev/null 2>&1
sum="王五欠薪, 身份证 110101 19900307 0011, 电话 +86 138-0013-8000, 又记 $ID 与 0086$PHONE"
check 'a case with a party and a summary holding both numbers' \
	"case-add --village 红星村 --type wages --at '2024-03-15 09:00' --summary '$sum' \
	 --party 'applicant:王五:110101 19900307 0011:+86 138 0013 8000' >c"
c=$(cat c)
check 'the numbers are stored whole' \
	"[ \"\$(sq \"SELECT idno || '|' || phone FROM party\")\" = '$ID|+86 138 0013 8000' ] &&
	 sq 'SELECT summary FROM dispute' | grep -q '$ID'"
check 'a session, an escalation and a closing note quoting them' \
	"case-mediate -q $c --outcome failed --at '2024-03-16 10:00' --note '致电 $PHONE 未接' &&
	 case-escalate -q $c --to township --reason '当事人 $ID 要求' --at '2024-03-17 10:00'"

for fmt in table tsv csv json; do
	clean "case-list -f $fmt" "case-list -f $fmt --status all"
	clean "case-list --due-soon -f $fmt" "case-list --due-soon -f $fmt"
	clean "case-show -f $fmt" "case-show $c -f $fmt"
	clean "case-show --section timeline -f $fmt" "case-show $c --section timeline -f $fmt"
	clean "case-show --section parties -f $fmt" "case-show $c --section parties -f $fmt"
	clean "roster officers -f $fmt" "roster officers -f $fmt"
	clean "roster --workload -f $fmt" "roster --workload -f $fmt"
	clean "incident-stats -f $fmt" "incident-stats -f $fmt --all"
	clean "place-list -f $fmt" "place-list -f $fmt"
	clean "patrol-gaps -f $fmt" "patrol-gaps -f $fmt"
	clean "camera-status -f $fmt" "camera-status -f $fmt"
done
clean 'case-list --bom csv' "case-list -f csv --bom"
for fmt in text html; do
	clean "report-monthly --format $fmt" "report-monthly --month 2024-03 --format $fmt"
done
clean 'report-monthly -o: the file' "report-monthly --month 2024-03 --format html -o r.html && cat r.html"
clean 'case-escalate --auto --dry-run' "case-escalate --auto --dry-run"
clean 'db-init --verify' "db-init --verify"
clean 'db-backup' "db-backup b.db"

# Errors quote what they were given, masked.
check_exit 'a wrong check digit is refused' 65 \
	"case-add --village 红星村 --type family --summary x --party applicant:赵六:110101199003070000"
check 'and its message masks the number' \
	"grep -q \"110101\\*\\*\\*\\*\\*\\*\\*\\*0000.*check digit\" '$T/err' && ! grep -q 110101199003070000 '$T/err'"
clean 'a malformed --party names it masked' \
	"case-add --village 红星村 --type family --summary x --party 'applicant:赵六:1101 0119 9003 0700 11:$PHONE:x'"
clean 'a bad phone is named masked' \
	"case-add --village 红星村 --type family --summary x --party 'applicant:赵六:$ID:1380013800x'"
clean 'an unknown option quoting a number' "case-list --summary=$ID"
clean 'an unknown village named by a phone' "case-add --village '+86 $PHONE' --type family --summary x"
clean 'an unknown case quoting an ID' "case-show 110101-19900307-0011"

# Phones must look like phones.
for p in '+-+-' not-a-phone 12345 '+86' '138 0013 800' '+86 1380013800012345'; do
	check_exit "phone '$p' is refused (65)" 65 \
		"case-add --village 红星村 --type family --summary x --party 'applicant:赵六::$p'"
done
check 'a mobile, +86, a landline and a local number are accepted' \
	"case-add -q --village 红星村 --type family --summary x --party 'applicant:赵六::+86 138 0013 8000' \
	 --party 'respondent:钱七::0816-2345678' --party 'third:孙八::2345678'"
printf 'badge,name,kind,phone\nP009,周九,officer,+-+-\n' >bad-phone.csv
check_exit 'roster refuses an officer phone that is none (65)' 65 'roster --import-officers bad-phone.csv'
check 'naming file and line' "grep -q 'bad-phone.csv:2:.*phone' '$T/err'"

# The audit trail.
check 'the audit trail holds neither number, in any column' \
	"! sqlite3 \"\$BEAT_DB\" 'SELECT * FROM audit' | tr -d ' \055' | grep -E '$ID|$PHONE'"
check 'but the masked --party, spacing kept' \
	"sq 'SELECT command FROM audit' | grep -Fq 'applicant:王五:110101 ******** 0011:+86 *** **** 8000'"
check 'and the masked summary' \
	"sq 'SELECT command FROM audit' | grep -Fq '110101 ******** 0011, 电话 +86 138-****-8000'"
check 'an abbreviated --par= is masked too' \
	"case-add -q --village 红星村 --type family --summary x '--par=applicant:吴十:1101 0119 9003 0700 11' &&
	 ! sqlite3 \"\$BEAT_DB\" 'SELECT command FROM audit' | tr -d ' ' | grep -q $ID"

# --reveal shows them, and says so in the audit trail.
n=$(sq 'SELECT count(*) FROM audit')
check 'case-list --reveal shows the summary whole' "case-list --reveal --status all | grep -q '$ID'"
check_out 'and writes an audit row' "$((n + 1))|case-list reveal" \
	"sq \"SELECT count(*) || '|' || (SELECT records FROM audit ORDER BY id DESC LIMIT 1) FROM audit\""
check 'case-show --reveal shows the summary and the note whole' \
	"case-show $c --reveal -f table >o && grep -q '$ID' o && grep -q '致电 $PHONE' o"

# Terminal safety: controls in messages are escaped, refused at import.
esc=$(printf '\033')
check_exit 'an unknown village with an escape: 69' 69 \
	"case-add --village '${esc}[2J红' --type family --summary x"
check 'the message shows it escaped' "grep -Fq '\\x1b[2J红' '$T/err' && ! grep -q '$esc' '$T/err'"
printf 'name,township\n"红%s]0;pwned%s村",厚坝镇\n' "$esc" "$(printf '\007')" >v.csv
check_exit 'a village name with controls is refused (65)' 65 'roster --import-villages v.csv'
check 'at its file and line, escaped' "grep -Fq 'v.csv:2: village name' '$T/err' && ! grep -q '$esc' '$T/err'"
printf 'badge,name,kind\nP00%s,周九,officer\n' "$(printf '\302\233')" >o.csv
check_exit 'a C1 control in a badge is refused (65)' 65 'roster --import-officers o.csv'
printf 'route,seq,checkpoint,kind\n镇区线,9,"中\r学",school\n' >r.csv
check_exit 'a carriage return in a checkpoint is refused (65)' 65 'roster --import-routes r.csv'
printf 'team,leader\n"三%s队",P001\n' "$esc" >t.csv
check_exit 'a team name with an escape is refused (65)' 65 'roster --import-teams t.csv'
printf 'code,kind,place,village\n"C%s1",skynet,路口,红星村\n' "$esc" >cam.csv
check_exit 'a camera code with an escape is refused (65)' 65 'camera-status --import cam.csv'
check 'camera-status names file and line' "grep -q 'cam.csv:2:' '$T/err'"
check_exit 'place-add refuses a name with an escape (65)' 65 \
	"place-add --category school --name '小${esc}学' --village 红星村"
check_out 'nothing of those was stored' '0' \
	"sq \"SELECT count(*) FROM village WHERE name LIKE '%pwned%'\" "
done_testing
