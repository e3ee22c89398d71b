#!/bin/sh
# patrol-gaps: unvisited checkpoints and unpatrolled hours within a window.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 21

patrol_station
# patrol TEAM ROUTE START END CHECKPOINT_NUMBER...
patrol() {
	t=$1 r=$2 s=$3 e=$4; shift 4
	for c in "$@"; do set -- "$@" --checkpoint "$c"; shift; done
	patrol-log -q --team "$t" --route "$r" --start "$s" --end "$e" "$@"
}

check_exit 'with no patrols at all every hour is a gap' 1 \
	"patrol-gaps --at '2024-03-02 08:00'"
check_out 'every checkpoint and every hour, never seen' '29 0' \
	"echo \$(patrol-gaps --at '2024-03-02 08:00' --no-header | wc -l) \
	    \$(patrol-gaps --at '2024-03-02 08:00' --no-header | cut -f 3 | grep -c .)"

# Two days before: 二队 on 村道线 02:00-05:30, at 小学.
patrol 二队 村道线 '2024-02-28 02:00:00' '2024-02-28 05:30:00' 2
# The window 2024-03-01 08:00 to 2024-03-02 08:00: covered but for 小学
# and the hours 03 to 05 (the night patrol ends at 03:00 sharp, the
# morning one starts at 06:00 sharp).
patrol 一队 镇区线 '2024-03-01 08:00:00' '2024-03-01 20:00:00' 1 2 3
patrol 二队 村道线 '2024-03-01 20:00:00' '2024-03-02 03:00:00' 1
patrol 一队 镇区线 '2024-03-02 06:00:00' '2024-03-02 08:30:00' 1
# A patrol after the window visits 小学; a check of the past ignores it.
patrol 二队 村道线 '2024-03-03 10:00:00' '2024-03-03 11:00:00' 2

tab=$(printf '\t')
check_exit 'a day with one unvisited checkpoint and a three-hour hole exits 1' 1 \
	"patrol-gaps --at '2024-03-02 08:00' --hours 24"
printf 'kind\twhat\tlast_seen\ncheckpoint\t村道线/小学\t2024-02-28 05:30:00\nhour\t03\t2024-02-28 04:00:00\nhour\t04\t2024-02-28 05:00:00\nhour\t05\t2024-02-28 05:30:00\n' >"$T/want"
check 'and reports exactly those, with when each was last covered' \
	'cmp -s "$T/want" "$T/out" && [ ! -s "$T/err" ]'
check_same 'the default window is the setting patrol_window_hours, ending at $BEAT_NOW' \
	"BEAT_NOW='2024-03-02 08:00' patrol-gaps" \
	"patrol-gaps --at '2024-03-02 08:00' --hours 24"
check_same '--at takes other date forms' \
	"patrol-gaps --at '2024/3/2 08:00'" \
	"patrol-gaps --at '2024-03-02T08:00:00'"

sq "UPDATE setting SET value = '4' WHERE key = 'patrol_window_hours'"
printf 'checkpoint\t村道线/红星村委\t2024-03-02 03:00:00\ncheckpoint\t村道线/小学\t2024-02-28 05:30:00\ncheckpoint\t镇区线/卫生院\t2024-03-01 20:00:00\ncheckpoint\t镇区线/火车站\t2024-03-01 20:00:00\nhour\t04\t2024-02-28 05:00:00\nhour\t05\t2024-02-28 05:30:00\n' >"$T/want"
check_exit 'a window of 4 hours from the setting, 04:00 to 08:00' 1 \
	"BEAT_NOW='2024-03-02 08:00' patrol-gaps --no-header"
check 'checks only the hours it contains, checkpoints in route order' \
	'cmp -s "$T/want" "$T/out"'
sq "UPDATE setting SET value = '24' WHERE key = 'patrol_window_hours'"

check_exit 'a window that ends where a patrol starts does not see it' 1 \
	"patrol-gaps --at '2024-03-02 06:00' --hours 1 --no-header"
check_out 'so hour 05 is a gap' "hour${tab}05${tab}2024-02-28 05:30:00" \
	"patrol-gaps --at '2024-03-02 06:00' --hours 1 --no-header | grep -v checkpoint"

check_out 'a patrol that ends where the window starts visited nothing in it' \
	"$(printf 'checkpoint\t村道线/小学\t2024-02-28 05:30:00\ncheckpoint\t镇区线/中学\t2024-03-01 20:00:00\ncheckpoint\t镇区线/卫生院\t2024-03-01 20:00:00\ncheckpoint\t镇区线/火车站\t2024-03-01 20:00:00')" \
	"patrol-gaps --at '2024-03-02 00:00' --hours 4 --no-header; test \$? -eq 1"

check 'JSON says null for what never happened' \
	"patrol-gaps --at '2024-02-27' -f json | tr -d ' \n' | grep -q '\"what\":\"00\",\"last_seen\":null'"

# Fill the gaps: 小学 in the afternoon (by 二队), and the small hours.
patrol 二队 村道线 '2024-03-01 12:00:00' '2024-03-01 13:00:00' 1 2
patrol 一队 镇区线 '2024-03-02 02:59:00' '2024-03-02 06:00:00'
check_exit 'full coverage exits 0' 0 "patrol-gaps --at '2024-03-02 08:00'"
check_out 'and prints only the header' "kind${tab}what${tab}last_seen" \
	"patrol-gaps --at '2024-03-02 08:00'"
check_exit 'in every format' 0 "patrol-gaps --at '2024-03-02 08:00' -f json"
check 'json prints an empty array, still valid JSON' \
	'[ "$(cat "$T/out")" = "[]" ] && [ ! -s "$T/err" ]'

# A patrol running through more than a day covers every hour.
patrol 一队 镇区线 '2024-02-28 07:00:00' '2024-02-29 09:00:00'
check_exit 'a long patrol covers every hour of a later window' 1 \
	"patrol-gaps --at '2024-03-01 08:00' --hours 48 --no-header"
check 'only checkpoints are missing then' '! grep -q "^hour" "$T/out"'

check_exit '--hours 0 is a usage error' 64 'patrol-gaps --hours 0'
check_exit 'a bad --at is a usage error' 64 "patrol-gaps --at '2024-02-30'"
check 'the message names the option' 'grep -q -- "--at" "$T/err"'
done_testing
