#!/bin/sh
# nightly.sh: the station's nightly run.  Imports the day's 110 dispatch
# exports, applies the escalation rules, writes one dated digest of what
# needs attention (overdue cases, obligations due soon, patrol gaps,
# premises due, cameras offline, mass-incident risks) and backs the
# database up.
#
# Usage: nightly.sh [DROP]
#
# Environment (all optional):
#   BEAT_DB       the database (default: as the beat commands find it)
#   BEAT_HOME     the station's working folder (default: the database's folder)
#   BEAT_DROP     drop folder of dispatch exports (*.csv); the argument wins
#                 (default: $BEAT_HOME/drop)
#   BEAT_DONE     where imported exports are moved, in one folder a day
#                 (default: $BEAT_DROP/done)
#   BEAT_DIGESTS  where the digests go (default: $BEAT_HOME/digests)
#   BEAT_BACKUPS  where the backups go (default: $BEAT_HOME/backups)
#   BEAT_KEEP     how many daily backups to keep (default: 30)
#   BEAT_BIN      folder of the beat commands, searched first
#   BEAT_NOW      the time taken as now, "YYYY-MM-DD HH:MM" (for replays and tests)
#   LANG, LC_*    the language of the commands' messages in the digest;
#                 a locale that is not installed (say zh_CN.UTF-8 on a
#                 fresh machine) is replaced by C.UTF-8, noted in the
#                 digest, so that nothing complains about it in cron mail
#
# The digest of a day, digests/digest-YYYY-MM-DD.txt, is rewritten by each
# run of that day, but adds up the day: it lists every export imported
# that day (from done/YYYY-MM-DD/import.log; only those that added or
# changed incidents are counted, listed in done/YYYY-MM-DD/imported) and
# every case escalated that day (kept, one line each, in the append-only
# digests/escalated-YYYY-MM-DD.txt), not only this run's.  Its top lists
# the failures of this run, then the warnings the commands printed (such
# as "no holiday notice loaded for YEAR").
#
# Findings are not failures: the commands that look for them exit 1 when
# they find something (or nothing), and this script still exits 0.  It
# exits with the status of a command that failed (2 or more: bad data,
# I/O error, database busy), after doing all it can, and tells it on
# stderr (warnings go to the digest only); 65 when the audit trail no
# longer holds a head that an earlier backup recorded in
# $BEAT_BACKUPS/audit-heads (rows removed or rewritten); 75 when another
# run holds the lock.  A second run on the same day changes nothing more.
set -eu

prog=nightly
[ -n "${BEAT_BIN:-}" ] && PATH=$BEAT_BIN:$PATH
: "${BEAT_DB:=${XDG_DATA_HOME:-$HOME/.local/share}/beat/beat.db}"
export BEAT_DB PATH

# The shipped units ask for LANG=zh_CN.UTF-8.  Where that locale is not
# installed, the beat commands quietly speak English, but other programs
# (bash, perl, locale itself) complain on stderr, and that would mail the
# station every night: such a setting becomes C.UTF-8 (or goes, when even
# that is missing), and the digest says why it is in English.
# locale(1) says "Cannot set ..." when it cannot load the locale given.
have_locale() {
	! LC_ALL=$1 locale 2>&1 >/dev/null | grep -q 'Cannot set'
}
locale_note=
if command -v locale >/dev/null 2>&1; then
	for var in LC_ALL LC_MESSAGES LC_CTYPE LC_COLLATE LC_TIME LC_NUMERIC LC_MONETARY LANG; do
		eval "val=\${$var:-}"
		if [ -z "$val" ] || have_locale "$val"; then continue; fi
		if have_locale C.UTF-8; then
			eval "$var=C.UTF-8; export $var"
			locale_note="$locale_note$prog: $var=$val: no such locale installed; using C.UTF-8
"
		else
			unset "$var"
			locale_note="$locale_note$prog: $var=$val: no such locale installed; using C
"
		fi
	done
fi

home=${BEAT_HOME:-$(dirname -- "$BEAT_DB")}
drop=${1:-${BEAT_DROP:-$home/drop}}
done_dir=${BEAT_DONE:-$drop/done}
digests=${BEAT_DIGESTS:-$home/digests}
backups=${BEAT_BACKUPS:-$home/backups}
keep=${BEAT_KEEP:-30}
if [ -n "${BEAT_NOW:-}" ]; then
	day=$(printf '%.10s' "$BEAT_NOW")
else
	day=$(date +%Y-%m-%d)
fi

if [ ! -f "$BEAT_DB" ]; then
	echo "$prog: $BEAT_DB: no such database; create it with db-init" >&2
	exit 66
fi
mkdir -p -- "$digests" "$backups"

# One run at a time: a second one started meanwhile gives up at once.
exec 9>>"$BEAT_DB.nightly.lock"
if ! flock -n 9; then
	echo "$prog: another nightly run holds $BEAT_DB.nightly.lock" >&2
	exit 75
fi

digest=$digests/digest-$day.txt
escalated=$digests/escalated-$day.txt
tmp=$(mktemp "$digests/.digest-$day.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/beat-nightly.XXXXXX")
trap 'rm -rf -- "$work"; rm -f -- "$tmp"' EXIT
status=0
summary=

# failed STATUS WHAT MESSAGES: a real error, told on stderr and at the top
# of the digest with the command's messages; the run goes on.
failed() {
	cat -- "$3" >&2
	echo "$prog: $2 failed with status $1" >&2
	{
		printf 'ERROR: %s failed with status %s\n' "$2" "$1"
		sed 's/^/  /' "$3"
	} >>"$work/errors"
	[ "$status" -ne 0 ] || status=$1
}

# warned MESSAGES: what a command said on stderr while it did its work
# (a missing holiday notice, say) goes to the warnings at the top of the
# digest, each line once, and not to cron mail.
warned() {
	cat -- "$1" >>"$work/warnings"
}

# section TITLE KEY CMD...: runs CMD for findings (status 0 or 1), puts
# its output under TITLE in the digest and counts its rows (after the
# header line), as KEY in the summary line.
section() {
	title=$1 key=$2
	shift 2
	st=0
	"$@" >"$work/out" 2>"$work/err" || st=$?
	if [ "$st" -lt 2 ]; then warned "$work/err"; else failed "$st" "$*" "$work/err"; fi
	n=$(grep -c . "$work/out" || true)
	[ "$n" -gt 0 ] && n=$((n - 1))
	{
		printf '\n== %s: %s\n' "$title" "$n"
		if [ "$n" -gt 0 ]; then cat "$work/out"; fi
	} >>"$work/body"
	summary="$summary, $key $n"
}

: >"$work/body"
: >"$work/errors"
printf '%s' "$locale_note" >"$work/warnings"

# 1. The day's dispatch exports, oldest name first.  Each one imported
# moves to the day's done folder and its messages go to the day's import
# log there, so a second run finds nothing left to do and its digest
# still lists the day's imports.  The count is of the exports that added
# or changed incidents, those incident-import names on stdout, kept in
# the day's list: an export it had already imported is moved and logged
# but not counted, one that failed stays in the drop folder.
log=$done_dir/$day/import.log
list=$done_dir/$day/imported
if [ -d "$drop" ]; then
	for f in "$drop"/*.csv "$drop"/*.CSV; do
		[ -f "$f" ] || continue
		st=0
		incident-import "$f" >"$work/out" 2>"$work/err" || st=$?
		if [ "$st" -ge 2 ]; then
			failed "$st" "incident-import $f" "$work/err"
			continue
		fi
		mkdir -p -- "$done_dir/$day"
		cat "$work/err" >>"$log"
		[ ! -s "$work/out" ] || printf '%s\n' "${f##*/}" >>"$list"
		mv -f -- "$f" "$done_dir/$day/"
	done
fi
n=0
[ -f "$list" ] && n=$(grep -c . "$list" || true)
{
	printf '\n== %s: %s\n' "Dispatch exports imported today" "$n"
	if [ -s "$log" ]; then cat "$log"; fi
} >>"$work/body"
summary="imported $n"

# 2. The 会商研判 rule; mass-incident risks come as warnings on stderr,
# read here in English whatever the station's language, to find them.
# The cases it escalates are added to the day's list of escalations at
# once, each line once, so that the next run of the day (which has none
# left to escalate) still shows them.
st=0
LC_ALL=C.UTF-8 LANGUAGE='' case-escalate --auto >"$work/esc" 2>"$work/risk" || st=$?
# A run that failed changed nothing, whatever it printed.
[ "$st" -lt 2 ] || { failed "$st" "case-escalate --auto" "$work/risk"; : >"$work/esc"; }
: >>"$escalated"
awk 'FILENAME == ARGV[1] { seen[$0] = 1; next } !seen[$0]++' "$escalated" "$work/esc" >"$work/new"
cat "$work/new" >>"$escalated"
n=$(grep -c . "$escalated" || true)
{
	printf '\n== %s: %s\n' "Escalated to consultation today" "$n"
	cat "$escalated"
} >>"$work/body"
summary="$summary, escalated $n"
grep 'mass-incident risk' "$work/risk" | sed 's/^case-escalate: //' >"$work/mass" || true
n=$(grep -c . "$work/mass" || true)
{
	printf '\n== %s: %s\n' "Mass-incident risks" "$n"
	cat "$work/mass"
} >>"$work/body"
summary="$summary, mass risks $n"
[ "$st" -ge 2 ] || grep -v 'mass-incident risk' "$work/risk" >>"$work/warnings" || true

# 3. What needs attention.
# Their output is TSV with a header, stdout being a file.
section "Overdue cases" overdue case-list --overdue
section "Obligations due soon" "due soon" case-list --due-soon
section "Patrol gaps" "patrol gaps" patrol-gaps
section "Premises due" "premises due" place-list --due
section "Cameras offline" "cameras offline" camera-status --offline

# 4. The audit trail still holds the head recorded at each earlier
# backup (db-backup appends one to audit-heads): rows removed or
# rewritten since then are an error at the top of the digest (65).
if [ -s "$backups/audit-heads" ]; then
	st=0
	db-init --verify --expect-heads "$backups/audit-heads" >/dev/null 2>"$work/err" || st=$?
	[ "$st" -ne 1 ] || st=65
	[ "$st" -eq 0 ] || failed "$st" "db-init --verify --expect-heads" "$work/err"
fi

# 5. The backup of the day (a second run replaces it), keeping $keep.
st=0
db-backup --force "$backups/beat-$day.db" >/dev/null 2>"$work/err" || st=$?
if [ "$st" -ne 0 ]; then
	failed "$st" "db-backup" "$work/err"
else
	# Dated names sort by date in the glob; the oldest beyond $keep go.
	set -- "$backups"/beat-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].db
	excess=$(($# - keep))
	for old in "$@"; do
		[ "$excess" -gt 0 ] || break
		rm -f -- "$old"
		excess=$((excess - 1))
	done
fi

# Warnings once each, in the order they came.
awk '!seen[$0]++' "$work/warnings" >"$work/warn1"
n=$(grep -c . "$work/warn1" || true)
{
	printf 'beat nightly digest %s\n%s\n' "$day" "$summary"
	cat "$work/errors"
	if [ "$n" -gt 0 ]; then
		printf '\n== %s: %s\n' "Warnings" "$n"
		cat "$work/warn1"
	fi
	cat "$work/body"
} >"$tmp"
chmod 0640 "$tmp"
mv -f -- "$tmp" "$digest"
exit "$status"
