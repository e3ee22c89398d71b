/* svg.c: small inline SVG charts for the HTML report, and HTML escaping. */
#include <stdio.h>
#include <string.h>

#include "beat.h"

#define FONT "font-family=\"sans-serif\" font-size=\"11\""

static const char *const colours[] = { "#1f4e79", "#b0b0b0", "#c0504d", "#4f8a3c" };

/*
 * The length of the UTF-8 sequence at p if it is a C1 control character
 * (*cp 0) or a bidirectional or line-breaking format character (*cp its
 * code point), else 0: what beat_sanitize escapes in a terminal.  An
 * override reverses the rest of its cell in a browser too.
 */
static int
hidden(const unsigned char *p, unsigned *cp)
{
	*cp = 0;
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
		return 2;
	if (p[0] == 0xd8 && p[1] == 0x9c) {
		*cp = 0x061c;
		return 2;
	}
	if (p[0] != 0xe2 || (p[1] != 0x80 && p[1] != 0x81) || p[2] < 0x80 || p[2] > 0xbf)
		return 0;
	*cp = 0x2000 | (unsigned)(p[1] & 0x3f) << 6 | (unsigned)(p[2] & 0x3f);
	if (*cp == 0x200e || *cp == 0x200f || (*cp >= 0x2028 && *cp <= 0x202e) ||
	    (*cp >= 0x2066 && *cp <= 0x2069))
		return 3;
	*cp = 0;
	return 0;
}

void
beat_html_text(FILE *fp, const char *s)
{
	const unsigned char *p;
	unsigned cp;
	int n;

	for (p = (const unsigned char *)s; p != NULL && *p != '\0'; p++) {
		if ((n = hidden(p, &cp)) > 0) {
			/* Shown, as the text report shows it, but inert. */
			if (cp != 0)
				fprintf(fp, "\\u%04x", cp);
			else
				fputc(' ', fp);
			p += n - 1;
			continue;
		}
		switch (*p) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			/* A record's text must not break the page's layout. */
			if (*p < 0x20 || *p == 0x7f)
				fputc(' ', fp);
			else
				fputc(*p, fp);
		}
	}
}

/* A round step for about five grid lines up to max. */
static long long
grid_step(long long max)
{
	long long step = 1;

	for (;;) {
		if (max <= step * 5)
			return step;
		if (max <= step * 2 * 5)
			return step * 2;
		if (max <= step * 5 * 5)
			return step * 5;
		step *= 10;
	}
}

static void
text_at(FILE *fp, int x, int y, const char *anchor, const char *s)
{
	fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">", x, y, anchor);
	beat_html_text(fp, s);
	fputs("</text>\n", fp);
}

/*
 * The value axis of a chart of values up to max: about five horizontal
 * lines at round steps, each labelled; the chart's height ph stands for
 * the top value, which is returned.
 */
static long long
value_grid(FILE *fp, long long max, int l, int pw, int top_y, int ph)
{
	long long step = grid_step(max > 0 ? max : 1), top, v;
	char num[32];
	int y;

	top = (max + step - 1) / step * step;
	if (top == 0)
		top = step;
	for (v = 0; v <= top; v += step) {
		y = top_y + ph - (int)(v * ph / top);
		fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n",
		    l, y, l + pw, y, v == 0 ? "#333" : "#e0e0e0");
		snprintf(num, sizeof(num), "%lld", v);
		text_at(fp, l - 6, y + 4, "end", num);
	}
	return top;
}

/* Inline in HTML5, an svg element needs no namespace declaration (no URL). */
static void
svg_open(FILE *fp, int w, int h, const char *title)
{
	fprintf(fp, "<svg width=\"%d\" height=\"%d\""
	    " viewBox=\"0 0 %d %d\" role=\"img\" " FONT ">\n<title>", w, h, w, h);
	beat_html_text(fp, title);
	fputs("</title>\n", fp);
}

void
beat_svg_lines(FILE *fp, const char *title, const char *xlabel, const char *ylabel,
    const char *const *xlabels, size_t n, const struct beat_svg_series *s, size_t ns)
{
	enum { W = 680, H = 300, L = 56, R = 16, TOP = 40, B = 64 };
	const int pw = W - L - R, ph = H - TOP - B;
	long long max = 0, top;
	const char *sep;
	size_t i, k;
	int x;

	for (k = 0; k < ns; k++)
		for (i = 0; i < n; i++)
			if (s[k].v[i] > max)
				max = s[k].v[i];
	svg_open(fp, W, H, title);
	top = value_grid(fp, max, L, pw, TOP, ph);
	for (i = 0; i < n; i++) {
		x = L + (n > 1 ? (int)(i * pw / (n - 1)) : pw / 2);
		if ((n - 1 - i) % 3 != 0)
			continue;
		fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
		    x, TOP + ph, x, TOP + ph + 4);
		fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\""
		    " transform=\"rotate(-45 %d %d)\">", x + 4, TOP + ph + 16, x + 4, TOP + ph + 16);
		beat_html_text(fp, xlabels[i]);
		fputs("</text>\n", fp);
	}
	text_at(fp, L + pw / 2, H - 4, "middle", xlabel);
	fprintf(fp, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\""
	    " transform=\"rotate(-90 14 %d)\">", TOP + ph / 2, TOP + ph / 2);
	beat_html_text(fp, ylabel);
	fputs("</text>\n", fp);
	/* Drawn last first, so the main series lies on top. */
	for (k = ns; k-- > 0;) {
		fprintf(fp, "<polyline class=\"series%zu\" fill=\"none\" stroke=\"%s\""
		    " stroke-width=\"2\"%s points=\"", k, colours[k % 4],
		    s[k].dashed ? " stroke-dasharray=\"6 4\"" : "");
		for (i = 0, sep = ""; i < n; i++) {
			if (s[k].v[i] < 0)
				continue;
			fprintf(fp, "%s%d,%d", sep, L + (n > 1 ? (int)(i * pw / (n - 1)) : pw / 2),
			    TOP + ph - (int)(s[k].v[i] * ph / top));
			sep = " ";
		}
		fputs("\"/>\n", fp);
	}
	for (i = 0; ns > 0 && i < n; i++) {
		if (s[0].v[i] < 0)
			continue;
		fprintf(fp, "<circle cx=\"%d\" cy=\"%d\" r=\"2.5\" fill=\"%s\"/>\n",
		    L + (n > 1 ? (int)(i * pw / (n - 1)) : pw / 2),
		    TOP + ph - (int)(s[0].v[i] * ph / top), colours[0]);
	}
	for (k = 0; k < ns; k++) {
		x = L + (int)k * 220;
		fprintf(fp, "<line x1=\"%d\" y1=\"16\" x2=\"%d\" y2=\"16\" stroke=\"%s\""
		    " stroke-width=\"2\"%s/>\n", x, x + 28, colours[k % 4],
		    s[k].dashed ? " stroke-dasharray=\"6 4\"" : "");
		text_at(fp, x + 34, 20, "start", s[k].name);
	}
	fputs("</svg>\n", fp);
}

void
beat_svg_bars(FILE *fp, const char *title, const char *const *labels,
    const long long *v, size_t n)
{
	enum { W = 400, L = 100, BARW = 250, ROW = 22, TOP = 8 };
	long long max = 1;
	size_t i;
	char num[32];
	int y, w;

	for (i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	svg_open(fp, W, TOP * 2 + (int)n * ROW, title);
	for (i = 0; i < n; i++) {
		y = TOP + (int)i * ROW;
		w = (int)(v[i] * BARW / max);
		text_at(fp, L - 8, y + 16, "end", labels[i]);
		fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
		    L, y + 4, w, ROW - 8, colours[0]);
		snprintf(num, sizeof(num), "%lld", v[i]);
		text_at(fp, L + w + 6, y + 16, "start", num);
	}
	fputs("</svg>\n", fp);
}

void
beat_svg_columns(FILE *fp, const char *title, const char *xlabel, const char *ylabel,
    const char *const *labels, const long long *v, size_t n, int unit)
{
	enum { W = 680, H = 220, L = 56, R = 16, TOP = 12, B = 56 };
	const int pw = W - L - R, ph = H - TOP - B;
	long long max = 0, top;
	int x, cw, h;
	size_t i;

	if (unit < 1)
		unit = 1;
	for (i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	svg_open(fp, W, H, title);
	/* The grid in whole axis units. */
	top = value_grid(fp, (max + unit - 1) / unit, L, pw, TOP, ph);
	cw = n > 0 ? pw / (int)n : pw;
	for (i = 0; i < n; i++) {
		x = L + (int)i * cw;
		h = (int)(v[i] * ph / (top * unit));
		if (h > 0)
			fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
			    x + 2, TOP + ph - h, cw - 4, h, colours[0]);
		if (i % 3 == 0)
			text_at(fp, x + cw / 2, TOP + ph + 16, "middle", labels[i]);
	}
	text_at(fp, L + pw / 2, H - 8, "middle", xlabel);
	fprintf(fp, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\""
	    " transform=\"rotate(-90 14 %d)\">", TOP + ph / 2, TOP + ph / 2);
	beat_html_text(fp, ylabel);
	fputs("</text>\n", fp);
	fputs("</svg>\n", fp);
}
