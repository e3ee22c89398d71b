#!/bin/sh
# incident-import: encodings, line endings, bad rows, re-imports, updates, repeat calls.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 113

export BEAT_NOW='2024-01-15 10:00'

# side NAME: makes the side database NAME of the test (use_db), here, so
# that it goes at the end; at NAME is its address, and fresh NAME empties
# it and runs db-init, in a subshell too.
side() {
	keep=$BEAT_DB
	use_db "$1"
	BEAT_DB=$keep
}
at() {
	if on_pg; then
		echo "postgresql:///${pgdb}_$1?host=$BEAT_TEST_PGHOST&user=beat"
	else
		echo "$T/$1.db"
	fi
}
fresh() {
	if on_pg; then
		dropdb -h "$BEAT_TEST_PGHOST" -U beat "${pgdb}_$1" &&
		    createdb -h "$BEAT_TEST_PGHOST" -U beat "${pgdb}_$1"
	else
		rm -f "$T/$1".db*
	fi && db-init -q -d "$(at "$1")"
}
for db in gbk gb bom four fourgb x bulk small dry clerk; do side $db; done

# The stored incidents, one line each, the first call's number last; of
# the test's database, or of the side database NAME.
dump() (
	[ $# -eq 0 ] || BEAT_DB=$(at "$1")
	sq "SELECT i.dispatch_no, i.received_at,
	    i.category, i.valid, i.invalid_reason, i.village, i.address,
	    replace(i.summary, '
', '\\n'), i.officer, i.related_no, f.dispatch_no
	    FROM incident i LEFT JOIN incident f ON f.id = i.duplicate_of
	    ORDER BY i.dispatch_no" ' | '
)
count() { sq 'SELECT count(*) FROM incident'; }

H='警情编号,接警时间,警情类别,是否有效,所属村社,发生地点,简要案情,处警民警,关联警情,无效原因'
cat >base.csv <<EOF
$H
110001,2018/12/3 8:05,治安案件,是,红星村,"村口, 小卖部","两人""打架""",李明,,
110002,2018-12-03 08:30:00,治安,否,红星村,村口,再次打来,李明,,重复报警
110003,2018-12-03T09:05,纠纷,1,青山村,,"邻里
纠纷",王芳,,
110004,2018-12-03 09:20,交通事故,0,青山村,国道,同一事故,王芳,110003,
110005,2018-12-04 23:59:59,火警,Y,白云村,,柴房起火,李明,,
EOF

db-init -q
check_err 'a UTF-8 export imports with one summary line' 0 \
	'incident-import: base.csv: read 5, added 5, updated 0, duplicates 0, rejected 0' \
	'incident-import base.csv'
check_out 'and prints the name of the file on stdout' 'base.csv' 'cat "$T/out"'
check_out 'Chinese headers, labels, validity words, times and quoted fields are read' \
'110001 | 2018-12-03 08:05:00 | public_order | 1 |  | 红星村 | 村口, 小卖部 | 两人"打架" | 李明 |  | 
110002 | 2018-12-03 08:30:00 | public_order | 0 | 重复报警 | 红星村 | 村口 | 再次打来 | 李明 |  | 110001
110003 | 2018-12-03 09:05:00 | dispute | 1 |  | 青山村 |  | 邻里\n纠纷 | 王芳 |  | 
110004 | 2018-12-03 09:20:00 | traffic | 0 |  | 青山村 | 国道 | 同一事故 | 王芳 | 110003 | 110003
110005 | 2018-12-04 23:59:59 | fire | 1 |  | 白云村 |  | 柴房起火 | 李明 |  | ' \
	'dump'
check_out 'the file is recorded with its checksum' \
	"incident|base.csv|2024-01-15 10:00:00|5|$(sha256sum base.csv | cut -c1-64)" \
	'sq "SELECT kind, name, at, rows, sha256 FROM import_file"'
check_out 'the import is audited' 'incident-import base.csv|base.csv' \
	'sq "SELECT command, records FROM audit ORDER BY id DESC LIMIT 1"'

# The same rows in other encodings and line endings, each into its own database.
other() {	# DB FILE [OPTIONS]: import FILE into the side database DB
	db=$1 && shift && fresh $db &&
	    incident-import -q -d "$(at $db)" "$@" 2>/dev/null && dump $db
}
iconv -f UTF-8 -t GBK base.csv >gbk.csv
iconv -f UTF-8 -t GB18030 base.csv >gb.csv
# Spreadsheets end records with CRLF but lines inside a cell with LF.
{ printf '\357\273\277'; sed '/邻里$/!s/$/\r/' base.csv; } >bom.csv
check 'the GBK file is not UTF-8 (the fixture is real)' '! iconv -f UTF-8 -t UTF-8 gbk.csv >/dev/null 2>&1'
check_same 'a GBK export is detected and stores the same rows' 'dump' 'other gbk gbk.csv'
check_same 'so does --encoding gbk' 'dump' 'other gbk gbk.csv --encoding gbk'
check_same 'a GB18030 export with --encoding gb18030' 'dump' 'other gb gb.csv --encoding GB18030'
check_same 'UTF-8 with a byte-order mark and CRLF line ends' 'dump' 'other bom bom.csv'
fresh x
check_exit 'a GBK file read as --encoding utf-8 is bad data' 65 \
	'incident-import -d "$(at x)" --encoding utf-8 gbk.csv'
check 'with a message naming the line and the cure' 'grep -q "gbk.csv:1: bad byte 0x[0-9A-F][0-9A-F] in a UTF-8 file (if the whole file is GBK, use --encoding gbk)" "$T/err"'

# 𠀀 (U+20000) takes four bytes in GB18030 and has no GBK code.
{ cat base.csv; echo '110006,2018-12-05 10:00,求助,1,红星村,,老人𠀀走失,李明,,'; } >four.csv
iconv -f UTF-8 -t GB18030 four.csv >four-gb.csv
check 'the GB18030 fixture holds the 4-byte sequence 95 32 82 36' \
	'od -An -tx1 four-gb.csv | tr -d "\n" | grep -q "95 32 82 36"'
check_same 'a GB18030 export with 4-byte characters is detected' 'other four four.csv' 'other fourgb four-gb.csv'
check_out 'and the character survives' '老人𠀀走失' \
	'BEAT_DB=$(at fourgb) sq "SELECT summary FROM incident WHERE dispatch_no = '\''110006'\''"'

# Re-imports.
check_err 'importing the same file again adds nothing' 0 \
'incident-import: base.csv: already imported as base.csv (2024-01-15 10:00:00); nothing added
incident-import: base.csv: read 5, added 0, updated 0, duplicates 5, rejected 0' \
	'incident-import base.csv'
cp base.csv copy.csv
check_err 'nor does a copy under another name' 0 \
'incident-import: copy.csv: already imported as base.csv (2024-01-15 10:00:00); nothing added
incident-import: copy.csv: read 5, added 0, updated 0, duplicates 5, rejected 0' \
	'incident-import copy.csv'
check_err 'nor from standard input, found at its end' 0 \
'incident-import: (stdin): already imported as base.csv (2024-01-15 10:00:00); nothing added
incident-import: (stdin): read 5, added 0, updated 0, duplicates 5, rejected 0' \
	'incident-import - <base.csv'
check_out 'no file is recorded twice, nothing printed or audited' '5 1 2' \
	'[ ! -s "$T/out" ] && echo $(count) $(sq "SELECT count(*) FROM import_file") $(sq "SELECT count(*) FROM audit")'

# A later export repeats rows, some of them changed.
cat >upd.csv <<EOF
$H
110001,2018/12/3 8:05,治安案件,是,红星村,"村口, 小卖部","两人""打架""",李明,,
110005,2018-12-04 23:59:59,火警,Y,白云村,,柴房起火，已扑灭,李明,,
110007,2018-12-06 10:00,纠纷,1,青山村,,待调解,王芳,,
110007,2018-12-06 10:00,纠纷,1,青山村,,待调解,王芳,,
110008,2018-12-06 11:00,纠纷,1,青山村,,待调解,王芳,,
110008,2018-12-06 11:00,纠纷,1,青山村,,已调解,王芳,,
EOF
check_err 'identical rows are duplicates, changed ones updates, in the file or stored' 0 \
	'incident-import: upd.csv: read 6, added 2, updated 2, duplicates 2, rejected 0' \
	'incident-import upd.csv'
check_out 'an updated row holds the newer values' '柴房起火，已扑灭|已调解|7' \
	'sq "SELECT (SELECT summary FROM incident WHERE dispatch_no = '\''110005'\''), (SELECT summary FROM incident WHERE dispatch_no = '\''110008'\''), count(*) FROM incident"'

printf '%s\n' "$H" '110009,2018-12-06 12:00,纠纷,1,青山村,,,王芳,,' >twice.csv
check_err 'a file given twice goes in once' 0 \
'incident-import: twice.csv: read 1, added 1, updated 0, duplicates 0, rejected 0
incident-import: twice.csv: already imported as twice.csv (2024-01-15 10:00:00); nothing added
incident-import: twice.csv: read 1, added 0, updated 0, duplicates 1, rejected 0' \
	'incident-import -q twice.csv twice.csv'

# Bad rows: 65, the right line, nothing stored.
before=$(dump)
printf '%s\n' "$H" '110010,2018-12-07 10:00,治安,1,红星村,村口,争吵,李明,,' \
	'110011,2018-12-07 11:00,治安,1,红星村,村"口,争吵,李明,,' >quote.csv
check_err 'a stray quote is bad data naming its line' 65 \
	'incident-import: quote.csv:3: misplaced or unbalanced quote' 'incident-import quote.csv'
check_same 'and nothing of the file is stored' 'printf "%s\\n" "$before"' 'dump'
printf '%s\r\n' "$H" '110012,2018-12-07 10:00,治安,1,红星村,"村口' '小卖部",争吵,李明,,' \
	'110013,2018-12-07 10:05,治安,1,红星村,村口,争吵,李明,,' \
	'110014,2019-02-30 08:00,治安,1,红星村,村口,争吵,李明,,' >date.csv
check_err 'an impossible date is bad data; lines count the newline inside quotes' 65 \
	"incident-import: date.csv:5: bad time '2019-02-30 08:00' (expected YYYY-MM-DD HH:MM[:SS])" \
	'incident-import date.csv'
check_same 'and nothing of the file is stored' 'printf "%s\\n" "$before"' 'dump'
printf '%s\n' "$H" '110015,2018-12-07 10:00,治安,1,红星村,村口,争吵,李明,,' \
	'110016,2018-12-07 10:00,盗窃,1,红星村,村口,被盗,李明,,' >cat.csv
check_err 'an unknown category is bad data naming its line' 65 \
	"incident-import: cat.csv:3: unknown category '盗窃'" 'incident-import cat.csv'
check_same 'and nothing of the file is stored' 'printf "%s\\n" "$before"' 'dump'
printf '%s\n' "$H" '110017,2018-12-08 10:00,治安,1,红星村,村口,争吵,李明,,' >good.csv
check_exit 'a bad file after a good one fails the command' 65 'incident-import good.csv cat.csv'
check_same 'and the good file is not stored either' 'printf "%s\\n" "$before"' 'dump'
check_out 'nor recorded as imported' '3' 'sq "SELECT count(*) FROM import_file"'
printf '%s\n' "$H" '110018,2018-12-08 10:00,治安,maybe,红星村,,,,,' >valid.csv
check_err 'a validity that is not understood is bad data' 65 \
	"incident-import: valid.csv:2: validity 'maybe' is not one of 1/0, 是/否, 有效/无效, true/false, Y/N" \
	'incident-import valid.csv'
printf '%s\n' '警情编号,警情类别' '110019,治安' >nocol.csv
check_err 'a file without a time column is bad data' 65 \
	'incident-import: nocol.csv: missing column received_at' 'incident-import nocol.csv'

# Rows that do not fit the header: refused, never mended.
printf '%s\n' "$H" '110030,2018-12-10 10:00,治安,1,红星村,村口,争吵,李明,,' \
	'110031,2018-12-10 11:00,治安,1,红星村,村口,小卖部,争吵,李明,,' >wide.csv
check_err 'a row with a field too many (an unquoted comma) is bad data' 65 \
	'incident-import: wide.csv:3: 11 fields, the header has 10 (an unquoted comma?)' \
	'incident-import wide.csv'
check_same 'and nothing of the file is stored' 'printf "%s\\n" "$before"' 'dump'
printf '%s\n' "$H" '110032,2018-12-10 10:00,治安,1,红星村,村口' >narrow.csv
check_err 'a row cut short says so, not that its validity is missing' 65 \
	'incident-import: narrow.csv:2: too few fields: 6, the header has 10' \
	'incident-import narrow.csv'
printf '%s\n110033,2018-12-10 10:00,治安,1,红星村,村\000口,争吵,李明,,\n' "$H" >nul.csv
check_err 'a NUL byte in a field is bad data, not a field cut short' 65 \
	'incident-import: nul.csv:2: NUL byte in field 6' 'incident-import nul.csv'
check_same 'and nothing of the file is stored' 'printf "%s\\n" "$before"' 'dump'
printf '%s\n' "$H,接警时间" '110034,2018-12-10 10:00,治安,1,红星村,村口,争吵,李明,,,2018-12-11 10:00' >dup.csv
check_err 'a header naming a column twice is bad data' 65 \
	'incident-import: dup.csv:1: the header names column received_at twice (fields 2 and 11)' \
	'incident-import dup.csv'
{ echo "$H"; i=40; while [ $i -lt 60 ]; do
	echo "1100$i,2018-12-10 10:$i,治安,1,红星村,村口,争吵,李明,,"; i=$((i + 1)); done
  printf '110060,2018-12-10 11:00,治安,1,红星村,caf\351,争吵,李明,,\n'; } >stray.csv
check_err 'a stray byte in a UTF-8 file is named on its own line as such' 65 \
	'incident-import: stray.csv:22: bad byte 0xE9 in a UTF-8 file (if the whole file is GBK, use --encoding gbk)' \
	'incident-import stray.csv'
check_same 'and nothing of the file is stored' 'printf "%s\\n" "$before"' 'dump'
iconv -f UTF-8 -t UTF-16 base.csv >u16.csv
iconv -f UTF-8 -t UTF-16LE base.csv >u16le.csv
check_err 'UTF-16 is named as not supported' 65 \
	'incident-import: u16.csv:1: the file is UTF-16, which is not supported (save it as UTF-8 or GBK)' \
	'incident-import u16.csv'
check_exit 'without a byte-order mark too' 65 'incident-import u16le.csv'
check 'saying so' 'grep -q "u16le.csv:1: the file is UTF-16" "$T/err"'
printf '%s\n' "$H" '110061,2018-12-11 10:00,治安,1,红星村,村口,争吵,李明,,' \
	'110062,2018-12-11 11:00,治安,1,红星村,村口,小卖部,争吵,李明,,' >wide2.csv
check_err 'under --rejects the row too wide is a rejected row' 65 \
	'incident-import: wide2.csv: read 2, added 1, updated 0, duplicates 0, rejected 1' \
	'incident-import --rejects wrej.csv wide2.csv'
check 'with its line and reason' 'grep -q "^wide2.csv,3,\"11 fields, the header has 10 (an unquoted comma?)\"" wrej.csv'

# --skip-bad and --rejects.
printf '%s\n' "$H" '110020,2018-12-09 10:00,治安,1,红星村,村口,争吵,李明,,' \
	'110021,2018-12-09 11:00,治安,1,红星村,村"口,争吵,李明,,' \
	'110022,2018-12-09 12:00,盗窃,1,红星村,"村口, 东",被盗,李明,,' \
	'110023,2018-12-09 13:00,治安,1,红星村,村口,争吵,李明,,' >skip.csv
cp skip.csv skip2.csv
echo '110024,2018-12-09 14:00,治安,1,红星村,村口,争吵,李明,,' >>skip2.csv
check_err '--skip-bad warns of each bad row, imports the rest, and fails' 65 \
"incident-import: skip.csv:3: misplaced or unbalanced quote
incident-import: skip.csv:4: unknown category '盗窃'
incident-import: skip.csv: read 4, added 2, updated 0, duplicates 0, rejected 2" \
	'incident-import --skip-bad skip.csv'
check_out 'the good rows are stored' '110020 110023' \
	'echo $(sq "SELECT dispatch_no FROM incident WHERE dispatch_no LIKE '\''11002%'\'' ORDER BY 1")'
check_err '--rejects puts the bad rows in a file instead of on stderr' 65 \
	'incident-import: skip2.csv: read 5, added 1, updated 0, duplicates 2, rejected 2' \
	'incident-import --rejects rej.csv skip2.csv'
printf '%s\r\n' "file,line,reason,$H" \
	'skip2.csv,3,misplaced or unbalanced quote' \
	"skip2.csv,4,unknown category '盗窃',110022,2018-12-09 12:00,盗窃,1,红星村,\"村口, 东\",被盗,李明,," \
	>rej.expected
check 'the rejects file has file, line, reason and the raw fields as CSV' 'cmp rej.expected rej.csv'
cp rej.csv rej.before
check_exit 'a missing file after the bad rows fails with 66' 66 \
	'incident-import --rejects rej.csv skip.csv missing.csv'
check 'and leaves the rejects file of the last run as it was' 'cmp rej.before rej.csv'
check 'a rejects file that cannot be created is refused with 73' \
	'incident-import --rejects "$T/no/such/dir/r.csv" good.csv; [ $? -eq 73 ]'
printf '%s\n' "$H" '110025,2018-12-09 15:00,盗窃,1,红星村,,,,,' >full.csv
check_exit 'a rejects file that cannot be written is an I/O error' 74 \
	'incident-import --rejects /dev/full full.csv'
check 'with a message naming it' 'grep -q "incident-import: /dev/full: No space left" "$T/err"'

# --dry-run
check_err '--dry-run reads and counts but stores nothing' 0 \
'incident-import: good.csv: read 1, added 1, updated 0, duplicates 0, rejected 0
incident-import: dry run: nothing stored' \
	'incident-import --dry-run good.csv'
check_out 'nothing is stored' '0' \
	'sq "SELECT count(*) FROM incident WHERE dispatch_no = '\''110017'\''"'
check_err 'so the file imports for real afterwards; -q prints no name' 0 \
	'incident-import: good.csv: read 1, added 1, updated 0, duplicates 0, rejected 0' \
	'incident-import -q good.csv'
check 'nothing on stdout' '[ ! -s "$T/out" ]'

# Repeat calls, whichever file comes first.
printf '%s\n' "$H" '110030,2018-12-10 10:40,治安,0,青山村,,重复报警,王芳,,' \
	'110031,2018-12-10 12:01,治安,0,青山村,,重复报警,王芳,,' \
	'110032,2018-12-10 10:50,治安,0,青山村,,打错了,王芳,,误拨' \
	'110033,2018-12-10 12:30,治安,1,青山村,,又打来,王芳,110040,' >rep.csv
check 'repeats come before their first call' 'incident-import rep.csv 2>/dev/null'
check_out 'and stay unlinked while it is missing' '0' \
	'sq "SELECT count(*) FROM incident WHERE duplicate_of IS NOT NULL AND dispatch_no LIKE '\''1100__'\'' AND dispatch_no >= '\''110030'\''"'
printf '%s\n' "$H" '110040,2018-12-10 10:00,治安,1,青山村,,打架,王芳,,' >first.csv
check 'the first call comes in a later file' 'incident-import first.csv 2>/dev/null'
check_out '重复报警 within two hours at the village and the related column link to it' \
'110030 | 110040
110031 | 
110032 | 
110033 | 110040' \
	'sq "SELECT i.dispatch_no, f.dispatch_no FROM incident i LEFT JOIN incident f ON f.id = i.duplicate_of WHERE i.dispatch_no BETWEEN '\''110030'\'' AND '\''110039'\'' ORDER BY 1" " | "'
check_out 'repeats are kept, never deleted' '4' \
	'sq "SELECT count(*) FROM incident WHERE dispatch_no BETWEEN '\''110030'\'' AND '\''110039'\''"'
printf '%s\n' "$H" '110030,2018-12-10 10:40,治安,0,青山村,,重复报警（已核实）,王芳,,' >rep2.csv
check 'an updated repeat' 'incident-import rep2.csv 2>/dev/null'
check_out 'is linked again' '110040' \
	'sq "SELECT f.dispatch_no FROM incident i JOIN incident f ON f.id = i.duplicate_of WHERE i.dispatch_no = '\''110030'\''"'

# A repeat naming a call of a lower number goes in linked, when that call came first.
printf '%s\n' "$H" '110050,2017-06-01 10:00,治安,1,青山村,,打架,王芳,,' \
	'110051,2017-06-01 09:00,治安,1,青山村,,又打来,王芳,110050,' \
	'110052,2017-06-01 10:00,治安,1,青山村,,又打来,王芳,110050,' \
	'110053,2017-06-01 10:10,治安,1,青山村,,又打来,王芳,110050,' >low.csv
check 'repeats naming a call of a lower number' 'incident-import low.csv 2>/dev/null'
check_out 'are linked to it when it came first or at the same time' \
'110051 | 
110052 | 110050
110053 | 110050' \
	'sq "SELECT i.dispatch_no, f.dispatch_no FROM incident i LEFT JOIN incident f ON f.id = i.duplicate_of WHERE i.dispatch_no BETWEEN '\''110051'\'' AND '\''110053'\'' ORDER BY 1" " | "'
check_out 'and counted as repeats, not as calls' '2|4|2' \
	'sq "SELECT c, n, r FROM incident_tally_day WHERE day = '\''2017-06-01'\''"'

# A large load (BEAT_IMPORT_BULK rows or more) whose rows are not in time
# order by dispatch number drops the indexes and makes them again; it
# stores and links as a small one does.  gen FIRST LAST [REVISED
# [SCRAMBLED]]: calls in a shuffled order, one in ten a repeat marked
# 重复报警, one in ten a repeat naming its first call, an hour apart;
# scrambled, the numbers do not follow the times.
gen() {
	awk -v a="$1" -v b="$2" -v rev="${3:-}" -v scr="${4:-}" -v h="$H" 'BEGIN { print h; n = b - a + 1
	    for (j = 0; j < n; j++) { i = a + (j * 7) % n; m = scr != "" ? (i * 37) % 61 : i
		t = sprintf("2019-03-01 %02d:%02d", int(m * 20 / 60), (m * 20) % 60)
		v = "村" (i % 3); ok = "是"; rel = ""; why = ""; s = "争吵"
		if (i % 10 == 0) { ok = "否"; why = "重复报警" }
		if (i % 10 == 5) { ok = "否"; rel = sprintf("B%03d", i - 3) }
		if (rev != "" && i % 7 == 0) s = "争吵，已回访"
		printf "B%03d,%s,治安,%s,%s,,\"%s, 劝解\",李明,%s,%s\n", i, t, ok, v, s, rel, why }
	    if (rev == "") { print "B007,2019-03-01 02:20,治安,是,村1,,\"争吵, 劝解\",李明,,"
		print "B008,2019-03-01 02:40,治安,是,村2,,改了,李明,," } }'
}
gen 1 59 >bulk1.csv
gen 30 70 r >bulk2.csv
printf '%s\n' "$H" 'Z001,2018-01-01 10:00,治安,1,村9,,,,,' >z.csv
fresh bulk && fresh small
incident-import -q -d "$(at small)" z.csv 2>/dev/null
check_err 'a large load counts the rows' 0 \
	'incident-import: bulk1.csv: read 61, added 59, updated 1, duplicates 1, rejected 0' \
	'BEAT_IMPORT_BULK=1 incident-import -q -d "$(at bulk)" bulk1.csv'
check_err 'as a small one does' 0 \
	'incident-import: bulk1.csv: read 61, added 59, updated 1, duplicates 1, rejected 0' \
	'BEAT_IMPORT_BULK=1000 incident-import -q -d "$(at small)" bulk1.csv'
check_same 'and stores and links the same rows' 'dump small | grep -v ^Z001' 'dump bulk'
check_out 'the repeats of both kinds are linked' '11' \
	'BEAT_DB=$(at bulk) sq "SELECT count(*) FROM incident WHERE duplicate_of IS NOT NULL"'
check_err 'a later large load that overlaps the first' 0 \
	'incident-import: bulk2.csv: read 41, added 11, updated 4, duplicates 26, rejected 0' \
	'BEAT_IMPORT_BULK=1 incident-import -q -d "$(at bulk)" bulk2.csv'
check_err 'counts as a small one does' 0 \
	'incident-import: bulk2.csv: read 41, added 11, updated 4, duplicates 26, rejected 0' \
	'BEAT_IMPORT_BULK=1000 incident-import -q -d "$(at small)" bulk2.csv'
check_same 'and stores the same' 'dump small | grep -v ^Z001' 'dump bulk'
if on_pg; then
	check 'the indexes are made again as they were # SKIP PostgreSQL keeps its indexes' true
	check 'and hold every row # SKIP PRAGMA integrity_check is SQLite'"'"'s' true
else
	check_same 'the indexes are made again as they were' \
		'sqlite3 "$T/small.db" "SELECT name, sql FROM sqlite_schema WHERE tbl_name = '\''incident'\'' ORDER BY name"' \
		'sqlite3 "$T/bulk.db" "SELECT name, sql FROM sqlite_schema WHERE tbl_name = '\''incident'\'' ORDER BY name"'
	check_out 'and hold every row' 'ok' 'sqlite3 "$T/bulk.db" "PRAGMA integrity_check"'
fi
# A large load pauses the tallies' triggers and recounts its months.
tallies() (
	BEAT_DB=$(at "$1")
	sq "SELECT * FROM incident_tally_day WHERE day LIKE '2019-%' ORDER BY 1, 2" &&
	sq "SELECT * FROM incident_tally_hour WHERE month = '2019-03' ORDER BY 1, 2, 3" &&
	sq "SELECT * FROM incident_tally WHERE month = '2019-03' ORDER BY 1, 2, 3, 4, 5" &&
	sq "SELECT * FROM incident_tally_place WHERE village <> '村9' AND n > 0 ORDER BY 1, 2, 3, 4"
)
check_same 'the tallies of a large load are those the triggers keep' \
	'tallies small' 'tallies bulk'
check 'and they are not empty' 'tallies bulk | grep -q "^2019-03-01|"'
if on_pg; then
	check 'rows in time order keep the indexes as they are # SKIP PostgreSQL keeps its indexes' true
else
	check_same 'rows in time order keep the indexes as they are' \
		'sqlite3 "$T/small.db" "PRAGMA schema_version"' 'sqlite3 "$T/bulk.db" "PRAGMA schema_version"'
fi
gen 1 59 "" s >scr.csv
fresh bulk && fresh small
check 'rows out of time order: a large load' \
	'BEAT_IMPORT_BULK=1 incident-import -q -d "$(at bulk)" scr.csv 2>"$T/bulk.err"'
check 'and a small one' 'incident-import -q -d "$(at small)" scr.csv 2>"$T/small.err"'
check_same 'count the same' 'cat "$T/small.err"' 'cat "$T/bulk.err"'
check_same 'and store the same' 'dump small' 'dump bulk'
if on_pg; then
	check 'the large load made two indexes again # SKIP PostgreSQL keeps its indexes' true
else
	check_out 'the large load made two indexes again' '4' \
		'echo $(($(sqlite3 "$T/bulk.db" "PRAGMA schema_version") - $(sqlite3 "$T/small.db" "PRAGMA schema_version")))'
fi
# A large load links stored repeats of its calls, months after its own
# rows: their months are recounted too, not only the load's.
printf '%s\n' "$H" 'C900,2019-07-01 10:00,治安,1,村1,,又打来,李明,C001,' >late.csv
printf '%s\n' "$H" 'C001,2019-03-01 10:00,治安,1,村1,,打架,李明,,' \
	'C002,2019-03-01 11:00,治安,1,村2,,打架,李明,,' >early.csv
fresh bulk && fresh small
for d in bulk small; do incident-import -q -d "$(at $d)" late.csv 2>/dev/null; done
check 'a large load of the first call of a stored repeat' \
	'BEAT_IMPORT_BULK=1 incident-import -q -d "$(at bulk)" early.csv 2>/dev/null'
check 'and a small one' 'BEAT_IMPORT_BULK=1000 incident-import -q -d "$(at small)" early.csv 2>/dev/null'
check_out 'link the repeat' 'C001' \
	'BEAT_DB=$(at bulk) sq "SELECT f.dispatch_no FROM incident i JOIN incident f ON f.id = i.duplicate_of WHERE i.dispatch_no = '\''C900'\''"'
late() (
	BEAT_DB=$(at "$1")
	sq "SELECT n, c, r FROM incident_tally_day WHERE day = '2019-07-01'" &&
	sq "SELECT * FROM incident_tally_hour WHERE month = '2019-07' ORDER BY 1, 2, 3" &&
	sq "SELECT * FROM incident_tally WHERE month = '2019-07' ORDER BY 1, 2, 3, 4, 5" &&
	sq "SELECT * FROM incident_tally_place WHERE n > 0 ORDER BY 1, 2, 3, 4"
)
check_out 'the repeat'"'"'s month counts it as a repeat' '1|0|1' 'late bulk | head -n 1'
check_same 'and its tallies are those the triggers keep' 'late small' 'late bulk'
# PostgreSQL: a role that does not own the table may not pause the
# trigger; its large load keeps it on, and links and counts the same.
if on_pg; then
	role=clerk_$pgdb
	fresh clerk
	BEAT_DB=$(at clerk) sq "CREATE ROLE $role LOGIN;
	    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO $role;
	    GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO $role" >/dev/null
	clerk="$(at clerk | sed 's/user=beat/user='"$role"'/')"
	incident-import -q -d "$clerk" late.csv 2>/dev/null
	check 'a large load by a role that does not own the table' \
		'BEAT_IMPORT_BULK=1 incident-import -q -d "$clerk" early.csv 2>/dev/null'
	check_same 'stores the same' 'dump small' 'dump clerk'
	check_same 'and its tallies are those the triggers keep' 'late small' 'late clerk'
	BEAT_DB=$(at clerk) sq "DROP OWNED BY $role; DROP ROLE $role" >/dev/null 2>&1
else
	skip 'a large load by a role that does not own the table' 'PostgreSQL'"'"'s roles'
	skip 'stores the same' 'PostgreSQL'"'"'s roles'
	skip 'and its tallies are those the triggers keep' 'PostgreSQL'"'"'s roles'
fi
check_exit 'BEAT_IMPORT_BULK that is not a number is a usage error' 64 \
	'BEAT_IMPORT_BULK=many incident-import -d "$(at bulk)" z.csv'
fresh dry
check_err '--dry-run counts a later file against the earlier ones' 0 \
'incident-import: bulk1.csv: read 61, added 59, updated 1, duplicates 1, rejected 0
incident-import: bulk2.csv: read 41, added 11, updated 4, duplicates 26, rejected 0
incident-import: dry run: nothing stored' \
	'incident-import -q --dry-run -d "$(at dry)" bulk1.csv bulk2.csv'

# English headers, other validity words, standard input.
cat >en.csv <<'EOF'
dispatch_no,received_at,category,valid,village,address,summary,officer
E1,2019-01-02 03:04:05,public_order,TRUE,红星村,,fight,P001
E2,2019-01-02 03:05,Fire,false,红星村,,,P001
E3,2019-01-02 03:06,其他,N,,,,
EOF
check_err 'English headers, from standard input' 0 \
	'incident-import: (stdin): read 3, added 3, updated 0, duplicates 0, rejected 0' \
	'incident-import - <en.csv'
check_out 'are read the same' 'E1|public_order|1|红星村
E2|fire|0|红星村
E3|other|0|' \
	'sq "SELECT dispatch_no, category, valid, village FROM incident WHERE dispatch_no LIKE '\''E%'\'' ORDER BY 1"'
printf 'dispatch_no,received_at,category\nE4,2019-01-02 04:00,tip\n' >nov.csv
check_out 'a file without a validity column counts its calls as valid' '1' \
	'incident-import -q nov.csv 2>/dev/null; sq "SELECT valid FROM incident WHERE dispatch_no = '\''E4'\''"'

# A progress bar for a large file, only on a terminal.
awk 'BEGIN { print "dispatch_no,received_at,category"
	for (i = 0; i < 40000; i++) printf "P%07d,2020-01-%02d 10:00,dispute\n", i, i % 28 + 1 }' >big.csv
check 'a file over 1 MB on a terminal shows a progress bar' \
	'script -qec "incident-import big.csv" /dev/null >tty.out && grep -q "big.csv \[#* *\] *[0-9]*%" tty.out'
check 'then the summary line' 'grep -q "read 40000, added 40000" tty.out'
check_err 'not when stderr is not a terminal' 0 \
	'incident-import: big.csv: already imported as big.csv (2024-01-15 10:00:00); nothing added
incident-import: big.csv: read 40000, added 0, updated 0, duplicates 40000, rejected 0' \
	'incident-import big.csv'

# Usage and files.
check_exit 'no files is a usage error' 64 'incident-import'
check 'that says how to read stdin' 'grep -q "use - for standard input" "$T/err"'
check_exit 'standard input is never read unasked' 64 'echo x | incident-import'
check_exit 'an unknown encoding is a usage error' 64 'incident-import --encoding latin1 good.csv'
check_exit 'a missing file is 66' 66 'incident-import nosuch.csv'
check 'with a message naming it' 'grep -q "incident-import: nosuch.csv: No such file" "$T/err"'
check_exit 'a missing database is 66' 66 'incident-import -d "$T/none.db" good.csv'
check 'the help names every option' \
	'incident-import --help | grep -q -- --rejects && incident-import --help | grep -q -- --dry-run'
check_out 'nothing was ever stored twice' '0' \
	'sq "SELECT count(*) - count(DISTINCT dispatch_no) FROM incident"'


# -f: the names of the files as a table of one column.
printf 'dispatch_no,received_at,category,valid,village\nF1,2019-01-02 08:00,dispute,1,红星村\n' >f1.csv
check_out 'incident-import -f json prints the file in one array' '[{"file":"f1.csv"}]' \
	"incident-import -f json f1.csv | tr -d '\n'; echo"
check_out 'a file imported before, with -f csv: only the header' 'file' \
	"incident-import -f csv f1.csv | tr -d '\r'"
done_testing
