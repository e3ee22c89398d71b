#!/bin/sh
# db-backup: a checked copy, never half-written, never over an existing file.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 10

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
check_exit 'a destination that cannot be created is 73' 73 'db-backup "$T/no/dir/x.db"'
check 'and leaves no temporary file behind' \
	'[ -z "$(ls "$T" | grep "copy.db\.")" ]'
done_testing
