#!/bin/sh
# case-mediate: sessions, exact money, levels, refusals, extensions.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 55

q() { sq "$1"; }
audits() { q 'SELECT count(*) FROM audit'; }
sessions() { q "SELECT count(*) FROM session"; }
export BEAT_NOW='2024-09-13 10:00'
mini_station
case-add -q --village 红星村 --type wages --summary 欠薪
case-add -q --village 青山村 --type neighbor --summary 滴水
export BEAT_NOW='2024-09-20 15:30'

n=$(audits)
check_out 'a session prints the case number' '2024-0001' \
	"case-mediate 2024-0001 --outcome failed --recovered 0.10 --mediator 李明 --mediator 村支书 --note 首次"
check_out 'and is stored at the case level, now, with its mediators in order' \
	'2024-09-20 15:30:00|police|failed|李明、村支书|10|首次' \
	"q 'SELECT at, level, outcome, mediators, recovered_fen, note FROM session'"
check_out 'one audit row naming the case' "$((n + 1))|2024-0001" \
	"echo \$(audits)'|'\$(q 'SELECT records FROM audit ORDER BY id DESC LIMIT 1')"
check_out 'a second session, case from stdin' '2024-0001' \
	"echo '2024-0001 欠薪' | case-mediate - --outcome partial --recovered 0.20 --at 2024-09-21"
check_out '0.10 + 0.20 yuan recovered is exactly 30 fen' '30' \
	"q 'SELECT sum(recovered_fen) FROM session'"
check_out 'a bare date is midnight of that day' '2024-09-21 00:00:00' \
	"q 'SELECT at FROM session ORDER BY id DESC LIMIT 1'"
check_out 'a session on the day of registration is accepted' '2024-0002' \
	"case-mediate 2024-0002 --outcome agreed --at 2024-09-13"

# Refused, and nothing stored.
n=$(audits); s=$(sessions)
check_exit 'a level above the case is refused: 65' 65 \
	"case-mediate 2024-0001 --outcome failed --level township"
check 'saying to escalate first' "grep -q 'at level police.*escalate' '$T/err'"
check_exit 'a session before registration: 65' 65 \
	"case-mediate 2024-0001 --outcome failed --at 2024-09-12"
check 'saying when the case was registered' \
	"grep -q '^case-mediate: 2024-0001: --at 2024-09-12 is before the case was registered (20' '$T/err'"
check_exit 'an unknown case: 69' 69 "case-mediate 2024-0099 --outcome failed"
check 'named in the message' "grep -q '2024-0099' '$T/err'"
check_exit 'an unknown outcome: 64' 64 "case-mediate 2024-0001 --outcome won"
check_exit 'an unknown level: 64' 64 "case-mediate 2024-0001 --outcome failed --level court"
check_exit 'no outcome, refusal or extension: 64' 64 "case-mediate 2024-0001 --mediator 李明"
check_exit '--outcome with --refused: 64' 64 "case-mediate 2024-0001 --outcome failed --refused"
check_exit '--refused with --recovered: 64' 64 "case-mediate 2024-0001 --refused --recovered 5"
check_exit '--refused with --extend: 64' 64 "case-mediate 2024-0001 --refused --extend 2024-12-31"
check_exit '--extend alone takes no --level: 64' 64 "case-mediate 2024-0001 --extend 2024-12-31 --level police"
check_exit 'money with three decimals: 64' 64 "case-mediate 2024-0001 --outcome partial --recovered 0.105"
check_exit 'a bad --extend: 64' 64 "case-mediate 2024-0001 --extend 2024-02-30"
check 'naming the option' "grep -qx \"case-mediate: --extend: '2024-02-30' is not a date\" '$T/err'"
check_exit 'a bad --at: 64' 64 "case-mediate 2024-0001 --outcome failed --at 2024-13-01"
check 'naming the option' "grep -qx \"case-mediate: --at: '2024-13-01' is not a date\" '$T/err'"
check_exit 'two cases: 64' 64 "case-mediate 2024-0001 2024-0002 --outcome failed"
check_exit 'no case: 64' 64 "case-mediate --outcome failed"
check_out 'none of these stored a session or an audit row' "$s|$n" "echo \$(sessions)'|'\$(audits)"

# Extensions of the mediation month (registration 09-13: due 10-13).
check_exit 'an extension not after the current deadline: 65' 65 \
	"case-mediate 2024-0001 --extend 2024-10-13"
check 'naming that deadline' "grep -q '2024-10-13' '$T/err'"
check_out 'an extension alone' '2024-0001' \
	"case-mediate 2024-0001 --extend 2024-11-30 --note 双方同意延期"
check_out 'records the consent and moves the deadline, with no session' \
	"2024-09-20 15:30:00|2024-11-30|双方同意延期|2024-11-30|$s" \
	"echo \$(q \"SELECT e.at, until, e.note, extended_to FROM extension AS e JOIN dispute AS d ON d.id = dispute_id\")'|'\$(sessions)"
check_exit 'the next extension must go past the last one' 65 \
	"case-mediate 2024-0001 --extend 2024-11-15"
check_out 'a session and an extension together' '2024-0001' \
	"case-mediate 2024-0001 --outcome partial --extend 2024-12-31 --note 分期 --force"
check_out 'the note goes to the session' '分期||2024-12-31' \
	"q \"SELECT (SELECT note FROM session ORDER BY id DESC LIMIT 1), (SELECT coalesce(note, '') FROM extension ORDER BY id DESC LIMIT 1), (SELECT extended_to FROM dispute WHERE id = 1)\""

# A refusal ends mediation at its level.
check_out 'a refusal is recorded' '2024-0001|refused|police' \
	"echo \$(case-mediate 2024-0001 --refused --note 被申请人拒绝)'|'\$(q 'SELECT outcome, level FROM session ORDER BY id DESC LIMIT 1')"
check_exit 'no further session at that level: 65' 65 \
	"case-mediate 2024-0001 --outcome failed"
check 'the message says who refused and what to do' \
	"grep -q 'refused mediation at level police on 2024-09-20; escalate or close' '$T/err'"
case-escalate -q 2024-0001 --reason 拒绝调解
check_out 'after escalation, sessions go on at the next level' '2024-0001|township' \
	"echo \$(case-mediate 2024-0001 --outcome failed)'|'\$(q 'SELECT level FROM session ORDER BY id DESC LIMIT 1')"
check_out 'a late session at the level below is accepted' 'police' \
	"case-mediate -q 2024-0002 --outcome failed --level police && q 'SELECT level FROM session ORDER BY id DESC LIMIT 1'"

# Cases no longer in mediation.
q "UPDATE dispute SET status = 'closed', outcome = 'resolved', closed_at = '2024-09-20 16:00:00' WHERE number = '2024-0002'"
check_exit 'a closed case: 65' 65 "case-mediate 2024-0002 --outcome failed"
check 'saying it is closed' "grep -q '2024-0002: the case is closed' '$T/err'"
case-escalate -q 2024-0001 --to consultation --reason 会商 --at '2024-09-20 16:00'
case-escalate -q 2024-0001 --channel judicial --reason 诉调对接 --at '2024-09-20 16:00'

check_exit 'a case handed to a channel has no month to extend: 65' 65 \
	"case-mediate 2024-0001 --extend 2025-01-31"
check_exit 'a missing database: 66' 66 "case-mediate -d '$T/none.db' 2024-0001 --outcome failed"

# The police level (治安调解工作规范 art. 9): two sessions at most.
p=$(case-add --village 红星村 --type traffic --summary 交通 --at '2024-09-13 10:00')
case-mediate -q "$p" --outcome failed --at '2024-09-14 09:00'
case-mediate -q "$p" --outcome partial --at '2024-09-18 09:00'
check_exit 'a third police-level session: 65' 65 "case-mediate $p --outcome failed --at 2024-09-19"
check 'pointing to case-escalate' "grep -q '2 police-level sessions are held already.*case-escalate' '$T/err'"
check_out 'and nothing was recorded' '2' \
	"sq \"SELECT count(*) FROM session JOIN dispute d ON d.id = dispute_id WHERE number = '$p'\""
check_out 'unless --force' "$p" "case-mediate $p --outcome failed --at 2024-09-19 --force"
check 'which the audit trail keeps' \
	"sq 'SELECT command FROM audit ORDER BY id DESC LIMIT 1' | grep -q -- '--force'"
# An appraisal restarts the three working days: issued Friday 09-13,
# due Thursday 09-19 over Mid-Autumn (make-up Saturday 09-14).
a=$(case-add --village 红星村 --type traffic --summary 伤情鉴定 --at '2024-09-02 10:00')
check_out '--appraised alone records the day' "$a" "case-mediate $a --appraised 2024-09-13"
check_out 'the first police session is due 3 working days after it' \
	"$(printf '2024-09-19\tpolice_first')" \
	"BEAT_NOW='2024-09-14 10:00' case-list --no-header | grep '^$a' | cut -f 9,10"

# A session is recorded once held, not a week ahead; --force (the same
# option as for a third police session) records it all the same.
n=$(sessions)
check_err 'a session more than a day ahead is refused' 65 \
	"case-mediate: $a: --at 2024-09-30 10:00:00 is more than a day ahead; a session is recorded once held (--force records it)" \
	"case-mediate $a --outcome failed --at '2024-09-30 10:00'"
check_out 'storing nothing' "$n" 'sessions'
check_out '--force records it' "$((n + 1))" \
	"case-mediate -q $a --outcome failed --at '2024-09-30 10:00' --force && sessions"

check_out 'case-mediate -f json prints the case in one array' "[{\"case\":\"$a\"}]" \
	"case-mediate $a --outcome failed --at '2024-09-30 11:00' --force -f json | tr -d '\n'; echo"
done_testing
