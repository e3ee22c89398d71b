#!/bin/sh
# db-init: creates, upgrades, refuses foreign files, verifies the audit trail.
. "${BEAT_TOP:-.}/tests/lib.sh"
sqlite_only 'its files and side databases; tests/pg/0300-db-init.t checks db-init there'
plan 92

check_exit 'a mistyped --db path is refused with 66' 66 \
	'roster --list -d "$T/nope.db"'
check 'the message names the path and db-init' \
	'grep -q "nope.db: no such database; create it with db-init" "$T/err"'
check 'and no file is created' '[ ! -e "$T/nope.db" ]'
check_exit 'BEAT_DB pointing nowhere is refused too' 66 'roster --list'

check 'db-init creates a database under umask 000' '(umask 000; db-init)'
check 'it says so on stderr' 'grep -q "created, schema version 5" "$T/err"'
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
	'sq "SELECT (SELECT count(*) FROM dispute_type), (SELECT count(*) FROM level), (SELECT count(*) FROM incident_category)" | tr "|" " "'
sq "UPDATE setting SET value = '2' WHERE key = 'mediation_months'"
check_out 'running db-init again keeps a setting the station changed' '2' \
	'db-init -q && sq "SELECT value FROM setting WHERE key = '\''mediation_months'\''"'

# Reference data that differs from what this beat ships (an older beat's,
# or edited by hand) is brought up to date, and that write is audited.
audits() { sq "SELECT count(*) FROM audit"; }
n=$(audits)
check_out 'a db-init that changes nothing leaves no audit row' "$n" 'db-init -q && audits'
sq "UPDATE dispute_type SET label = 'x' WHERE code = 'family'"
check_out 'a db-init that restores reference data' '婚姻家庭' \
	'db-init -q && sq "SELECT label FROM dispute_type WHERE code = '\''family'\''"'
check_out 'leaves one audit row saying so' "$((n + 1)) reference data" \
	'echo "$(audits) $(sq "SELECT records FROM audit ORDER BY id DESC LIMIT 1")"'

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

# Holiday notices (db-init --calendar): each year a file covers is
# replaced, and stays the station's.
cal() { sq "SELECT day || ' ' || kind FROM calendar WHERE day GLOB '$1*' ORDER BY day"; }
notice() { sq "SELECT year || ' ' || source FROM calendar_notice WHERE year = $1"; }
check_out 'the shipped notices are loaded as such' '2016 shipped 2026 shipped' \
	'echo $(notice 2016) $(notice 2026)'
check_out 'db-init --calendar prints the years it loaded' '2027' \
	'db-init --calendar "$DATA/notice2027.csv"'
check_out 'the file is recorded as the notice of its year' "2027 $DATA/notice2027.csv" 'notice 2027'
check_out 'its days are stored' '2027-02-10 holiday
2027-02-11 holiday
2027-02-12 holiday
2027-02-20 workday' 'cal 2027-02-[12]'
check_out 'and audited' 'calendar 2027' \
	'sq "SELECT records FROM audit ORDER BY id DESC LIMIT 1"'
cat >"$T/n2025.csv" <<'CSV'
日期,类型,名称
2025/1/28,放假,春节
2025/1/29,休,春节
2025-02-09,上班,春节调休
CSV
shipped2024=$(cal 2024)
check_out 'a notice with Chinese headers and kinds replaces a shipped year' '2025' \
	'db-init --calendar "$T/n2025.csv"'
check_out 'every day of that year is the file'"'"'s' '2025-01-28 holiday
2025-01-29 holiday
2025-02-09 workday' 'cal 2025'
check_out 'the years it does not cover are left alone' "$shipped2024" 'cal 2024'
n=$(audits)
check_err 'a plain db-init afterwards says nothing' 0 '' 'db-init'
check_out 'and leaves the station'"'"'s notice in place' '3 2025 n2025.csv' \
	'echo $(cal 2025 | wc -l) $(notice 2025 | sed "s|$T/||")'
check_out 'with no audit row' "$n" 'audits'
printf 'date,kind\n2025-12-31,holiday\n2026-01-01,holiday\n' >"$T/n2026.csv"
check_out 'late December belongs to the next year'"'"'s notice' '2026' \
	'db-init --calendar "$T/n2026.csv"'
check_out 'which leaves the rest of that December alone' '4 2025 n2025.csv' \
	'echo $(cal 2025 | wc -l) $(notice 2025 | sed "s|$T/||")'
printf 'date,kind,name\n2030-01-01,holiday,元旦\n2030-02-03,rest,春节\n' >"$T/bad.csv"
before=$(sqlite3 "$BEAT_DB" .dump | md5sum)
check_err 'a bad kind is refused with 65, naming file and line' 65 \
	"db-init: $T/bad.csv:3: kind 'rest' is neither holiday nor workday" \
	'db-init --calendar "$T/bad.csv"'
check_out 'and changes nothing' "$before" 'sqlite3 "$BEAT_DB" .dump | md5sum'
printf 'date,kind\n2030-01-01,holiday\n2030-02-30,holiday\n' >"$T/bad.csv"
check_err 'a bad date is refused with 65' 65 \
	"db-init: $T/bad.csv:3: '2030-02-30' is not a date" 'db-init --calendar "$T/bad.csv"'
printf 'date,kind\n2030-01-01,holiday\n2030-01-01,workday\n' >"$T/bad.csv"
check_exit 'a day listed twice is refused with 65' 65 'db-init --calendar "$T/bad.csv"'
check_exit 'a missing notice is refused with 66' 66 'db-init --calendar "$T/none.csv"'
check 'and a bad notice creates no database' \
	'! db-init --calendar "$T/bad.csv" -d "$T/new.db" && [ ! -e "$T/new.db" ]'
check_out 'a new database can load a notice as it is created' '2027 2027' \
	'echo $(db-init --calendar "$DATA/notice2027.csv" -d "$T/new.db") $(sqlite3 "$T/new.db" "SELECT year FROM calendar_notice WHERE source != '\''shipped'\''")'
check 'audited in the one row of its creation' \
	'[ "$(sqlite3 "$T/new.db" "SELECT group_concat(records, '\''|'\'') FROM audit")" = "schema 5, calendar 2027" ]'
cp "$T/new.db" "$T/fk.db"
sqlite3 "$T/fk.db" "INSERT INTO party (id, dispute_id, role, name) VALUES (7, 999, 'applicant', 'x')"
check_exit '--verify finds a row whose key refers to nothing' 1 'db-init --verify -d "$T/fk.db"'
check 'naming the row, its table and the table it refers to' \
	'grep -q "fk.db: row 7 of party refers to a missing dispute" "$T/err"'
check_exit '--verify does not load a notice' 64 'db-init --verify --calendar "$DATA/notice2027.csv"'
check 'db-init --verify passes an untouched trail' 'db-init --verify'
sq "DROP TRIGGER audit_no_update; UPDATE audit SET user = 'mallory' WHERE id = 1;"
check_exit 'and catches a row edited by hand' 1 'db-init --verify'

# The chain's head, kept outside the database, shows truncation and
# rewriting, which the chain alone cannot.
export BEAT_DB="$T/au.db"
mini_station
head_of() { sqlite3 "$1" "SELECT id || ':' || hash FROM audit ORDER BY id DESC LIMIT 1"; }
h1=$(head_of "$BEAT_DB")
check_out '--verify prints the chain head' "audit head: ${h1%%:*} ${h1#*:}" \
	'db-init --verify | sed -n "s/^audit head: /&/p"'
check_out 'an empty trail has head 0 and the genesis hash' \
	"audit head: 0 $(printf '%064d' 0)" \
	'db-init -q -d "$T/e2.db" && cp "$T/e2.db" "$T/empty.db" &&
	 sqlite3 "$T/empty.db" "DROP TRIGGER audit_no_delete; DELETE FROM audit" &&
	 sqlite3 "$T/e2.db" "SELECT sql || '\'';'\'' FROM sqlite_schema WHERE name = '\''audit_no_delete'\''" | sqlite3 "$T/empty.db" &&
	 db-init --verify -d "$T/empty.db" | sed -n "s/^audit head: /&/p"'
mkdir "$T/bk"
check 'db-backup records the head beside the copy' 'db-backup "$T/bk/one.db"'
check_out 'in audit-heads, SEQ:HASH first on the line' "$h1" 'cut -d" " -f1 "$T/bk/audit-heads"'
check 'with the time and the name of the copy' \
	'grep -Eq "^$h1 [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z one.db\$" "$T/bk/audit-heads"'
case-add -q --village 红星村 --type neighbor --summary 滴水纠纷
h2=$(head_of "$BEAT_DB")
db-backup "$T/bk/two.db"
check_out 'a second backup appends its own head' "$h1 $h2" 'echo $(cut -d" " -f1 "$T/bk/audit-heads")'
check '--expect-head proves a head recorded earlier' 'db-init --verify --expect-head "$h1"'
check '--expect-heads proves every head of the file' 'db-init --verify --expect-heads "$T/bk/audit-heads"'
check_exit 'a head that is no SEQ:HASH is a usage error' 64 'db-init --verify --expect-head 3:abc'
check_exit '--expect-head without --verify too' 64 'db-init --expect-head "$h1"'
printf '# heads\n\n%s x\nnonsense\n' "$h1" >"$T/heads.bad"
check_err 'a bad line in the file is 65 with file and line' 65 \
	"db-init: $T/heads.bad:4: 'nonsense' is not SEQ:HASH" 'db-init --verify --expect-heads "$T/heads.bad"'
check_exit 'a missing file is 66' 66 'db-init --verify --expect-heads "$T/none"'
check 'a link in place of audit-heads is not followed' \
	'mkdir "$T/bk/l" && ln -s "$T/victim" "$T/bk/l/audit-heads" &&
	 ! db-backup "$T/bk/l/x.db" && [ ! -e "$T/victim" ]'

# Truncation: the last row removed after dropping the trigger that forbids it.
trig() { sqlite3 "$T/e2.db" "SELECT sql || ';' FROM sqlite_schema WHERE name = '$1'"; }
cp "$BEAT_DB" "$T/cut.db"
sqlite3 "$T/cut.db" "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = ${h2%%:*}"
check_exit 'a dropped trigger fails --verify' 1 'db-init --verify -d "$T/cut.db"'
check 'naming it' 'grep -q "trigger audit_no_delete is missing" "$T/err"'
trig audit_no_delete | sqlite3 "$T/cut.db"
check 'with the trigger put back, the chain alone cannot see the cut' 'db-init --verify -d "$T/cut.db"'
check_exit 'the head recorded by db-backup can' 1 \
	'db-init --verify -d "$T/cut.db" --expect-heads "$T/bk/audit-heads"'
check 'saying that rows were removed' \
	'grep -q "audit head ${h2%%:*} recorded earlier is gone: the trail ends at row ${h1%%:*}, so rows were removed" "$T/err"'
check 'while the earlier head still holds' 'db-init --verify -d "$T/cut.db" --expect-head "$h1"'

# A trigger changed, or one added.
cp "$BEAT_DB" "$T/trig.db"
sqlite3 "$T/trig.db" "DROP TRIGGER audit_no_update; CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit WHEN 0 BEGIN SELECT 1; END;"
check_exit 'a trigger that is not the schema'\''s fails --verify' 1 'db-init --verify -d "$T/trig.db"'
check 'naming it' 'grep -q "trigger audit_no_update is not the schema'\''s" "$T/err"'
cp "$BEAT_DB" "$T/trig.db"
sqlite3 "$T/trig.db" "CREATE TRIGGER audit_sneak AFTER INSERT ON audit BEGIN SELECT 1; END;"
check_exit 'so does a trigger beat does not have' 1 'db-init --verify -d "$T/trig.db"'
check 'naming it' 'grep -q "trigger audit_sneak is not in beat'\''s schema" "$T/err"'

# Rewriting: row 2 edited and every hash after it recomputed.
cp "$BEAT_DB" "$T/re.db"
sqlite3 "$T/re.db" "DROP TRIGGER audit_no_update; UPDATE audit SET user = 'mallory' WHERE id = 2"
prev=$(sqlite3 "$T/re.db" "SELECT prev FROM audit WHERE id = 2")
for id in $(sqlite3 "$T/re.db" "SELECT id FROM audit WHERE id >= 2 ORDER BY id"); do
	h=$(sqlite3 "$T/re.db" "SELECT '$prev' || char(10) || at || char(10) || user || char(10) || command || char(10) || records FROM audit WHERE id = $id" |
	    head -c -1 | sha256sum | cut -d" " -f1)
	sqlite3 "$T/re.db" "UPDATE audit SET prev = '$prev', hash = '$h' WHERE id = $id"
	prev=$h
done
trig audit_no_update | sqlite3 "$T/re.db"
check 'a chain rewritten from an edited row passes --verify alone' 'db-init --verify -d "$T/re.db"'
check_exit 'a head recorded before shows it' 1 'db-init --verify -d "$T/re.db" --expect-head "$h1"'
check 'saying it was rewritten' 'grep -q "audit row ${h1%%:*}: hash [0-9a-f]* is not ${h1#*:} recorded earlier: the trail was rewritten" "$T/err"'
check 'and the head printed is the new one' \
	'db-init --verify -d "$T/re.db" | grep -q "^audit head: ${h2%%:*} $prev\$"'
# The station's name (SPEC 4.1), kept in setting, audited when it changes.
cp "$BEAT_DB" "$T/st.db"
st() { sqlite3 "$T/st.db" "$1"; }
check_out 'no name until one is given' '' 'st "SELECT value FROM setting WHERE key = '"'station'"'"'
check_out '--station stores it, printing nothing' '' 'db-init -d "$T/st.db" --station 厚坝派出所'
check_out 'under key station' '厚坝派出所' 'st "SELECT value FROM setting WHERE key = '"'station'"'"'
check_out 'audited' 'setting station' 'st "SELECT records FROM audit ORDER BY id DESC LIMIT 1"'
n=$(st "SELECT count(*) FROM audit")
check 'the same name again changes and audits nothing' \
	'db-init -q -d "$T/st.db" --station 厚坝派出所 && [ "$(st "SELECT count(*) FROM audit")" -eq "$n" ]'
check_out 'a new name replaces it (an upsert)' '1 金沙派出所' \
	'db-init -q -d "$T/st.db" --station 金沙派出所 &&
	st "SELECT count(*), max(value) FROM setting WHERE key = '"'station'"'" | tr "|" " "'
check 'a reference-data reload keeps it' \
	'db-init -q -d "$T/st.db" && [ "$(st "SELECT value FROM setting WHERE key = '"'station'"'")" = 金沙派出所 ]'
check_exit 'an empty name: 64' 64 'db-init -d "$T/st.db" --station " "'
check_exit 'a control character: 65' 65 'db-init -d "$T/st.db" --station "$(printf "a\033b")"'
check_exit 'not with --verify: 64' 64 'db-init -d "$T/st.db" --verify --station X'
check_out 'none of those changed it' '金沙派出所' 'st "SELECT value FROM setting WHERE key = '"'station'"'"'

# -f: the years loaded, or what --verify found, as a table.
check_out 'db-init --calendar -f csv: the years under a header' 'year
2027' "db-init -d '$T/st.db' --calendar '$DATA/notice2027.csv' -f csv | tr -d '\r'"
check_out 'nothing loaded, -f json: an empty array' '[]' "db-init -d '$T/st.db' -f json"
check_out 'db-init --verify -f json: one row of figures' '0 0 True' \
	"db-init -d '$T/st.db' --verify -f json | python3 -c 'import json,sys; d=json.load(sys.stdin);
print(d[0][\"bad\"], d[0][\"problems\"], d[0][\"audit_rows\"] > 0 and d[0][\"database\"].endswith(\"st.db\"))'"
check 'its head is the one --expect-head takes' \
	"h=\$(db-init -d '$T/st.db' --verify -f tsv --no-header | cut -f 5) &&
	 db-init -d '$T/st.db' --verify --expect-head \"\$h\" >/dev/null &&
	 [ \"\$(db-init -d '$T/st.db' --verify | sed -n 's/^audit head: \\([0-9]*\\) /\\1:/p')\" = \"\$h\" ]"
done_testing
