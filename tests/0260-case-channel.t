#!/bin/sh
# case-channel: what the receiving body did; each channel's clock (SPEC 4.1).
. "${BEAT_TOP:-.}/tests/lib.sh"
. "${BEAT_TOP:-.}/tests/cases.sh"
plan 45

q() { sq "$1"; }
# handed CASE CHANNEL AT: a case at consultation handed to CHANNEL on AT.
handed() {
	case-escalate -q "$1" --to consultation --reason 会商研判 --at "$3" &&
	case-escalate -q "$1" --channel "$2" --body 受理机关 --reason 移交 --at "$3"
}
due() { case-list --status all --no-header | grep "^$1	" | cut -f 9,10; }

export BEAT_NOW='2024-09-20 10:00'
station
p=$(newcase 红星村 land '2024-09-01 09:00:00' 土地流转)
handed "$p" petition '2024-09-20 09:00'

# Petition: 15 days to answer from the hand-off.
check_out 'a petition is to be answered 15 days after the hand-off' \
	"$(printf '2024-10-05\tpetition_answer')" "due $p"
check_exit 'an unknown event: 64' 64 "case-channel $p --event heard"
check_exit '--outcome without concluded: 64' 64 "case-channel $p --event accepted --outcome resolved"
check_exit 'concluded without --outcome: 64' 64 "case-channel $p --event concluded"
check_exit '--days without extended: 64' 64 "case-channel $p --event accepted --days 10"
check_exit 'no case: 64' 64 "case-channel --event accepted"
check_exit 'an unknown case: 69' 69 "case-channel 2024-9999 --event accepted"
check_exit 'an event before the hand-off: 65' 65 "case-channel $p --event accepted --at 2024-09-19"
check 'naming the hand-off' "grep -q 'before the hand-off to the petition channel (2024-09-20)' '$T/err'"
check_exit 'extended before acceptance: 65' 65 "case-channel $p --event extended --at 2024-09-25"
check_exit 'concluded before acceptance: 65' 65 \
	"case-channel $p --event concluded --outcome resolved --at 2024-09-25"
check 'saying what to record first' "grep -q 'not been accepted; record --event accepted' '$T/err'"

# Accepted 09-26: 60 days from acceptance, 11-25 (SPEC 4.1).
check_out 'accepting prints the case' "$p" "case-channel $p --event accepted --at 2024-09-26 --note 信访编号001"
check_out 'handled by 2024-11-25: 60 days from the acceptance' \
	"$(printf '2024-11-25\tpetition_handle')" "due $p"
check_exit 'accepted twice: 65' 65 "case-channel $p --event accepted --at 2024-09-27"
check_exit 'declined after acceptance: 65' 65 "case-channel $p --event declined --at 2024-09-27"
check_out 'overdue the day after' "$p" "BEAT_NOW='2024-11-26 08:00' case-list --overdue --ids"
check_exit 'an extension past the most (30 days): 65' 65 \
	"case-channel $p --event extended --days 31 --at 2024-11-01"
check_out 'an extension of 20 days' "$p" "case-channel $p --event extended --days 20 --at 2024-11-01"
check_out 'moves the handling to 12-15' "$(printf '2024-12-15\tpetition_handle')" "due $p"
check_exit 'a second extension: 65' 65 "case-channel $p --event extended --days 5 --at 2024-11-02"
check_out 'concluded resolved' "$p" \
	"case-channel $p --event concluded --outcome resolved --at 2024-12-20 --note 已办结"
check_out 'closes the case as resolved on that day' 'closed|resolved|2024-12-20 00:00:00' \
	"q \"SELECT status, outcome, closed_at FROM dispute WHERE number = '$p'\""
check_exit 'and it is no longer overdue' 1 "BEAT_NOW='2025-01-10 08:00' case-list --overdue --ids"
check_out 'the late conclusion stays in its history' \
	"$(printf 'petition_handle\t2024-12-15\t2024-12-20\tlate')" \
	"case-show --section deadlines $p | cut -f 2- | grep '^petition_handle'"
check_out 'the events are in the timeline' \
	"$(printf 'petition accepted; 信访编号001\npetition extended; 20 days\npetition concluded resolved; 已办结')" \
	"case-show --section timeline $p | awk -F '\t' '\$3 == \"channel\" { print \$5 }'"
check_exit 'a closed case takes no event: 65' 65 "case-channel $p --event checked"

# A declined petition, and an unresolved conclusion, give the case back.
d=$(newcase 红星村 land '2024-09-01 09:00:00' 山林纠纷)
handed "$d" petition '2024-09-20 09:00'
check_out 'a petition declined' "$d" "case-channel $d --event declined --at 2024-09-30"
check_out 'goes back to consultation with no channel, open' 'consultation||open' \
	"q \"SELECT level, coalesce(channel, ''), status FROM dispute WHERE number = '$d'\""
check_exit 'with no channel, no event: 65' 65 "case-channel $d --event checked"
check 'saying to hand it on' "grep -q 'case-escalate --channel' '$T/err'"
check_out 'and it can be handed on again' "$d" \
	"case-escalate $d --channel judicial --reason 诉调对接 --at 2024-10-08"

# People's mediation: a month from receipt; judicial: check-ins every 30 days.
check_out 'a people'"'"'s committee has one calendar month' "$(printf '2024-10-30\tpeople_month')" \
	"n=\$(newcase 青山村 neighbor '2024-09-01 09:00:00' 邻里) && handed \$n people '2024-09-30 09:00' && due \$n"
check_out 'a judicial channel: a check-in 30 days after the hand-off' \
	"$(printf '2024-11-07\tchannel_check')" "due $d"
check_out 'a check-in restarts it' "$(printf '2024-12-11\tchannel_check')" \
	"case-channel -q $d --event checked --at 2024-11-11 && due $d"
check_out 'the late check-in is history' \
	"$(printf 'channel_check\t2024-11-07\t2024-11-11\tlate')" \
	"BEAT_NOW='2024-11-12 08:00' case-show --section deadlines $d | cut -f 2- | grep '^channel_check	2024-11-07'"
check_exit 'only a petition is extended: 65' 65 "case-channel $d --event extended --at 2024-11-12"
check_out 'concluded unresolved goes back to consultation' 'consultation||open' \
	"case-channel -q $d --event concluded --outcome unresolved --at 2024-11-20 &&
	 q \"SELECT level, coalesce(channel, ''), status FROM dispute WHERE number = '$d'\""

# All or nothing; the report of a pipe.
a=$(newcase 红星村 land '2024-09-01 09:00:00' 甲)
b=$(newcase 红星村 land '2024-09-01 09:00:00' 乙)
handed "$a" petition '2024-09-20 09:00'
n=$(q 'SELECT count(*) FROM channel_event')
check_exit 'one case with no channel among others: 65' 65 \
	"printf '%s\n%s\n' $a $b | case-channel --event accepted --at 2024-09-25 -"
check_out 'and nothing was recorded' "$n" "q 'SELECT count(*) FROM channel_event'"
check_out 'an empty pipe records nothing and succeeds' '' "case-channel --event accepted - </dev/null"
check_out 'one audit row per invocation, naming the case' "$a" \
	"case-channel -q $a --event accepted --at 2024-09-25 && q 'SELECT records FROM audit ORDER BY id DESC LIMIT 1'"
check_exit 'a missing database: 66' 66 "case-channel -d '$T/none.db' $a --event checked"

check_out 'case-channel -f json prints the case in one array' "[{\"case\":\"$a\"}]" \
	"case-channel $a --event checked --at 2024-09-26 -f json | tr -d '\n'; echo"
check_out 'an empty pipe with -f json is an empty array' '[]' \
	"printf '' | case-channel - --event checked -f json"
done_testing
