#!/bin/sh
# case-escalate: the 会商研判 rule, upward moves only, channels, one transaction.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 62

q() { sq "$1"; }
audits() { q 'SELECT count(*) FROM audit'; }
levels() { q "SELECT group_concat(number || ':' || level, ' ') FROM (SELECT number, level FROM dispute ORDER BY number) AS d"; }
add() { case-add -q --village 红星村 --summary test "$@"; }
export BEAT_NOW='2024-09-13 10:00'
mini_station
add --type neighbor					# 0001: nothing
add --type land --cross-region				# 0002
add --type family --violence-risk			# 0003
add --type contract --complex				# 0004
add --type neighbor					# 0005: three failed sessions
add --type neighbor					# 0006: two failed, one partial
add --type land --crowd 12				# 0007: mass risk only
add --type wages --crowd 6				# 0008: mass risk only
add --type family --complex				# 0009: closed
add --type family --complex				# 0010: at consultation already
add --type wages --crowd 4				# 0011: too few
for o in failed failed failed; do case-mediate -q 2024-0005 --outcome $o --force; done
for o in failed partial failed; do case-mediate -q 2024-0006 --outcome $o --force; done
q "UPDATE dispute SET status = 'closed', outcome = 'withdrawn', closed_at = '2024-09-13 11:00:00' WHERE number = '2024-0009'"
case-escalate -q 2024-0010 --to consultation --reason 复杂
export BEAT_NOW='2024-09-14 02:00'

before=$(levels)
n=$(audits)
rows='2024-0002	police	consultation	cross-region
2024-0003	police	consultation	violence risk
2024-0004	police	consultation	complex
2024-0005	police	consultation	3 failed sessions'
check_out '--dry-run prints one line per escalation: case, from, to, reason' "$rows" \
	'case-escalate --auto --dry-run'
check 'and warns of mass-incident risks on stderr' \
	"grep -qx 'case-escalate: 2024-0007: mass-incident risk: crowd 12' '$T/err' &&
	 grep -qx 'case-escalate: 2024-0008: mass-incident risk: wages owed to 6 workers' '$T/err'"
check_out 'two warnings, none for too small a crowd or a closed case' 2 \
	"case-escalate --auto --dry-run 2>&1 >/dev/null | wc -l | tr -d ' '"
check_out '--dry-run changes nothing, not even the audit trail' "$before|$n|1" \
	"echo \"\$(levels)|\$(audits)|\$(q 'SELECT count(*) FROM escalation')\""
# The lines stand for the cases moved: lines lost, nothing moved.
check_exit '--auto with stdout full exits 74' 74 'case-escalate --auto >/dev/full'
check_out 'and moves nothing, not even the audit trail' "$before|$n|1" \
	"echo \"\$(levels)|\$(audits)|\$(q 'SELECT count(*) FROM escalation')\""

check_out '--auto sends each case one trigger holds for, and no other' "$rows" \
	'case-escalate --auto'
check 'mass-incident warnings do not change the exit status' \
	"grep -q '2024-0007: mass-incident risk' '$T/err'"
check_out 'each trigger alone moved its case; nothing else moved any' \
	'2024-0001:police 2024-0002:consultation 2024-0003:consultation 2024-0004:consultation 2024-0005:consultation 2024-0006:police 2024-0007:police 2024-0008:police 2024-0009:police 2024-0010:consultation 2024-0011:police' \
	levels
check_out 'each move is recorded as automatic, with its reason and time' \
	'2024-0002|2024-09-14 02:00:00|police|consultation||cross-region|1
2024-0005|2024-09-14 02:00:00|police|consultation||3 failed sessions|1' \
	"q \"SELECT number, e.at, from_level, to_level, coalesce(e.channel, ''), reason, auto FROM escalation AS e JOIN dispute AS d ON d.id = dispute_id WHERE auto = 1 AND number IN ('2024-0002', '2024-0005') ORDER BY number\""
check_out 'one audit row for the run, naming the cases' "$((n + 1))|2024-0002 2024-0003 2024-0004 2024-0005" \
	"echo \$(audits)'|'\$(q 'SELECT records FROM audit ORDER BY id DESC LIMIT 1')"
n=$(audits)
check_out 'a second --auto escalates nothing' '' 'case-escalate --auto'
check_out 'and writes nothing' "$n|5" "echo \$(audits)'|'\$(q 'SELECT count(*) FROM escalation')"
q "UPDATE dispute SET complex = 1 WHERE number = '2024-0011'"
check_out '-q silences the lines of --auto' '' 'case-escalate -q --auto'
check_out 'but it ran' '2024-0011|consultation' "q \"SELECT number, level FROM dispute WHERE number = '2024-0011'\""

# By hand, one level at a time or straight up.
n=$(audits)
check_out 'by default a case goes one level up' '2024-0001' \
	"case-escalate 2024-0001 --reason 乡镇介入"
check_out 'recorded by hand with the reason' 'police|township|乡镇介入|0' \
	"q \"SELECT from_level, to_level, reason, auto FROM escalation ORDER BY id DESC LIMIT 1\""
check_exit 'downward is refused: 65' 65 "case-escalate 2024-0001 --to police --reason x"
check 'saying escalation goes only upward' "grep -q 'at level township; escalation goes only upward, not to police' '$T/err'"
check_exit 'sideways is refused: 65' 65 "case-escalate 2024-0001 --to township --reason x"
check_exit 'a channel below consultation is refused: 65' 65 "case-escalate 2024-0001 --channel people --reason x"
check 'saying only a case at consultation is handed on' "grep -q 'only a case at consultation' '$T/err'"
check_out 'levels may be skipped upward' '2024-0001' "case-escalate 2024-0001 --to consultation --reason 会商"
check_exit 'past consultation only a channel: 65' 65 "case-escalate 2024-0001 --reason x"
check 'says so' "grep -q 'hand it to a channel with --channel' '$T/err'"
check_out 'one audit row per invocation' "$((n + 2))" audits

# Channels.
check_out 'a case at consultation goes to a channel' '2024-0002' \
	"case-escalate 2024-0002 --channel petition --body 县信访局 --reason 引导信访"
check_out 'recorded with no level, the body, and the channel on the case' \
	'consultation||petition|县信访局|petition|2024-09-14 02:00:00' \
	"q \"SELECT from_level, coalesce(to_level, ''), e.channel, e.body, d.channel, channel_at FROM escalation AS e JOIN dispute AS d ON d.id = dispute_id ORDER BY e.id DESC LIMIT 1\""
check_exit 'a case is handed on once: 65' 65 "case-escalate 2024-0002 --channel judicial --reason x"
check 'saying where it went' "grep -q '^case-escalate: 2024-0002: the case was already handed to the petition channel' '$T/err'"
check_exit 'and then no longer moves: 65' 65 "case-escalate 2024-0002 --to consultation --reason x"

# Many cases: all or nothing.
before=$(levels)
n=$(audits)
check_exit 'an unknown case among others: 69' 69 \
	"printf '2024-0006\n2024-0099\n' | case-escalate --to resident --reason x -"
check_out 'and none of them moved, nothing was written' "$before|$n" "echo \"\$(levels)|\$(audits)\""
check_exit 'a closed case among others: 65' 65 \
	"case-escalate 2024-0006 2024-0009 --to resident --reason x"
check 'saying which is closed' "grep -qx 'case-escalate: 2024-0009: the case is closed' '$T/err'"
check_out 'and none of them moved' "$before" levels
check_out 'from stdin, the first field of each line, blank lines and repeats skipped' \
	'2024-0006
2024-0007' \
	"printf '2024-0006\tpolice\n\n2024-0007 x\n2024-0006\n' | case-escalate --to consultation --reason 会商 -"
check_out 'both moved, in one audit row' "$((n + 1))|2024-0006 2024-0007|2024-0006:consultation" \
	"echo \"\$(audits)|\$(q 'SELECT records FROM audit ORDER BY id DESC LIMIT 1')|\$(levels | grep -o '2024-0006:[a-z]*')\""
n=$(audits)
before=$(levels)
check_out 'an empty pipe (case-list found nothing) moves nothing and exits 0' '' \
	"case-list --escalate-due --type forest --ids | case-escalate --to consultation --reason x -"
check_out 'and writes nothing' "$before|$n" "echo \"\$(levels)|\$(audits)\""

# Usage.
check_exit 'no --reason: 64' 64 "case-escalate 2024-0008"
check_exit 'an empty --reason: 64' 64 "case-escalate 2024-0008 --reason ''"
check_exit 'no cases: 64' 64 "case-escalate --reason x"
check_exit '--to with --channel: 64' 64 "case-escalate 2024-0008 --to township --channel people --reason x"
check_exit '--auto with --reason: 64' 64 "case-escalate --auto --reason x"
check_exit '--auto with cases: 64' 64 "case-escalate --auto 2024-0008"
check_exit '--auto with --at: 64' 64 "case-escalate --auto --at 2024-09-01"
check_exit '--dry-run without --auto: 64' 64 "case-escalate --dry-run 2024-0008 --reason x"
check_exit 'an unknown level: 64' 64 "case-escalate 2024-0008 --to court --reason x"
check_exit 'a bad --at: 64' 64 "case-escalate 2024-0008 --reason x --at 2024-02-30"
check 'naming the option' "grep -qx \"case-escalate: --at: '2024-02-30' is not a date\" '$T/err'"
check_exit 'an unknown channel: 64' 64 "case-escalate 2024-0008 --channel media --reason x"
check_exit 'a move dated before registration: 65' 65 "case-escalate 2024-0008 --reason x --at 2024-09-01"
check 'saying when the case was registered' \
	"grep -q '^case-escalate: 2024-0008: --at 2024-09-01 is before the case was registered (20' '$T/err'"
check_exit 'a missing database: 66' 66 "case-escalate -d '$T/none.db' --auto"
check_out 'none of these moved 2024-0008' 'police' "q \"SELECT level FROM dispute WHERE number = '2024-0008'\""

# -f: the numbers, or with --auto its lines, as a table.
check_out 'case-escalate -f tsv prints the numbers under a header' 'case
2024-0008' \
	"case-escalate 2024-0008 --to township --reason 表格 -f tsv"
check_out 'an empty pipe with -f json is an empty array' '[]' \
	"printf '' | case-escalate - --to township --reason x -f json"
check_out 'without -f, an empty pipe prints nothing' '' \
	"printf '' | case-escalate - --to township --reason x"
c=$(case-add --village 红星村 --type land --summary 复杂 --complex)
check_out '--auto -f json: the lines as objects' "$c police consultation" \
	"case-escalate --auto --dry-run -f json | python3 -c 'import json,sys;
print(*[\" \".join((r[\"case\"], r[\"from\"], r[\"to\"])) for r in json.load(sys.stdin) if r[\"case\"] == \"$c\"])'"
check 'and -f csv has the header case,from,to,reason' \
	"case-escalate --auto --dry-run -f csv | head -n 1 | grep -q '^case,from,to,reason'"

# The nightly --auto records what an open case missed even when it owes
# nothing more: here the police level's limit was shortened after the
# first session, held on its last day, and the body it was handed to
# sent it back unresolved.
use_db nightly
mini_station
on() { _at=$1; shift; BEAT_NOW=$_at "$@" --at "$_at"; }
c=$(on '2024-09-02 10:00' case-add --village 红星村 --type neighbor --summary 排水沟)
on '2024-09-05 10:00' case-mediate -q "$c" --outcome agreed
on '2024-09-06 09:00' case-escalate -q "$c" --to consultation --reason 会商
on '2024-09-06 10:00' case-escalate -q "$c" --channel people --reason 移交
on '2024-09-10 10:00' case-channel -q "$c" --event concluded --outcome unresolved
q "UPDATE setting SET value = '2' WHERE key = 'police_first_workdays'"
check_out 'the nightly run records a deadline an open case owing nothing missed' \
	"$c|police_first|2024-09-04|2024-09-05" \
	"BEAT_NOW='2024-09-20 02:00' case-escalate -q --auto &&
	 q \"SELECT number, kind, due, met_at FROM missed JOIN dispute AS d ON d.id = dispute_id\""
done_testing
