/* doc.c: documents written either as plain text for a terminal or as one HTML page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

#define WIDTH 80	/* text lines fit a terminal */
#define LABELW 34	/* label column of text key-value lines */

static const char double_rule[] =
    "======================================================================"
    "==========";
static const char rule[] =
    "----------------------------------------------------------------------"
    "----------";

/* The page prints on A4 and needs nothing from the network. */
/*
 * The page prints on A4 and needs nothing from the network.  Print keeps
 * a table or chart whole but lets a section run on, so that no sheet is
 * left with a title alone; every sheet is numbered.
 */
static const char css[] =
	"@page { size: A4; margin: 14mm 14mm 16mm;"
	" @bottom-center { content: counter(page) \" / \" counter(pages);"
	" font-size: 9pt; color: #555; } }\n"
	"body { font-family: sans-serif; font-size: 10pt; line-height: 1.35; color: #222;"
	" max-width: 182mm; margin: 1em auto; }\n"
	"h1 { font-size: 16pt; margin: 0; }\n"
	"h2 { font-size: 12pt; border-bottom: 1px solid #888; margin: 0.9em 0 0.3em; }\n"
	"table { border-collapse: collapse; margin: 0.2em 0 0.5em; }\n"
	"th, td { padding: 1px 8px; border-bottom: 1px solid #ddd; text-align: left;"
	" vertical-align: top; }\n"
	".n { text-align: right; font-variant-numeric: tabular-nums; }\n"
	"table.kv th { font-weight: normal; }\n"
	"p { margin: 0.3em 0; }\n"
	"figure { margin: 0.3em 0; }\n"
	"svg { display: block; max-width: 100%; height: auto; }\n"
	"p.sub { color: #555; margin-top: 0.2em; }\n"
	"#summary p { text-align: justify; }\n"
	".cols { display: flex; gap: 6mm; align-items: flex-start; }\n"
	".cols > * { flex: 1 1 0; min-width: 0; }\n"
	".cols > table { flex: 0 0 auto; }\n"
	"@media print { body { margin: 0; max-width: none; }"
	" figure, table, .cols { break-inside: avoid; } h2 { break-after: avoid; } }\n";

/* The display width of the UTF-8 character at p; *len gets its bytes. */
static int
char_width(char *p, int *len)
{
	char save;
	int n = 1, w;

	while ((p[n] & 0xc0) == 0x80)
		n++;
	save = p[n];
	p[n] = '\0';
	w = beat_width(p);
	p[n] = save;
	*len = n;
	return w;
}

/* s cut to w display columns; malloc'd, control characters shown escaped. */
static char *
fit(const char *s, int w)
{
	char *t = beat_sanitize(s), *p = t;
	int n;

	while (*p != '\0') {
		w -= char_width(p, &n);
		if (w < 0) {
			*p = '\0';
			break;
		}
		p += n;
	}
	return t;
}

enum { LEFT, RIGHT, LAST };	/* LAST: left-aligned, nothing after it */

/* Text cut or padded to w columns (CJK counted as two). */
static void
cell(FILE *fp, const char *s, int w, int align)
{
	char *t = fit(s, w);
	int pad = w - beat_width(t);

	if (align == RIGHT)
		fprintf(fp, "%*s%s", pad, "", t);
	else if (align == LEFT)
		fprintf(fp, "%s%*s", t, pad, "");
	else
		fputs(t, fp);
	free(t);
}

/*
 * A note in lines of at most w columns, indented by two: broken at the
 * last space that fits, or between two characters where none does near
 * the end of the line (a Chinese sentence has no spaces).
 */
static void
wrap(FILE *fp, const char *s, int w)
{
	char *t = beat_sanitize(s), *p = t, *start = t, *space = NULL;
	int used = 0, at = 0, n;

	while (*p != '\0') {
		used += char_width(p, &n);
		if (*p == ' ')
			space = p, at = used;
		if (used > w && p > start) {
			/* Chinese breaks anywhere: a space far back would waste the line. */
			if (space != NULL && space > start && used - at < w / 4)
				p = space;
			fprintf(fp, "  %.*s\n", (int)(p - start), start);
			while (*p == ' ')
				p++;
			start = p;
			space = NULL;
			used = 0;
			continue;
		}
		p += n;
	}
	fprintf(fp, "  %s\n", start);
	free(t);
}

void
beat_doc_begin(struct beat_doc *d, const char *title, const char *sub)
{
	char *head;

	if (!d->html) {
		/* TRANSLATORS: a text report's title, then its period in brackets. */
		head = beat_xasprintf(_("%s (%s)"), title, sub);
		fprintf(d->fp, "%s\n%.*s\n", head, beat_width(head), double_rule);
		free(head);
		return;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>", d->fp);
	beat_html_text(d->fp, title);
	fprintf(d->fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
	beat_html_text(d->fp, title);
	fputs("</h1>\n<p class=\"sub\">", d->fp);
	beat_html_text(d->fp, sub);
	fputs("</p>\n", d->fp);
}

void
beat_doc_end(struct beat_doc *d)
{
	if (d->html)
		fputs("</body>\n</html>\n", d->fp);
}

void
beat_doc_section(struct beat_doc *d, const char *id, const char *title)
{
	if (d->html) {
		fputs("<section id=\"", d->fp);
		beat_html_text(d->fp, id);
		fputs("\">\n<h2>", d->fp);
		beat_html_text(d->fp, title);
		fputs("</h2>\n", d->fp);
	} else {
		fprintf(d->fp, "\n%s\n%.*s\n", title, beat_width(title), rule);
	}
}

void
beat_doc_section_end(struct beat_doc *d)
{
	if (d->html)
		fputs("</section>\n", d->fp);
}

void
beat_doc_note(struct beat_doc *d, const char *s)
{
	if (d->html) {
		fputs("<p>", d->fp);
		beat_html_text(d->fp, s);
		fputs("</p>\n", d->fp);
	} else
		wrap(d->fp, s, WIDTH - 2);
}

void
beat_doc_gap(struct beat_doc *d)
{
	if (!d->html)
		fputs("\n", d->fp);
}

void
beat_doc_pair_begin(struct beat_doc *d)
{
	if (d->html)
		fputs("<div class=\"cols\">\n", d->fp);
}

void
beat_doc_pair_end(struct beat_doc *d)
{
	if (d->html)
		fputs("</div>\n", d->fp);
}

void
beat_doc_kv_begin(struct beat_doc *d)
{
	if (d->html)
		fputs("<table class=\"kv\">\n", d->fp);
}

void
beat_doc_kv_end(struct beat_doc *d)
{
	if (d->html)
		fputs("</table>\n", d->fp);
}

void
beat_doc_kv(struct beat_doc *d, const char *label, const char *value, const char *remark)
{
	if (d->html) {
		fputs("<tr><th>", d->fp);
		beat_html_text(d->fp, label);
		fputs("</th><td class=\"n\">", d->fp);
		beat_html_text(d->fp, value);
		fputs("</td><td>", d->fp);
		beat_html_text(d->fp, remark ? remark : "");
		fputs("</td></tr>\n", d->fp);
		return;
	}
	fputs("  ", d->fp);
	cell(d->fp, label, LABELW, LEFT);
	cell(d->fp, value, 10, RIGHT);
	if (remark && *remark) {
		fputs("  ", d->fp);
		cell(d->fp, remark, WIDTH - LABELW - 14, LAST);
	}
	fputs("\n", d->fp);
}

void
beat_doc_kv_num(struct beat_doc *d, const char *label, long long v, const char *remark)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	beat_doc_kv(d, label, buf, remark);
}

void
beat_doc_kv_share(struct beat_doc *d, const char *label, long long part, long long whole)
{
	char value[64], pct[32];

	snprintf(value, sizeof(value), "%lld/%lld", part, whole);
	if (whole > 0) {
		beat_fixed(100.0 * (double)part / (double)whole, 1, pct);
		strcat(pct, "%");
	} else {
		pct[0] = '\0';
	}
	beat_doc_kv(d, label, value, pct);
}

static void
row(struct beat_doc *d, const struct beat_doc_table *t, const char *const *cells, int head)
{
	int i, n;

	if (d->html) {
		fputs("<tr>", d->fp);
		for (i = 0; i < t->n; i++) {
			fprintf(d->fp, "<%s%s>", head ? "th" : "td",
			    t->w[i] > 0 ? " class=\"n\"" : "");
			beat_html_text(d->fp, cells[i]);
			fprintf(d->fp, "</%s>", head ? "th" : "td");
		}
		fputs("</tr>\n", d->fp);
		return;
	}
	/* Empty cells at the end would leave blanks at the end of the line. */
	for (n = t->n; n > 1 && *cells[n - 1] == '\0'; n--)
		;
	fputs("  ", d->fp);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputs(" ", d->fp);
		cell(d->fp, cells[i], t->w[i] < 0 ? -t->w[i] : t->w[i],
		    t->w[i] > 0 ? RIGHT : i == n - 1 ? LAST : LEFT);
	}
	fputs("\n", d->fp);
}

void
beat_doc_table_begin(struct beat_doc *d, const struct beat_doc_table *t, const char *const *head)
{
	if (d->html)
		fputs("<table>\n", d->fp);
	row(d, t, head, 1);
}

void
beat_doc_row(struct beat_doc *d, const struct beat_doc_table *t, const char *const *cells)
{
	row(d, t, cells, 0);
}

void
beat_doc_table_end(struct beat_doc *d)
{
	if (d->html)
		fputs("</table>\n", d->fp);
}
