#!/bin/sh
# The station's code (schema 4): db-init --station-code sets it and
# stamps the records, every command that adds a record stamps it, and
# the keys a city needs are unique per station.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 22

export BEAT_NOW='2024-03-05 10:00'
tables='village officer dispute team route patrol place camera import_file incident'
# stations: each record table and the codes its rows carry, [] for
# none set, - for no rows.
stations() {
	for t in $tables; do
		printf '%s %s\n' "$t" "$(sq "SELECT coalesce(group_concat('[' || s || ']', ','), '-')
		    FROM (SELECT DISTINCT station AS s FROM $t ORDER BY 1) AS x")"
	done
}
code() { sq "SELECT value FROM setting WHERE key = 'station_code'"; }
audit() { sq "SELECT records FROM audit ORDER BY id DESC LIMIT 1"; }

patrol_station
check_out 'no code until one is given' '' code
check_out 'the records carry none' 'village []
officer []
dispute -
team []
route []
patrol -
place -
camera -
import_file -
incident -' stations
check_err '--station-code stamps them, and says how many' 0 \
	"db-init: $BEAT_DB: station code 510781560000, 10 records stamped" \
	'db-init --station-code 510781560000'
check_out 'stored under station_code' '510781560000' code
check_out 'every record carries it' 'village [510781560000]
officer [510781560000]
dispute -
team [510781560000]
route [510781560000]
patrol -
place -
camera -
import_file -
incident -' stations
check_out 'audited with the records it stamped' 'setting station_code, 10 records' audit
n=$(sq "SELECT count(*) FROM audit")
check 'the same code again changes and audits nothing' \
	'db-init -q --station-code 510781560000 && [ "$(sq "SELECT count(*) FROM audit")" -eq "$n" ]'

# Every command that adds a record stamps it with the code.
cat >"$T/cam.csv" <<'CSV'
code,kind,place,village,status,seen
SK-001,skynet,红星村口,红星村,online,2024-03-05 09:00
CSV
cat >"$T/inc.csv" <<'CSV'
警情编号,接警时间,警情类别,是否有效,所属村社,发生地点,简要案情,处警民警,关联警情,无效原因
110001,2024-03-03 08:05,治安案件,是,红星村,村口,两人打架,李明,,
110002,2024-03-03 08:30,治安,否,红星村,村口,再次打来,李明,110001,重复报警
CSV
cat >"$T/v2.csv" <<'CSV'
name,township,code
白云村,厚坝镇,510781003
CSV
check 'case-add, patrol-log, place-add, camera-status, incident-import, roster' \
	'case-add -q --village 红星村 --type neighbor --summary 滴水 &&
	patrol-log -q --team 一队 --route 镇区线 --start "2024-03-04 20:00" --end "2024-03-04 22:00" &&
	place-add -q --category school --name 中心小学 --village 青山村 &&
	camera-status -q --import "$T/cam.csv" &&
	incident-import -q "$T/inc.csv" &&
	roster -q --import-villages "$T/v2.csv"'
check_out 'each record they added carries the code' 'village [510781560000]
officer [510781560000]
dispute [510781560000]
team [510781560000]
route [510781560000]
patrol [510781560000]
place [510781560000]
camera [510781560000]
import_file [510781560000]
incident [510781560000]' stations

# A new code: the station renamed.  Records of another station (a
# bureau's database holds thirty) keep theirs.
sq "INSERT INTO route (name, station) VALUES ('外站线', '510781570000')"
check_out 'a new code restamps the records of the old one' \
	'setting station_code, 18 records' \
	'db-init -q --station-code 510781560001 && audit'
check_out 'and leaves another station'"'"'s alone' '510781560001
510781570000' 'sq "SELECT DISTINCT station FROM route ORDER BY 1"'
check_out 'the commands stamp the new one' '510781560001' \
	'place-add -q --category school --name 二小 --village 青山村 &&
	sq "SELECT station FROM place WHERE name = '"'二小'"'"'

# Each station numbers its own cases.
sq "INSERT INTO dispute (number, year, seq, opened_at, village_id, officer_id, type,
    summary, station) SELECT '2024-0007', 2024, 7, '2024-03-01 09:00:00', min(v.id),
    min(o.id), 'neighbor', 'x', '510781570000' FROM village v, officer o"
check_out 'a case of another station does not move the numbers' '2024-0002' \
	'case-add --village 红星村 --type neighbor --summary 又滴水'

check_exit 'an empty code: 64' 64 'db-init --station-code ""'
check 'naming the option and what a code is' \
	'grep -qx "db-init: --station-code: '"''"' is not 1 to 32 letters, digits and '"'-'"'" "$T/err"'
check_exit 'a space: 64' 64 'db-init --station-code "51 07"'
check_exit 'Chinese: 64' 64 'db-init --station-code 厚坝'
check_exit '33 characters: 64' 64 'db-init --station-code 123456789012345678901234567890123'
check_exit 'not with --verify: 64' 64 'db-init --verify --station-code X'
check_out 'none of those changed it' '510781560001' code

# The keys a city needs are unique per station.  A SQLite file holds
# one station, and keeps its older keys on the name alone.
twin() { sq "INSERT INTO village (name, station) VALUES ('白云村', '$1')" 2>/dev/null; }
check 'a second village of a name in the same station is refused' '! twin 510781560001'
if on_pg; then
	check 'one of that name in another station is kept' 'twin 510781570000'
else
	skip 'one of that name in another station is kept' 'a SQLite file holds one station'
fi
