#!/bin/sh
# Signals and kill -9: an import or a backup cut at any moment leaves the
# database and DEST whole or untouched; SIGHUP, SIGINT and SIGTERM leave no
# temporary and end the command by the signal; what kill -9 leaves, the
# next run clears.  Each trial is bounded: the cut comes within a second.
. "${BEAT_TOP:-.}/tests/lib.sh"
sqlite_only 'it cuts writes to SQLite files and backups'
plan 16

db-init -q || exit 1
cp "$BEAT_DB" empty.db
# Rows enough for an import of a second or two; a few bad ones for --rejects.
N=40000
awk -v n=$N 'BEGIN { print "dispatch_no,received_at,category,summary,address"
	for (i = 0; i < n; i++)
		printf "K%06d,2020-%02d-%02d 10:%02d,%s,邻里纠纷 第%d号,某某村某某组%d号\n",
		    i, i % 12 + 1, i % 28 + 1, i % 60,
		    i % 10000 == 7 ? "nonsense" : "dispute", i, i }' >big.csv
good=$((N - N / 10000))

# temps PATTERN: the hidden files of that name, on one line.
temps() { ls -A | grep -- "$1" | tr '\n' ' '; }

# The signal trials: the import waits on a pipe with its rejects
# temporary made, so the signal always finds one to remove.  The shell
# starts background jobs with SIGINT ignored, which beat respects: env
# restores the default, as an interactive shell would.
mkfifo feed
for sig in HUP:129 INT:130 TERM:143; do
	env --default-signal=HUP,INT,TERM \
	    incident-import -q --rejects rej.csv - <feed 2>/dev/null &
	pid=$!
	exec 3>feed
	printf 'dispatch_no,received_at,category\nQ1,2019-01-02 04:00,nonsense\n' >&3
	wait_for '[ -n "$(temps "^\.rej\.csv\.")" ]'
	seen=$?
	kill -s "${sig%:*}" $pid
	{ wait $pid; } 2>/dev/null
	rc=$?
	exec 3>&-
	check "SIG${sig%:*} during an import with --rejects: killed by it (status ${sig#*:})" \
	    "[ $seen -eq 0 ] && [ $rc -eq ${sig#*:} ]"
	check "SIG${sig%:*}: no rejects temporary, no rejects file, nothing stored" \
	    '[ -z "$(temps "rej\.csv")" ] && [ "$(sq "SELECT count(*) FROM incident")" = 0 ]'
done

# 20 kill -9 at 0.04 s to 0.8 s into an import of $N rows: the incidents and
# the file's record are all there or none, and the database is intact.
i=0 cut=0 bad=
while [ $i -lt 20 ]; do
	i=$((i + 1))
	cp empty.db k.db && rm -f k.db-wal k.db-shm
	incident-import -q -d k.db --rejects rej.csv big.csv 2>/dev/null &
	pid=$!
	sleep "$(awk -v i=$i 'BEGIN { printf "%.2f", i * 0.04 }')"
	kill -9 $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null
	[ $? -eq 137 ] && cut=$((cut + 1))
	r=$(sqlite3 k.db 'PRAGMA integrity_check; SELECT count(*) FROM incident;
	    SELECT count(*) FROM import_file;' | tr '\n' ' ')
	case $r in
	"ok 0 0 "|"ok $good 1 ") ;;
	*) bad="$bad trial $i: $r;" ;;
	esac
done
echo "# kill -9 cut $cut of 20 imports mid-run"
check 'kill -9 during an import: whole or nothing, 20 times out of 20' "[ -z '$bad' ]"
check 'at least one import was cut mid-run' "[ $cut -gt 0 ]"
check_exit 'the next import runs whole (its bad rows rejected)' 65 \
	'cp empty.db k.db && rm -f k.db-wal k.db-shm && incident-import -q -d k.db --rejects rej.csv big.csv'
check 'and clears the rejects temporaries the killed runs left' \
	'[ -z "$(temps "rej\.csv.")" ] && [ "$(wc -l <rej.csv)" -eq $((N / 10000 + 1)) ]'
check_out 'with every good row stored once' "$good" 'sqlite3 k.db "SELECT count(*) FROM incident"'

# 20 kill -9 at 0.03 s to 0.6 s into a backup of that database, over an
# earlier copy: DEST is the earlier copy or the new one, whole either way.
export BEAT_DB="$T/k.db"
db-backup bk.db || exit 1
i=0 cut=0 bad=
while [ $i -lt 20 ]; do
	i=$((i + 1))
	db-backup --force bk.db 2>/dev/null &
	pid=$!
	sleep "$(awk -v i=$i 'BEGIN { printf "%.2f", i * 0.03 }')"
	kill -9 $pid 2>/dev/null
	{ wait $pid; } 2>/dev/null
	[ $? -eq 137 ] && cut=$((cut + 1))
	r=$(sqlite3 bk.db 'PRAGMA integrity_check; SELECT count(*) FROM incident;' | tr '\n' ' ')
	[ "$r" = "ok $good " ] || bad="$bad trial $i: $r;"
done
echo "# kill -9 cut $cut of 20 backups mid-run"
check 'kill -9 during db-backup: DEST whole, 20 times out of 20' "[ -z '$bad' ]"
check 'at least one backup was cut mid-run' "[ $cut -gt 0 ]"
check 'the next backup clears the temporaries the killed runs left' \
	'db-backup --force bk.db && [ -z "$(temps "bk\.db.")" ] && db-init -q --verify -d bk.db'

# A signal in the middle of the copy (its temporary already holding pages):
# no full-size temporary is left.  A copy quicker than the signal is tried
# again, at most three times.
for sig in TERM; do
	n=0 rc=0
	while [ $n -lt 3 ] && [ $rc -eq 0 ]; do
		n=$((n + 1))
		rm -f sig.db
		env --default-signal=HUP,INT,TERM db-backup sig.db 2>/dev/null &
		pid=$!
		wait_for '[ -n "$(find . -maxdepth 1 -name "*sig.db?*" -size +0)" ]'
		kill -s $sig $pid 2>/dev/null
		{ wait $pid; } 2>/dev/null
		rc=$?
	done
	check "SIG$sig in the middle of a copy: killed by it" "[ $rc -eq 143 ]"
	check "SIG$sig: no temporary or journal left" '[ -z "$(temps "sig\.db.")" ]'
done
done_testing
