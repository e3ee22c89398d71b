#!/bin/sh
# share/examples: nightly.sh twice on one day, its digest, locking, errors;
# monthly-report.sh; shellcheck; the crontab and systemd units.
. "${BEAT_TOP:-.}/tests/lib.sh"
sqlite_only 'the example scripts keep their locks and backups beside a SQLite file'

# The scripts drive nearly every command; until they are all built there
# is nothing to test.
missing=
for c in incident-import case-add case-escalate case-list patrol-log patrol-gaps \
    place-add place-list camera-status db-backup report-monthly; do
	[ -x "$BEAT_BIN/$c" ] || missing="$missing $c"
done
if [ -n "$missing" ]; then
	echo "1..0 # skip commands not built yet:$missing"
	exit 0
fi
plan 53

EX=$BEAT_TOP/share/examples
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # skip $1"; }
dump() { sqlite3 "$BEAT_DB" .dump | grep -v '^INSERT INTO audit '; }
export BEAT_NOW='2024-06-30 02:30' BEAT_HOME="$T/st"
mkdir -p "$T/st" "$T/drop"

check "a station" 'mini_station'
printf 'route,seq,checkpoint,kind\n一号线,1,中心小学,school\n一号线,2,卫生院,hospital\n' >r.csv
printf 'team,leader,auxiliary\n一队,P001,A001\n' >t.csv
check "a route and a team" 'roster -q --import-routes r.csv && roster -q --import-teams t.csv'
check "an old case, overdue" \
	'case-add --village 红星村 --type neighbor --summary 排水沟 --at "2024-05-06 09:00" > old'
check "a wage case with a crowd: a mass-incident risk" \
	'case-add --village 青山村 --type wages --summary 欠薪 --crowd 12 --at "2024-06-29 09:00" > crowd'
check "a complex case, for the rules" \
	'case-add --village 青山村 --type land --summary 土地 --complex --at "2024-06-29 10:00" > cx'
check "a patrol that missed a checkpoint" \
	'patrol-log -q --team 一队 --route 一号线 --start "2024-06-29 20:00" --end "2024-06-29 23:00" --checkpoint 中心小学'
check "a school never inspected" \
	'place-add -q --category school --name 红星小学 --village 红星村 --at 2024-01-01'
printf 'code,kind,place,village,status,seen_at\nCAM-1,skynet,路口,红星村,online,2024-06-30 02:00\nCAM-2,skynet,桥头,青山村,offline,2024-06-27 08:00\n' >cam.csv
check "two cameras, one offline" 'camera-status -q --import cam.csv'
printf 'dispatch_no,received_at,category,valid,village\nJ1,2024-06-29 21:00,dispute,1,红星村\nJ2,2024-06-29 22:00,traffic,1,青山村\n' >"$T/drop/110-0629.csv"

check "nightly: findings only, exit 0" 'sh "$EX/nightly.sh" "$T/drop"'
check "nothing on stdout or stderr" '[ ! -s "$T/out" ] && [ ! -s "$T/err" ]'
check "the export was imported" \
	'[ "$(sq "SELECT count(*) FROM incident")" -eq 2 ]'
check "and moved to the done folder of the day" \
	'[ ! -e "$T/drop/110-0629.csv" ] && [ -f "$T/drop/done/2024-06-30/110-0629.csv" ]'
check "the rules escalated the complex case" \
	'[ "$(sq "SELECT level FROM dispute WHERE number = '\''$(cat cx)'\''")" = consultation ]'
check "a backup of the day" 'db-init --verify -d "$T/st/backups/beat-2024-06-30.db"'
D=$T/st/digests/digest-2024-06-30.txt
check "the digest of the day" '[ -f "$D" ]'
check "the digest lists the escalation" 'grep -q "^$(cat cx)	police	consultation	" "$D"'
dump >dump1
cp "$D" digest1

check "a second run on the same day" 'sh "$EX/nightly.sh" "$T/drop"'
check_same "changes nothing in the database (but the audit)" 'dump' 'cat dump1'
check "keeps the first run's escalation, once" \
	'grep -q "^== Escalated to consultation today: 1\$" "$D" &&
	[ "$(grep -c "^$(cat cx)	police	consultation	" "$D")" -eq 1 ] &&
	[ "$(grep -c . "$T/st/digests/escalated-2024-06-30.txt")" -eq 1 ]'
check "its digest still lists the day's import" \
	'grep -q "^== Dispatch exports imported today: 1" "$D" && grep -q "110-0629.csv: read 2, added 2" "$D"'
check "names the overdue case" \
	'sed -n "/^== Overdue cases/,/^\$/p" "$D" | grep -q "^$(cat old)	"'
check "names the mass-incident risk" \
	'sed -n "/^== Mass-incident risks: 1/,/^\$/p" "$D" | grep -q "^$(cat crowd): mass-incident risk"'
check "and so it does for a station that reads Chinese" \
	'LANGUAGE=zh_CN sh "$EX/nightly.sh" "$T/drop" &&
	sed -n "/^== Mass-incident risks: 1/,/^\$/p" "$D" | grep -q "^$(cat crowd): mass-incident risk" &&
	[ "$(grep -c "^$(cat cx)	police	consultation	" "$D")" -eq 1 ]'
check "names the checkpoint missed and an hour without patrol" \
	'sed -n "/^== Patrol gaps/,/^\$/p" "$D" | grep -q "^checkpoint	一号线/卫生院" &&
	sed -n "/^== Patrol gaps/,/^\$/p" "$D" | grep -q "^hour	05"'
check "names the premise due, on each ledger" \
	'[ "$(sed -n "/^== Premises due: 3/,/^\$/p" "$D" | grep -c "	school	")" -eq 3 ]'
check "names the camera offline" \
	'sed -n "/^== Cameras offline: 1/,/^\$/p" "$D" | grep -q "^CAM-2	"'
check "and sums them up on its second line" \
	'sed -n 2p "$D" | grep -Fqx "imported 1, escalated 1, mass risks 1, overdue 1, due soon $(sed -n "s/^== Obligations due soon: //p" "$D"), patrol gaps $(sed -n "s/^== Patrol gaps: //p" "$D"), premises due 3, cameras offline 1"'

section() { sed -n "/^== $1: /,/^\$/p" "$D" | sed '1d;/^$/d'; }
check_same "lists the obligations due soon" 'section "Obligations due soon"' \
	'case-list --due-soon'
check "and counts them" '[ "$(sed -n "s/^== Obligations due soon: //p" "$D")" -eq "$(case-list --due-soon --no-header | grep -c .)" ]' 

# An export already imported under another name, a new one whose name
# has spaces: only the new one counts, both leave the drop folder.
cp "$T/drop/done/2024-06-30/110-0629.csv" "$T/drop/110-0629 again.csv"
printf 'dispatch_no,received_at,category,valid,village\nJ3,2024-06-30 01:00,dispute,1,红星村\n' >"$T/drop/110 0630 夜.csv"
check "a third run with two more exports" 'sh "$EX/nightly.sh" "$T/drop" && [ ! -s "$T/err" ]'
check "imports the new one" '[ "$(sq "SELECT count(*) FROM incident")" -eq 3 ]'
check "moves both to the done folder" \
	'[ -f "$T/drop/done/2024-06-30/110-0629 again.csv" ] && [ -f "$T/drop/done/2024-06-30/110 0630 夜.csv" ] &&
	! ls "$T/drop"/*.csv'
check "counts two exports imported today, not the one imported before" \
	'grep -q "^== Dispatch exports imported today: 2\$" "$D" && sed -n 2p "$D" | grep -q "^imported 2, " &&
	grep -q "110 0630 夜.csv: read 1, added 1" "$D" && grep -q "110-0629 again.csv: already imported" "$D"'
check "and a run with nothing new counts the same" \
	'sh "$EX/nightly.sh" "$T/drop" && grep -q "^== Dispatch exports imported today: 2\$" "$D"'

# The shipped units ask for zh_CN.UTF-8, which a fresh machine may lack.
if locale -a | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	skip "zh_CN.UTF-8 is installed"
	printf 'dispatch_no,received_at,category,valid,village\nJ4,2024-06-30 02:00,dispute,1,青山村\n' >"$T/drop/110-0630b.csv"
	check "under zh_CN.UTF-8 the digest is in Chinese" \
		'env -u LC_ALL LANG=zh_CN.UTF-8 sh "$EX/nightly.sh" "$T/drop" && [ ! -s "$T/err" ] &&
		grep -q "110-0630b.csv: 读取 1 条，新增 1 条" "$D" &&
		sed -n "/^== Mass-incident risks: 1/,/^\$/p" "$D" | grep -q "^$(cat crowd): mass-incident risk"'
else
	check "LANG=zh_CN.UTF-8 where it is not installed: no complaint on stderr" \
		'env -u LC_ALL LANG=zh_CN.UTF-8 sh "$EX/nightly.sh" "$T/drop" && [ ! -s "$T/err" ]'
	check "the digest says it is in English, and why" \
		'sed -n "/^== Warnings: /,/^\$/p" "$D" |
		grep -Fqx "nightly: LANG=zh_CN.UTF-8: no such locale installed; using C.UTF-8"'
fi

mkdir stub
printf '#!/bin/sh\nprintf "2099-0001\\tpolice\\tconsultation\\tcomplex\\n"\necho "case-escalate: database is busy" >&2\nexit 75\n' >stub/case-escalate
chmod +x stub/case-escalate
check_exit "case-escalate failing: its status" 75 'BEAT_BIN=$T/stub:$BEAT_BIN sh "$EX/nightly.sh" "$T/drop"'
check "and what it printed is not taken as escalated" \
	'grep -q "^ERROR: case-escalate --auto failed with status 75" "$D" && ! grep -q "^2099-0001" "$D" &&
	grep -q "^== Escalated to consultation today: 1\$" "$D"'
check_exit "another run holding the lock: 75" 75 \
	'flock "$BEAT_DB.nightly.lock" sh "$EX/nightly.sh" "$T/drop"'
printf 'no,such,columns\n1,2,3\n' >"$T/drop/bad.csv"
check_exit "a bad export: the importer's status" 65 'sh "$EX/nightly.sh" "$T/drop"'
check "and on stderr" 'grep -q "^nightly: incident-import .*bad.csv failed with status 65" "$T/err"'
check "which stays in the drop folder, named in the digest with the reason" \
	'[ -f "$T/drop/bad.csv" ] && grep -q "^ERROR: incident-import .*bad.csv failed with status 65" "$D" &&
	grep -q "^  incident-import: .*bad.csv" "$D" && grep -q "^== Cameras offline: 1" "$D"'

# A year without a holiday notice: the deadline commands warn, the digest
# shows it at its top, once each, and cron mail stays quiet.
# A case registered in 2041 has its police deadline there.
mkdir "$T/cal" && cp "$BEAT_DB" "$T/cal/beat.db"
BEAT_DB=$T/cal/beat.db BEAT_NOW='2041-02-28 09:00' \
    case-add -q --village 红星村 --type neighbor --summary 邻里 --at '2041-02-28 09:00'
check "a run in a year without a holiday notice" \
	'BEAT_DB=$T/cal/beat.db BEAT_HOME=$T/cal BEAT_NOW="2041-03-01 08:00" sh "$EX/nightly.sh" &&
	[ ! -s "$T/err" ]'
check "shows the calendar warnings at the top, each once" \
	'C=$T/cal/digests/digest-2041-03-01.txt &&
	sed -n "3,/^== Dispatch/p" "$C" | sed -n "/^== Warnings: /,/^\$/p" | grep -q "holiday notice loaded for 2041" &&
	[ -z "$(grep "holiday notice" "$C" | sort | uniq -d)" ] &&
	[ "$(grep -c "holiday notice" "$C")" -eq "$(sed -n "/^== Warnings: /,/^\$/p" "$C" | grep -c "holiday notice")" ]'


export BEAT_NOW='2024-07-01 06:00'
check "monthly-report.sh: last month as text and HTML" \
	'sh "$EX/monthly-report.sh" "$T/rep" && report-monthly --month 2024-06 | cmp - "$T/rep/report-2024-06.txt" &&
	grep -q "<svg " "$T/rep/report-2024-06.html"'
check "in January, December of the year before" \
	'BEAT_NOW="2024-01-15 06:00" sh "$EX/monthly-report.sh" "$T/rep" &&
	[ -f "$T/rep/report-2023-12.txt" ] && [ -f "$T/rep/report-2023-12.html" ]'

check "shellcheck passes" \
	'shellcheck "$EX"/*.sh "$BEAT_TOP"/share/demo/*.sh'
check "the crontab runs scripts that exist" \
	'n=0; for s in $(grep -v "^#" "$EX/crontab.in" | grep -o "@exampledir@/[a-z-]*\.sh"); do
		[ -x "$EX/${s#@exampledir@/}" ] || exit 1; n=$((n + 1)); done; [ $n -eq 2 ]'
check "the crontab and the services ask for Chinese" \
	'grep -qx "LANG=zh_CN.UTF-8" "$EX/crontab.in" &&
	for u in "$EX"/systemd/*.service.in; do grep -qx "Environment=LANG=zh_CN.UTF-8" "$u" || exit 1; done'
if command -v systemd-analyze >/dev/null 2>&1; then
	check "systemd units verify" \
		'mkdir u && for f in "$EX"/systemd/*; do
			sed "s|@exampledir@|$EX|; s|@bindir@|$BEAT_BIN|" "$f" >"u/$(basename "$f" .in)"; done &&
		systemd-analyze verify --man=no u/*.service u/*.timer 2>&1 | { ! grep .; }'
else
	skip "systemd-analyze not installed"
fi

# The audit trail cut after a backup recorded its head: the next night
# says so at the top of its digest, and exits 65.
mkdir "$T/cut" "$T/cut/drop" && cp "$BEAT_DB" "$T/cut/beat.db" && mkdir "$T/cut/backups" &&
	cp "$T/st/backups/audit-heads" "$T/cut/backups/"
check "a night with the recorded heads in the trail is clean" \
	'BEAT_DB=$T/cut/beat.db BEAT_HOME=$T/cut BEAT_NOW="2024-07-02 02:30" sh "$EX/nightly.sh" "$T/cut/drop" &&
	! grep -q "^ERROR" "$T/cut/digests/digest-2024-07-02.txt"'
sqlite3 "$T/cut/beat.db" "DROP TRIGGER audit_no_delete;
	DELETE FROM audit WHERE id = (SELECT max(id) FROM audit);
	CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
	BEGIN
		SELECT RAISE(ABORT, 'the audit trail is append-only');
	END;"
check_exit "a trail cut since: the night exits 65" 65 \
	'BEAT_DB=$T/cut/beat.db BEAT_HOME=$T/cut BEAT_NOW="2024-07-03 02:30" sh "$EX/nightly.sh" "$T/cut/drop"'
check "naming the cut at the top of the digest" \
	'sed -n 3p "$T/cut/digests/digest-2024-07-03.txt" | grep -q "^ERROR: db-init --verify --expect-heads failed with status 65" &&
	grep -q "rows were removed\|is gone" "$T/cut/digests/digest-2024-07-03.txt"'
done_testing
