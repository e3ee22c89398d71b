#!/bin/sh
# bash completion: the completion function of share/completion/beat.bash
# run as bash runs it, the commands answering from their own option
# tables and from the station's database.
. "${BEAT_TOP:-.}/tests/lib.sh"
command -v bash >/dev/null || { echo "1..0 # skip bash not installed"; exit 0; }
plan 51

# complete WORD...: what _beat offers for the last WORD (bash's
# COMP_WORDS, the cursor on the last), one a line.
complete() {
	bash -c '. "$BEAT_TOP/share/completion/beat.bash"
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_beat "$1" || exit
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' _ "$@"
}
nl='
'

patrol_station
c0=$(case-add --village 红星村 --type land --summary 占地 --at 2024-03-01)
c1=$(case-add --village 红星村 --type neighbor --summary 漏水 --at 2024-03-01)
c2=$(case-add --village 青山村 --type wages --summary 欠薪 --at 2024-03-02)
c3=$(case-add --village 青山村 --type family --summary 离婚 --at 2024-03-03)
case-close -q "$c3" --outcome resolved --agreement 和好 --at 2024-03-04
place-add -q --category school --name 中心小学 --village 红星村
place-add -q --category fuel --name 城东加油站 --village 青山村

# Options: the command's own and the shared ones it takes.
check_out 'option names come from the command'"'"'s table' "--officer$nl--overdue" \
	'complete case-list --o'
check_out 'shared options a command takes are offered' '--db' 'complete case-add --d'
check_out 'shared options a command does not take are not' '' 'complete case-add --rev'

# Option values by the option's type, per command.
check_out 'incident-stats --to is a date: nothing' '' 'complete incident-stats --to ""'
check_out 'incident-stats --from: nothing' '' 'complete incident-stats --from 20'
check_out 'case-escalate --to is a level' \
	"consultation${nl}police${nl}resident${nl}township" 'complete case-escalate 2024-0001 --to ""'
check_out 'case-escalate --channel' "administrative${nl}judicial${nl}people${nl}petition" \
	'complete case-escalate --channel ""'
check_out 'case-list --type by code' 'neighbor' 'complete case-list --type ne'
check_out 'case-list --type by Chinese label' 'neighbor' 'complete case-list --type 邻'
check_out 'case-add --type by label' 'wages' 'complete case-add --type 拖欠'
check_out 'case-mediate --outcome: the session outcomes' "agreed${nl}partial${nl}failed" \
	"complete case-mediate $c1 --outcome ''"
check_out 'case-close --outcome: the case outcomes' "resolved${nl}referred${nl}withdrawn" \
	'complete case-close --outcome ""'
check_out 'case-channel --outcome: the channel outcomes' "resolved${nl}unresolved" \
	'complete case-channel --outcome ""'
check_out 'case-channel --event' \
	"accepted${nl}declined${nl}extended${nl}checked${nl}concluded" 'complete case-channel --event ""'
check_out 'case-close --prevented' "suicide${nl}criminal${nl}fight${nl}petition" \
	'complete case-close --prevented ""'
check_out 'case-list --status' "open${nl}closed${nl}all" 'complete case-list --status ""'
check_out 'case-add --source' "call${nl}walkin${nl}patrol${nl}referral" 'complete case-add --source ""'
check_out 'case-add --summary is free text: nothing' '' 'complete case-add --summary ""'
check_out 'place-check --ledger' 'traffic' 'complete place-check 中心小学 --ledger tr'
check_out 'place-check --result by label' 'hazard' 'complete place-check 中心小学 --result 隐'
check_out 'place-list --category' 'fuel' 'complete place-list --category fu'
check_out 'incident-stats --by: a comma list' "month,week${nl}month,weekday" \
	'complete incident-stats --by month,w'
check_out 'incident-stats --by: a key given is not offered again' "week,weekday" \
	'complete incident-stats --by week,w'
check_out 'report-forms --form' "mediation${nl}police${nl}incidents" 'complete report-forms --form ""'
check_out 'camera-status --encoding' "utf-8${nl}gbk${nl}gb18030" \
	'complete camera-status --encoding ""'

# Formats: what each command accepts, and only that.
check_out 'report-monthly -f: text, html and the table formats' \
	"text${nl}html${nl}table${nl}tsv${nl}csv${nl}json" 'complete report-monthly -f ""'
check_out 'report-forms -f: html too' "table${nl}tsv${nl}csv${nl}json${nl}html" \
	'complete report-forms --format ""'
check_out 'case-list -f: no html' "table${nl}tsv${nl}csv${nl}json" 'complete case-list -f ""'
bad=
for cmd in $(ls "$BEAT_BIN"); do
	offered=$(BEAT_COMPLETE=2 "$cmd" -f '' | sed 1d)
	for f in table tsv csv json html; do
		case $cmd in report-monthly) continue ;; esac	# its own -f: tested above
		if "$cmd" -f "$f" --help >/dev/null 2>&1; then accepts=1; else accepts=0; fi
		case "$nl$offered$nl" in *"$nl$f$nl"*) off=1 ;; *) off=0 ;; esac
		[ "$accepts" = "$off" ] || bad="$bad $cmd:$f"
	done
done
check_out 'every command offers exactly the formats its -f accepts' '' "printf %s '$bad'"

# Values from the database.
check_out '--village offers the villages' "红星村${nl}青山村" 'complete case-list --village ""'
check_out '--village by prefix' '青山村' 'complete case-add --village 青'
check_out '--village=VALUE, split at = as bash does' '青山村' 'complete case-list --village = 青'
check_out '--officer offers badges' "A001${nl}M001${nl}P001${nl}P002" \
	'complete place-check 中心小学 --inspector ""'
check_out '--officer by name gives the badge' 'P002' 'complete case-list --officer 王'
check_out 'patrol-log --team' "一队${nl}二队" 'complete patrol-log --team ""'
check_out 'patrol-log --checkpoint: those of the --route given, in order' "红星村委${nl}小学" \
	'complete patrol-log --route 村道线 --checkpoint ""'

# Operands, as each command's synopsis names them.
check_out 'case-mediate: the open cases' "$c0$nl$c1$nl$c2" 'complete case-mediate ""'
check_out 'case-mediate takes one case' '' "complete case-mediate $c1 ''"
check_out 'case-escalate: more open cases, not those given' "$c0$nl$c2" \
	"complete case-escalate --to township $c1 ''"
check_out 'case-close --followup: the closed cases' "$c3" 'complete case-close --followup 回访 ""'
check_out 'case-show: every case' "$c0$nl$c1$nl$c2$nl$c3" 'complete case-show ""'
check_out 'place-check: the premises' "中心小学${nl}城东加油站" 'complete place-check ""'
check_out 'roster: the lists' "beats${nl}officers${nl}villages${nl}teams${nl}routes" 'complete roster ""'
check_out 'roster --assign OFFICER: the villages' '青山村' 'complete roster --assign P001 青'
check_out 'file operands and FILE values are file names' "villages.csv" \
	'complete incident-import vill'
check_out '--db FILE: file names' "villages.csv" 'complete case-list --db vil'

# No database: silent and successful, and none is made.
check_stream 'no database: nothing offered, exit 0' 0 '' out \
	'BEAT_DB=$T/none.db complete case-list --village ""'
check_err 'no database: no message; the hidden call says "words"' 0 '' \
	'BEAT_DB=$T/none.db BEAT_COMPLETE=2 case-mediate --outcome "" | grep -x agreed && test ! -e $T/none.db'
check_out 'a file that is not a database: nothing' '' \
	'echo hello >$T/junk.db; BEAT_COMPLETE=2 case-list --village "" -d $T/junk.db 2>&1 | sed 1d'
check_out '-d after the cursor names the database' '红星村' \
	'db=$BEAT_DB; BEAT_DB=$T/none.db BEAT_COMPLETE=2 case-list --village 红 -d "$db" | sed 1d'

# The fixed lists of lib/complete.c against the commands: every value
# offered is one the command takes (its first message, if any, is not
# the one it gives for a word it rejects), and the option does reject a
# word.  Some of these write; they come last.
drift=
while read -r line; do
	vals=$(eval "set -- $line; BEAT_COMPLETE=\$# \"\$@\" ''" | sed 1d)
	rej=$(eval "$line zzbogus" 2>&1 >/dev/null | head -n 1)
	[ -n "$vals" ] && [ -n "$rej" ] || drift="$drift [$line]"
	for v in $vals; do
		got=$(eval "$line $v" 2>&1 >/dev/null | head -n 1)
		[ "$got" = "$(printf '%s\n' "$rej" | sed "s/zzbogus/$v/g")" ] &&
		    drift="$drift [$line $v]"
	done
done <<EOF
case-list --status
case-list --type
case-list --level
place-list --category
incident-stats --by
report-forms --period 2024 --form
report-monthly --month 2024-03 -f
incident-import --dry-run $T/villages.csv --encoding
camera-status --import $T/villages.csv --encoding
roster --import-villages $T/villages.csv --encoding
case-channel $c1 --event
place-check 中心小学 --result ok --ledger
case-mediate $c1 --at 2024-03-02 --outcome
case-add --village 红星村 --type land --summary 占地 --source
EOF
check_out 'the values offered are those the commands take' '' "printf %s '$drift'"
done_testing
