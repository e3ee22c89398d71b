/* dossier.c: a dispute case's archive file (卷宗) as HTML sheets for A4 printing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/*
 * The documents are Chinese archive forms whatever the locale: their
 * names and field labels are those of the forms a station files, so
 * they are written here as they are printed, not through gettext.
 */

/* The left margin is wider: archives are bound on the left (装订线). */
static const char css[] =
	"@page { size: A4; margin: 20mm 18mm 20mm 25mm;"
	" @bottom-center { content: \"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\";"
	" font-size: 9pt; color: #444; } }\n"
	"html { font-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", SimSun,"
	" \"WenQuanYi Zen Hei\", serif; font-size: 12pt; line-height: 1.6; color: #000; }\n"
	"body { margin: 0; }\n"
	".case { break-before: page; }\n"
	".sheet { break-before: page; position: relative; }\n"
	".case:first-child > .sheet:first-child, .case:first-child { break-before: auto; }\n"
	".sheetno { position: absolute; top: 0; right: 1px; font-size: 10pt;"
	" border: 1px solid #000; padding: 0 6px; }\n"
	"h1 { text-align: center; font-size: 20pt; letter-spacing: 0.3em;"
	" margin: 8mm 0 2mm; }\n"
	"p.no { text-align: right; margin: 0 0 3mm; font-size: 10.5pt; }\n"
	/* Collapsed borders reach half their width past the box: kept inside
	 * the page, where Chromium would clip them. */
	"table.form { width: calc(100% - 2px); border-collapse: collapse; margin: 2mm 1px; }\n"
	"table.form th, table.form td { border: 1px solid #000; padding: 4px 6px;"
	" vertical-align: top; text-align: left; }\n"
	"table.form th { font-weight: normal; text-align: center; vertical-align: middle;"
	" white-space: nowrap; width: 6em; }\n"
	"table.form tr { break-inside: avoid; }\n"
	"table.form thead th { font-weight: bold; }\n"
	"td.tall { height: 45mm; } td.mid { height: 25mm; }\n"
	"table.toc td { white-space: nowrap; } table.toc td:nth-child(2) { white-space: normal;"
	" width: 100%; } table.toc th { width: auto; }\n"
	".cover { text-align: center; }\n"
	".cover .station { font-size: 18pt; margin-top: 30mm; letter-spacing: 0.2em; }\n"
	".cover h1 { font-size: 32pt; letter-spacing: 0.25em; margin: 8mm 0 22mm; }\n"
	".cover table { width: 80%; margin: 0 auto; border-collapse: collapse;"
	" font-size: 14pt; text-align: left; }\n"
	".cover th { font-weight: normal; width: 6em; text-align: justify;"
	" text-align-last: justify; padding: 3mm 4mm 1mm 0; white-space: nowrap; }\n"
	".cover td { border-bottom: 1px solid #000; padding: 3mm 2mm 1mm; }\n"
	"p.body { text-indent: 2em; margin: 2mm 0; }\n"
	"h2 { font-size: 13pt; margin: 5mm 0 1mm; }\n"
	".sign { display: flex; flex-wrap: wrap; justify-content: space-between;"
	" margin-top: 10mm; }\n"
	".sign span { display: inline-block; min-width: 45%; margin: 4mm 0; }\n"
	".seal { text-align: right; margin-top: 12mm; line-height: 2.2; }\n"
	".stub { border-top: 1px dashed #000; margin-top: 10mm; padding-top: 2mm; }\n"
	".blank { display: inline-block; min-width: 10em; border-bottom: 1px solid #000; }\n"
	"@media screen { body { background: #ccc; } .sheet { background: #fff;"
	" width: 167mm; min-height: 257mm; margin: 8mm auto; padding: 20mm 18mm 20mm 25mm; }"
	" .sheetno { top: 8mm; right: 18mm; } }\n";

enum kind {
	D_COVER, D_TOC, D_REG, D_SESSION, D_HANDOFF, D_AGREEMENT, D_JUDICIAL,
	D_FOLLOWUP, D_NOTE
};

static const char *const titles[] = {
	"卷宗封面", "卷内目录", "矛盾纠纷登记表", "调解笔录", "移交函", "调解协议书",
	"司法确认记录", "回访记录", "卷内备考表",
};

/* One document of the file, in the order filed. */
struct doc {
	enum kind kind;
	long long id;		/* its row: session, escalation, agreement, followup */
	char at[20];
	int sheet, sheets;	/* its first sheet and how many it takes */
	int nth;		/* sessions and hand-offs: the n-th */
};

struct party {
	char *role, *name, *idno, *phone;
};

struct dossier {
	FILE *fp;
	struct beat_conn *db;
	int reveal;
	char *station;
	long long id;
	/* the case */
	char *number, *opened, *closed, *outcome, *village, *township, *officer;
	char *type, *source, *summary, *prevented, *mediators;
	long long claimed, crowd, persons;
	int has_claimed, cross, violence, complex;
	struct party *p;
	size_t np;
	struct doc *d;
	size_t nd, cap;
};

/* Codes as the forms word them. */
static const char *const words[] = {
	"applicant", "申请人", "respondent", "被申请人", "third", "第三人",
	"call", "110报警", "walkin", "来所求助", "patrol", "巡逻发现", "referral", "有关单位转交",
	"agreed", "达成协议", "partial", "部分达成协议", "failed", "调解不成",
	"refused", "当事人拒绝调解（人民调解法第十七条）",
	"resolved", "调解成功", "referred", "移交处理", "withdrawn", "撤回",
	"unresolved", "未化解",
	"accepted", "受理", "declined", "不予受理", "extended", "延期", "checked", "跟进了解",
	"concluded", "办结",
	"suicide", "防止民转刑（自杀）", "criminal", "防止民转刑（刑事案件）",
	"fight", "防止群体性械斗", "petition", "防止群体性上访",
	"written", "书面协议", "oral", "口头协议（人民调解法第二十八条）",
	NULL,
};

static const char *
word(const char *code)
{
	size_t i;

	if (code == NULL)
		return "";
	for (i = 0; words[i] != NULL; i += 2)
		if (strcmp(words[i], code) == 0)
			return words[i + 1];
	return code;
}

static const char *
col(struct beat_stmt *st, int i)
{
	return beat_stmt_text(st, i);
}

static char *
dup(const char *s)
{
	return s != NULL ? beat_xstrdup(s) : NULL;
}

static void
put(struct dossier *x, const char *s)
{
	beat_html_text(x->fp, s != NULL ? s : "");
}

/* Free text may quote a party's numbers: masked unless --reveal. */
static void
put_free(struct dossier *x, const char *s)
{
	char *m;

	if (x->reveal || s == NULL) {
		put(x, s);
		return;
	}
	m = beat_mask_text(s);
	put(x, m);
	free(m);
}

/* "2024-09-03[ 10:00:00]" as the forms date it: 2024年9月3日[ 10:00]. */
static void
put_date(struct dossier *x, const char *s, int with_time)
{
	int y, m, d, hh, mm;
	int n;

	if (s == NULL || *s == '\0') {
		fputs("<span class=\"blank\">&#160;</span>", x->fp);
		return;
	}
	n = sscanf(s, "%d-%d-%d %d:%d", &y, &m, &d, &hh, &mm);
	if (n < 3) {
		put(x, s);
		return;
	}
	fprintf(x->fp, "%d年%d月%d日", y, m, d);
	if (with_time && n == 5 && (hh != 0 || mm != 0))
		fprintf(x->fp, " %02d:%02d", hh, mm);
}

static void
put_money(struct dossier *x, long long fen)
{
	char buf[32];

	fprintf(x->fp, "%s 元", beat_money_text(fen, buf));
}

/* A party's numbers, whole with --reveal, else masked as everywhere. */
static void
put_number(struct dossier *x, const char *s, int idno)
{
	char buf[64];

	if (s == NULL) {
		put(x, "");
		return;
	}
	if (x->reveal)
		put(x, s);
	else {
		if (idno)
			beat_mask_idno(s, buf, sizeof(buf));
		else
			beat_mask_phone(s, buf, sizeof(buf));
		put(x, buf);
	}
}

/* "申请人 张三、被申请人 李四" */
static void
put_parties(struct dossier *x, int roles)
{
	size_t i;

	for (i = 0; i < x->np; i++) {
		if (i > 0)
			fputs("、", x->fp);
		if (roles) {
			put(x, word(x->p[i].role));
			fputs(" ", x->fp);
		}
		put(x, x->p[i].name);
	}
}

/* The names of the parties in one role, "张三、王五", or "" */
static void
put_role(struct dossier *x, const char *role)
{
	size_t i;
	int n = 0;

	for (i = 0; i < x->np; i++)
		if (strcmp(x->p[i].role, role) == 0) {
			if (n++)
				fputs("、", x->fp);
			put(x, x->p[i].name);
		}
}

static void
row(struct dossier *x, const char *label, const char *value)
{
	fputs("<tr><th>", x->fp);
	put(x, label);
	fputs("</th><td colspan=\"3\">", x->fp);
	put(x, value);
	fputs("</td></tr>\n", x->fp);
}

/*
 * How many sheets a document of free text takes: a sheet's form leaves
 * about 18 lines of 80 columns for text, a further sheet about 45.  The
 * contents list sheet numbers from this estimate.
 */
static int
sheets_for(const char *text, int lines_taken)
{
	int lines = lines_taken + (text != NULL ? beat_width(text) / 80 + 1 : 0);

	return lines > 18 ? 1 + (lines - 18 + 44) / 45 : 1;
}

static void
add_doc(struct dossier *x, enum kind k, long long id, const char *at, int sheets)
{
	struct doc *d;

	if (x->nd == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 16;
		x->d = beat_xrealloc(x->d, x->cap * sizeof(*x->d));
	}
	d = &x->d[x->nd++];
	memset(d, 0, sizeof(*d));
	d->kind = k;
	d->id = id;
	snprintf(d->at, sizeof(d->at), "%s", at != NULL ? at : "");
	d->sheets = sheets;
}

/* Ends the name at s at the first '、', ',' or '，' and returns what
 * follows it, or NULL at the end of the list. */
static char *
name_end(char *s)
{
	static const char *const seps[] = { "、", "，", "," };
	char *best = NULL, *p;
	size_t i, len = 0;

	for (i = 0; i < 3; i++)
		if ((p = strstr(s, seps[i])) != NULL && (best == NULL || p < best)) {
			best = p;
			len = strlen(seps[i]);
		}
	if (best == NULL)
		return NULL;
	*best = '\0';
	return best + len;
}

static const char case_sql[] =
    "SELECT d.number, d.opened_at, d.closed_at, d.outcome, v.name, v.township,"
    " o.name, t.label, d.source, d.summary, d.prevented, d.claimed_fen, d.crowd,"
    " d.prevented_persons, d.cross_region, d.violence_risk, d.complex"
    " FROM dispute d JOIN village v ON v.id = d.village_id"
    " JOIN officer o ON o.id = d.officer_id JOIN dispute_type t ON t.code = d.type"
    " WHERE d.id = ?";

/* The documents after the registration, in the order their events came. */
static const char docs_sql[] =
    "SELECT k, id, at, coalesce(w, '') FROM ("
    "SELECT 3 AS k, id, at, note AS w FROM session WHERE dispute_id = ?1"
    " UNION ALL SELECT 4, id, at, reason FROM escalation"
    " WHERE dispute_id = ?1 AND channel IS NOT NULL"
    " UNION ALL SELECT 5, id, at, text FROM agreement WHERE dispute_id = ?1"
    " UNION ALL SELECT 6, id, coalesce(confirmed_at, applied_at), NULL FROM agreement"
    " WHERE dispute_id = ?1 AND form = 'written'"
    " AND coalesce(applied_at, confirmed_at) IS NOT NULL"
    " UNION ALL SELECT 7, id, at, note FROM followup WHERE dispute_id = ?1"
    ") AS t ORDER BY at, k, id";

static void
load(struct dossier *x)
{
	struct beat_stmt *st;
	char *m, *s, *tok, *next;
	int sessions = 0, handoffs = 0, sheet;
	size_t i;

	st = beat_prepare(x->db, case_sql);
	beat_bind(st, "l", x->id);
	if (!beat_step(st))
		beat_errx(BEAT_EX_SOFTWARE, "case %lld vanished", x->id);
	x->number = dup(col(st, 0));
	x->opened = dup(col(st, 1));
	x->closed = dup(col(st, 2));
	x->outcome = dup(col(st, 3));
	x->village = dup(col(st, 4));
	x->township = dup(col(st, 5));
	x->officer = dup(col(st, 6));
	x->type = dup(col(st, 7));
	x->source = dup(col(st, 8));
	x->summary = dup(col(st, 9));
	x->prevented = dup(col(st, 10));
	x->has_claimed = !beat_stmt_isnull(st, 11);
	x->claimed = beat_stmt_int(st, 11);
	x->crowd = beat_stmt_int(st, 12);
	x->persons = beat_stmt_int(st, 13);
	x->cross = (int)beat_stmt_int(st, 14);
	x->violence = (int)beat_stmt_int(st, 15);
	x->complex = (int)beat_stmt_int(st, 16);
	beat_stmt_free(st);

	st = beat_prepare(x->db, "SELECT role, name, idno, phone FROM party "
	    "WHERE dispute_id = ? ORDER BY CASE role WHEN 'applicant' THEN 1 "
	    "WHEN 'respondent' THEN 2 ELSE 3 END, id");
	beat_bind(st, "l", x->id);
	while (beat_step(st)) {
		x->p = beat_xrealloc(x->p, (x->np + 1) * sizeof(*x->p));
		x->p[x->np].role = dup(col(st, 0));
		x->p[x->np].name = dup(col(st, 1));
		x->p[x->np].idno = dup(col(st, 2));
		x->p[x->np++].phone = dup(col(st, 3));
	}
	beat_stmt_free(st);

	/* Every mediator named in a session, once, in the order first
	 * named: gathered as "、a、b、" so that a name is found whole. */
	x->mediators = beat_xstrdup("、");
	st = beat_prepare(x->db, "SELECT mediators FROM session WHERE dispute_id = ?"
	    " AND mediators IS NOT NULL ORDER BY at, id");
	beat_bind(st, "l", x->id);
	while (beat_step(st)) {
		/* Names as case-mediate joins them, by '、' (or commas). */
		for (tok = s = beat_xstrdup(col(st, 0)); tok != NULL; tok = next) {
			next = name_end(tok);
			if (*tok == '\0')
				continue;
			m = beat_xasprintf("、%s、", tok);
			if (strstr(x->mediators, m) == NULL) {
				free(m);
				m = beat_xasprintf("%s%s、", x->mediators, tok);
				free(x->mediators);
				x->mediators = m;
			} else
				free(m);
		}
		free(s);
	}
	beat_stmt_free(st);

	add_doc(x, D_COVER, 0, x->opened, 1);
	add_doc(x, D_TOC, 0, NULL, 1);
	add_doc(x, D_REG, 0, x->opened, sheets_for(x->summary, 8 + (int)x->np));
	st = beat_prepare(x->db, docs_sql);
	beat_bind(st, "l", x->id);
	while (beat_step(st)) {
		add_doc(x, (enum kind)(int)beat_stmt_int(st, 0), beat_stmt_int(st, 1),
		    col(st, 2), sheets_for(col(st, 3), 0));
		if (x->d[x->nd - 1].kind == D_SESSION)
			x->d[x->nd - 1].nth = ++sessions;
		else if (x->d[x->nd - 1].kind == D_HANDOFF)
			x->d[x->nd - 1].nth = ++handoffs;
	}
	beat_stmt_free(st);
	add_doc(x, D_NOTE, 0, x->closed, 1);
	for (sheet = 1, i = 0; i < x->nd; i++) {
		x->d[i].sheet = sheet;
		sheet += x->d[i].sheets;
	}
}

/* The mediators gathered, printed "a、b"; the officer when none was named. */
static void
put_mediators(struct dossier *x)
{
	char *s, *tok, *next;
	int n = 0;

	if (strcmp(x->mediators, "、") == 0) {
		put(x, x->officer);
		return;
	}
	s = beat_xstrdup(x->mediators + strlen("、"));
	for (tok = s; tok != NULL; tok = next) {
		next = name_end(tok);
		if (*tok == '\0')
			continue;
		if (n++)
			fputs("、", x->fp);
		put(x, tok);
	}
	free(s);
}

static int
total_sheets(struct dossier *x)
{
	return x->d[x->nd - 1].sheet + x->d[x->nd - 1].sheets - 1;
}

static void
sheet_begin(struct dossier *x, const struct doc *d, const char *cls)
{
	fprintf(x->fp, "<section class=\"sheet %s\">\n<div class=\"sheetno\">页号 %d</div>\n",
	    cls, d->sheet);
	if (d->kind != D_COVER) {
		fputs("<h1>", x->fp);
		put(x, titles[d->kind]);
		fputs("</h1>\n", x->fp);
	}
}

static void
sheet_end(struct dossier *x)
{
	fputs("</section>\n", x->fp);
}

/* The case's outcome in words, what it prevented after it. */
static void
put_outcome(struct dossier *x)
{
	if (x->outcome == NULL) {
		put(x, "办理中");
		return;
	}
	put(x, word(x->outcome));
	if (x->prevented != NULL) {
		fputs("；", x->fp);
		put(x, word(x->prevented));
		if (x->persons > 0)
			fprintf(x->fp, "，涉及 %lld 人", x->persons);
	}
}

static void
cover(struct dossier *x, const struct doc *d)
{
	FILE *fp = x->fp;

	sheet_begin(x, d, "cover");
	if (x->station != NULL) {
		fputs("<div class=\"station\">", fp);
		put(x, x->station);
		fputs("</div>\n", fp);
	}
	fputs("<h1>矛盾纠纷调解卷宗</h1>\n<table>\n", fp);
	fputs("<tr><th>卷宗编号</th><td>", fp);
	put(x, x->number);
	fputs("</td></tr>\n<tr><th>案由</th><td>", fp);
	put(x, x->type);
	fputs("纠纷</td></tr>\n<tr><th>当事人</th><td>", fp);
	put_parties(x, 0);
	fputs("</td></tr>\n<tr><th>所属村社</th><td>", fp);
	put(x, x->village);
	fputs("</td></tr>\n<tr><th>登记日期</th><td>", fp);
	put_date(x, x->opened, 0);
	fputs("</td></tr>\n<tr><th>结案日期</th><td>", fp);
	if (x->closed != NULL)
		put_date(x, x->closed, 0);
	else
		put(x, "未结案");
	fputs("</td></tr>\n<tr><th>调解人员</th><td>", fp);
	put_mediators(x);
	fputs("</td></tr>\n<tr><th>调解结果</th><td>", fp);
	put_outcome(x);
	fputs("</td></tr>\n<tr><th>立卷人</th><td>", fp);
	put(x, x->officer);
	fputs("</td></tr>\n<tr><th>保管期限</th><td>□ 永久　□ 长期　□ 短期</td></tr>\n", fp);
	fprintf(fp, "<tr><th>本卷页数</th><td>共 %d 页</td></tr>\n</table>\n", total_sheets(x));
	sheet_end(x);
}

static void
contents(struct dossier *x, const struct doc *d)
{
	FILE *fp = x->fp;
	size_t i;

	sheet_begin(x, d, "toc");
	fputs("<p class=\"no\">卷宗编号：", fp);
	put(x, x->number);
	fputs("</p>\n<table class=\"form toc\">\n<thead><tr><th>序号</th><th>文件名称</th>"
	    "<th>日期</th><th>页号</th><th>备注</th></tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < x->nd; i++) {
		fprintf(fp, "<tr><td>%zu</td><td>", i + 1);
		put(x, titles[x->d[i].kind]);
		if (x->d[i].nth > 0)
			fprintf(fp, "（第 %d 次）", x->d[i].nth);
		fputs("</td><td>", fp);
		if (x->d[i].at[0] != '\0')
			put_date(x, x->d[i].at, 0);
		if (x->d[i].sheets > 1)
			fprintf(fp, "</td><td>%d-%d</td><td></td></tr>\n", x->d[i].sheet,
			    x->d[i].sheet + x->d[i].sheets - 1);
		else
			fprintf(fp, "</td><td>%d</td><td></td></tr>\n", x->d[i].sheet);
	}
	fputs("</tbody>\n</table>\n", fp);
	sheet_end(x);
}

static void
parties_table(struct dossier *x, int address)
{
	FILE *fp = x->fp;
	size_t i;

	fputs("<table class=\"form\">\n<thead><tr><th>身份</th><th>姓名</th>"
	    "<th>公民身份号码</th><th>联系电话</th>", fp);
	if (address)
		fputs("<th>住所</th>", fp);
	fputs("</tr></thead>\n<tbody>\n", fp);
	for (i = 0; i < x->np; i++) {
		fputs("<tr><td>", fp);
		put(x, word(x->p[i].role));
		fputs("</td><td>", fp);
		put(x, x->p[i].name);
		fputs("</td><td>", fp);
		put_number(x, x->p[i].idno, 1);
		fputs("</td><td>", fp);
		put_number(x, x->p[i].phone, 0);
		if (address) {
			fputs("</td><td>", fp);
			put(x, x->township);
			put(x, x->village);
		}
		fputs("</td></tr>\n", fp);
	}
	if (x->np == 0)
		fprintf(fp, "<tr><td colspan=\"%d\">（未登记当事人）</td></tr>\n", address ? 5 : 4);
	fputs("</tbody>\n</table>\n", fp);
}

static void
registration(struct dossier *x, const struct doc *d)
{
	FILE *fp = x->fp;
	struct beat_stmt *st;
	char *label;
	int n = 0;

	sheet_begin(x, d, "reg");
	fputs("<p class=\"no\">编号：", fp);
	put(x, x->number);
	fputs("</p>\n<table class=\"form\">\n<tr><th>登记时间</th><td>", fp);
	put_date(x, x->opened, 1);
	fputs("</td><th>纠纷来源</th><td>", fp);
	put(x, word(x->source));
	fputs("</td></tr>\n<tr><th>所属村社</th><td>", fp);
	put(x, x->township);
	put(x, x->village);
	fputs("</td><th>纠纷类型</th><td>", fp);
	put(x, x->type);
	fputs("</td></tr>\n<tr><th>责任民警</th><td>", fp);
	put(x, x->officer);
	fputs("</td><th>涉及金额</th><td>", fp);
	if (x->has_claimed)
		put_money(x, x->claimed);
	fputs("</td></tr>\n<tr><th>风险情形</th><td colspan=\"3\">", fp);
	if (x->cross)
		fputs(n++ ? "；跨地区" : "跨地区", fp);
	if (x->violence)
		fputs(n++ ? "；有暴力倾向" : "有暴力倾向", fp);
	if (x->complex)
		fputs(n++ ? "；重大复杂" : "重大复杂", fp);
	if (x->crowd > 0)
		fprintf(fp, "%s涉及 %lld 人", n++ ? "；" : "", x->crowd);
	if (n == 0)
		fputs("无", fp);
	fputs("</td></tr>\n<tr><th>纠纷简要情况</th><td colspan=\"3\" class=\"tall\">", fp);
	put_free(x, x->summary);
	fputs("</td></tr>\n<tr><th>流转情况</th><td colspan=\"3\" class=\"mid\">", fp);
	st = beat_prepare(x->db, "SELECT e.at, f.label, coalesce(t.label, c.label), e.reason,"
	    " CASE WHEN e.channel IS NULL THEN 0 ELSE 1 END FROM escalation e JOIN level f ON f.code = e.from_level"
	    " LEFT JOIN level t ON t.code = e.to_level LEFT JOIN channel c ON c.code = e.channel"
	    " WHERE e.dispute_id = ? ORDER BY e.at, e.id");
	beat_bind(st, "l", x->id);
	for (n = 0; beat_step(st); n++) {
		if (n)
			fputs("<br>\n", fp);
		put_date(x, col(st, 0), 0);
		fputs("　", fp);
		put(x, col(st, 1));
		label = beat_xasprintf(" → %s%s：", (int)beat_stmt_int(st, 4) ? "移交" : "",
		    col(st, 2));
		put(x, label);
		free(label);
		put_free(x, col(st, 3));
	}
	beat_stmt_free(st);
	if (n == 0)
		fputs("无", fp);
	fputs("</td></tr>\n</table>\n<h2>当事人</h2>\n", fp);
	parties_table(x, 0);
	fputs("<div class=\"sign\"><span>登记人（签名）：</span><span>日期：", fp);
	put_date(x, x->opened, 0);
	fputs("</span></div>\n", fp);
	sheet_end(x);
}

/* The station mediates at its own office but for township on-site mediation. */
static void
put_place(struct dossier *x, const char *level)
{
	if (strcmp(level, "township") == 0) {
		put(x, x->township);
		put(x, x->village);
		put(x, "（就地调解）");
	} else {
		put(x, x->station != NULL ? x->station : "派出所");
		put(x, "调解室");
	}
}

static void
session(struct dossier *x, const struct doc *d)
{
	FILE *fp = x->fp;
	struct beat_stmt *st;

	st = beat_prepare(x->db, "SELECT s.at, s.level, l.label, s.outcome, s.mediators,"
	    " s.recovered_fen, s.note FROM session s JOIN level l ON l.code = s.level"
	    " WHERE s.id = ?");
	beat_bind(st, "l", d->id);
	if (!beat_step(st))
		beat_errx(BEAT_EX_SOFTWARE, "session %lld vanished", d->id);
	sheet_begin(x, d, "session");
	fprintf(fp, "<p class=\"no\">卷宗编号：");
	put(x, x->number);
	fprintf(fp, "　第 %d 次</p>\n<table class=\"form\">\n<tr><th>时间</th><td>", d->nth);
	put_date(x, col(st, 0), 1);
	fputs("</td><th>地点</th><td>", fp);
	put_place(x, col(st, 1));
	fputs("</td></tr>\n<tr><th>调解层级</th><td>", fp);
	put(x, col(st, 2));
	fputs("</td><th>调解结果</th><td>", fp);
	put(x, word(col(st, 3)));
	fputs("</td></tr>\n", fp);
	row(x, "调解人员", col(st, 4) != NULL ? col(st, 4) : x->officer);
	fputs("<tr><th>当事人</th><td colspan=\"3\">", fp);
	put_parties(x, 1);
	fputs("</td></tr>\n<tr><th>挽回损失</th><td colspan=\"3\">", fp);
	put_money(x, beat_stmt_int(st, 5));
	fputs("</td></tr>\n<tr><th>调解情况</th><td colspan=\"3\" class=\"tall\">", fp);
	put_free(x, col(st, 6));
	fputs("</td></tr>\n</table>\n<div class=\"sign\"><span>当事人（签名）：</span>"
	    "<span>调解人员（签名）：</span><span>记录人（签名）：</span>"
	    "<span>日期：", fp);
	put_date(x, col(st, 0), 0);
	fputs("</span></div>\n", fp);
	sheet_end(x);
	beat_stmt_free(st);
}

static void
handoff(struct dossier *x, const struct doc *d)
{
	FILE *fp = x->fp;
	struct beat_stmt *st;
	char *label;
	int n;

	st = beat_prepare(x->db, "SELECT e.at, e.body, c.label, f.label, e.reason"
	    " FROM escalation e JOIN channel c ON c.code = e.channel"
	    " JOIN level f ON f.code = e.from_level WHERE e.id = ?");
	beat_bind(st, "l", d->id);
	if (!beat_step(st))
		beat_errx(BEAT_EX_SOFTWARE, "hand-off %lld vanished", d->id);
	sheet_begin(x, d, "handoff");
	fputs("<p class=\"no\">", fp);
	label = beat_xasprintf("编号：%s-移%d", x->number, d->nth);
	put(x, label);
	free(label);
	fputs("</p>\n<p>", fp);
	if (col(st, 1) != NULL)
		put_free(x, col(st, 1));
	else {
		put(x, col(st, 2));
		put(x, "受理机关");
	}
	fputs("：</p>\n<p class=\"body\">我所于", fp);
	put_date(x, x->opened, 0);
	fputs("登记", fp);
	put(x, x->township);
	put(x, x->village);
	put_role(x, "applicant");
	fputs("与", fp);
	put_role(x, "respondent");
	fputs("之间的", fp);
	put(x, x->type);
	fputs("纠纷一案（卷宗编号 ", fp);
	put(x, x->number);
	fputs("），经", fp);
	put(x, col(st, 3));
	fputs("，因", fp);
	put_free(x, col(st, 4));
	fputs("，根据“三调一访”衔接工作机制，现移交贵单位依法处理（", fp);
	put(x, col(st, 2));
	fputs("）。</p>\n<p class=\"body\">纠纷简要情况：", fp);
	put_free(x, x->summary);
	fputs("</p>\n<p class=\"body\">请于收到本函后及时受理，并将受理及办理结果函告我所。"
	    "</p>\n<p>附：调解卷宗材料复印件　　份</p>\n<div class=\"seal\">", fp);
	put(x, x->station != NULL ? x->station : "派出所");
	fputs("（盖章）<br>\n", fp);
	put_date(x, col(st, 0), 0);
	fputs("</div>\n", fp);
	beat_stmt_free(st);

	/* What the body did: its receipt and answers, as the stub records them. */
	fputs("<div class=\"stub\">\n<h2>回执及办理情况</h2>\n<table class=\"form\">\n"
	    "<thead><tr><th>日期</th><th>事项</th><th>情况说明</th></tr></thead>\n<tbody>\n", fp);
	st = beat_prepare(x->db, "SELECT at, event, outcome, days, note FROM channel_event"
	    " WHERE escalation_id = ? ORDER BY at, id");
	beat_bind(st, "l", d->id);
	for (n = 0; beat_step(st); n++) {
		fputs("<tr><td>", fp);
		put_date(x, col(st, 0), 0);
		fputs("</td><td>", fp);
		put(x, word(col(st, 1)));
		if (col(st, 2) != NULL) {
			fputs("（", fp);
			put(x, word(col(st, 2)));
			fputs("）", fp);
		}
		if (!beat_stmt_isnull(st, 3))
			fprintf(fp, " %lld 日", (long long)beat_stmt_int(st, 3));
		fputs("</td><td>", fp);
		put_free(x, col(st, 4));
		fputs("</td></tr>\n", fp);
	}
	beat_stmt_free(st);
	if (n == 0)
		fputs("<tr><td colspan=\"3\">尚无回复</td></tr>\n", fp);
	fputs("</tbody>\n</table>\n</div>\n", fp);
	sheet_end(x);
}

/* 人民调解法 art. 29: the parties, the facts, the matters in dispute and
 * each side's responsibility, the terms and how and when they are
 * performed; signatures and the committee's seal make it effective. */
static void
agreement(struct dossier *x, const struct doc *d)
{
	FILE *fp = x->fp;
	struct beat_stmt *st;
	size_t i;

	st = beat_prepare(x->db, "SELECT at, form, text, perform_by FROM agreement WHERE id = ?");
	beat_bind(st, "l", d->id);
	if (!beat_step(st))
		beat_errx(BEAT_EX_SOFTWARE, "agreement %lld vanished", d->id);
	sheet_begin(x, d, "agreement");
	fputs("<p class=\"no\">编号：", fp);
	put(x, x->number);
	fputs("　协议形式：", fp);
	put(x, word(col(st, 1)));
	fputs("</p>\n<h2>一、当事人基本情况</h2>\n", fp);
	parties_table(x, 1);
	fputs("<h2>二、纠纷的主要事实、争议事项及各方当事人的责任</h2>\n<p class=\"body\">", fp);
	put_free(x, x->summary);
	fputs("</p>\n<h2>三、协议内容</h2>\n<p class=\"body\">", fp);
	put_free(x, col(st, 2));
	fputs("</p>\n<h2>四、履行方式、地点和期限</h2>\n<p class=\"body\">履行期限：", fp);
	if (col(st, 3) != NULL) {
		put_date(x, col(st, 3), 0);
		fputs("前履行完毕", fp);
	} else
		fputs("协议生效时即时履行", fp);
	fputs("；履行地点：", fp);
	put(x, x->township);
	put(x, x->village);
	fputs("；履行方式：按协议内容由义务方向权利方履行。</p>\n"
	    "<p class=\"body\">本协议自各方当事人签名（盖章或按指印）、人民调解员签名"
	    "并加盖人民调解委员会印章之日起生效，对当事人具有法律约束力。"
	    "当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。"
	    "本协议一式三份，双方当事人、人民调解委员会各执一份。</p>\n<div class=\"sign\">", fp);
	for (i = 0; i < x->np; i++) {
		fputs("<span>", fp);
		put(x, word(x->p[i].role));
		fputs("（签名或按指印）：</span>", fp);
	}
	fputs("<span>人民调解员（签名）：</span></div>\n<div class=\"seal\">"
	    "人民调解委员会（印章）<br>\n", fp);
	put_date(x, col(st, 0), 0);
	fputs("</div>\n", fp);
	sheet_end(x);
	beat_stmt_free(st);
}

static void
judicial(struct dossier *x, const struct doc *d)
{
	FILE *fp = x->fp;
	struct beat_stmt *st;
	char until[11];
	long day, last = -1;

	st = beat_prepare(x->db, "SELECT at, applied_at, confirmed_at FROM agreement WHERE id = ?");
	beat_bind(st, "l", d->id);
	if (!beat_step(st))
		beat_errx(BEAT_EX_SOFTWARE, "agreement %lld vanished", d->id);
	until[0] = '\0';
	if (beat_text_day(col(st, 0), &day) == 0) {
		last = beat_judicial_window(x->db, day);
		beat_day_text(last, until);
	}
	sheet_begin(x, d, "judicial");
	fputs("<p class=\"no\">卷宗编号：", fp);
	put(x, x->number);
	fputs("</p>\n<table class=\"form\">\n<tr><th>协议日期</th><td>", fp);
	put_date(x, col(st, 0), 0);
	fputs("</td><th>申请期限</th><td>", fp);
	put_date(x, until, 0);
	fputs("前</td></tr>\n<tr><th>申请日期</th><td>", fp);
	if (col(st, 1) != NULL) {
		put_date(x, col(st, 1), 0);
		if (beat_text_day(col(st, 1), &day) == 0 && last >= 0 && day > last)
			fputs("（逾期申请）", fp);
	} else
		fputs("未申请", fp);
	fputs("</td><th>确认日期</th><td>", fp);
	if (col(st, 2) != NULL)
		put_date(x, col(st, 2), 0);
	else
		fputs("尚未确认", fp);
	fputs("</td></tr>\n<tr><th>申请人</th><td colspan=\"3\">", fp);
	put_parties(x, 1);
	fputs("</td></tr>\n<tr><th>依据</th><td colspan=\"3\">《中华人民共和国人民调解法》"
	    "第三十三条：经人民调解委员会调解达成调解协议后，双方当事人认为有必要的，"
	    "可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。"
	    "期间按《民事诉讼法》第八十五条计算。</td></tr>\n"
	    "<tr><th>确认情况</th><td colspan=\"3\" class=\"mid\">", fp);
	if (col(st, 2) != NULL)
		fputs("人民法院已裁定确认调解协议有效。", fp);
	fputs("</td></tr>\n</table>\n<div class=\"sign\"><span>经办人（签名）：</span>"
	    "<span>日期：</span></div>\n", fp);
	sheet_end(x);
	beat_stmt_free(st);
}

static void
followup(struct dossier *x, const struct doc *d)
{
	FILE *fp = x->fp;
	struct beat_stmt *st;

	st = beat_prepare(x->db, "SELECT f.at, f.note, a.perform_by FROM followup f"
	    " LEFT JOIN agreement a ON a.dispute_id = f.dispute_id WHERE f.id = ?");
	beat_bind(st, "l", d->id);
	if (!beat_step(st))
		beat_errx(BEAT_EX_SOFTWARE, "follow-up %lld vanished", d->id);
	sheet_begin(x, d, "followup");
	fputs("<p class=\"no\">卷宗编号：", fp);
	put(x, x->number);
	fputs("</p>\n<table class=\"form\">\n<tr><th>回访时间</th><td>", fp);
	put_date(x, col(st, 0), 1);
	fputs("</td><th>回访人</th><td>", fp);
	put(x, x->officer);
	fputs("</td></tr>\n<tr><th>回访对象</th><td colspan=\"3\">", fp);
	put_parties(x, 1);
	fputs("</td></tr>\n<tr><th>履行期限</th><td colspan=\"3\">", fp);
	if (col(st, 2) != NULL)
		put_date(x, col(st, 2), 0);
	fputs("</td></tr>\n<tr><th>回访情况</th><td colspan=\"3\" class=\"tall\">", fp);
	put_free(x, col(st, 1));
	fputs("</td></tr>\n</table>\n<div class=\"sign\"><span>回访人（签名）：</span>"
	    "<span>被回访人（签名）：</span></div>\n", fp);
	sheet_end(x);
	beat_stmt_free(st);
}

static void
note(struct dossier *x, const struct doc *d)
{
	FILE *fp = x->fp;

	sheet_begin(x, d, "note");
	fputs("<table class=\"form\">\n<tr><td class=\"tall\">", fp);
	fprintf(fp, "本卷共 %d 页（含封面、目录、备考表），文件 %zu 份。<br>\n",
	    total_sheets(x), x->nd);
	fputs("卷宗编号：", fp);
	put(x, x->number);
	fputs("<br>\n办理状态：", fp);
	put_outcome(x);
	fputs("<br>\n页号为打印时所编，装订后请逐页核对。</td></tr>\n</table>\n"
	    "<div class=\"sign\"><span>立卷人：", fp);
	put(x, x->officer);
	fputs("</span><span>立卷时间：", fp);
	put_date(x, x->closed, 0);
	fputs("</span><span>检查人（签名）：</span><span>检查时间：</span></div>\n", fp);
	sheet_end(x);
}

static void
dossier_free(struct dossier *x)
{
	size_t i;

	for (i = 0; i < x->np; i++) {
		free(x->p[i].role);
		free(x->p[i].name);
		free(x->p[i].idno);
		free(x->p[i].phone);
	}
	free(x->p);
	free(x->d);
	free(x->number);
	free(x->opened);
	free(x->closed);
	free(x->outcome);
	free(x->village);
	free(x->township);
	free(x->officer);
	free(x->type);
	free(x->source);
	free(x->summary);
	free(x->prevented);
	free(x->mediators);
}

void
beat_dossier_begin(FILE *fp, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<title>", fp);
	beat_html_text(fp, title);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
}

void
beat_dossier_end(FILE *fp)
{
	fputs("</body>\n</html>\n", fp);
}

void
beat_dossier_contents(struct beat_out *o, struct beat_conn *db, long long id)
{
	struct dossier x;
	char title[64], day[11];
	size_t i;

	memset(&x, 0, sizeof(x));
	x.db = db;
	x.id = id;
	load(&x);
	for (i = 0; i < x.nd; i++) {
		beat_out_str(o, x.number);
		beat_out_int(o, (long long)i + 1);
		if (x.d[i].nth > 0)
			snprintf(title, sizeof(title), "%s（第 %d 次）", titles[x.d[i].kind],
			    x.d[i].nth);
		else
			snprintf(title, sizeof(title), "%s", titles[x.d[i].kind]);
		beat_out_str(o, title);
		snprintf(day, sizeof(day), "%s", x.d[i].at);
		beat_out_str(o, day[0] != '\0' ? day : NULL);
		beat_out_int(o, x.d[i].sheet);
		beat_out_int(o, x.d[i].sheets);
		beat_out_end_row(o);
	}
	dossier_free(&x);
}

int
beat_dossier_case(FILE *fp, struct beat_conn *db, long long id, int reveal)
{
	struct dossier x;
	size_t i;
	int n;

	memset(&x, 0, sizeof(x));
	x.fp = fp;
	x.db = db;
	x.reveal = reveal;
	x.id = id;
	x.station = beat_station_name(db);
	load(&x);
	fputs("<article class=\"case\" id=\"case-", fp);
	put(&x, x.number);
	fputs("\">\n", fp);
	for (i = 0; i < x.nd; i++) {
		switch (x.d[i].kind) {
		case D_COVER: cover(&x, &x.d[i]); break;
		case D_TOC: contents(&x, &x.d[i]); break;
		case D_REG: registration(&x, &x.d[i]); break;
		case D_SESSION: session(&x, &x.d[i]); break;
		case D_HANDOFF: handoff(&x, &x.d[i]); break;
		case D_AGREEMENT: agreement(&x, &x.d[i]); break;
		case D_JUDICIAL: judicial(&x, &x.d[i]); break;
		case D_FOLLOWUP: followup(&x, &x.d[i]); break;
		case D_NOTE: note(&x, &x.d[i]); break;
		}
	}
	fputs("</article>\n", fp);
	n = total_sheets(&x);
	free(x.station);
	dossier_free(&x);
	return n;
}
