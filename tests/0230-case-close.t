#!/bin/sh
# case-close: closing cases with their outcome, agreements, follow-up visits.
. "${BEAT_TOP:-.}/tests/lib.sh"
. "${BEAT_TOP:-.}/tests/cases.sh"
plan 70

export BEAT_NOW='2024-03-10 09:00'
station
c1=$(newcase 红星村 neighbor '2024-03-01 10:00:00' 漏水)
c2=$(newcase 红星村 land '2024-03-02 10:00:00' 地界)
c3=$(newcase 青山村 wages '2024-03-03 10:00:00' 欠薪)
c4=$(newcase 红星村 family '2024-03-04 10:00:00' 赡养)
c5=$(newcase 青山村 contract '2024-03-05 10:00:00' 合同)
echo "$c1 $c2 $c4" | tr ' ' '\n' >"$T/red"

# The pipe of SPEC 2.1: case-list --ids into case-close -.
check 'case-list --ids piped into case-close - closes those cases' \
	'case-list --status open --village 红星村 --ids | case-close --outcome withdrawn - >"$T/closed"'
check_same 'and prints exactly their numbers' 'cat "$T/red"' 'cat "$T/closed"'
check_same 'exactly those cases are closed now' 'cat "$T/red"' 'case-list --status closed --ids'
check_out 'the other village keeps its cases open' "$c3
$c5" 'case-list --ids'
check_out 'status, outcome and closing time are stored' \
	"$c1|closed|withdrawn|2024-03-10 09:00:00" \
	"sq \"SELECT number, status, outcome, closed_at FROM dispute WHERE number = '$c1'\""
check_out 'one audit row names the cases closed' "$c1 $c2 $c4" \
	"sq \"SELECT records FROM audit WHERE command LIKE 'case-close%' ORDER BY id DESC LIMIT 1\""

# All or nothing.
check_exit 'closing an already-closed case exits 65' 65 "case-close $c3 $c1 --outcome resolved"
check 'and says it is already closed' "grep -q '$c1: already closed' '$T/err' && [ ! -s '$T/out' ]"
check_out 'and changes nothing, not even the open case named before it' 'open' \
	"sq \"SELECT status FROM dispute WHERE number = '$c3'\""
check_exit 'an unknown case exits 69' 69 "case-close $c3 2024-9999 --outcome resolved"
check_out 'and changes nothing' 'open' "sq \"SELECT status FROM dispute WHERE number = '$c3'\""
check_out 'a failed invocation leaves no audit row' '1' \
	"sq \"SELECT count(*) FROM audit WHERE command LIKE 'case-close%'\""

# Usage errors.
check_exit '--agreement with an outcome other than resolved exits 64' 64 \
	"case-close $c3 --outcome referred --agreement 赔偿"
check_exit '--oral without --agreement exits 64' 64 "case-close $c3 --outcome resolved --oral"
check_exit '--perform-by without --agreement exits 64' 64 \
	"case-close $c3 --outcome resolved --perform-by 2024-04-01"
check_exit 'an unknown outcome exits 64' 64 "case-close $c3 --outcome settled"
check_exit 'neither --outcome nor --followup exits 64' 64 "case-close $c3"
check_exit '--outcome with --followup exits 64' 64 "case-close $c3 --outcome resolved --followup x"
check_exit 'no case exits 64' 64 'case-close --outcome resolved'
check_exit 'a bad --at exits 64' 64 "case-close $c3 --outcome resolved --at 2024-02-30"
check 'naming the option' "grep -qx \"case-close: --at: '2024-02-30' is not a date\" '$T/err'"
check_exit 'a bad --perform-by exits 64' 64 \
	"case-close $c3 --outcome resolved --agreement 赔偿 --perform-by 2024-04-31"
check 'naming the option' "grep -qx \"case-close: --perform-by: '2024-04-31' is not a date\" '$T/err'"
check_exit '--perform-by before the agreement exits 64' 64 \
	"case-close $c3 --outcome resolved --agreement 赔偿 --perform-by 2024-03-01"
check_out 'after all that the case is still open' 'open' \
	"sq \"SELECT status FROM dispute WHERE number = '$c3'\""
check_exit 'closing before the case was opened exits 65' 65 \
	"case-close $c3 --outcome resolved --at 2024-03-01"

# An agreement, its follow-up visit and its judicial confirmation.
check_out 'resolved with an oral agreement prints the case' "$c3" \
	"case-close $c3 --outcome resolved --agreement '老板付清工资8000元' --oral \
	    --perform-by 2024-03-20 --at '2024-03-08 15:30'"
check_out 'the agreement is stored with its form and performance day' \
	'2024-03-08 15:30:00|oral|老板付清工资8000元|2024-03-20|' \
	"sq \"SELECT a.at, form, text, perform_by, confirmed_at FROM agreement a
	    JOIN dispute d ON d.id = a.dispute_id WHERE number = '$c3'\""
check_out 'the case closed at the same time' '2024-03-08 15:30:00|resolved' \
	"sq \"SELECT closed_at, outcome FROM dispute WHERE number = '$c3'\""
check_out 'an agreement is written unless --oral' 'written' \
	"case-close -q $c5 --outcome resolved --agreement 'x' &&
	    sq \"SELECT form FROM agreement a JOIN dispute d ON d.id = a.dispute_id
	    WHERE number = '$c5'\""
check_out 'a follow-up visit prints the case' "$c3" \
	"case-close $c3 --followup '已付清，双方满意' --at 2024-04-02"
check_out 'and is stored' '2024-04-02 00:00:00|已付清，双方满意' \
	"sq \"SELECT f.at, note FROM followup f JOIN dispute d ON d.id = f.dispute_id
	    WHERE number = '$c3'\""
check_exit '--followup takes one case only' 64 "case-close $c3 $c5 --followup x"
check_exit '--followup on an unknown case exits 69' 69 'case-close 2024-9999 --followup x'
check_exit '--followup before the case was opened exits 65' 65 \
	"case-close $c3 --followup x --at 2024-01-01"
check_exit 'an oral agreement is not confirmed by a court: 65' 65 \
	"case-close $c3 --confirmed --at 2024-03-15"
check 'saying only a written one is' "grep -q 'oral; only a written one' '$T/err'"
check_out 'a judicial confirmation of a written one prints the case' "$c5" \
	"case-close $c5 --confirmed --at 2024-03-15"
check_out 'and is stored with the agreement, the application with it' \
	'2024-03-15 00:00:00|2024-03-15 00:00:00' \
	"sq \"SELECT confirmed_at, applied_at FROM agreement a JOIN dispute d ON d.id = a.dispute_id
	    WHERE number = '$c5'\""
check_exit 'confirming twice exits 65' 65 "case-close $c5 --confirmed"
check_exit 'confirming a case without agreement exits 65' 65 "case-close $c1 --confirmed"

# Reading case numbers.
c6=$(newcase 青山村 other '2024-03-06 10:00:00' 六)
c7=$(newcase 青山村 other '2024-03-07 10:00:00' 七)
check_out '- reads the first field of each line, skipping blank lines' "$c6" \
	"printf '\\n%s\\textra field\\n\\n' $c6 | case-close --outcome withdrawn -"
check_out 'a case named twice is closed once' "$c7" \
	"case-close $c7 $c7 --outcome withdrawn"
c11=$(newcase 青山村 other '2024-03-07 11:00:00' 十一)
c12=$(newcase 青山村 other '2024-03-07 12:00:00' 十二)
c13=$(newcase 青山村 other '2024-03-07 13:00:00' 十三)
check_out 'repeats among many, in the order first given' "$c13
$c11
$c12" "printf '%s\n' $c13 $c11 $c13 $c12 $c11 $c12 $c13 | case-close --outcome withdrawn -"
audits=$(sq "SELECT count(*) FROM audit")
check 'an empty standard input closes nothing and succeeds' \
	"case-close --outcome withdrawn - </dev/null >'$T/o' && [ ! -s '$T/o' ]"
check_out 'and writes no audit row' "$audits" 'sq "SELECT count(*) FROM audit"'
c8=$(newcase 青山村 other '2024-03-08 10:00:00' 八)
check 'with -q nothing is printed' "case-close -q $c8 --outcome withdrawn >'$T/o' && [ ! -s '$T/o' ]"
check_out 'but the case is closed' 'closed' "sq \"SELECT status FROM dispute WHERE number = '$c8'\""

# Text reaches SQL as a parameter, never as SQL.
c9=$(newcase 青山村 other '2024-03-08 11:00:00' 九)
check 'an agreement that looks like SQL is stored as text' \
	"case-close -q $c9 --outcome resolved --agreement \"'); DROP TABLE dispute;--\""
check_out 'and comes back intact' "'); DROP TABLE dispute;--" \
	"sq \"SELECT text FROM agreement a JOIN dispute d ON d.id = a.dispute_id
	    WHERE number = '$c9'\""

# A bare date is the whole day: the day of registration is not before it.
c10=$(newcase 青山村 other '2024-03-09 10:00:00' 十)
check_out 'closed on the day it was registered, --at a bare date' "$c10" \
	"case-close $c10 --outcome resolved --agreement 当场和解 --at 2024-03-09"
check_out 'confirmed on the day of the agreement' "$c10" \
	"case-close $c10 --confirmed --at 2024-03-09"
check_out 'visited on that day too' "$c10" \
	"case-close $c10 --followup 已履行 --at 2024-03-09"
check_exit 'a day before registration is still refused' 65 \
	"case-close $c10 --followup x --at 2024-03-08"
check_exit 'a missing database exits 66' 66 "case-close -d '$T/none.db' $c1 --outcome resolved"

# Judicial confirmation (人民调解法 art. 33, 民事诉讼法 art. 85).
j=$(newcase 红星村 contract '2024-08-20 10:00:00' 合同)
case-close -q "$j" --outcome resolved --agreement 分期付款 --at '2024-09-01 10:00'
check_out 'a written agreement of 2024-09-01 can be confirmed until 2024-10-08' \
	"$(printf 'judicial_confirm\t2024-10-08\t\towed')" \
	"BEAT_NOW='2024-10-02 09:00' case-show --section deadlines $j | cut -f 2- | grep '^judicial_confirm'"
k=$(newcase 红星村 contract '2024-09-20 10:00:00' 合同)
case-close -q "$k" --outcome resolved --agreement 付款 --at '2024-10-04 10:00'
check_out 'one of 2024-10-04 until Monday 2024-11-04' \
	"$(printf '%s\t2024-11-04\tjudicial_confirm' "$k")" \
	"BEAT_NOW='2024-11-04 09:00' case-list --due-soon --no-header | grep '^$k' | cut -f 1,9,10"
check_out '--applied on the last day meets it' "$k" "case-close $k --applied --at 2024-11-04"
check_out 'no warning' '' "cat '$T/err'"
check_exit 'applying twice: 65' 65 "case-close $k --applied --at 2024-11-05"
check_out 'an application after the window is accepted' "$j" "case-close $j --applied --at 2024-10-09"
check_out 'with a warning' "case-close: $j: applied on 2024-10-09, after the window closed on 2024-10-08; kept as late" \
	"cat '$T/err'"
check_out 'and kept as late' "$(printf 'judicial_confirm\t2024-10-08\t2024-10-09\tlate')" \
	"case-show --section deadlines $j | cut -f 2- | grep '^judicial_confirm'"
check_exit 'an oral agreement takes no application: 65' 65 "case-close $c3 --applied"
# What mediation prevented, for the statistics forms.
f=$(newcase 红星村 neighbor '2024-03-09 10:00:00' 斗殴苗头)
check_exit '--prevented needs --outcome resolved: 64' 64 "case-close $f --outcome withdrawn --prevented fight"
check_exit '--prevented takes a known kind: 64' 64 "case-close $f --outcome resolved --prevented riot"
check_exit '--persons needs --prevented: 64' 64 "case-close $f --outcome resolved --persons 3"
check_out '--prevented fight --persons 3' 'fight|3' \
	"case-close -q $f --outcome resolved --prevented fight --persons 3 &&
	 sq \"SELECT prevented, prevented_persons FROM dispute WHERE number = '$f'\""

check_out 'case-close -f csv prints the numbers under a header' "case $f" \
	"case-close $f --followup 回访 -f csv | tr -d '\r' | paste -sd ' '"
check_out 'an empty pipe with -f json is an empty array' '[]' \
	"printf '' | case-close - --outcome resolved -f json"
done_testing
