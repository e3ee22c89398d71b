#!/bin/sh
# db-init on PostgreSQL: creates the schema once, refuses what has no
# meaning there, verifies the audit trail and its triggers, and never
# prints or records a password.  Run by make check-pg ($BEAT_PG).
: "${BEAT_PG:?run through make check-pg}"
BEAT_TEST_PGHOST=$(printf '%s\n' "$BEAT_PG" | sed -n 's/.*[?&]host=\([^&]*\).*/\1/p')
export BEAT_TEST_PGHOST
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 30
pg() { PGOPTIONS='-c client_min_messages=warning' psql -Xq -v ON_ERROR_STOP=1 -At -d "$BEAT_DB" -c "$1"; }

check_exit 'a database the server does not have is refused with 66' 66 \
	'BEAT_DB=$(no_db) roster --list'
check_exit 'a server that is not there: 66' 66 \
	'BEAT_DB="postgresql:///beat?host=$T/none" roster --list'
check 'saying so in one line, the lines of libpq joined' \
	'grep -q "failed: .*; Is the server running" "$T/err" && ! grep -qF "\n" "$T/err"'
check_exit 'an empty one is not a beat database (65)' 65 'roster --list'
check 'db-init creates the schema' 'db-init'
check 'and says so' 'grep -q ": created, schema version 5" "$T/err"'
check_out 'its application id and version are in beat_meta' '1650811252 5' \
	'echo $(pg "SELECT value FROM beat_meta ORDER BY key")'
check_out 'a second db-init changes and prints nothing' '' 'db-init 2>&1'
check_exit '--group has no meaning here: 64' 64 'db-init --group'
check 'db-init --verify passes an untouched trail' 'db-init --verify'
check_out 'and counts its rows' '1 0 0' \
	'db-init --verify -f tsv --no-header | cut -f 2-4 | tr "\t" " "'

head=$(db-init --verify | sed -n 's/^audit head: \([0-9]*\) /\1:/p')
check 'the head --verify prints is proved by --expect-head' \
	'db-init --verify --expect-head "$head"'
check_exit 'and one that is not there fails it' 1 \
	'db-init --verify --expect-head "7:$(printf "%064d" 7)"'

# Tampering, as the owner of the schema could.
pg "ALTER TABLE audit DISABLE TRIGGER audit_append_only"
check_exit 'a disabled trigger fails --verify' 1 'db-init --verify'
check 'naming it' 'grep -q "trigger audit_append_only is not the schema.s" "$T/err"'
pg "UPDATE audit SET \"user\" = 'mallory' WHERE id = 1"
pg "ALTER TABLE audit ENABLE TRIGGER audit_append_only"
check_exit 'a row edited by hand fails it with the trigger back' 1 'db-init --verify'
check_out 'which counts the row as bad' '1' \
	'db-init --verify -f tsv --no-header | cut -f 3'
pg "CREATE FUNCTION sneak() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN RETURN NEW; END \$\$;
    CREATE TRIGGER audit_sneak BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION sneak()"
check_exit 'a trigger beat does not have fails it' 1 'db-init --verify'
check 'naming it' 'grep -q "trigger audit_sneak is not in beat.s schema" "$T/err"'
pg "DROP TRIGGER audit_sneak ON audit; DROP TRIGGER audit_no_truncate ON audit"
check_exit 'so does a missing one' 1 'db-init --verify'
check 'naming it' 'grep -q "trigger audit_no_truncate is missing" "$T/err"'

# A password in the address is neither printed nor kept in the trail.
use_db secret
url=$(echo "$BEAT_DB" | sed 's,:///,://beat:s3cr3t@/,')
check 'db-init with a password in the URI' 'db-init -d "$url&password=s3cr3t" --station 示范所'
check_exit 'the password is not printed' 1 'grep -q s3cr3t "$T/err"'
check_out 'nor recorded in the audit trail' '0' \
	"sq \"SELECT count(*) FROM audit WHERE command LIKE '%s3cr3t%'\""
check_exit 'db-backup points to pg_dump (64)' 64 'db-backup "$T/copy.db"'

# A database made at version 3 (005 and 004 undone by hand) is upgraded in place
# to what a new one has, its records kept.
fresh=$BEAT_DB
use_db v3
db-init -q
pg "DROP INDEX dispute_closed, followup_dispute_at, session_at;
    CREATE INDEX followup_dispute ON followup (dispute_id);
    DROP INDEX village_station_name, officer_station_badge, dispute_station_number,
    dispute_station_seq, team_station_name, route_station_name, place_station_name,
    camera_station_code;
    ALTER TABLE village DROP COLUMN station, ADD UNIQUE (name);
    ALTER TABLE officer DROP COLUMN station, ADD UNIQUE (badge);
    ALTER TABLE dispute DROP COLUMN station, ADD UNIQUE (number), ADD UNIQUE (year, seq);
    ALTER TABLE team DROP COLUMN station, ADD UNIQUE (name);
    ALTER TABLE route DROP COLUMN station, ADD UNIQUE (name);
    ALTER TABLE patrol DROP COLUMN station;
    ALTER TABLE place DROP COLUMN station, ADD UNIQUE (name);
    ALTER TABLE camera DROP COLUMN station, ADD UNIQUE (code);
    ALTER TABLE import_file DROP COLUMN station;
    ALTER TABLE incident DROP COLUMN station;
    UPDATE beat_meta SET value = '3' WHERE key = 'schema_version';
    INSERT INTO village (name) VALUES ('红星村')"
check_exit 'a version 3 database is refused by the commands (65)' 65 'roster --list'
check_err 'db-init upgrades it' 0 "db-init: $BEAT_DB: upgraded from schema version 3 to 5" 'db-init'
# shape DB: its columns, indexes and unique keys.
shape() {
	PGOPTIONS='-c client_min_messages=warning' psql -Xq -At -d "$1" -c "
	    SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
	    FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1;
	    SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
}
check_same 'to the columns, indexes and keys of a new one' 'shape "$fresh"' 'shape "$BEAT_DB"'
check_out 'its village kept, of no station yet' '红星村|' 'pg "SELECT name, station FROM village"'
check 'and --verify passes' 'db-init --verify'
done_testing
