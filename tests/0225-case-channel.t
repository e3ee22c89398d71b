#!/bin/sh
# case-channel: what the body a case was handed to did with it (SPEC 4.1).
. "${BEAT_TOP:-.}/tests/lib.sh"
. "${BEAT_TOP:-.}/tests/cases.sh"
plan 34

export BEAT_NOW='2024-03-20 09:00'
station
# handed CASE CHANNEL AT [OPTION...]: the case goes to consultation, then to CHANNEL.
handed() {
	_c=$1 _ch=$2 _at=$3
	shift 3
	case-escalate -q "$_c" --to consultation --reason 会商 --at "$_at" &&
	    case-escalate -q "$_c" --channel "$_ch" --reason 移交 --at "$_at" "$@"
}
c1=$(newcase 红星村 demolition '2024-03-01 10:00:00' 征地补偿)
c2=$(newcase 青山村 wages '2024-03-01 11:00:00' 欠薪)
c3=$(newcase 红星村 neighbor '2024-03-01 12:00:00' 漏水)
handed "$c1" petition '2024-03-05 10:00'
handed "$c2" judicial '2024-03-05 10:00' --body 县人民法院
# deadlines CASE: the case's deadlines table, without its header.
deadlines() { case-show "$1" --no-header | awk 'NF == 0 { t++; next } t == 3'; }
events() { sq "SELECT count(*) FROM channel_event"; }

# Usage errors.
check_exit 'no --event exits 64' 64 "case-channel $c1"
check_exit 'an unknown event exits 64' 64 "case-channel $c1 --event answered"
check_exit 'concluded without --outcome exits 64' 64 "case-channel $c1 --event concluded"
check_exit '--outcome with another event exits 64' 64 \
	"case-channel $c1 --event accepted --outcome resolved"
check_exit 'an unknown outcome exits 64' 64 "case-channel $c1 --event concluded --outcome done"
check_exit '--days without extended exits 64' 64 "case-channel $c1 --event accepted --days 10"
check_exit 'no case exits 64' 64 'case-channel --event accepted'

# Out of order, or not with a channel.
check_exit 'a case with no channel exits 65' 65 "case-channel $c3 --event accepted"
check 'and says how to hand it on' "grep -q 'case-escalate --channel' '$T/err' && [ ! -s '$T/out' ]"
check_exit 'an unknown case exits 69' 69 "case-channel 2024-9999 --event accepted"
check_exit 'a petition is not extended before it is accepted (65)' 65 \
	"case-channel $c1 --event extended"
check_exit 'nor concluded before it is accepted (65)' 65 \
	"case-channel $c1 --event concluded --outcome resolved"
check_exit '--at before the hand-off exits 65' 65 \
	"case-channel $c1 --event accepted --at 2024-03-04"
check_out 'and nothing was recorded' 0 events

# A petition: accepted, extended once, concluded unresolved.
check_out 'the acceptance is recorded and the case printed' "$c1" \
	"case-channel $c1 --event accepted --at 2024-03-10 --note 镇信访办受理"
check 'the answer was in time, the handling due 60 days after acceptance' \
	"deadlines $c1 | grep -qx 'petition_answer	2024-03-20	2024-03-10	met' &&
	 deadlines $c1 | grep -qx 'petition_handle	2024-05-09		owed'"
check_exit 'a second acceptance exits 65' 65 "case-channel $c1 --event accepted"
check_exit 'a refusal after acceptance exits 65' 65 "case-channel $c1 --event declined"
check_exit 'an extension past petition_extend_days exits 65' 65 \
	"case-channel $c1 --event extended --days 31"
check_out 'an extension of 20 days is recorded' "$c1" \
	"case-channel $c1 --event extended --days 20 --at 2024-03-15"
check 'and moves the handling day' \
	"deadlines $c1 | grep -qx 'petition_handle	2024-05-29		owed'"
check_exit 'a second extension exits 65' 65 "case-channel $c1 --event extended"
check_out 'concluded unresolved: recorded' "$c1" \
	"case-channel $c1 --event concluded --outcome unresolved --at 2024-03-18"
check_out 'the case is open at consultation with no channel' 'open|consultation|' \
	"sq \"SELECT status, level, channel FROM dispute WHERE number = '$c1'\""
check_out 'and can be handed on again' "$c1" \
	"case-escalate $c1 --channel people --reason 人民调解 --at 2024-03-19"
check_out 'a people committee that declines gives it back too' '|' \
	"case-channel -q $c1 --event declined --at 2024-03-20 &&
	 sq \"SELECT channel, closed_at FROM dispute WHERE number = '$c1'\""

# Administrative and judicial: check-ins restart the reminder.
check 'a judicial hand-off is due a check-in 30 days on' \
	"deadlines $c2 | grep -qx 'channel_check	2024-04-04		owed'"
check_exit 'only a petition is extended (65)' 65 "case-channel $c2 --event extended"
check 'a check-in restarts the 30 days' \
	"case-channel -q $c2 --event checked --at 2024-03-20 &&
	 deadlines $c2 | grep -qx 'channel_check	2024-04-19		owed'"
check_exit 'all or nothing: an unknown case among others exits 69' 69 \
	"case-channel $c2 2024-9999 --event checked"
check_out 'and records nothing' 5 events
check_out 'concluded resolved closes the case as resolved' \
	'closed|resolved|2024-03-20 09:00:00' \
	"case-channel -q $c2 --event concluded --outcome resolved &&
	 sq \"SELECT status, outcome, closed_at FROM dispute WHERE number = '$c2'\""
check_exit 'a closed case exits 65' 65 "case-channel $c2 --event checked"
check_out 'an empty standard input records nothing and is no error' '' \
	": | case-channel - --event checked"
done_testing
