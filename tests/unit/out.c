/* out.c: exact bytes of every output format, printed as TAP. */
#include <stdlib.h>
#include <string.h>

#include "beat.h"
#include "drv-impl.h"
#include "tap.h"

static char *buf;
static size_t len;
static FILE *mem;
static size_t nrows;

/* Shows bytes as C escapes, so a failing diff is readable. */
static void
diag(const char *what, const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	printf("# %s: \"", what);
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == '\n')
			printf("\\n");
		else if (c == '\\' || c == '"')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	printf("\"\n");
}

static void
is_bytes(const char *got, size_t glen, const char *want, const char *name)
{
	size_t wlen = strlen(want);
	int same = glen == wlen && memcmp(got, want, wlen) == 0;

	ok(same, name);
	if (!same) {
		diag("got ", got, glen);
		diag("want", want, wlen);
	}
}

static struct beat_out *
start(enum beat_format fmt, int no_header, int bom, const char *const *cols)
{
	beat_opt.format = fmt;
	beat_opt.no_header = no_header;
	beat_opt.bom = bom;
	if ((mem = open_memstream(&buf, &len)) == NULL)
		abort();
	return beat_out_new(mem, cols);
}

/* Finishes o and compares everything it wrote with want. */
static void
expect(struct beat_out *o, const char *want, const char *name)
{
	nrows = beat_out_finish(o);
	fclose(mem);
	is_bytes(buf, len, want, name);
	free(buf);
}

static void
is_freed(char *got, const char *want, const char *name)
{
	is_bytes(got, strlen(got), want, name);
	free(got);
}

static const char *const name_n[] = { "name", "n", NULL };
static const char *const n_name[] = { "n", "name", NULL };

static void
row_sn(struct beat_out *o, const char *s, long long n)
{
	beat_out_str(o, s);
	beat_out_int(o, n);
	beat_out_end_row(o);
}

static void
row_ns(struct beat_out *o, long long n, const char *s)
{
	beat_out_int(o, n);
	beat_out_str(o, s);
	beat_out_end_row(o);
}

static void
test_width(void)
{
	ok(beat_width("张三") == 4, "width: CJK ideographs are two columns");
	ok(beat_width("abc") == 3, "width: ASCII is one column");
	ok(beat_width("ＡＢ") == 4, "width: full-width letters are two columns");
	ok(beat_width("e\xcc\x81") == 1, "width: a combining mark takes none");
	ok(beat_width("한，") == 4, "width: Hangul and full-width comma");
	ok(beat_width("\xff") == 1, "width: a bad byte counts one");
	/* From libutf8proc's Unicode data, not a hand table. */
	ok(beat_width("\xc2\xb7\xe2\x80\x9c\xe2\x80\xa6\xe2\x91\xa0") == 4,
	    "width: East Asian Ambiguous (middle dot, quote, ellipsis, circled 1) one each");
	ok(beat_width("\xf0\x9f\x98\x80\xf0\x9f\xa5\xb0") == 4, "width: emoji are two columns");
	ok(beat_width("\xf0\xaa\x9b\x94") == 2, "width: an ideograph of extension B is two");
	ok(beat_width("a\xe2\x80\x8b\xe2\x80\x8d\xef\xbb\xbf" "b") == 2,
	    "width: zero-width space, joiner and BOM take none");
	ok(beat_width("a\x1b\x7f\xc2\x9b" "b") == 2, "width: control characters take none");
	ok(beat_width("\xe3\x80\x80\xef\xbc\x8c") == 4,
	    "width: ideographic space and full-width comma are two");
}

static void
test_sanitize(void)
{
	is_freed(beat_sanitize("a\nb\tc\rd"), "a\\nb\\tc\\rd",
	    "sanitize: newline, tab, CR as backslash escapes");
	is_freed(beat_sanitize("\x1b[31mred\x7f"), "\\x1b[31mred\\x7f",
	    "sanitize: ESC and DEL as \\xHH");
	is_freed(beat_sanitize("x\xc2\x9by"), "x\\x9by", "sanitize: C1 CSI as \\x9b");
	is_freed(beat_sanitize("\xff张\xe5\xbc"), "\\xff张\\xe5\\xbc",
	    "sanitize: bad UTF-8 bytes as \\xHH, good kept");
	is_freed(beat_sanitize("\xc0\x8a\xe0\x80\x8a"),
	    "\\xc0\\x8a\\xe0\\x80\\x8a",
	    "sanitize: overlong newline is not let through");
	is_freed(beat_sanitize("\xed\xa0\x80"), "\\xed\\xa0\\x80",
	    "sanitize: an encoded surrogate is bad UTF-8");
	is_freed(beat_sanitize("a\u202eb\u2066c\u2028d"), "a\\u202eb\\u2066c\\u2028d",
	    "sanitize: bidi override, isolate and line separator as \\uXXXX");
}

static void
test_table(void)
{
	struct beat_out *o;

	o = start(BEAT_FMT_TABLE, 0, 0, name_n);
	row_sn(o, "张三", 5);
	row_sn(o, "abc", 12);
	expect(o, "name  n\n张三   5\nabc   12\n",
	    "table: CJK counted two columns, numbers right-aligned");
	ok(nrows == 2, "table: finish returns the row count");

	o = start(BEAT_FMT_TABLE, 0, 0, n_name);
	row_ns(o, 5, "张三");
	row_ns(o, 12, "abc");
	beat_out_null(o);
	beat_out_str(o, "");
	beat_out_end_row(o);
	expect(o, "n   name\n 5  张三\n12  abc\n\n",
	    "table: text left-aligned, no blanks at line ends");

	o = start(BEAT_FMT_TABLE, 1, 0, n_name);
	row_ns(o, 1, "x");
	expect(o, "1  x\n", "table: --no-header drops the header");

	o = start(BEAT_FMT_TABLE, 0, 0, name_n);
	row_sn(o, "\x1b[31mred\nx", 1);
	row_sn(o, "ok", 2);
	expect(o, "name            n\n\\x1b[31mred\\nx  1\nok              2\n",
	    "table: ESC and newline escaped, widths of the escaped text");

	o = start(BEAT_FMT_TABLE, 0, 0, name_n);
	expect(o, "name  n\n", "table: no rows prints the header");
	ok(nrows == 0, "table: finish returns 0 for no rows");
}

static void
test_tsv(void)
{
	struct beat_out *o;

	o = start(BEAT_FMT_TSV, 0, 0, name_n);
	row_sn(o, "a\tb\nc\\d\re", -5);
	beat_out_null(o);
	beat_out_fen(o, 350050);
	beat_out_end_row(o);
	expect(o, "name\tn\na\\tb\\nc\\\\d\\re\t-5\n\t3500.50\n",
	    "tsv: header, tab newline CR backslash escaped, NULL empty");

	o = start(BEAT_FMT_TSV, 1, 0, name_n);
	row_sn(o, "x", 1);
	expect(o, "x\t1\n", "tsv: --no-header");
}

static void
test_csv(void)
{
	static const char *const cols[] = { "a", "b", "n", NULL };
	struct beat_out *o;

	o = start(BEAT_FMT_CSV, 0, 0, cols);
	beat_out_str(o, "x,y");
	beat_out_str(o, "say \"hi\"");
	beat_out_int(o, -5);
	beat_out_end_row(o);
	beat_out_str(o, "two\nlines");
	beat_out_str(o, " pad");
	beat_out_fen(o, -5);
	beat_out_end_row(o);
	beat_out_str(o, "张三");
	beat_out_str(o, "end ");
	beat_out_null(o);
	beat_out_end_row(o);
	expect(o, "a,b,n\r\n\"x,y\",\"say \"\"hi\"\"\",-5\r\n"
	    "\"two\nlines\",\" pad\",-0.05\r\n张三,\"end \",\r\n",
	    "csv: CRLF, quoting of comma, quote, newline, edge spaces");

	o = start(BEAT_FMT_CSV, 1, 0, cols);
	beat_out_str(o, "=1+2");
	beat_out_str(o, "-5");
	beat_out_num(o, "-2.5");
	beat_out_end_row(o);
	beat_out_str(o, "@SUM(A1)");
	beat_out_str(o, "+86 138");
	beat_out_int(o, 0);
	beat_out_end_row(o);
	beat_out_str(o, "\tx");
	beat_out_str(o, "=HYPERLINK(\"u\",\"v\")");
	beat_out_int(o, 1);
	beat_out_end_row(o);
	expect(o, "'=1+2,'-5,-2.5\r\n'@SUM(A1),'+86 138,0\r\n"
	    "'\tx,\"'=HYPERLINK(\"\"u\"\",\"\"v\"\")\",1\r\n",
	    "csv: formula text made inert, numbers left alone, --no-header");

	beat_opt.raw = 1;
	o = start(BEAT_FMT_CSV, 1, 0, cols);
	beat_out_str(o, "=1+2");
	beat_out_str(o, "-5");
	beat_out_str(o, "@x,y");
	beat_out_end_row(o);
	expect(o, "=1+2,-5,\"@x,y\"\r\n", "csv: --raw leaves formula text as it is");
	beat_opt.raw = 0;

	o = start(BEAT_FMT_CSV, 0, 1, cols);
	beat_out_str(o, "=1");
	beat_out_str(o, "+2");
	beat_out_int(o, 3);
	beat_out_end_row(o);
	expect(o, "\xef\xbb\xbf" "a,b,n\r\n'=1,'+2,3\r\n",
	    "csv: --bom writes the BOM first, formulas still inert");

	o = start(BEAT_FMT_CSV, 0, 0, cols);
	expect(o, "a,b,n\r\n", "csv: no BOM unasked");
}

static void
test_json(void)
{
	static const char *const cols[] = { "s", "i", "x", "f", "z", NULL };
	struct beat_out *o;

	o = start(BEAT_FMT_JSON, 0, 0, cols);
	beat_out_str(o, "q\"b\\s\x1b\x01\n张");
	beat_out_int(o, 42);
	beat_out_num(o, "30.5");
	beat_out_fen(o, 350050);
	beat_out_null(o);
	beat_out_end_row(o);
	beat_out_str(o, "42");
	beat_out_int(o, -5);
	beat_out_num(o, "inf");
	beat_out_fen(o, -5);
	beat_out_str(o, "\xffok\xc2\x9b");
	beat_out_end_row(o);
	expect(o, "[\n"
	    "{\"s\":\"q\\\"b\\\\s\\u001b\\u0001\\n张\",\"i\":42,\"x\":30.5,"
	    "\"f\":3500.50,\"z\":null},\n"
	    "{\"s\":\"42\",\"i\":-5,\"x\":\"inf\",\"f\":-0.05,"
	    "\"z\":\"\xef\xbf\xbdok\\u009b\"}\n]\n",
	    "json: escapes, numbers bare, text quoted, bad bytes U+FFFD");
	ok(nrows == 2, "json: finish returns the row count");

	o = start(BEAT_FMT_JSON, 0, 0, cols);
	expect(o, "[]\n", "json: no rows is []");

	o = start(BEAT_FMT_JSON, 1, 0, cols);
	expect(o, "[]\n", "json: --no-header changes nothing");
}

static void
test_stmt(void)
{
	static const char *const cols[] = { "i", "f", "n", "t", "g", NULL };
	struct beat_out *o;
	struct beat_conn *db;
	struct beat_stmt *st;

	if (((db = beat_conn_open(":memory:", BEAT_CONN_WRITE | BEAT_CONN_CREATE)) == NULL || beat_conn_error(db) != BEAT_DBERR_OK) ||
	    (st = beat_stmt_prepare(db, "SELECT 7, 0.1 + 0.2, NULL, 'a' || char(9) || '1',"
	    " 1e308 * 10")) == NULL)
		abort();
	o = start(BEAT_FMT_JSON, 0, 0, cols);
	while (beat_stmt_step(st) == 1) {
		beat_out_stmt(o, st);
		beat_out_end_row(o);
	}
	expect(o, "[\n{\"i\":7,\"f\":0.3,\"n\":null,\"t\":\"a\\t1\",\"g\":\"inf\"}\n]\n",
	    "stmt: columns typed as SQLite has them");
	beat_stmt_reset(st);

	o = start(BEAT_FMT_CSV, 1, 0, cols);
	while (beat_stmt_step(st) == 1) {
		beat_out_stmt(o, st);
		beat_out_end_row(o);
	}
	expect(o, "7,0.3,,a\t1,inf\r\n", "stmt: csv numbers bare, text as text");
	beat_stmt_free(st);
	beat_conn_close(db);
}

static void
test_query(void)
{
	static const char *const cols[] = { "n", "s", NULL };
	struct beat_conn *db;
	struct beat_stmt *st;
	size_t n;

	if (((db = beat_conn_open(":memory:", BEAT_CONN_WRITE | BEAT_CONN_CREATE)) == NULL || beat_conn_error(db) != BEAT_DBERR_OK))
		abort();
	st = beat_prepare(db, "WITH t(n, s) AS (VALUES (1, 'a'), (2, NULL), (3, 'c'))"
	    " SELECT n, s FROM t WHERE n >= ? ORDER BY n");
	beat_bind(st, "i", 2);
	beat_opt.format = BEAT_FMT_TSV;
	beat_opt.no_header = 0;
	if ((mem = open_memstream(&buf, &len)) == NULL)
		abort();
	n = beat_out_query(mem, cols, st);
	fclose(mem);
	is_bytes(buf, len, "n\ts\n2\t\n3\tc\n", "query: every row of the bound statement");
	free(buf);
	ok(n == 2, "query: returns the number of rows");
	ok(db->nlive == 0, "query: finalizes the statement");
	beat_conn_close(db);
}

int
main(void)
{
	test_width();
	test_sanitize();
	test_table();
	test_tsv();
	test_csv();
	test_json();
	test_stmt();
	test_query();
	return tap_done();
}
