#!/bin/sh
# db-backup: a checked copy, never half-written, never over an existing file,
# never through a link, no temporary left by a failure or a signal.
. "${BEAT_TOP:-.}/tests/lib.sh"
sqlite_only 'db-backup copies SQLite files; tests/pg/0300-db-init.t checks its refusal there'
plan 32

db-init -q
check 'db-backup copies the database' 'db-backup "$T/copy.db"'
check_same 'the copy holds the same records' \
	'sqlite3 "$BEAT_DB" .dump | grep -v "^INSERT INTO audit"' \
	'sqlite3 "$T/copy.db" .dump | grep -v "^INSERT INTO audit"'
check_out 'the copy is mode 0600' '600' 'stat -c %a "$T/copy.db"'
check 'the copy is a beat database the commands accept' 'db-init --verify -d "$T/copy.db"'
check_exit 'an existing destination is refused' 73 'db-backup "$T/copy.db"'
check 'unless --force' 'db-backup --force "$T/copy.db"'
check_exit '--force never replaces the live database' 64 'db-backup --force "$BEAT_DB"'
check 'which is still the database' 'db-init --verify'
check_out 'db-backup prints nothing without -f' '' 'db-backup --force "$T/copy.db"'
check_out 'with -f json: the copy and its audit head' "copy.db $(sq "SELECT id || ':' || hash FROM audit ORDER BY id DESC LIMIT 1")" \
	'db-backup --force -f json copy.db | python3 -c "import json,sys; d=json.load(sys.stdin)[0]; print(d[\"backup\"], d[\"head\"])"'
check_out 'the head it prints is the one audit-heads records' "$(printf 'backup\thead')" \
	'db-backup --force -f tsv copy.db >o && head -n 1 o && [ "$(sed -n 2p o | cut -f 2)" = "$(tail -n 1 audit-heads | cut -d " " -f 1)" ]'
check_exit 'a destination that cannot be created is 73' 73 'db-backup "$T/no/dir/x.db"'
check 'and leaves no temporary file behind' \
	'[ -z "$(ls -A "$T" | grep "copy.db\.")" ]'

# A link planted where a root cron job writes its backups chooses no file.
echo secret >victim
chmod 600 victim
ln -s victim planted.db
check_err 'DEST that is a symbolic link is refused with 73, naming it' 73 \
	'db-backup: planted.db: is a symbolic link; beat does not write through links' \
	'db-backup planted.db'
check_exit 'with --force too' 73 'db-backup --force planted.db'
check 'the file it points to is untouched, mode and all' \
	'[ "$(cat victim)" = secret ] && [ "$(stat -c %a victim)" = 600 ] && [ -h planted.db ]'
ln -s "$T/elsewhere.db" dangling.db
check_exit 'a dangling link is refused too, with --force' 73 'db-backup --force dangling.db'
check 'and nothing is created where it points' '[ ! -e elsewhere.db ] && [ -h dangling.db ]'
check 'no temporary is left beside them' '[ -z "$(ls -A | grep "\.beat-")" ]'

chmod 640 copy.db
check 'a copy replaced with --force keeps the mode of the file it replaces' \
	'db-backup --force copy.db && [ "$(stat -c %a copy.db)" = 640 ]'
if [ "$(id -u)" -eq 0 ]; then
	chown 65534:65534 copy.db
	check 'and, as root, its owner' \
		'db-backup --force copy.db && [ "$(stat -c %u:%g copy.db)" = 65534:65534 ]'
else
	tap_result 0 'and, as root, its owner # skip not root'
fi

# A full target: the message names the target, not the live database.
# A file size limit of 100 kB stands for the full disk: it leaves room for
# the database's own -shm file, not for the copy.
check_exit 'a target too small for the copy is 74' 74 \
	'[ $(stat -c %s "$BEAT_DB") -gt 204800 ] &&
	(trap "" XFSZ; ulimit -f 200; db-backup "$T/full.db")'
check 'naming the target' \
	'grep -q "^db-backup: $T/full.db: cannot write the copy: " "$T/err" &&
	! grep -q "beat.db" "$T/err"'
check 'leaving no temporary, journal or copy' \
	'[ -z "$(ls -A | grep "full\.db")" ]'

# A killed run leaves its temporary; the next run of the same DEST clears
# those whose writer is gone or that are older than a day, and only those.
# A pid above pid_max is no process's: an exited shell's could be taken
# again on a busy machine before db-backup looks.  The names are compared
# sorted alike, whatever the digits of the two pids.
dead=$(($(cat /proc/sys/kernel/pid_max 2>/dev/null || echo 4194304) + 1))
for f in ".copy.db.beat-$dead.AAAAAA" ".copy.db.beat-$dead.AAAAAA-journal" \
    ".copy.db.beat-$$.BBBBBB" ".copy.db.beat-$$.CCCCCC" ".other.db.beat-$dead.DDDDDD"; do
	echo junk >"$f"
done
touch -d '2 days ago' ".copy.db.beat-$$.CCCCCC"
ln -s victim ".copy.db.beat-$dead.EEEEEE"
check 'the next run clears stale temporaries of its DEST' \
	'db-backup --force copy.db &&
	[ "$(ls -A | grep "^\.copy\.db\.beat-" | LC_ALL=C sort | tr "\n" " ")" = \
	    "$(printf ".copy.db.beat-%s\n" $$.BBBBBB $dead.EEEEEE | LC_ALL=C sort | tr "\n" " ")" ]'
check 'but not those of another file, nor a link of that name' \
	'[ -f ".other.db.beat-$dead.DDDDDD" ] && [ -h ".copy.db.beat-$dead.EEEEEE" ] &&
	[ "$(cat victim)" = secret ]'
rm -f .copy.db.beat-* .other.db.beat-*

# SIGTERM, SIGINT and SIGHUP while the copy waits on a busy database: the
# temporary goes, the signal is raised again for the caller to see.
mkfifo lockfeed
sqlite3 "$BEAT_DB" <lockfeed >locked &
exec 4>lockfeed
echo 'PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM audit;' >&4
wait_for '[ -s locked ]'
for sig in HUP:129 INT:130 TERM:143; do
	BEAT_BUSY_TIMEOUT=30000 env --default-signal=HUP,INT,TERM \
	    db-backup sig.db 2>/dev/null &
	pid=$!
	wait_for '[ -n "$(ls -A | grep "^\.sig\.db\.beat-")" ]'
	seen=$?
	kill -s "${sig%:*}" $pid
	{ wait $pid; } 2>/dev/null
	rc=$?
	check "SIG${sig%:*} during a backup, its temporary made: killed by it (status ${sig#*:})" \
	    "[ $seen -eq 0 ] && [ $rc -eq ${sig#*:} ]"
	check "SIG${sig%:*}: no temporary left, no DEST" '[ -z "$(ls -A | grep "sig\.db")" ]'
done
exec 4>&-
{ wait; } 2>/dev/null
done_testing
