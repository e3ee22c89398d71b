#!/bin/sh
# db-init: creates, upgrades, refuses foreign files, verifies the audit trail.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 26

check_exit 'a mistyped --db path is refused with 66' 66 \
	'roster --list -d "$T/nope.db"'
check 'the message names the path and db-init' \
	'grep -q "nope.db: no such database; create it with db-init" "$T/err"'
check 'and no file is created' '[ ! -e "$T/nope.db" ]'
check_exit 'BEAT_DB pointing nowhere is refused too' 66 'roster --list'

check 'db-init creates a database under umask 000' '(umask 000; db-init)'
check 'it says so on stderr' 'grep -q "created, schema version 2" "$T/err"'
check_out 'the database is mode 0600' '600' 'stat -c %a "$BEAT_DB"'
# A reader holding the database open keeps the -wal and -shm files in place.
mkfifo "$T/hold"
( umask 000; sqlite3 "$BEAT_DB" <"$T/hold" >/dev/null 2>&1 ) &
exec 3>"$T/hold"
echo 'BEGIN; SELECT count(*) FROM audit;' >&3
wait_for '[ -e "$BEAT_DB-shm" ]'
check 'a second db-init under umask 000 leaves the schema as it is' '(umask 000; db-init -q)'
check_out 'the -wal file is mode 0600' '600' 'stat -c %a "$BEAT_DB-wal"'
check_out 'the -shm file is mode 0600' '600' 'stat -c %a "$BEAT_DB-shm"'
echo 'COMMIT;' >&3
exec 3>&-
wait

check_out 'reference data is loaded' '15 4 8' \
	'sqlite3 "$BEAT_DB" "SELECT (SELECT count(*) FROM dispute_type), (SELECT count(*) FROM level), (SELECT count(*) FROM incident_category)" | tr "|" " "'
sqlite3 "$BEAT_DB" "UPDATE setting SET value = '2' WHERE key = 'mediation_months'"
check_out 'running db-init again keeps a setting the station changed' '2' \
	'db-init -q && sqlite3 "$BEAT_DB" "SELECT value FROM setting WHERE key = '\''mediation_months'\''"'

# Reference data that differs from what this beat ships (an older beat's,
# or edited by hand) is brought up to date, and that write is audited.
audits() { sqlite3 "$BEAT_DB" "SELECT count(*) FROM audit"; }
n=$(audits)
check_out 'a db-init that changes nothing leaves no audit row' "$n" 'db-init -q && audits'
sqlite3 "$BEAT_DB" "UPDATE dispute_type SET label = 'x' WHERE code = 'family'"
check_out 'a db-init that restores reference data' '婚姻家庭' \
	'db-init -q && sqlite3 "$BEAT_DB" "SELECT label FROM dispute_type WHERE code = '\''family'\''"'
check_out 'leaves one audit row saying so' "$((n + 1)) reference data" \
	'echo "$(audits) $(sqlite3 "$BEAT_DB" "SELECT records FROM audit ORDER BY id DESC LIMIT 1")"'

check 'db-init --group makes a 0660 database' \
	'db-init -q --group -d "$T/g.db" && [ "$(stat -c %a "$T/g.db")" = 660 ]'
check 'and opens an existing one to its group' \
	'db-init -q --group && [ "$(stat -c %a "$BEAT_DB")" = 660 ] && chmod 600 "$BEAT_DB"'

sqlite3 "$T/other.db" 'CREATE TABLE t (x); INSERT INTO t VALUES (1);'
check_exit 'a SQLite file of another application is refused' 65 'db-init -d "$T/other.db"'
check 'with a message saying so' 'grep -q "other.db: not a beat database" "$T/err"'
check_exit 'and the other commands refuse it too' 65 'roster --list -d "$T/other.db"'
printf 'not a database at all, just text\n%.0s' 1 2 3 4 5 6 7 8 9 10 >"$T/text.db"
check_exit 'a file that is not SQLite is refused' 65 'roster --list -d "$T/text.db"'

sqlite3 "$T/g.db" 'PRAGMA user_version = 99'
check_exit 'a newer schema is refused' 65 'roster --list -d "$T/g.db"'
sqlite3 "$T/g.db" 'PRAGMA user_version = 0'
check_exit 'an older schema is refused' 65 'roster --list -d "$T/g.db"'
check 'with a message that asks for db-init' 'grep -q "run db-init to upgrade" "$T/err"'

check 'db-init --verify passes an untouched trail' 'db-init --verify'
sqlite3 "$BEAT_DB" "DROP TRIGGER audit_no_update; UPDATE audit SET user = 'mallory' WHERE id = 1;"
check_exit 'and catches a row edited by hand' 1 'db-init --verify'
done_testing
