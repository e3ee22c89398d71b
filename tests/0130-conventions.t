#!/bin/sh
# What every command shares: help, version, usage errors, exit statuses.
. "${BEAT_TOP:-.}/tests/lib.sh"
cmds=$(cd "$BEAT_BIN" && ls)
plan $(( $(echo $cmds | wc -w) * 5 + 13 ))

for c in $cmds; do
	check "$c --help prints usage on stdout and exits 0" \
		"$c --help | head -n 1 | grep -q '^Usage: $c'"
	check "$c --version names beat" "$c --version | grep -q '(beat)'"
	# Each usage line is a whole form naming the command, or the indented
	# continuation of one, within 79 columns.
	check "$c --help: usage forms whole and wrapped" "$c --help | awk -v c='$c' '
		NR == 1 && index(\$0, \"Usage: \" c) != 1 { bad = 1 }
		NR > 1 && !/^ / { exit }
		length(\$0) > 79 || index(\$0, c \" |\") { bad = 1 }
		END { exit bad }'"
	check_exit "$c with an unknown option exits 64" 64 "$c --no-such-option"
	check "$c: the usage error goes to stderr, nothing to stdout" \
		"[ ! -s '$T/out' ] && grep -q \"Try '$c --help'\" '$T/err'"
done

mini_station
check_exit 'roster --list > /dev/full exits 74' 74 'roster --list > /dev/full'
check 'and says it could not write' 'grep -q "write error" "$T/err"'
# A writer whose report of what it changed cannot be written has failed,
# and a failed command changes nothing: a retry must not do it twice.
check_exit 'a writer with stdout on /dev/full exits 74' 74 \
	'roster --assign P002 红星村 > /dev/full'
check_out 'and changes nothing' '李明' \
	'sq "SELECT o.name FROM beat b JOIN officer o ON o.id = b.officer_id JOIN village v ON v.id = b.village_id WHERE v.name = '\''红星村'\''"'
check_out 'nor audits anything' '0' \
	'sq "SELECT count(*) FROM audit WHERE command LIKE '\''roster --assign P002%'\''"'
check_exit 'an unknown format is a usage error' 64 'roster -f yaml'
check_exit '--bom goes only with csv' 64 'roster --bom -f tsv'
check 'options may follow operands' 'roster villages -f csv | head -n 1 | grep -q "^village,township"'
check_out '--no-header leaves the header out' '红星村' \
	'roster villages --no-header | cut -f 1 | head -n 1'
check 'csv with --bom starts with a byte-order mark' \
	'roster villages -f csv --bom | head -c 3 | od -An -tx1 | grep -q "ef bb bf"'
# A writer holding the database: the next writer gives up with 75.
# On PostgreSQL a writer holds the database's lock (beat-db(5)).
mkfifo "$T/hold"
if on_pg; then
	psql -Xq -d "$BEAT_DB" <"$T/hold" >/dev/null 2>&1 &
	exec 3>"$T/hold"
	echo 'BEGIN; SELECT pg_advisory_xact_lock(1650811252);' >&3
	wait_for '[ "$(sq "SELECT count(*) FROM pg_locks WHERE locktype = '\''advisory'\'' AND granted")" = 1 ]'
else
	sqlite3 "$BEAT_DB" <"$T/hold" >/dev/null 2>&1 &
	exec 3>"$T/hold"
	# The shell waits for the lock too: wait_for's probe, holding it for
	# an instant, must not make its BEGIN fail and leave it holding nothing.
	printf '.timeout 10000\nBEGIN IMMEDIATE; SELECT 1;\n' >&3
	wait_for '! sq "BEGIN IMMEDIATE; ROLLBACK;"'
fi
check_exit 'a database busy past the timeout gives 75' 75 \
	'BEAT_BUSY_TIMEOUT=100 roster --assign P002 红星村'
echo 'ROLLBACK;' >&3
check_exit 'a BEAT_BUSY_TIMEOUT that is not a number is a usage error' 64 \
	'BEAT_BUSY_TIMEOUT=abc roster --list'
exec 3>&-
wait
check 'and the database is unchanged' \
	'roster beats --no-header | grep -q "^李明	P001	红星村"'
done_testing
