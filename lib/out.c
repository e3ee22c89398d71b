/* out.c: rows out as an aligned table, TSV, CSV or JSON (SPEC 2.1). */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <utf8proc.h>

#include "beat.h"

enum kind { K_TEXT, K_NUM, K_NULL };

struct cell {
	char *s;		/* sanitised; NULL for an empty cell */
	int w;			/* display width of s */
	int right;		/* numbers line up on the right */
};

struct beat_out {
	FILE *fp;
	enum beat_format fmt;
	const char *const *cols;	/* the caller's; must outlive o */
	size_t ncols;
	size_t col;		/* next column of the current row */
	size_t rows;
	struct cell *cells;	/* table: header and rows, row after row */
	size_t ncells, cap;
	int *colw;		/* table: widest cell of each column */
	struct beat_conn *db;		/* table: where labels of codes are read */
	const char **sets;	/* table: the code set of each column, or NULL */
};

/*
 * The column names of every command, for the table format's headers under
 * a translated locale; tsv, csv and json keep the names, which scripts
 * read.  The context keeps a header apart from the same English word in a
 * message.  Written as pgettext(), a call xgettext knows by default, but
 * here only the msgid gettext looks up: context, EOT, name.  A column not
 * listed keeps its name.
 */
#define pgettext(ctx, s)	ctx "\004" s
static const char *const headers[] = {
	pgettext("column", "case"), pgettext("column", "opened"),
	pgettext("column", "village"), pgettext("column", "type"),
	pgettext("column", "level"), pgettext("column", "status"),
	pgettext("column", "officer"), pgettext("column", "failed"),
	pgettext("column", "due"), pgettext("column", "deadline"),
	pgettext("column", "summary"), pgettext("column", "field"),
	pgettext("column", "value"), pgettext("column", "role"),
	pgettext("column", "name"), pgettext("column", "idno"),
	pgettext("column", "phone"), pgettext("column", "at"),
	pgettext("column", "event"), pgettext("column", "detail"),
	pgettext("column", "done"), pgettext("column", "state"),
	pgettext("column", "year"), pgettext("column", "count"),
	pgettext("column", "months"), pgettext("column", "monthly_avg"),
	pgettext("column", "measure"), pgettext("column", "current"),
	pgettext("column", "previous"), pgettext("column", "change"),
	pgettext("column", "pct_change"), pgettext("column", "z"),
	pgettext("column", "month"), pgettext("column", "week"),
	pgettext("column", "day"), pgettext("column", "hour"),
	pgettext("column", "weekday"), pgettext("column", "category"),
	pgettext("column", "kind"), pgettext("column", "what"),
	pgettext("column", "last_seen"), pgettext("column", "place"),
	pgettext("column", "address"), pgettext("column", "ledger"),
	pgettext("column", "last_check"), pgettext("column", "found"),
	pgettext("column", "hazard"), pgettext("column", "fix_by"),
	pgettext("column", "code"), pgettext("column", "seen_at"),
	pgettext("column", "total"), pgettext("column", "online"),
	pgettext("column", "offline"), pgettext("column", "rate"),
	pgettext("column", "reason"), pgettext("column", "villages"),
	pgettext("column", "open"), pgettext("column", "overdue"),
	pgettext("column", "due_soon"), pgettext("column", "sessions"),
	pgettext("column", "badge"), pgettext("column", "township"),
	pgettext("column", "team"), pgettext("column", "leader"),
	pgettext("column", "leader_badge"), pgettext("column", "auxiliary"),
	pgettext("column", "auxiliary_badge"), pgettext("column", "route"),
	pgettext("column", "seq"), pgettext("column", "checkpoint"),
	pgettext("column", "outcome"), pgettext("column", "closed"),
	pgettext("column", "channel"), pgettext("column", "source"),
	pgettext("column", "claimed"), pgettext("column", "cross_region"),
	pgettext("column", "violence_risk"), pgettext("column", "complex"),
	pgettext("column", "crowd"), pgettext("column", "extended_to"),
	pgettext("column", "recovered"), pgettext("column", "consult"),
	pgettext("column", "mass_risk"), pgettext("column", "period"),
	pgettext("column", "section"), pgettext("column", "figure"),
	pgettext("column", "document"), pgettext("column", "date"),
	pgettext("column", "sheet"), pgettext("column", "sheets"), NULL,
};

/*
 * Length of the well-formed UTF-8 sequence at p, its code point in *cp;
 * 0 when p does not start one.  Overlong forms and surrogates count as
 * bad, so they cannot slip a control character past the escaping.
 */
static int
utf8_len(const unsigned char *p, unsigned *cp)
{
	unsigned c = p[0], min;
	int i, n;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2, c &= 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, c &= 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, c &= 0x07, min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		/* A NUL fails here too, so we never read past the end. */
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* C0, DEL and C1: the characters a terminal may act on. */
static int
is_control(unsigned c)
{
	return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

/*
 * Widths are libutf8proc's, from the Unicode data it was built with:
 * East Asian Wide and Fullwidth characters two columns, combining marks
 * and zero-width characters none.  East Asian Ambiguous characters (the
 * middle dot, curly quotes, the ellipsis) count one, as glibc's wcwidth
 * counts them in zh_CN.UTF-8 and as terminals show them unless told to
 * widen them.  We do not ask wcwidth(3) itself: it depends on the
 * locale, and cron runs in "C".  A byte that is not UTF-8 counts one.
 */
int
beat_char_width(const char *s, int *len)
{
	unsigned c;

	if ((*len = utf8_len((const unsigned char *)s, &c)) == 0) {
		*len = 1;
		return 1;
	}
	if (is_control(c))
		return 0;
	return utf8proc_charwidth((utf8proc_int32_t)c);
}

int
beat_width(const char *s)
{
	int n, w = 0;

	while (*s != '\0') {
		w += beat_char_width(s, &n);
		s += n;
	}
	return w;
}

/*
 * Bidirectional overrides and isolates reorder what a terminal shows
 * (a name could make the row beside it read backwards), and the Unicode
 * line and paragraph separators break lines: shown as \uXXXX.
 */
static int
is_format_control(unsigned c)
{
	return c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

char *
beat_sanitize(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *buf, *q;
	unsigned c;
	int n;

	if (s == NULL)
		return beat_xstrdup("");
	/* The worst case, "\xHH" for every byte. */
	q = buf = beat_xmalloc(strlen(s) * 4 + 1);
	while (*p != '\0') {
		n = utf8_len(p, &c);
		if (n > 0 && is_format_control(c)) {
			q += sprintf(q, "\\u%04x", c);	/* 6 bytes for 3 */
			p += n;
			continue;
		}
		if (n > 0 && !is_control(c)) {
			memcpy(q, p, n);
			q += n;
			p += n;
			continue;
		}
		if (n == 0) {
			c = *p;
			n = 1;
		}
		p += n;
		if (c == '\n')
			q = stpcpy(q, "\\n");
		else if (c == '\t')
			q = stpcpy(q, "\\t");
		else if (c == '\r')
			q = stpcpy(q, "\\r");
		else
			q += sprintf(q, "\\x%02x", c);
	}
	*q = '\0';
	return buf;
}

void
beat_json_str(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c;
	int n;

	if (s == NULL) {
		fputs("null", fp);
		return;
	}
	putc('"', fp);
	for (; *p != '\0'; p += n) {
		if ((n = utf8_len(p, &c)) == 0) {
			fputs("\xef\xbf\xbd", fp);	/* U+FFFD */
			n = 1;
		} else if (c == '"' || c == '\\') {
			putc('\\', fp);
			putc(c, fp);
		} else if (c == '\n')
			fputs("\\n", fp);
		else if (c == '\t')
			fputs("\\t", fp);
		else if (c == '\r')
			fputs("\\r", fp);
		else if (is_control(c))
			fprintf(fp, "\\u%04x", c);
		else
			fwrite(p, 1, n, fp);
	}
	putc('"', fp);
}

/*
 * Whether JSON takes s as a number: "inf" (SQLite stores infinities),
 * ".5" and "1." it does not; those go out as strings instead.
 */
static int
json_number(const char *s)
{
#define DIGIT(c) ((unsigned)((c) - '0') < 10)
	if (*s == '-')
		s++;
	if (!DIGIT(*s))
		return 0;
	if (*s++ != '0')
		while (DIGIT(*s))
			s++;
	if (*s == '.') {
		if (!DIGIT(s[1]))
			return 0;
		for (s++; DIGIT(*s); s++)
			;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!DIGIT(*s))
			return 0;
		while (DIGIT(*s))
			s++;
	}
	return *s == '\0';
#undef DIGIT
}

static void
tsv_text(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\t')
			fputs("\\t", fp);
		else if (*s == '\n')
			fputs("\\n", fp);
		else if (*s == '\r')
			fputs("\\r", fp);
		else if (*s == '\\')
			fputs("\\\\", fp);
		else
			putc(*s, fp);
	}
}

/*
 * A spreadsheet runs a cell starting with = + - @ (or tab, CR) as a
 * formula; a leading ' makes it plain text.  Numbers never come here
 * (beat_out_int/num/fen write them bare), so -5 stays -5.  --raw leaves
 * cells as stored, for a pipeline that is not a spreadsheet.
 */
void
beat_csv_cell(FILE *fp, const char *s, int formulas)
{
	size_t len = strlen(s);
	int quote, inert;

	inert = formulas && *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
	quote = strpbrk(s, ",\"\r\n") != NULL ||
	    (len > 0 && (s[0] == ' ' || s[len - 1] == ' '));
	if (quote)
		putc('"', fp);
	if (inert)
		putc('\'', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', fp);
		putc(*s, fp);
	}
	if (quote)
		putc('"', fp);
}

static void
table_put(struct beat_out *o, enum kind k, const char *s)
{
	struct cell *c;

	if (o->ncells == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->cells = beat_xrealloc(o->cells, o->cap * sizeof *o->cells);
	}
	c = &o->cells[o->ncells++];
	c->s = k == K_NULL ? NULL : beat_sanitize(s);
	c->w = c->s ? beat_width(c->s) : 0;
	c->right = k == K_NUM;
	if (c->w > o->colw[o->col])
		o->colw[o->col] = c->w;
}

/* The terminal's width: $COLUMNS as POSIX has it, else the tty's; 0 unknown. */
static int
term_width(FILE *fp)
{
	struct winsize ws;
	const char *e = getenv("COLUMNS");
	char *end;
	long n;

	if (e != NULL && *e != '\0') {
		n = strtol(e, &end, 10);
		if (*end == '\0' && n > 0 && n <= 100000)
			return (int)n;
	}
	if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

/*
 * Cuts a cell to at most w columns, the last of them an ellipsis.  A wide
 * character that would straddle the edge goes whole, so the cell may end
 * a column short; marks that combine with the last character kept stay.
 */
static void
cut_cell(struct cell *c, int w)
{
	const char *p;
	char *t;
	int n, cw, used = 0;

	if (c->s == NULL || c->w <= w)
		return;
	for (p = c->s; *p != '\0'; p += n) {
		cw = beat_char_width(p, &n);
		if (used + cw > w - 1)
			break;
		used += cw;
	}
	t = beat_xasprintf("%.*s\xe2\x80\xa6", (int)(p - c->s), c->s);	/* U+2026 */
	free(c->s);
	c->s = t;
	c->w = used + 1;
}

/* Narrowest a column is cut to, though the row still wraps. */
#define CUT_MIN 8

/*
 * On a terminal the last text column is cut so that rows fit its width
 * and do not wrap: a summary runs long, the columns before it are short.
 * --wide, another format, a pipe or a file get every cell whole.
 */
static void
table_cut(struct beat_out *o)
{
	size_t i, col, first = beat_opt.no_header ? 0 : o->ncols;
	int width, total, keep;
	char *num;

	if (beat_opt.wide || !isatty(fileno(o->fp)) || (width = term_width(o->fp)) == 0)
		return;
	total = 2 * (int)(o->ncols - 1);
	for (col = 0; col < o->ncols; col++)
		total += o->colw[col];
	if (total <= width)
		return;
	/* A text column is one no row fills with a number. */
	num = beat_xmalloc(o->ncols);
	memset(num, 0, o->ncols);
	for (i = first; i < o->ncells; i++)
		if (o->cells[i].right)
			num[i % o->ncols] = 1;
	for (col = o->ncols; col > 0 && num[col - 1]; col--)
		;
	free(num);
	if (col-- == 0)
		return;
	keep = o->colw[col] - (total - width);
	if (keep < CUT_MIN)
		keep = CUT_MIN;
	if (keep >= o->colw[col])
		return;
	o->colw[col] = 0;
	for (i = col; i < o->ncells; i += o->ncols) {
		cut_cell(&o->cells[i], keep);
		if (o->cells[i].w > o->colw[col])
			o->colw[col] = o->cells[i].w;
	}
}

/*
 * Padding is held back until something follows it, so that lines end
 * without blanks whatever the last cells hold.
 */
static void
table_flush(struct beat_out *o)
{
	struct cell *c;
	size_t i, col;
	int pad = 0;

	table_cut(o);
	for (i = 0; i < o->ncells; i++) {
		c = &o->cells[i];
		col = i % o->ncols;
		if (col > 0)
			pad += 2;
		if (c->right)
			pad += o->colw[col] - c->w;
		if (c->s != NULL && *c->s != '\0') {
			fprintf(o->fp, "%*s%s", pad, "", c->s);
			pad = 0;
		}
		if (!c->right)
			pad += o->colw[col] - c->w;
		if (col == o->ncols - 1) {
			putc('\n', o->fp);
			pad = 0;
		}
		free(c->s);
	}
}

static void
put(struct beat_out *o, enum kind k, const char *s)
{
	if (o->col >= o->ncols)
		beat_errx(BEAT_EX_SOFTWARE, _("output row longer than its %zu columns"),
		    o->ncols);
	if (o->sets != NULL && o->sets[o->col] != NULL && k == K_TEXT)
		s = beat_code_label(o->db, o->sets[o->col], s);
	switch (o->fmt) {
	case BEAT_FMT_TABLE:
		table_put(o, k, s);
		break;
	case BEAT_FMT_CSV:
		if (o->col > 0)
			putc(',', o->fp);
		if (k == K_TEXT)
			beat_csv_cell(o->fp, s, !beat_opt.raw);
		else if (k == K_NUM)
			fputs(s, o->fp);
		break;
	case BEAT_FMT_JSON:
		if (o->col == 0)
			fputs(o->rows == 0 ? "\n{" : ",\n{", o->fp);
		else
			putc(',', o->fp);
		beat_json_str(o->fp, o->cols[o->col]);
		putc(':', o->fp);
		if (k == K_NUM && json_number(s))
			fputs(s, o->fp);
		else
			beat_json_str(o->fp, k == K_NULL ? NULL : s);
		break;
	default:
		if (o->col > 0)
			putc('\t', o->fp);
		if (k != K_NULL)
			tsv_text(o->fp, s);
		break;
	}
	o->col++;
}

/* Whether the catalogue speaks the user's language: the headers tell. */
static int
translated(void)
{
	return gettext(headers[0]) != headers[0];
}

static const char *
header(const char *col)
{
	static const char ctx[] = "column\004";
	size_t i;

	for (i = 0; headers[i] != NULL; i++)
		if (strcmp(headers[i] + sizeof(ctx) - 1, col) == 0) {
			const char *t = gettext(headers[i]);

			return t == headers[i] ? col : t;
		}
	return col;
}

struct beat_out *
beat_out_new(FILE *fp, const char *const *cols)
{
	struct beat_out *o;
	size_t i;

	o = beat_xmalloc(sizeof *o);
	memset(o, 0, sizeof *o);
	o->fp = fp;
	o->cols = cols;
	while (cols[o->ncols] != NULL)
		o->ncols++;
	if (o->ncols == 0)
		beat_errx(BEAT_EX_SOFTWARE, _("output without columns"));
	o->fmt = beat_opt.format;
	if (o->fmt == BEAT_FMT_DEFAULT)
		o->fmt = isatty(fileno(fp)) ? BEAT_FMT_TABLE : BEAT_FMT_TSV;

	switch (o->fmt) {
	case BEAT_FMT_TABLE:
		o->colw = beat_xmalloc(o->ncols * sizeof *o->colw);
		memset(o->colw, 0, o->ncols * sizeof *o->colw);
		break;
	case BEAT_FMT_CSV:
		if (beat_opt.bom)
			fputs("\xef\xbb\xbf", fp);
		break;
	case BEAT_FMT_JSON:
		putc('[', fp);
		return o;
	default:
		break;
	}
	if (beat_opt.no_header)
		return o;
	for (i = 0; i < o->ncols; i++)
		put(o, K_TEXT, o->fmt == BEAT_FMT_TABLE ? header(cols[i]) : cols[i]);
	o->col = 0;
	/* RFC 4180 ends records with CRLF; spreadsheets expect it too. */
	if (o->fmt == BEAT_FMT_CSV)
		fputs("\r\n", fp);
	else if (o->fmt == BEAT_FMT_TSV)
		putc('\n', fp);
	return o;
}

void
beat_out_str(struct beat_out *o, const char *s)
{
	put(o, s == NULL ? K_NULL : K_TEXT, s);
}

void
beat_out_int(struct beat_out *o, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	put(o, K_NUM, buf);
}

void
beat_out_num(struct beat_out *o, const char *num)
{
	put(o, num == NULL ? K_NULL : K_NUM, num);
}

/* Our own formatting, the same as beat_money_text, so out.c stands alone. */
void
beat_out_fen(struct beat_out *o, long long fen)
{
	unsigned long long m;
	char buf[32];

	m = fen < 0 ? -(unsigned long long)fen : (unsigned long long)fen;
	snprintf(buf, sizeof buf, "%s%llu.%02llu", fen < 0 ? "-" : "",
	    m / 100, m % 100);
	put(o, K_NUM, buf);
}

void
beat_out_null(struct beat_out *o)
{
	put(o, K_NULL, NULL);
}

void
beat_out_stmt(struct beat_out *o, struct beat_stmt *st)
{
	char buf[32];
	int i, n;

	n = beat_stmt_columns(st);
	for (i = 0; i < n; i++) {
		switch (beat_stmt_type(st, i)) {
		case BEAT_COL_INT:
			beat_out_int(o, beat_stmt_int(st, i));
			break;
		case BEAT_COL_REAL:
			/* 15 digits: all a double holds, without 0.1's noise. */
			snprintf(buf, sizeof buf, "%.15g", beat_stmt_real(st, i));
			beat_out_num(o, buf);
			break;
		case BEAT_COL_NULL:
			beat_out_null(o);
			break;
		default:
			beat_out_str(o, beat_stmt_text(st, i));
			break;
		}
	}
}

void
beat_out_codes(struct beat_out *o, struct beat_conn *db, const char *col, const char *set)
{
	size_t i;

	if (o->fmt != BEAT_FMT_TABLE || !translated())
		return;
	for (i = 0; i < o->ncols && strcmp(o->cols[i], col) != 0; i++)
		;
	if (i == o->ncols)
		beat_errx(BEAT_EX_SOFTWARE, "beat_out_codes: no column '%s'", col);
	if (o->sets == NULL) {
		o->sets = beat_xmalloc(o->ncols * sizeof(*o->sets));
		memset(o->sets, 0, o->ncols * sizeof(*o->sets));
	}
	o->db = db;
	o->sets[i] = set;
}

int
beat_out_people(FILE *fp)
{
	enum beat_format f = beat_opt.format;

	if (f == BEAT_FMT_DEFAULT)
		f = isatty(fileno(fp)) ? BEAT_FMT_TABLE : BEAT_FMT_TSV;
	return f == BEAT_FMT_TABLE && translated();
}

const char *
beat_out_name(const struct beat_out *o, const char *name)
{
	return o->fmt == BEAT_FMT_TABLE ? header(name) : name;
}

const char *
beat_out_label(const struct beat_out *o, struct beat_conn *db, const char *set, const char *code)
{
	if (o->fmt != BEAT_FMT_TABLE || !translated())
		return code;
	return beat_code_label(db, set, code);
}

size_t
beat_out_query(FILE *fp, const char *const *cols, struct beat_stmt *st)
{
	return beat_out_rows(beat_out_new(fp, cols), st);
}

size_t
beat_out_rows(struct beat_out *o, struct beat_stmt *st)
{
	while (beat_step(st)) {
		beat_out_stmt(o, st);
		beat_out_end_row(o);
	}
	beat_stmt_free(st);
	return beat_out_finish(o);
}

void
beat_out_end_row(struct beat_out *o)
{
	if (o->col != o->ncols)
		beat_errx(BEAT_EX_SOFTWARE, _("output row has %zu of %zu columns"),
		    o->col, o->ncols);
	if (o->fmt == BEAT_FMT_CSV)
		fputs("\r\n", o->fp);
	else if (o->fmt == BEAT_FMT_JSON)
		putc('}', o->fp);
	else if (o->fmt != BEAT_FMT_TABLE)
		putc('\n', o->fp);
	o->col = 0;
	o->rows++;
}

size_t
beat_out_finish(struct beat_out *o)
{
	size_t rows = o->rows;

	if (o->col != 0)
		beat_errx(BEAT_EX_SOFTWARE, _("output row left unfinished"));
	if (o->fmt == BEAT_FMT_TABLE)
		table_flush(o);
	else if (o->fmt == BEAT_FMT_JSON)
		fputs(rows == 0 ? "]\n" : "\n]\n", o->fp);
	free(o->cells);
	free(o->colw);
	free(o->sets);
	free(o);
	return rows;
}
