#!/bin/sh
# patrol-log: one patrol from options, many from a CSV of paper forms.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 75

patrol_station
npatrols() { sq 'SELECT count(*) FROM patrol'; }
naudit() { sq 'SELECT count(*) FROM audit'; }
# The number the next patrol gets: SQLite's is the largest plus one, but
# PostgreSQL's sequence has moved on past the rows of rolled-back writes.
next_patrol() {
	if on_pg; then
		sq 'SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM patrol_id_seq'
	else
		sq 'SELECT coalesce(max(id), 0) + 1 FROM patrol'
	fi
}
tab=$(printf '\t')

# One patrol from options ---------------------------------------------
a0=$(naudit)
check_out 'a patrol from options prints its number' '1' \
	"patrol-log --team 一队 --route 镇区线 --start '2024-03-01 20:00' --end '2024-03-01 23:30' \
	    --checkpoint 中学 --checkpoint 3 --stopped 1 --mediated 2 --checked 3 --publicity 4 --note '路灯坏了'"
check 'nothing on stderr' '[ ! -s "$T/err" ]'
check_out 'it is stored with team, route, times, counts and note' \
	'一队|镇区线|2024-03-01 20:00:00|2024-03-01 23:30:00|1|2|3|4|路灯坏了' \
	'sq "SELECT t.name, r.name, started_at, ended_at, stopped, mediated, checked, publicity, note
	    FROM patrol p JOIN team t ON t.id = p.team_id JOIN route r ON r.id = p.route_id"'
check_out 'checkpoints by name and by number on the route' '中学 火车站' \
	'echo $(sq "SELECT c.name FROM visit v JOIN checkpoint c ON c.id = v.checkpoint_id ORDER BY c.seq")'
check_out 'the write left one audit row' "$((a0 + 1))" 'naudit'
check_out 'which names the patrol and the command' '1 patrol-log' \
	'sq "SELECT records, command FROM audit ORDER BY id DESC LIMIT 1" | cut -c 1-12 | tr "|" " "'

check_out 'counts default to 0, the note to nothing, -q prints nothing' '0|0|0|0|1' \
	"patrol-log -q --team 二队 --route 村道线 --start 2024-03-02 --end '2024-03-02 02:00' &&
	 sq 'SELECT stopped, mediated, checked, publicity, CASE WHEN note IS NULL THEN 1 ELSE 0 END FROM patrol WHERE id = 2'"
check_out 'a patrol without checkpoints visits none' '0' \
	'sq "SELECT count(*) FROM visit WHERE patrol_id = 2"'

a0=$(naudit)
check_exit 'the same patrol again is skipped' 0 \
	"patrol-log --team 二队 --route 村道线 --start 2024-03-02 --end '2024-03-02 02:00'"
check 'printing no number and saying so' \
	'[ ! -s "$T/out" ] && grep -q "already recorded as patrol 2; skipped" "$T/err"'
check_out 'storing nothing and auditing nothing' "2 $a0" 'echo $(npatrols) $(naudit)'

# Refusals from options: nothing stored ------------------------------
a0=$(naudit)
check_exit 'an end before the start is refused with 65' 65 \
	"patrol-log --team 一队 --route 镇区线 --start '2024-03-03 08:00' --end '2024-03-03 07:00'"
check 'with a message' 'grep -q "patrol-log: the patrol must end after it starts" "$T/err"'
check_exit 'an end equal to the start too' 65 \
	"patrol-log --team 一队 --route 镇区线 --start '2024-03-03 08:00' --end '2024-03-03 08:00:00'"
check 'for the same reason' 'grep -q "must end after it starts (start 2024-03-03 08:00:00, end 2024-03-03 08:00:00)" "$T/err"'
check_exit 'an unknown team is refused with 69' 69 \
	"patrol-log --team 三队 --route 镇区线 --start '2024-03-03 08:00' --end '2024-03-03 09:00'"
check 'naming the team' "grep -q \"no such team: '三队'\" \"\$T/err\""
check_exit 'an unknown route is refused with 69' 69 \
	"patrol-log --team 一队 --route 山路 --start '2024-03-03 08:00' --end '2024-03-03 09:00'"
check 'naming the route, with no file or line' "grep -qx \"patrol-log: no such route: '山路'\" \"\$T/err\""
check_exit 'an unknown checkpoint is refused with 69' 69 \
	"patrol-log --team 一队 --route 镇区线 --start '2024-03-03 08:00' --end '2024-03-03 09:00' --checkpoint 邮局"
check_exit 'a checkpoint number the route lacks is refused with 69' 69 \
	"patrol-log --team 一队 --route 镇区线 --start '2024-03-03 08:00' --end '2024-03-03 09:00' --checkpoint 4"
check_exit 'a checkpoint of another route is refused with 65' 65 \
	"patrol-log --team 一队 --route 镇区线 --start '2024-03-03 08:00' --end '2024-03-03 09:00' --checkpoint 中学 --checkpoint 小学"
check 'saying which route' "grep -q \"checkpoint '小学' is not on route '镇区线' (it is on route '村道线')\" \"\$T/err\""
check_exit 'a negative count is a usage error' 64 \
	"patrol-log --team 一队 --route 镇区线 --start '2024-03-03 08:00' --end '2024-03-03 09:00' --stopped -1"
check 'naming the count' 'grep -q "stopped" "$T/err"'
check_exit 'a date that is no date is a usage error' 64 \
	"patrol-log --team 一队 --route 镇区线 --start '2024-02-30 08:00' --end '2024-03-03 09:00'"
check_exit 'a missing --end is a usage error' 64 \
	"patrol-log --team 一队 --route 镇区线 --start '2024-03-03 08:00'"
check_exit '--import with patrol options is a usage error' 64 \
	"patrol-log --import x.csv --team 一队"
check_out 'none of the refusals stored or audited anything' "2 0 $a0" \
	'echo $(npatrols) $(sq "SELECT count(*) FROM visit WHERE patrol_id > 2") $(naudit)'

# Many from a CSV file ------------------------------------------------
cat >"$T/week.csv" <<'CSV'
team,route,start,end,checkpoints,stopped,mediated,checked,publicity,note
一队,镇区线,2024-03-04 08:00,2024-03-04 12:00,中学;卫生院;火车站,0,1,0,2,
二队,村道线,2024/3/4 20:00,2024/3/5 2:00,红星村委、小学,1,,,,"雨天, 路滑"
一队,镇区线,2024-03-05T08:00,2024-03-05T09:30,1|2,,,,,
CSV
a0=$(naudit)
check_out 'an import prints the new patrol numbers' "$(printf '3\n4\n5')" \
	'patrol-log --import "$T/week.csv"'
check_out 'with times normalised and counts stored' \
	"$(printf '3|2024-03-04 08:00:00|2024-03-04 12:00:00|0|1|0|2|\n4|2024-03-04 20:00:00|2024-03-05 02:00:00|1|0|0|0|雨天, 路滑\n5|2024-03-05 08:00:00|2024-03-05 09:30:00|0|0|0|0|')" \
	'sq "SELECT id, started_at, ended_at, stopped, mediated, checked, publicity, note FROM patrol WHERE id > 2 ORDER BY id"'
check_out 'checkpoints split at ; and 、 and |' '3:1 3:2 3:3 4:1 4:2 5:1 5:2' \
	'echo $(sq "SELECT v.patrol_id || '"':'"' || c.seq FROM visit v JOIN checkpoint c ON c.id = v.checkpoint_id WHERE v.patrol_id > 2 ORDER BY v.patrol_id, c.seq")'
check_out 'one audit row for the whole file, naming its patrols' "$((a0 + 1))|3 4 5" \
	'echo "$(naudit)|$(sq "SELECT records FROM audit ORDER BY id DESC LIMIT 1")"'
check_out 'the file is remembered' "patrol|3" \
	'sq "SELECT kind, rows FROM import_file"'

a0=$(naudit)
check_exit 're-importing the same file succeeds' 0 'patrol-log --import "$T/week.csv"'
check 'printing no numbers and saying it was imported already' \
	'[ ! -s "$T/out" ] && grep -q "^patrol-log: .*week.csv: already imported on 2.*; nothing added" "$T/err"'
check 'adding nothing' '[ "$(npatrols)" -eq 5 ]'
check_out 'and auditing nothing' "$a0" 'naudit'
check 'a copy under another name is the same file' \
	'cp "$T/week.csv" "$T/copy.csv" && patrol-log --import "$T/copy.csv" && [ "$(npatrols)" -eq 5 ]'

cp "$T/week.csv" "$T/month.csv"
echo '二队,村道线,2024-03-06 20:00,2024-03-06 22:00,02,,,,,' >>"$T/month.csv"
check_out 'a file that grew adds only its new rows' '6' 'patrol-log --import "$T/month.csv"'
check 'saying which rows were there already' \
	'[ "$(grep -c "already recorded as patrol" "$T/err")" -eq 3 ] && grep -q "month.csv:2: already recorded as patrol 3; skipped" "$T/err"'
check_out 'its checkpoint number 02 is the second of the route' '小学' \
	'sq "SELECT c.name FROM visit v JOIN checkpoint c ON c.id = v.checkpoint_id WHERE v.patrol_id = 6"'
a0=$(naudit)
sed -n '1p;3p' "$T/week.csv" >"$T/again.csv"
check_exit 'a file of patrols all recorded before' 0 'patrol-log --import "$T/again.csv"'
check 'prints no number' '[ ! -s "$T/out" ] && grep -q "again.csv:2: already recorded as patrol 4" "$T/err"'
check_out 'and writes nothing: no patrol, no file, no audit row' "6 2 $a0" \
	'echo $(npatrols) $(sq "SELECT count(*) FROM import_file") $(naudit)'

# Bad rows: nothing stored, the line named -----------------------------
bad() {	# NAME LINE3: a good row, then the bad one as line 3, then a good one
	{ echo 'team,route,start,end,checkpoints,stopped'
	  echo '一队,镇区线,2024-03-07 08:00,2024-03-07 09:00,中学,0'
	  echo "$2"
	  echo '二队,村道线,2024-03-07 20:00,2024-03-07 21:00,小学,0'; } >"$T/$1.csv"
}
a0=$(naudit)
bad end '一队,镇区线,2024-03-07 10:00,2024-03-07 09:00,中学,0'
check_exit 'a file with an end before its start is refused with 65' 65 'patrol-log --import "$T/end.csv"'
check 'the message names file and line, and no number is printed' \
	'grep -q "^patrol-log: .*end.csv:3: the patrol must end after it starts" "$T/err" && [ ! -s "$T/out" ]'
bad other '一队,镇区线,2024-03-07 10:00,2024-03-07 11:00,中学;小学,0'
check_exit 'a checkpoint of another route in a file: 65' 65 'patrol-log --import "$T/other.csv"'
check 'naming line and route' "grep -q \"other.csv:3: checkpoint '小学' is not on route '镇区线'\" \"\$T/err\""
bad team '三队,镇区线,2024-03-07 10:00,2024-03-07 11:00,中学,0'
check_exit 'an unknown team in a file: 69' 69 'patrol-log --import "$T/team.csv"'
check 'naming the line' "grep -q \"team.csv:3: no such team: '三队'\" \"\$T/err\""
bad route '一队,山路,2024-03-07 10:00,2024-03-07 11:00,中学,0'
check_exit 'an unknown route in a file: 69' 69 'patrol-log --import "$T/route.csv"'
check 'naming the line' "grep -q \"route.csv:3: no such route: '山路'\" \"\$T/err\""
bad count '一队,镇区线,2024-03-07 10:00,2024-03-07 11:00,中学,-2'
check_exit 'a negative count in a file: 65' 65 'patrol-log --import "$T/count.csv"'
check 'naming line and column' "grep -q \"count.csv:3: stopped: not a count: '-2'\" \"\$T/err\""
bad date '一队,镇区线,2024-13-07 10:00,2024-03-07 11:00,中学,0'
check_exit 'a bad date in a file: 65' 65 'patrol-log --import "$T/date.csv"'
check 'naming the line' 'grep -q "date.csv:3: start: not a date" "$T/err"'
check_out 'none of the bad files stored, remembered or audited anything' "6 2 $a0" \
	'echo $(npatrols) $(sq "SELECT count(*) FROM import_file") $(naudit)'

# Chinese headers, GB18030 as Excel on Chinese Windows saves it ---------
cat >"$T/表.csv" <<'CSV'
巡逻队,路线,开始时间,结束时间,巡逻点位,制止纠纷,调解纠纷,盘查可疑人员,宣传次数,备注
一队,镇区线,2024-03-08 08:00,2024-03-08 10:00,中学、卫生院,1,2,3,4,正常
CSV
p=$(next_patrol)
check_out 'Chinese headers are understood' "$p" 'patrol-log --import "$T/表.csv"'
check_out 'every column read' '一队|1|2|3|4|正常|2' \
	"sq \"SELECT (SELECT name FROM team WHERE id = team_id), stopped, mediated, checked, publicity, note, (SELECT count(*) FROM visit WHERE patrol_id = $p) FROM patrol WHERE id = $p\""
{ echo '巡逻队,路线,开始时间,结束时间,巡逻点位/必到点'
  echo '二队,村道线,2024-03-09 20:00,2024-03-09 22:00,红星村委|小学'; } |
	iconv -f UTF-8 -t GB18030 >"$T/gbk.csv"
p=$(next_patrol)
check_out 'a GB18030 file with the header 巡逻点位/必到点' '8 2' \
	"patrol-log -q --import \"\$T/gbk.csv\" && echo \$(npatrols) \$(sq 'SELECT count(*) FROM visit WHERE patrol_id = $p')"

# Plausible values: no patrol next week, no team on two patrols at once.
# n0 counts the patrols, p0 numbers the last one (the same on SQLite).
n0=$(npatrols) p0=$(($(next_patrol) - 1))
check_exit 'a patrol ending more than a day ahead is refused' 65 \
	"BEAT_NOW='2024-03-10 12:00' patrol-log --team 一队 --route 镇区线 --start '2024-03-12 08:00' --end '2024-03-12 10:00'"
check 'saying so and naming --force' 'grep -q "the patrol ends 2024-03-12 10:00:00, more than a day ahead (--force records it)" "$T/err"'
check_out 'within a day ahead is fine (a form filled in before the shift ends)' "$((p0 + 1))" \
	"BEAT_NOW='2024-03-10 12:00' patrol-log --team 一队 --route 镇区线 --start '2024-03-10 20:00' --end '2024-03-11 11:00'"
check_out '--force records the one far ahead' "$((p0 + 2))" \
	"BEAT_NOW='2024-03-10 12:00' patrol-log --force --team 一队 --route 镇区线 --start '2024-03-12 08:00' --end '2024-03-12 10:00'"
check_exit 'a patrol overlapping another of its team is refused' 65 \
	"patrol-log --team 一队 --route 村道线 --start '2024-03-11 10:00' --end '2024-03-11 12:00'"
check 'naming the patrol it overlaps' \
	"grep -q \"team '一队' is on patrol $((p0 + 1)) (2024-03-10 20:00:00 - 2024-03-11 11:00:00) then\" \"\$T/err\""
check_out 'one ending as the other starts is no overlap; another team is free' "$((p0 + 3)) $((p0 + 4))" \
	"echo \$(patrol-log --team 一队 --route 村道线 --start '2024-03-11 11:00' --end '2024-03-11 12:00') \
	    \$(patrol-log --team 二队 --route 村道线 --start '2024-03-11 10:00' --end '2024-03-11 12:00')"
cat >"$T/over.csv" <<'CSV'
team,route,start,end
二队,镇区线,2024-03-15 08:00,2024-03-15 10:00
二队,村道线,2024-03-15 09:30,2024-03-15 11:00
CSV
check_err 'two overlapping rows of one file are refused, naming the line' 65 \
	"patrol-log: $T/over.csv:3: team '二队' is on patrol $((p0 + 5)) (2024-03-15 08:00:00 - 2024-03-15 10:00:00) then; a team patrols once at a time (--force records it)" \
	'patrol-log --import "$T/over.csv"'
check_out 'and the file stores nothing' "$((n0 + 4))" 'npatrols'
printf 'team,route,start,end\n二队,镇区线,2024-03-16 08:00,2024-03-16 10:00,多余\n' >"$T/wide.csv"
check_err 'a row with a field more than the header is refused' 65 \
	"patrol-log: $T/wide.csv:2: 5 fields, the header has 4 (an unquoted comma?)" \
	'patrol-log --import "$T/wide.csv"'
check_out 'storing nothing' "$((n0 + 4))" 'npatrols'

# -f: the patrol numbers as a table of one column.
check_out 'patrol-log -f csv prints the number under a header' 'patrol' \
	"patrol-log --team 一队 --route 镇区线 --start '2024-05-01 20:00' --end '2024-05-01 21:00' -f csv |
	 head -n 1 | tr -d '\r'"
check_out '-f json: one array' 'patrol' \
	"patrol-log --team 一队 --route 镇区线 --start '2024-05-02 20:00' --end '2024-05-02 21:00' -f json |
	 python3 -c 'import json,sys; print(*json.load(sys.stdin)[0])'"
check_out 'a patrol recorded before, with -f json: an empty array' '[]' \
	"patrol-log --team 一队 --route 镇区线 --start '2024-05-02 20:00' --end '2024-05-02 21:00' -f json"
done_testing
