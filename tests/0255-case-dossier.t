#!/bin/sh
# case-dossier: the archive file (卷宗) of a case as one HTML page for A4.
. "${BEAT_TOP:-.}/tests/lib.sh"
. "${BEAT_TOP:-.}/tests/cases.sh"
plan 42

# A case that climbs three levels, is handed to the people's mediation
# committee and comes back, is agreed, confirmed and visited: each
# command runs on its own day (BEAT_NOW follows --at).
on() { _at=$1; shift; BEAT_NOW=$_at "$@" --at "$_at"; }
station
sq "INSERT INTO setting (key, value) VALUES ('station', '厚坝派出所')"
c=$(on '2024-09-02 09:00' case-add --force --village 红星村 --type neighbor \
	--party 'applicant:张三:11010519491231002X:13912345678' \
	--party 'respondent:李四::13800138000' --claimed 8000 \
	--summary '张三与李四因排水沟堵塞发生争执，张三电话13912345678')
on '2024-09-03 10:00' case-mediate -q "$c" --outcome failed --mediator 李明 --mediator 赵强 \
	--note '双方各执一词'
on '2024-09-04 09:00' case-escalate -q "$c" --to township --reason 警情先期调解未果
on '2024-09-05 15:00' case-mediate -q "$c" --outcome failed --mediator 镇司法所王五 \
	--note '乡镇干部到场调解，未达成一致'
on '2024-09-06 09:00' case-escalate -q "$c" --to resident --reason 就地调解未果
on '2024-09-09 10:00' case-mediate -q "$c" --outcome partial --mediator 陈调解 \
	--note '就修复排水沟达成部分共识'
on '2024-09-10 09:00' case-escalate -q "$c" --to consultation --reason 会商研判
on '2024-09-11 09:00' case-escalate -q "$c" --channel people --body 厚坝镇人民调解委员会 \
	--reason 会商决定移交人民调解
on '2024-09-12 09:00' case-channel -q "$c" --event accepted --note 已受理
on '2024-09-20 09:00' case-channel -q "$c" --event concluded --outcome unresolved \
	--note 退回派出所
on '2024-09-23 10:00' case-mediate -q "$c" --outcome agreed --mediator 陈调解 --mediator 李明 \
	--recovered 5000 --note '李四同意赔偿并修复排水沟'
on '2024-09-23 11:00' case-close -q "$c" --outcome resolved --prevented fight --persons 6 \
	--agreement '李四于10月10日前赔偿张三5000元并修复排水沟' --perform-by 2024-10-10
on '2024-09-25 09:00' case-close -q "$c" --applied
on '2024-10-08 09:00' case-close -q "$c" --confirmed
on '2024-10-23 09:00' case-close -q "$c" --followup '协议已履行，双方满意'
d=$(on '2024-10-02 09:00' case-add --force --village 青山村 --type land \
	--summary '土地流转 <b>&</b> "合同"')
export BEAT_NOW='2024-10-25 09:00'

check 'the dossier of one case' "case-dossier $c > one.html"
check_same '-f html is the page' "case-dossier -f html $c" "case-dossier $c"
check_out '-f tsv: the contents of each file, one table' \
	"$(printf '%s\t1\t卷宗封面\t2024-09-02\t1\t1\n%s\t4\t调解笔录（第 1 次）\t2024-09-03\t4\t1\n%s\t1\t卷宗封面\t2024-10-02\t1\t1' "$c" "$c" "$d")" \
	"case-dossier -f tsv $c $d | awk -F '\t' 'NR == 1 && \$0 != \"case\tseq\tdocument\tdate\tsheet\tsheets\" { exit 1 }
	    \$2 == 1 || (\$1 == \"$c\" && \$2 == 4)'"
check_out '-f json: the same rows, one array' '12 4' \
	"case-dossier -f json $c $d | python3 -c 'import json,sys; d = json.load(sys.stdin);
print(sum(r[\"case\"] == \"$c\" for r in d), sum(r[\"case\"] == \"$d\" for r in d))'"
check 'is one HTML page with its print style' \
	"grep -q '^<!DOCTYPE html>' one.html && grep -q '@page { size: A4' one.html &&
	grep -q 'counter(page)' one.html && tail -1 one.html | grep -qx '</html>'"
check 'each document begins a new sheet' "grep -q '.sheet { break-before: page' one.html &&
	grep -q '.case { break-before: page' one.html"
# The documents and the order they are filed in.
grep -o '<h1>[^<]*</h1>' one.html | sed 's/<[^>]*>//g' > "$T/h1"
check_out 'its documents, in order' "$(printf '%s\n' 矛盾纠纷调解卷宗 卷内目录 矛盾纠纷登记表 \
	调解笔录 调解笔录 调解笔录 移交函 调解笔录 调解协议书 司法确认记录 回访记录 卷内备考表)" \
	"cat '$T/h1'"
check_out 'the register: each move, a hand-off as such' \
	"$(printf '%s\n' '→ 乡镇就地调解：警情先期调解未果' '→ 驻所专职调解：就地调解未果' \
	'→ 重大疑难矛盾纠纷会商研判：会商研判' '→ 移交人民调解：会商决定移交人民调解')" \
	"grep -o '→[^<]*' one.html"
check_out 'every document on its own sheet' 12 "grep -c '<section class=\"sheet ' one.html"
check 'the cover names the station' "grep -q '<div class=\"station\">厚坝派出所</div>' one.html"
check 'the cover: the case, type, parties, dates, outcome' \
	"grep -q '<td>$c</td>' one.html && grep -q '<td>邻里纠纷</td>' one.html &&
	grep -q '<td>张三、李四</td>' one.html && grep -q '<td>2024年9月2日</td>' one.html &&
	grep -q '<td>2024年9月23日</td>' one.html && grep -q '调解成功；防止群体性械斗，涉及 6 人' one.html"
check 'the cover: every mediator once, the filer and the retention' \
	"grep -q '<td>李明、赵强、镇司法所王五、陈调解</td>' one.html &&
	grep -q '<th>立卷人</th><td>李明</td>' one.html && grep -q '保管期限' one.html"
check 'the contents number the sheets' \
	"grep -q '<td>12</td><td>卷内备考表</td><td>2024年9月23日</td><td>12</td>' one.html"
check 'the sessions: their levels and places' \
	"grep -q '<td>警情先期调解</td>' one.html && grep -q '<td>乡镇就地调解</td>' one.html &&
	grep -q '<td>驻所专职调解</td>' one.html && grep -q '厚坝镇红星村（就地调解）' one.html &&
	grep -q '厚坝派出所调解室' one.html"
check 'a session record: outcome, money, note, signatures' \
	"grep -q '<td>达成协议</td>' one.html && grep -q '5000.00 元' one.html &&
	grep -q '李四同意赔偿并修复排水沟' one.html && grep -q '记录人（签名）' one.html"
check 'the hand-off letter: to the body, with its answers' \
	"grep -q '<p>厚坝镇人民调解委员会：</p>' one.html && grep -q '编号：$c-移1' one.html &&
	grep -q '<td>受理</td><td>已受理</td>' one.html &&
	grep -q '<td>办结（未化解）</td><td>退回派出所</td>' one.html"
check 'the agreement: art. 29 sections, performance, signatures and seal' \
	"grep -q '纠纷的主要事实、争议事项及各方当事人的责任' one.html &&
	grep -q '李四于10月10日前赔偿张三5000元并修复排水沟' one.html &&
	grep -q '履行期限：2024年10月10日前履行完毕' one.html &&
	grep -q '申请人（签名或按指印）' one.html && grep -q '人民调解委员会（印章）' one.html"
check 'judicial confirmation: window, application, confirmation' \
	"grep -q '<th>申请期限</th><td>2024年10月23日前' one.html &&
	grep -q '<th>申请日期</th><td>2024年9月25日</td>' one.html &&
	grep -q '<th>确认日期</th><td>2024年10月8日</td>' one.html"
check 'the follow-up visit' "grep -q '协议已履行，双方满意' one.html"
check 'the forms are bordered tables' "grep -q 'table.form th, table.form td { border: 1px solid #000' one.html"

# Personal numbers: masked, in fields and in free text, unless --reveal.
check 'masked: the ID number' "grep -q '110105\*\*\*\*\*\*\*\*002X' one.html"
check 'masked: the phones' "grep -q '139\*\*\*\*5678' one.html && grep -q '138\*\*\*\*8000' one.html"
check 'nothing whole' "! grep -q -e 11010519491231002X -e 13912345678 -e 13800138000 one.html"
audits=$(sq 'SELECT count(*) FROM audit')
check 'without --reveal no audit row' "[ \$(sq 'SELECT count(*) FROM audit') -eq $audits ]"
check '--reveal shows them whole' "case-dossier --reveal $c > rev.html &&
	grep -q '<td>11010519491231002X</td><td>13912345678</td>' rev.html &&
	grep -q '张三电话13912345678' rev.html"
check_out 'and is audited, naming the case' "$((audits + 1))|case $c reveal" \
	"sq 'SELECT (SELECT count(*) FROM audit), records FROM audit ORDER BY id DESC LIMIT 1'"

# Many cases: from stdin, each on a new sheet, each with its cover.
check 'cases from stdin' "printf '%s\n%s\n' $c $d | case-dossier - > two.html"
check_out 'two cases, two covers' 2 "grep -c '<h1>矛盾纠纷调解卷宗</h1>' two.html"
check 'each in an article of its own' "grep -q '<article class=\"case\" id=\"case-$d\">' two.html"
check_out 'an open case: cover, contents, registration, closing note' 4 \
	"sed -n '/id=\"case-$d\"/,\$p' two.html | grep -c '<section class=\"sheet '"

check 'text from the records is escaped' \
	"grep -q '土地流转 &lt;b&gt;&amp;&lt;/b&gt; &quot;合同&quot;' two.html && ! grep -q '<b>' two.html"
check_exit 'nothing on stdin: 64' 64 'case-dossier - < /dev/null'

# -o: written whole, through a temporary file.
check '-o FILE' "case-dossier $c -o out.html && cmp -s out.html one.html"
check_exit 'an unknown case: 69' 69 "case-dossier $c 2024-9999 -o bad.html"
check 'writes nothing' "[ ! -e bad.html ] && [ -z \"\$(ls -A | grep beat-)\" ]"
check_exit 'no case: 64' 64 'case-dossier'
check_exit 'no database: 66' 66 "case-dossier -d '$T/none.db' $c"

# The HTML is well formed: every element closed in order, nothing stray.
cat > "$T/valid.py" <<'PY'
import sys
from html.parser import HTMLParser
VOID = {"meta", "br", "hr", "img", "link", "input", "col", "wbr"}
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.doctype = [], [], False
    def handle_decl(self, d):
        self.doctype = d.lower() == "doctype html"
    def handle_starttag(self, tag, attrs):
        names = [a for a, _ in attrs]
        if len(names) != len(set(names)):
            self.errors.append("attribute twice in <%s>" % tag)
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            self.errors.append("self-closed <%s/>" % tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes <%s> at line %d" %
                (tag, self.stack[-1] if self.stack else "", self.getpos()[0]))
        else:
            self.stack.pop()
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
p.close()
if not p.doctype: p.errors.append("no <!DOCTYPE html>")
if p.stack: p.errors.append("unclosed: %s" % p.stack)
for e in p.errors: print(e)
sys.exit(1 if p.errors else 0)
PY
check 'the HTML is well formed' "python3 '$T/valid.py' one.html && python3 '$T/valid.py' two.html"
check 'and has its language, charset and title' \
	"grep -q '<html lang=\"zh-CN\">' one.html && grep -q '<meta charset=\"utf-8\">' one.html &&
	grep -q '<title>矛盾纠纷调解卷宗 $c</title>' one.html"

# Printed by headless Chromium: as many A4 pages as the contents count.
pages() {	# PDF: its page count
	if command -v pdfinfo >/dev/null 2>&1; then
		pdfinfo "$1" | sed -n 's/^Pages: *//p'
	else
		grep -a -c '/Type */Page\b' "$1"
	fi
}
if command -v chromium >/dev/null 2>&1; then
	pdf() {	# HTML PDF
		timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		    --no-first-run --disable-background-networking --disable-component-update \
		    --disable-sync --user-data-dir="$(mktemp -d "$T/chr.XXXXXX")" \
		    --no-pdf-header-footer --print-to-pdf="$2" "file://$T/$1" 2>/dev/null
	}
	check_out 'chromium prints one case on the 12 sheets its contents count' 12 \
		"pdf one.html one.pdf && pages one.pdf"
	check_out 'two cases on 12 and 4 sheets' 16 "pdf two.html two.pdf && pages two.pdf"
	check 'on A4' "! command -v pdfinfo >/dev/null || pdfinfo one.pdf | grep -q '^Page size:.*(A4)'"
else
	skip 'chromium not installed'
	skip 'chromium not installed'
	skip 'chromium not installed'
fi
done_testing
