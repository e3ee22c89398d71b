#!/bin/sh
# case-add: numbers, beat officers, parties, ID check digits, untrusted text.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 65

q() { sq "$1"; }
audits() { q 'SELECT count(*) FROM audit'; }
export BEAT_NOW='2024-09-13 10:00'
mini_station

check_out 'the first case of the year is YYYY-0001' '2024-0001' \
	"case-add --village 红星村 --type neighbor --summary 滴水纠纷"
check_out 'it belongs to the beat officer of its village, at police, open' \
	'P001|police|open|walkin|2024-09-13 10:00:00' \
	"q \"SELECT badge, level, status, source, opened_at FROM dispute JOIN officer ON officer.id = officer_id WHERE number = '2024-0001'\""
check_out 'the next case takes the next number' '2024-0002' \
	"case-add --village 青山村 --type wages --summary 欠薪 --crowd 6 --claimed 3500.50"
check_out 'the other village has its own beat officer' 'P002|wages|6|350050' \
	"q \"SELECT badge, type, crowd, claimed_fen FROM dispute JOIN officer ON officer.id = officer_id WHERE number = '2024-0002'\""
check_out '--officer overrides the beat' '2024-0003' \
	"case-add --village 红星村 --type family --summary x --officer 王芳 --source call"
check_out 'and is stored with the source' 'P002|call' \
	"q \"SELECT badge, source FROM dispute JOIN officer ON officer.id = officer_id WHERE number = '2024-0003'\""
check_out 'a Chinese type label is taken as its code' '2024-0004' \
	"case-add --village 红星村 --type 宅基地房屋 --summary x --cross-region --violence-risk --complex"
check_out 'with the flags' 'homestead|1|1|1' \
	"q \"SELECT type, cross_region, violence_risk, complex FROM dispute WHERE number = '2024-0004'\""
check_out 'the year of --at is the year of the number' '2023-0001' \
	"case-add --village 红星村 --type other --summary x --at 2023-12-31"
check_out 'and numbering of 2024 goes on' '2024-0005' \
	"case-add --village 红星村 --type other --summary x --at '2024/9/12 08:30'"

# Parties, ID-card numbers and phones.
check_out 'parties with roles in English or Chinese' '2024-0006' \
	"case-add --village 红星村 --type wages --summary x \
	--party '申请人:张三:11010519491231002x:138 0000 1111' \
	--party respondent:某砖厂 --party 第三人:李四::13900002222"
check_out 'are stored with normalised ID numbers' \
	'applicant|张三|11010519491231002X|138 0000 1111
respondent|某砖厂||
third|李四||13900002222' \
	"q \"SELECT role, name, coalesce(idno, ''), coalesce(phone, '') FROM party WHERE dispute_id = (SELECT id FROM dispute WHERE number = '2024-0006') ORDER BY id\""
n=$(audits)
check_exit 'a wrong ID check digit is refused with 65' 65 \
	"case-add --village 红星村 --type family --summary x --party applicant:王五:110105194912310021"
check 'naming the party and --force' "grep -q '王五.*check digit.*--force' '$T/err'"
check_out 'the audit trail keeps no ID-card number in the clear' '0' \
	"q \"SELECT count(*) FROM audit WHERE command LIKE '%11010519491231002%' OR command LIKE '%13900002222%' OR command LIKE '%0000 1111%'\""
check_out 'but the masked forms' '1' \
	"q \"SELECT count(*) FROM audit WHERE command LIKE '%110105********002x%' AND command LIKE '%139****2222%' AND command LIKE '%138 **** 1111%'\""
check_out 'and nothing is stored, not even an audit row' "6|$n" \
	"echo \$(q \"SELECT count(*) FROM dispute WHERE year = 2024\")'|'\$(audits)"
check_out '--force accepts it' '2024-0007' \
	"case-add --village 红星村 --type family --summary x --force --party applicant:王五:110105194912310021"
check_out 'as given' '110105194912310021' \
	"q \"SELECT idno FROM party WHERE name = '王五'\""
check_exit 'a number that is not 18 characters is refused even with --force' 65 \
	"case-add --village 红星村 --type family --summary x --force --party applicant:赵六:1101051949"
check_exit 'a phone that is not one is refused' 65 \
	"case-add --village 红星村 --type family --summary x --party applicant:赵六::call-me"

# Unknown records and usage errors.
cat >"$T/v.csv" <<-'CSV'
	name,township
	新村,厚坝镇
	CSV
roster -q --import-villages "$T/v.csv"
check_exit 'a village without a beat officer: 69' 69 \
	"case-add --village 新村 --type land --summary 地界"
check 'the message names the village and roster --assign' \
	"grep -q \"新村.*roster --assign OFFICER 新村\" '$T/err'"
check_out '--officer registers it all the same' '2024-0008' \
	"case-add --village 新村 --type land --summary 地界 --officer P001"
n=$(audits)
check_exit 'an unknown village: 69' 69 "case-add --village 无名村 --type land --summary x"
check_exit 'an unknown officer: 69' 69 "case-add --village 红星村 --type land --summary x --officer P999"
check_exit 'an unknown type: 64' 64 "case-add --village 红星村 --type feud --summary x"
check 'listing the types' "grep -q 'feud.*wages' '$T/err'"
check_exit 'a missing --summary: 64' 64 "case-add --village 红星村 --type land"
check_exit 'an empty --summary: 64' 64 "case-add --village 红星村 --type land --summary ''"
check_exit 'bad money: 64' 64 "case-add --village 红星村 --type land --summary x --claimed 1.005"
check_exit 'an unknown role: 64' 64 "case-add --village 红星村 --type land --summary x --party judge:包拯"
check_exit 'a party without a name: 64' 64 "case-add --village 红星村 --type land --summary x --party applicant"
check_exit 'an unknown source: 64' 64 "case-add --village 红星村 --type land --summary x --source fax"
check_exit 'a bad date: 64' 64 "case-add --village 红星村 --type land --summary x --at 2024-02-30"
check 'naming the option' "grep -qx \"case-add: --at: '2024-02-30' is not a date\" '$T/err'"
check_exit 'a missing database: 66' 66 "case-add -d '$T/none.db' --village 红星村 --type land --summary x"
check_out 'none of these stored anything' "8|$n" \
	"echo \$(q \"SELECT count(*) FROM dispute WHERE year = 2024\")'|'\$(audits)"

# Untrusted text is stored exactly.
sql="'); DROP TABLE dispute;--"
check_out 'a summary that looks like SQL' '2024-0009' \
	"case-add --village 红星村 --type other --summary \"\$sql\""
check_out 'is stored intact' "$sql" "q \"SELECT summary FROM dispute WHERE number = '2024-0009'\""
esc=$(printf 'a\033[2J\033]0;pwned\007b\nc')
check_out 'a summary with terminal escapes' '2024-0010' \
	"case-add --village 红星村 --type other --summary \"\$esc\""
check_out 'is stored byte for byte' \
	"$(printf '%s\n' "$esc" | od -An -tx1 | tr -d ' \n')" \
	"q \"SELECT summary FROM dispute WHERE number = '2024-0010'\" | od -An -tx1 | tr -d ' \n'; echo"

# Each registration: one audit row naming the case.
n=$(audits)
check 'with -q nothing is printed' \
	"[ -z \"\$(case-add -q --village 红星村 --type other --summary x)\" ]"
check_out 'one audit row per registration, naming the case' "$((n + 1))|2024-0011" \
	"echo \$(audits)'|'\$(q 'SELECT records FROM audit ORDER BY id DESC LIMIT 1')"

# Eight writers at once never collide.
i=0
while [ $i -lt 8 ]; do
	(
		j=0
		while [ $j -lt 10 ]; do
			case-add --village 青山村 --type other --summary "loop $i.$j" ||
				echo "failed $i.$j" >&2
			j=$((j + 1))
		done
	) >"$T/loop$i.out" 2>"$T/loop$i.err" &
	i=$((i + 1))
done
wait
check 'eight concurrent loops of ten: no failure' "! grep . '$T'/loop*.err"
check_out 'eighty distinct numbers printed' 80 "cat '$T'/loop*.out | sort -u | wc -l | tr -d ' '"
check_out 'eighty cases stored, numbered 0012 to 0091 without a gap' '80|12|91' \
	"q \"SELECT count(*), min(seq), max(seq) FROM dispute WHERE summary LIKE 'loop %'\""
check 'a date in a file name is not taken for a phone number' \
	"case-add -q --village 红星村 --type family --summary '见 110-2024-12-31.csv' --at 2024-12-31 --force &&
	 [ \"\$(q \"SELECT count(*) FROM audit WHERE command LIKE '%110-2024-12-31.csv%'\")\" = 1 ]"
check 'the audit trail keeps no ID number typed in full-width digits' \
	"case-add -q --village 红星村 --type family --summary y --party 'applicant:赵六:１１０１０５１９４９１２３１００２Ｘ' &&
	 [ \"\$(q \"SELECT count(*) FROM audit WHERE command LIKE '%１１０１０５１９４９%' OR command LIKE '%11010519491231002X%'\")\" = 0 ]"
check_exit "a phone of signs only is refused (65)" 65 \
	"case-add --village 红星村 --type family --summary x --party 'applicant:赵六::+-+-'"
check_exit "so is one of letters and dashes" 65 \
	"case-add --village 红星村 --type family --summary x --party 'applicant:赵六::not-a-phone'"
check_exit "and a mobile one digit short" 65 \
	"case-add --village 红星村 --type family --summary x --party 'applicant:赵六::138 0013 800'"
check "the message shows the phone masked" "grep -Fq \"'138 ***3 800' is not a phone\" '$T/err'"
check_exit "a wrong check digit in groups is refused" 65 \
	"case-add --village 红星村 --type family --summary x --party 'applicant:赵六:110105 19491231 0021'"
check "and the message does not show the number whole" \
	"grep -q '110105 \\*\\*\\*\\*\\*\\*\\*\\* 0021' '$T/err' && ! tr -d ' ' <'$T/err' | grep -q 110105194912310021"
check "the audit keeps an ID in groups and a +86 phone masked" \
	"case-add -q --village 红星村 --type family --summary '王五 110105 19491231 002X, +8613900002222' \
	 --party 'applicant:王五:110105 19491231 002X:+86 139 0000 2222' &&
	 ! q 'SELECT command FROM audit ORDER BY id DESC LIMIT 1' | tr -d ' ' | grep -Eq '11010519491231002X|13900002222'"

# A registration is not dated next week (a slip for 2042, say).
n=$(q 'SELECT count(*) FROM dispute')
check_err '--at more than a day ahead is refused' 65 \
	'case-add: --at 2042-09-14 00:00:00 is more than a day ahead; a dispute is registered when it comes in (--force records it)' \
	'case-add --village 红星村 --type other --summary x --at 2042-09-14'
check_out 'storing nothing' "$n" "q 'SELECT count(*) FROM dispute'"
check_exit 'a day and a minute ahead is too far' 65 \
	"case-add --village 红星村 --type other --summary x --at '2024-09-14 10:01'"
check_out 'a day ahead is not' '2024-09-14 10:00:00' \
	"case-add -q --village 红星村 --type other --summary x --at '2024-09-14 10:00' &&
	 q 'SELECT opened_at FROM dispute ORDER BY id DESC LIMIT 1'"
check_out '--force records it' '2042-09-14 00:00:00' \
	"case-add -q --village 红星村 --type other --summary x --at 2042-09-14 --force &&
	 q 'SELECT opened_at FROM dispute ORDER BY id DESC LIMIT 1'"

# -f: the number as a table of one column; without it one a line, on a terminal too.
check 'case-add -f csv prints a header, then the number' \
	"case-add --village 红星村 --type other --summary f -f csv >o &&
	 [ \"\$(head -n 1 o)\" = \"case\$(printf '\r')\" ] && sed -n 2p o | grep -Eq '^20[0-9]{2}-[0-9]{4}'"
check_out 'case-add -f json prints one array' '1 case' \
	"case-add --village 红星村 --type other --summary f -f json |
	 python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), *d[0])'"
check 'without -f, on a terminal too, the bare number' \
	"script -qec 'case-add --village 红星村 --type other --summary f' /dev/null >tty.out &&
	 [ \$(wc -l <tty.out) -eq 1 ] && grep -Eq '^20[0-9]{2}-[0-9]{4}' tty.out"
check_out '-q -f json prints nothing' '' \
	"case-add -q -f json --village 红星村 --type other --summary f"
done_testing
