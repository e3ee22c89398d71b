#!/bin/sh
# Read-only databases: an archived copy in a directory no one may write,
# and a database on a read-only mount, can be listed, reported, verified
# and backed up; writers say why they cannot write.
#
# Root ignores a directory's mode, so as root the commands of the
# read-only directory checks run as nobody (setpriv), for whom mode 0555
# binds; the read-only mount is a bind mount remounted read-only in a
# mount namespace of its own (unshare -rm, which needs no root where
# user namespaces are allowed), skipped where neither can be made.
. "${BEAT_TOP:-.}/tests/lib.sh"
sqlite_only 'read-only files and mounts are about SQLite files'
plan 27

skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # skip $1"; }

mini_station
case-add -q --village 红星村 --type neighbor --summary 滴水纠纷 --at 2024-06-03
case-list --status all >"$T/live.tsv"

# The commands run as a user with no rights on what root owns: copies of
# them, since the checkout may be in a directory nobody cannot reach.
mkdir "$T/bin" "$T/dest"
for c in case-add case-list report-monthly db-backup db-init roster; do
	cp "$BEAT_BIN/$c" "$T/bin/"
done
chmod 0711 "$T"
chmod 0777 "$T/dest"
if [ "$(id -u)" -eq 0 ]; then
	as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups env PATH="$T/bin:$PATH" "$@"; }
else
	as_user() { "$@"; }
fi
# An archive: a copy of the live database (still in WAL mode), the file
# and its directory read-only.
mkdir "$T/arch"
cp "$BEAT_DB" "$T/arch/beat.db"
chmod 0444 "$T/arch/beat.db"
chmod 0555 "$T/arch"
A="$T/arch/beat.db"
# Where the test user can write there after all (setpriv failed), the
# checks would not test a directory the commands cannot write: skipped.
can_drop=0
as_user sh -c "! touch \"$T/arch/x\"" 2>/dev/null && can_drop=1
if [ $can_drop -eq 1 ]; then
	check 'as the test user, the archive directory is not writable' \
		'as_user sh -c "! touch \"$T/arch/x\""'
	check_same 'case-list reads the archive' \
		'cat "$T/live.tsv"' 'as_user case-list --status all -d "$A"'
	check 'roster lists its villages' \
		'as_user roster --list villages -d "$A" | grep -q 青山村'
	check 'report-monthly reports it' \
		'as_user report-monthly --month 2024-06 -d "$A" | grep -q .'
	check 'db-init --verify verifies it' 'as_user db-init --verify -d "$A"'
	check 'db-backup backs it up' 'as_user db-backup -d "$A" "$T/dest/copy.db"'
	check_same 'the copy holds the same cases' \
		'cat "$T/live.tsv"' 'case-list --status all -d "$T/dest/copy.db"'
	check 'nothing was written beside the archive' \
		'[ "$(ls -A "$T/arch")" = beat.db ]'
	check_exit 'a writer is refused with 74' 74 \
		'as_user case-add -d "$A" --village 红星村 --type family --summary x'
	check 'naming the path and why' \
		'grep -q "arch/beat.db: cannot write: the file is not writable by this user" "$T/err"'

	# A copy taken while a writer held the database: its last commit lives
	# in the -wal file, which SQLite's read-only WAL support reads when the
	# -shm file came with it.
	mkdir "$T/wal" "$T/held"
	cp "$BEAT_DB" "$T/wal/beat.db"
	sqlite3 "$T/wal/beat.db" 'PRAGMA wal_autocheckpoint = 0;' \
	    "UPDATE village SET code = '510781099' WHERE name = '青山村';" \
	    ".shell cp $T/wal/beat.db $T/wal/beat.db-wal $T/wal/beat.db-shm $T/held/" >/dev/null
	chmod 0444 "$T/held"/*
	chmod 0555 "$T/held"
	H="$T/held/beat.db"
	check 'the held copy has a -wal file with the commit' '[ -s "$H-wal" ]'
	check 'a copy with its -wal and -shm files is read whole' \
		'as_user roster --list villages -d "$H" | grep -q 510781099'
	chmod 0755 "$T/held"
	rm -f "$H-shm"
	chmod 0555 "$T/held"
	check_exit 'a -wal file without its -shm cannot be read: 66' 66 \
		'as_user roster --list villages -d "$H"'
	check 'saying so, not losing its commit in silence' \
		'grep -q "held/beat.db: cannot open: its directory is not writable by this user, and its -wal file holds changes" "$T/err"'
else
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
		skip 'cannot run the commands as a user the directory binds (setpriv)'
	done
fi

# Errors opening the file name it and the cause, with 66, never 70.
mkdir "$T/adir"
check_exit 'a directory given as the database: 66' 66 'case-list -d "$T/adir"'
check 'with the path and the cause' \
	'grep -q "adir: cannot open: Is a directory" "$T/err"'

# A read-only mount.
mkdir "$T/mnt"
cp "$BEAT_DB" "$T/mnt/beat.db"
M="$T/mnt/beat.db"
in_ro_mount() {
	unshare -rm sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"' \
	    sh "$T/mnt" "$@"
}
if in_ro_mount sh -c "! touch \"$T/mnt/x\"" 2>/dev/null; then
	check_same 'on a read-only mount case-list reads the database' \
		'cat "$T/live.tsv"' 'in_ro_mount case-list --status all -d "$M"'
	check 'report-monthly reports it' \
		'in_ro_mount report-monthly --month 2024-06 -d "$M" | grep -q .'
	check 'db-init --verify verifies it' 'in_ro_mount db-init --verify -d "$M"'
	mkdir "$T/dest2"
	check 'db-backup backs it up' 'in_ro_mount db-backup -d "$M" "$T/dest2/mnt.db"'
	check 'and the copy verifies' 'db-init --verify -d "$T/dest2/mnt.db"'
	check_exit 'a writer is refused with 74' 74 \
		'in_ro_mount case-add -d "$M" --village 红星村 --type family --summary x'
	check 'naming the read-only file system' \
		'grep -q "mnt/beat.db: cannot write: it is on a read-only file system" "$T/err"'
	check_exit 'db-init (an upgrade) too, with 74 and not 70' 74 \
		'in_ro_mount db-init -d "$M"'
	check 'no PRAGMA in the message' \
		'grep -q "cannot write: it is on a read-only file system" "$T/err" && ! grep -q PRAGMA "$T/err"'
	check 'the database is unchanged' 'cmp -s "$M" "$BEAT_DB" || db-init --verify -d "$M"'
else
	for i in 1 2 3 4 5 6 7 8 9 10; do
		skip 'no read-only bind mount here (unshare -rm failed)'
	done
fi
check 'the live database still verifies' 'db-init --verify'
done_testing
