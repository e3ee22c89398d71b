#!/bin/sh
# The format contract every command keeps (issue 11): --help within 80
# columns in English and Chinese, the shared options alike wherever they
# appear, -f everywhere, ambiguous options named, json [] when nothing
# matches, a table cut to the terminal unless --wide, --raw and the csv
# formula guard.
. "${BEAT_TOP:-.}/tests/lib.sh"
cmds=$(cd "$BEAT_BIN" && ls)
ncmds=$(echo $cmds | wc -w)
plan $((ncmds * 4 + 37))

# report-monthly has an -f of its own (text, the default, html and the
# table formats), which the shared option cannot say: its checks of the
# shared -f are TODO.
no_f=' report-monthly '


# check_todo DESC TODO CMD: check, but a failure is expected when TODO is
# not empty (a TAP TODO directive with TODO as its reason).
check_todo() {
	[ -z "$2" ] && { check "$1" "$3"; return; }
	run "$3"
	st=$?
	tap_n=$((tap_n + 1))
	if [ $st -eq 0 ]; then
		echo "ok $tap_n - $1 # TODO $2"
	else
		echo "not ok $tap_n - $1 # TODO $2"
	fi
}

# wider.py N FILE...: the lines wider than N columns, counted as a
# terminal does (wide and full-width characters two, combining marks
# none), of stdin, or of each FILE into FILE.bad (one python for all:
# starting it is the slow part).
cat >"$T/wider.py" <<'EOF'
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
def bad(text):
    return ['%d %s\n' % (width(l), l) for l in text.split('\n')
            if width(l) > int(sys.argv[1])]
if len(sys.argv) == 2:
    b = bad(sys.stdin.read())
    sys.stdout.write(''.join(b))
    sys.exit(1 if b else 0)
for f in sys.argv[2:]:
    with open(f, encoding='utf-8') as i, open(f + '.bad', 'w') as o:
        o.write(''.join(bad(i.read())))
EOF
# The option blocks of a --help: the option's line and its help's
# continuation lines, "NAME<TAB>LINE\nLINE...", one block a line.
blocks() {
	awk '
	function flush() { if (name != "") print name "\t" block; name = "" }
	/^  -[a-zA-Z], --|^      --/ {
		flush(); match($0, /--[a-z][a-z0-9-]*/)
		name = substr($0, RSTART, RLENGTH); block = $0; next
	}
	/^                              [^ ]/ && name != "" { block = block "\\n" $0; next }
	{ flush() }
	END { flush() }'
}
shared='--db --format --no-header --bom --raw --wide --quiet --reveal --help --version'
# roster takes every shared option: its blocks are the reference; a
# command that writes html too names it in -f's help, as report-forms does.
for l in en zh_CN; do
	LANGUAGE=$l roster --help | blocks >"$T/ref.$l"
	LANGUAGE=$l report-forms --help | blocks | grep '^--format	' >"$T/html.$l"
done

for c in $cmds; do
	$c --help >"$T/help.$c.en"
	LANGUAGE=zh_CN $c --help >"$T/help.$c.zh"
done
python3 "$T/wider.py" 79 "$T"/help.*.en "$T"/help.*.zh
for c in $cmds; do
	todo=
	case $no_f in *" $c "*) todo='its own -f: text, html and the table formats' ;; esac
	check "$c --help fits 80 columns" "cat '$T/help.$c.en.bad'; [ ! -s '$T/help.$c.en.bad' ]"
	check "$c --help fits 80 columns in Chinese" \
		"cat '$T/help.$c.zh.bad'; [ ! -s '$T/help.$c.zh.bad' ]"
	# Each shared option it takes has the reference's letter, argument and
	# help, and no option of its own takes a shared letter.
	for l in en zh_CN; do
		LANGUAGE=$l $c --help | blocks >"$T/blocks"
		for o in $shared; do
			grep "^$o	" "$T/blocks"
		done >"$T/got"
		for o in $shared; do
			grep -q "^$o	" "$T/blocks" || continue
			if [ $o = --format ] && grep -qxF -f "$T/html.$l" "$T/blocks"; then
				cat "$T/html.$l"
			else
				grep "^$o	" "$T/ref.$l"
			fi
		done >"$T/want"
		grep -E '	  -[dfqh], ' "$T/blocks" | grep -vE '^--(db|format|quiet|help)	' \
			>>"$T/got"
		cmp -s "$T/want" "$T/got" || diff "$T/want" "$T/got" | sed 's/^/# /'
		cp "$T/got" "$T/got.$l"
		cp "$T/want" "$T/want.$l"
	done
	check_todo "$c: shared options as every command has them" \
		"$([ $c = report-monthly ] &&
		    echo 'its own -f: text, html and the table formats')" \
		"cmp -s '$T/want.en' '$T/got.en' && cmp -s '$T/want.zh_CN' '$T/got.zh_CN'"
	check_todo "$c takes -f FMT" "$todo" \
		"$c --help | grep -q '^  -f, --format FMT  '"
done

# Ambiguous long options name their candidates, in the user's language.
check_err 'an ambiguous option lists its candidates' 64 \
"case-list: option '--o' is ambiguous; possibilities: --officer --overdue
Try 'case-list --help' for more information." 'case-list --o'
check 'and prints nothing on stdout' "[ ! -s '$T/out' ]"
check_err 'also with a value' 64 \
"roster: option '--r' is ambiguous; possibilities: --raw --reveal
Try 'roster --help' for more information." 'roster --r=1'
check_err 'in Chinese' 64 \
"case-list: 选项“--o”有歧义，可能是：--officer --overdue
请用“case-list --help”查看更多说明。" 'LANGUAGE=zh_CN case-list --o'
check_err 'a value for an option that takes none' 64 \
"case-list: option '--ids' takes no argument
Try 'case-list --help' for more information." 'case-list --ids=1'
check_err 'an unknown long option' 64 \
"case-list: unknown option '--zz'
Try 'case-list --help' for more information." 'case-list --zz'
check_err 'a bad letter after a long option is the letter' 64 \
"case-list: unknown option '-x'
Try 'case-list --help' for more information." 'case-list --ids -xq'
check_err 'a value for a shared option with a letter' 64 \
"roster: option '--quiet' takes no argument
Try 'roster --help' for more information." 'roster --quiet=1'

# json is one array, [] when nothing matches; the other formats keep
# their header.
mini_station
for q in 'case-list' 'case-list --overdue' 'case-list --due-soon' \
    'camera-status' 'incident-stats' 'incident-stats --by village,hour' \
    'incident-stats --trend' 'incident-stats --hotspots 3' 'place-list' \
    'place-list --hazards' 'roster teams' 'roster routes'; do
	check_out "$q -f json: [] when nothing matches" '[]' "$q -f json; [ \$? -le 1 ]"
done
check_out 'and csv its header alone' 'place,category,kind,name,village,address' \
	'place-list -f csv | tr -d "\r"; [ $? -le 1 ]'

# A table on a terminal: its last text column cut to COLUMNS, else to
# the terminal's width, with an ellipsis; a wide character is not split.
cat >"$T/onpty.py" <<'EOF'
import os, pty, sys, fcntl, termios, struct
# onpty.py COLS CMD...: CMD with stdout on a pseudo-terminal COLS wide (0: unset)
cols = int(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    if cols:
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack('HHHH', 24, cols, 0, 0))
    os.execvp(sys.argv[2], sys.argv[2:])
out = b''
while True:
    try:
        b = os.read(fd, 4096)
    except OSError:
        break
    if not b:
        break
    out += b
_, st = os.waitpid(pid, 0)
sys.stdout.buffer.write(out.replace(b'\r\n', b'\n'))
sys.exit(os.waitstatus_to_exitcode(st))
EOF
onpty() { python3 "$T/onpty.py" "$@"; }
long='厚坝镇红星村三组二十七号（原村委会旧址东侧约两百米处）'
place-add -q --category school --name 红星小学 --village 红星村 --address "$long"
place-add -q --category fuel --name 'Shell 加油站' --village 红星村 \
	--address 'G108 national road, km 1234, east side of the bridge'
place-add -q --category scrap --name '=1+2' --village 红星村 --address '@here'
check_out 'COLUMNS=60: rows cut to 60 columns, ellipsis at the cut' \
'place  category  kind  name          village  address
    1  school          红星小学      红星村   厚坝镇红星村…
    2  fuel            Shell 加油站  红星村   G108 national…
    3  scrap           =1+2          红星村   @here' 'COLUMNS=60 onpty 0 place-list'
check 'no line wider than 60' "python3 '$T/wider.py' 60 < '$T/out'"
check_out 'a wide character that would cross the edge goes whole' \
	'厚坝镇红星村三…' "COLUMNS=61 onpty 0 place-list | sed -n '2s/.*  //p'"
check_same 'without COLUMNS, the width the terminal has' \
	'COLUMNS=60 onpty 0 place-list' 'unset COLUMNS; onpty 60 place-list'
check_same 'COLUMNS goes before the terminal' \
	'COLUMNS=60 onpty 0 place-list' 'COLUMNS=60 onpty 100 place-list'
check_out '--wide shows the column whole' "$long" \
	"COLUMNS=60 onpty 0 place-list --wide | sed -n '2s/.*  //p'"
check_out 'a Chinese table (headers, labels of codes) is cut the same way' '厚坝镇红星…' \
	"LANGUAGE=zh_CN COLUMNS=60 onpty 0 place-list | sed -n '2s/.*  //p'"
check_out 'a table into a pipe is never cut' "$long" \
	"COLUMNS=60 place-list -f table | sed -n '2s/.*  //p'"
check_out 'tsv on a terminal is not cut' "$long" \
	"COLUMNS=60 onpty 0 place-list -f tsv | sed -n '2p' | cut -f 6"
check_out 'nor json' 1 \
	"COLUMNS=60 onpty 0 place-list -f json | grep -c '$long'"
check_out 'a terminal wider than the table cuts nothing' "$long" \
	"COLUMNS=200 onpty 0 place-list | sed -n '2s/.*  //p'"

# The csv formula guard: on by default and with --bom, off with --raw.
check_out 'csv makes formulas inert' "3,scrap,,'=1+2,红星村,'@here" \
	"place-list -f csv --no-header | tr -d '\r' | sed -n 3p"
check_out 'and still with --bom' "3,scrap,,'=1+2,红星村,'@here" \
	"place-list -f csv --bom --no-header | tr -d '\r' | sed -n 3p"
check_out '--raw leaves them as stored' '3,scrap,,=1+2,红星村,@here' \
	"place-list -f csv --raw --no-header | tr -d '\r' | sed -n 3p"
check_out '--raw with --bom' '3,scrap,,=1+2,红星村,@here' \
	"place-list -f csv --raw --bom --no-header | tr -d '\r' | sed -n 3p"
check_err '--raw goes with csv only' 64 \
"place-list: --raw goes with --format csv
Try 'place-list --help' for more information." 'place-list --raw -f tsv'
done_testing
