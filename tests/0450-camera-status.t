#!/bin/sh
# camera-status: registry and status import, offline cameras, online rate.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 56

export BEAT_NOW='2024-06-15 10:00:00'
q() { sq "$1" ' '; }
cameras() { q 'SELECT count(*) FROM camera'; }
audits() { q "SELECT count(*) FROM audit WHERE command LIKE 'camera-status%'"; }

mini_station
check_exit 'no cameras yet: the list is empty and exits 1' 1 'camera-status'
check_exit 'and nothing is offline: exits 0' 0 'camera-status --offline'

cat >"$T/cam.csv" <<'CSV'
设备编号,类型,安装位置,所属村社,在线状态,最后在线时间
SK-001,天网,红星村口,红星村,在线,2024-06-15 09:00
XL-001,雪亮工程,青山小学门口,青山村,离线,2024/6/10 8:00
SV-001,social,超市,510781001,online,
SK-002,skynet,桥头,,ONLINE,2024-06-13T10:00
CSV
check_out 'an import with Chinese headers prints the codes it added' 'SK-001
XL-001
SV-001
SK-002' 'camera-status --import "$T/cam.csv"'
check_out 'kinds and statuses given as Chinese labels are stored as codes' \
	'SK-001 skynet 红星村口 红星村 online 2024-06-15 09:00:00
SK-002 skynet 桥头 - online 2024-06-13 10:00:00
SV-001 social 超市 红星村 online 2024-06-15 10:00:00
XL-001 sharpeyes 青山小学门口 青山村 offline 2024-06-10 08:00:00' \
	"q \"SELECT c.code, c.kind, c.place, coalesce(v.name, '-'), c.status, c.seen_at
	    FROM camera c LEFT JOIN village v ON v.id = c.village_id ORDER BY c.code\""
check 'online without a time means seen at the import' \
	'[ "$(q "SELECT seen_at FROM camera WHERE code = '\''SV-001'\''")" = "2024-06-15 10:00:00" ]'
check_out 'the import left one audit row naming the cameras' '1 SK-001 XL-001 SV-001 SK-002' \
	"q \"SELECT count(*), max(records) FROM audit WHERE command LIKE 'camera-status%'\""
check 'the same file can be imported again' 'camera-status --import "$T/cam.csv"'
check 'printing nothing, since nothing changed' '[ ! -s "$T/out" ]'
check_out 'and adds no row' '4' 'cameras'
sed 's/2024-06-15 09:00/2024-06-15 09:30/' "$T/cam.csv" >"$T/cam2.csv"
check_out 'a changed row updates its camera and prints only its code' 'SK-001' \
	'camera-status --import "$T/cam2.csv"'
check_out 'still without duplicates' '4 2024-06-15 09:30:00' \
	"q \"SELECT count(*), max(CASE code WHEN 'SK-001' THEN seen_at END) FROM camera\""
printf 'code,kind,place,village\nSK-001,天网,红星村口东,红星村\nSK-003,天网,青山村委会,青山村\nSV-001,social,超市,红星村\n' >"$T/reg.csv"
check_out 'a registry without status: a moved camera and a new one' 'SK-001
SK-003' 'camera-status --import "$T/reg.csv"'
check_out 'the status already known is kept' '红星村口东 online 2024-06-15 09:30:00 | 青山村委会 -' \
	"q \"SELECT group_concat(place || ' ' || coalesce(status, '-') || coalesce(' ' || seen_at, ''), ' | ')
	    FROM (SELECT * FROM camera WHERE code IN ('SK-001', 'SK-003') ORDER BY code) AS t\""
check_out 'each import that changed cameras left one audit row, the one that changed none none' '3' 'audits'

check_exit 'camera-status --offline exits 1 when a camera is offline' 1 'camera-status --offline'
cp "$T/out" "$T/offline"
check_out 'listing offline, unreported and stale cameras' \
	'code	kind	place	village	status	seen_at	reason
SK-002	skynet	桥头		online	2024-06-13 10:00:00	stale
SK-003	skynet	青山村委会	青山村			never
XL-001	sharpeyes	青山小学门口	青山村	offline	2024-06-10 08:00:00	offline' 'cat "$T/offline"'
check_out 'a camera marked online but not seen within the window is stale' 'SK-002 stale' \
	"awk -F '\t' '\$5 == \"online\" { print \$1, \$7 }' '$T/offline'"
check 'json carries the reason too' \
	"camera-status --offline -f json | python3 -c 'import json,sys; d=json.load(sys.stdin);
sys.exit(sorted(r[\"reason\"] for r in d) != [\"never\", \"offline\", \"stale\"])'"
check 'the list of every camera has no reason column' \
	"camera-status | head -n 1 | grep -q 'seen_at\$'"
check 'a camera online and seen within the window is not listed' '! grep -q "^SK-001" "$T/offline"'
check 'nor one seen at the import' '! grep -q "^SV-001" "$T/offline"'
check_out 'with --hours 72 one seen 48 hours ago is not offline' 'SK-003
XL-001' 'camera-status --offline --hours 72 --no-header | cut -f 1 || :'
check_out 'the boundary: seen exactly 48 hours ago is within 48 hours' 'SK-003
XL-001' 'camera-status --offline --hours 48 --no-header | cut -f 1 || :'
check_out 'but not within 47' 'SK-002
SK-003
XL-001' 'camera-status --offline --hours 47 --no-header | cut -f 1 || :'
check_out 'the default window is the setting camera_offline_hours' 'SK-003
XL-001' "sq \"UPDATE setting SET value = '72' WHERE key = 'camera_offline_hours'\" &&
	camera-status --offline --no-header | cut -f 1 || :"
sq "UPDATE setting SET value = '24' WHERE key = 'camera_offline_hours'"

check_out 'the summary gives the online rate of each kind' \
	'kind	total	online	offline	rate
sharpeyes	1	0	1	0.0
skynet	3	1	2	33.3
social	1	1	0	100.0' 'camera-status --summary'
check_same 'its offline count agrees with --offline' \
	"camera-status --summary --no-header | awk -F'\\t' '{ n += \$4 } END { print n }'" \
	'camera-status --offline --no-header | wc -l'
check_same 'and with --hours' \
	"camera-status --summary --hours 72 --no-header | awk -F'\\t' '{ n += \$4 } END { print n }'" \
	'camera-status --offline --hours 72 --no-header | wc -l'
check_out 'without options every camera is listed' 'SK-001
SK-002
SK-003
SV-001
XL-001' 'camera-status --no-header | cut -f 1'

n=$(cameras)
printf 'code,kind,place,village\nNEW-1,skynet,路口,红星村\nNEW-2,bogus,桥,红星村\n' >"$T/bad.csv"
check_exit 'an unknown kind in the file is bad data: 65' 65 'camera-status --import "$T/bad.csv"'
check 'naming the file and line' \
	'grep -q "camera-status: .*bad.csv:3: unknown camera kind .bogus." "$T/err"'
check_out 'and nothing of the file is stored' "$n" 'cameras'
printf 'code,kind,place,village\nNEW-1,skynet,路口,白云村\n' >"$T/bad.csv"
check_exit 'an unknown village in the file is 69, as in roster and patrol-log' 69 'camera-status --import "$T/bad.csv"'
check 'naming the line and the village' 'grep -q "bad.csv:2: no such village: .白云村." "$T/err"'
printf 'code,kind,place,village,status\nNEW-1,skynet,路口,红星村,broken\n' >"$T/bad.csv"
check_exit 'an unknown status is 65' 65 'camera-status --import "$T/bad.csv"'
check 'naming the line' 'grep -q "bad.csv:2: status .broken." "$T/err"'
printf 'code,kind,place,village,status,seen_at\nNEW-1,skynet,路口,红星村,online,2024-13-01\n' >"$T/bad.csv"
check_exit 'a bad time is 65' 65 'camera-status --import "$T/bad.csv"'
printf 'code,kind,place,village\n,skynet,路口,红星村\n' >"$T/bad.csv"
check_exit 'a row without a code is 65' 65 'camera-status --import "$T/bad.csv"'
printf 'code,kind,village\nNEW-1,skynet,红星村\n' >"$T/bad.csv"
check_exit 'a file without the place column is 65' 65 'camera-status --import "$T/bad.csv"'
check_exit 'a missing file is 66' 66 'camera-status --import "$T/none.csv"'
printf 'code,kind,place,village\nNEW-1,skynet,"路"口,红星村\n' >"$T/q.csv"
check_exit 'a misplaced quote is 65' 65 'cd "$T" && camera-status --import q.csv'
check_out 'named once with file and line' 'camera-status: q.csv:2: misplaced or unbalanced quote' 'cat "$T/err"'
check_out 'the failed imports stored nothing' "$n" 'cameras'
check_out 'and audited nothing' '3' 'audits'

printf 'code,kind,place,village\nSK-004,天网,学校门口,青山村\nSK-004,天网,学校正门,青山村\n' >"$T/twice.csv"
check_out 'a code twice in a file is printed once; the last row wins' 'SK-004' \
	'camera-status --import - <"$T/twice.csv"'
check_out 'stored once' '1 学校正门' "q \"SELECT count(*), max(place) FROM camera WHERE code = 'SK-004'\""
printf '编号,类别,点位,村社\nSK-005,天网,青山桥,青山村\n' | iconv -f UTF-8 -t GB18030 >"$T/gbk.csv"
check_out 'a GB18030 file is read' 'SK-005' 'camera-status --import "$T/gbk.csv"'
check_out 'and stored in UTF-8' '青山桥' "q \"SELECT place FROM camera WHERE code = 'SK-005'\""

check_exit '--offline and --summary do not go together' 64 'camera-status --offline --summary'
check_exit '--hours alone is a usage error' 64 'camera-status --hours 12'
check_exit '--hours must be a positive number' 64 'camera-status --offline --hours 0'
check_exit '--import does not go with --offline' 64 'camera-status --import "$T/cam.csv" --offline'
check_exit '--encoding goes with --import' 64 'camera-status --encoding gbk'
check_exit 'an operand is a usage error' 64 'camera-status "$T/cam.csv"'

# -f with --import: the codes as a table of one column.
printf 'code,kind,place,village\nFM-1,skynet,表格路口,红星村\n' >fm.csv
check_out 'camera-status --import -f csv: the codes under a header' 'code
FM-1' "camera-status --import fm.csv -f csv | tr -d '\r'"
check_out 'without -f, one a line on a terminal too' 'FM-1' \
	"sed -i 's/表格路口/表格路口东/' fm.csv && script -qec 'camera-status --import fm.csv' /dev/null | tr -d '\r'"
done_testing
