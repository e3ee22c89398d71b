/* csvin.c: the CSV reader on files made here: encodings, lines, headers, errors (TAP). */
#include <sys/resource.h>
#include <sys/wait.h>

#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "beat.h"
#include "tap.h"

static char dir[] = "/tmp/csvin.XXXXXX";
static char path[4096];

static void
has(const char *text, const char *part, const char *name)
{
	int yes = text != NULL && strstr(text, part) != NULL;

	ok(yes, name);
	if (!yes)
		printf("#   '%s' lacks '%s'\n", text ? text : "(null)", part);
}

static const char *
save(const char *name, const void *data, size_t n)
{
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fp = fopen(path, "wb")) == NULL || fwrite(data, 1, n, fp) != n ||
	    fclose(fp) != 0) {
		perror(path);
		exit(2);
	}
	return path;
}

static const char *
save_str(const char *name, const char *s)
{
	return save(name, s, strlen(s));
}

/* UTF-8 text in another encoding, as a producer of such files would write it. */
static char *
encode(const char *utf8, const char *to, size_t *outlen)
{
	iconv_t cd = iconv_open(to, "UTF-8");
	size_t il = strlen(utf8), ol = 2 * il + 16;
	char *in = (char *)utf8, *out = malloc(ol), *op = out;

	if (cd == (iconv_t)-1 || iconv(cd, &in, &il, &op, &ol) == (size_t)-1) {
		perror("iconv");
		exit(2);
	}
	iconv_close(cd);
	*outlen = op - out;
	return out;
}

/* Standard input becomes a pipe that a child fills with data. */
static void
stdin_pipe(const void *data, size_t n)
{
	int fd[2];

	if (pipe(fd) != 0) {
		perror("pipe");
		exit(2);
	}
	if (fork() == 0) {
		close(fd[0]);
		if (write(fd[1], data, n) != (ssize_t)n)
			_exit(1);
		_exit(0);
	}
	close(fd[1]);
	dup2(fd[0], 0);
	close(fd[0]);
	clearerr(stdin);
}

/* Opens in a child, which is expected to exit; its status and stderr. */
static int
open_fails(const char *file, const char *enc, const struct beat_csv_col *cols,
    char *err, size_t errsz)
{
	char errpath[4200];
	FILE *fp;
	pid_t pid;
	size_t n;
	int st;

	snprintf(errpath, sizeof errpath, "%s/stderr", dir);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (freopen(errpath, "w", stderr) == NULL)
			_exit(2);
		beat_csv_open(file, enc, cols);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	err[0] = '\0';
	if ((fp = fopen(errpath, "r")) != NULL) {
		n = fread(err, 1, errsz - 1, fp);
		err[n] = '\0';
		fclose(fp);
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const struct beat_csv_col cols3[] = {
	{ "id", 1 }, { "name", 0 }, { "note", 0 }, { 0 }
};

static void
test_bom_crlf(void)
{
	struct beat_csv *r;

	r = beat_csv_open(save_str("bom.csv", "\xef\xbb\xbf\"id\",name,note\r\n"
	    "1,Alice,\"two\r\nlines\"\r\n2, Bob ,\"say \"\"hi\"\", ok\"\r\n"), NULL, cols3);
	is_str(beat_csv_encoding(r), "UTF-8", "BOM: UTF-8");
	is_num(beat_csv_next(r), 1, "BOM: first record");
	is_str(beat_csv_get(r, 0), "1", "BOM: skipped, so the first column is found");
	is_num(beat_csv_line(r), 2, "first record on line 2");
	is_str(beat_csv_get(r, 2), "two\r\nlines", "quoted CRLF kept inside the field");
	is_num(beat_csv_next(r), 1, "second record");
	is_num(beat_csv_line(r), 4, "record after a quoted newline starts on line 4");
	is_str(beat_csv_get(r, 1), "Bob", "spaces trimmed");
	is_str(beat_csv_get(r, 2), "say \"hi\", ok", "doubled quotes and quoted comma");
	is_num(beat_csv_next(r), 0, "end");
	beat_csv_close(r);
}

/* Old Mac spreadsheets end lines with a CR alone; the lines still count. */
static void
test_cr_lines(void)
{
	static const struct beat_csv_col cols[] = { { "a", 1 }, { "b", 0 }, { 0 } };
	struct beat_csv *r;
	char *buf;
	size_t n;

	r = beat_csv_open(save_str("cr.csv", "a,b\r1,2\r\r3,\"x\ry\"\r4,5\r"), NULL, cols);
	is_num(beat_csv_next(r), 1, "CR lines: first record");
	is_num(beat_csv_line(r), 2, "CR lines: on line 2");
	is_num(beat_csv_next(r), 1, "CR lines: a blank line skipped");
	is_num(beat_csv_line(r), 4, "CR lines: the next record on line 4");
	is_str(beat_csv_get(r, 1), "x\ry", "CR lines: a quoted CR kept");
	is_num(beat_csv_next(r), 1, "CR lines: after a quoted CR");
	is_num(beat_csv_line(r), 6, "CR lines: numbered past it");
	is_num(beat_csv_next(r), 0, "CR lines: end");
	beat_csv_close(r);

	r = beat_csv_open(save_str("crbad.csv", "a,b\r1,\xff\r3,4\r"), "utf-8", cols);
	is_num(beat_csv_next(r), -1, "CR lines: a bad byte is an error");
	has(beat_csv_error(r), "crbad.csv:2: ", "CR lines: on its line");
	is_num(beat_csv_next(r), 1, "CR lines: the reader goes on after the bad line");
	is_str(beat_csv_get(r, 0), "3", "CR lines: with the next line, not the end of the file");
	is_num(beat_csv_line(r), 3, "CR lines: numbered right");
	beat_csv_close(r);

	/* A CRLF cut by the first 64 KiB read is one line end, not two. */
	buf = malloc(70000);
	n = sprintf(buf, "a,b\r\n");
	memset(buf + n, 'x', 65535 - n);
	buf[n + 1] = ',';	/* two fields, as the header has */
	n = 65535;
	n += sprintf(buf + n, "\r\n2,3\r\n");
	r = beat_csv_open(save("crlf.csv", buf, n), NULL, cols);
	is_num(beat_csv_next(r), 1, "CRLF across reads: the long record");
	is_num(beat_csv_next(r), 1, "CRLF across reads: the next record");
	is_num(beat_csv_line(r), 3, "CRLF across reads: on line 3");
	beat_csv_close(r);
	free(buf);
}

static void
test_chinese_header(void)
{
	static const struct beat_csv_col cols[] = {
		{ "dispatch_no|警情编号|接警编号", 1 },
		{ "received_at|接警时间", 1 },
		{ "category|警情类别", 0 },
		{ "amount|金额", 0 },
		{ "village|所属村社", 0 },
		{ 0 }
	};
	struct beat_csv *r;

	r = beat_csv_open(save_str("zh.csv",
	    "\xe3\x80\x80接警编号 ,接警时间（北京时间）,CATEGORY,金额 (元),其他\n"
	    "\" A1\xe3\x80\x80\",2018-12-03 08:05,traffic,12,zz\n"), NULL, cols);
	is_num(beat_csv_next(r), 1, "Chinese header: record");
	is_str(beat_csv_get(r, 0), "A1", "alias after a full-width space; value trimmed of U+3000");
	is_str(beat_csv_field(r, 0), " A1\xe3\x80\x80", "raw field untrimmed");
	is_str(beat_csv_get(r, 1), "2018-12-03 08:05", "header with a （…） note");
	is_str(beat_csv_get(r, 2), "traffic", "header case ignored");
	is_str(beat_csv_get(r, 3), "12", "header with a (…) note");
	ok(beat_csv_get(r, 4) == NULL, "absent column is NULL");
	is_num(beat_csv_nfields(r), 5, "unknown column still a raw field");
	beat_csv_close(r);
}

static void
test_short_rows(void)
{
	static const struct beat_csv_col cols[] = {
		{ "a", 1 }, { "b", 0 }, { "c", 0 }, { 0 }
	};
	struct beat_csv *r;

	r = beat_csv_open(save_str("short.csv",
	    "a,b,c\n\n , ,\n1\n1,2,3,4\n1,2,\n"), NULL, cols);
	is_num(beat_csv_next(r), -1, "short row refused");
	is_num(beat_csv_line(r), 4, "blank lines skipped, line numbers kept");
	has(beat_csv_error(r), "short.csv:4: too few fields: 1, the header has 3",
	    "a short row says so");
	is_num(beat_csv_nfields(r), 1, "short row has one raw field, for rejects");
	ok(beat_csv_field(r, 1) == NULL, "no raw field past the end");
	is_num(beat_csv_next(r), -1, "long row refused");
	has(beat_csv_error(r), "short.csv:5: 4 fields, the header has 3 (an unquoted comma?)",
	    "a long row says so");
	is_num(beat_csv_next(r), 1, "the reader goes on after a row of the wrong width");
	is_str(beat_csv_get(r, 1), "2", "with the next row");
	is_str(beat_csv_value(r, 2), NULL, "beat_csv_value: an empty last field is NULL");
	is_str(beat_csv_value(r, 0), "1", "beat_csv_value: a field is itself");
	is_num(beat_csv_row(r), 0, "end (beat_csv_row)");
	beat_csv_close(r);

	r = beat_csv_open(save_str("blank.csv", "a,b\n1, \xe3\x80\x80\n"), NULL, cols);
	is_num(beat_csv_row(r), 1, "beat_csv_row reads a record");
	is_str(beat_csv_value(r, 1), NULL, "beat_csv_value: a blank cell is NULL");
	is_str(beat_csv_value(r, 2), NULL, "beat_csv_value: an absent column is NULL");
	beat_csv_close(r);
}

static void
test_gb18030_split(void)
{
	static const struct beat_csv_col cols[] = { { "编号", 1 }, { "内容", 1 }, { 0 } };
	const char *head = "编号,内容\n1,";
	char *pad, *utf8, *want, *gb;
	size_t n, hl, np;
	struct beat_csv *r;

	/* Pad so that the 4-byte U+20000 sits across the 64 KiB read. */
	free(encode(head, "GB18030", &hl));
	np = 65534 - hl;
	pad = malloc(np + 1);
	memset(pad, 'x', np);
	pad[np] = '\0';
	want = beat_xmalloc(np + 32);
	snprintf(want, np + 32, "%s\xf0\xa0\x80\x80中文", pad);
	utf8 = beat_xmalloc(np + 64);
	snprintf(utf8, np + 64, "%s%s\n2,尾\n", head, want);
	gb = encode(utf8, "GB18030", &n);
	ok(memcmp(gb + 65534, "\x95\x32\x82\x36", 4) == 0, "U+20000 straddles 64 KiB");
	r = beat_csv_open(save("gb.csv", gb, n), NULL, cols);
	is_str(beat_csv_encoding(r), "GB18030", "GB18030 detected");
	is_num(beat_csv_next(r), 1, "GB18030: record");
	is_str(beat_csv_get(r, 1), want, "split 4-byte character decoded intact");
	is_num(beat_csv_next(r), 1, "GB18030: next record");
	is_str(beat_csv_get(r, 1), "尾", "GB18030: after the boundary");
	is_num(beat_csv_line(r), 3, "GB18030: line 3");
	beat_csv_close(r);
	free(pad);
	free(want);
	free(utf8);
	free(gb);
}

static void
test_gbk(void)
{
	static const struct beat_csv_col cols[] = { { "id|编号", 1 }, { "name|姓名", 1 }, { 0 } };
	struct beat_csv *r;
	char *gbk, err[1024];
	size_t n;

	gbk = encode("编号,姓名\n1,张三\n2,李四\n", "GBK", &n);
	stdin_pipe(gbk, n);
	r = beat_csv_open("-", NULL, cols);
	is_str(beat_csv_name(r), "(stdin)", "stdin named (stdin)");
	is_str(beat_csv_encoding(r), "GB18030", "GBK from a pipe detected as GB18030");
	is_num(beat_csv_next(r), 1, "GBK: record");
	is_str(beat_csv_get(r, 1), "张三", "GBK decoded");
	is_num(beat_csv_next(r), 1, "GBK: second record");
	is_str(beat_csv_get(r, 1), "李四", "GBK decoded, second row");
	is_num(beat_csv_next(r), 0, "GBK: end");
	beat_csv_close(r);
	wait(NULL);

	r = beat_csv_open(save("gbk.csv", gbk, n), "GBK", cols);
	is_num(beat_csv_next(r), 1, "--encoding GBK (any case)");
	is_str(beat_csv_get(r, 1), "张三", "forced GBK decoded");
	beat_csv_close(r);

	is_num(open_fails(path, "utf-8", cols, err, sizeof err), 65,
	    "GBK forced as UTF-8: exit 65");
	has(err, "gbk.csv:1: ", "... naming line 1");
	has(err, "--encoding", "... suggesting --encoding");
	is_num(open_fails(path, "latin1", cols, err, sizeof err), 64, "unknown encoding: 64");
	free(gbk);
}

/* A pipe judged UTF-8 by its first chunk that turns out not to be. */
static void
test_late_bad_utf8(void)
{
	static const struct beat_csv_col cols[] = { { "id", 1 }, { "v", 1 }, { 0 } };
	size_t cap = 100000, n = 0;
	char *buf = malloc(cap), msg[64];
	const char *v;
	long line, bad;
	struct beat_csv *r;
	int rc;

	/* A character cut by the first 64 KiB read is no reason to doubt UTF-8. */
	n += sprintf(buf, "id,v\n2,");
	memset(buf + n, 'a', 65535 - n);
	n = 65535;
	n += sprintf(buf + n, "中\n");
	line = 2;
	while (n < 70000)
		n += sprintf(buf + n, "%ld,ascii only\n", ++line);
	bad = ++line;
	n += sprintf(buf + n, "%ld,\xd5\xc5\xc8\xfd\n" "ok,1\n", bad);
	stdin_pipe(buf, n);
	r = beat_csv_open("-", NULL, cols);
	is_str(beat_csv_encoding(r), "UTF-8", "first chunk valid: UTF-8");
	is_num(beat_csv_next(r), 1, "row across the first read");
	v = beat_csv_get(r, 1);
	ok(v != NULL && strlen(v) == 65535 - 7 + 3 && strcmp(v + 65535 - 7, "中") == 0,
	    "... intact");
	while ((rc = beat_csv_next(r)) == 1)
		;
	is_num(rc, -1, "later invalid UTF-8 is an error");
	snprintf(msg, sizeof msg, "(stdin):%ld: ", bad);
	has(beat_csv_error(r), msg, "... at its line");
	has(beat_csv_error(r), "--encoding", "... suggesting --encoding");
	is_num(beat_csv_next(r), 1, "reader goes on after a bad line");
	is_str(beat_csv_get(r, 0), "ok", "... with the next line");
	is_num(beat_csv_line(r), bad + 1, "... numbered right");
	beat_csv_close(r);
	wait(NULL);
	free(buf);
}

static void
test_bad_records(void)
{
	static const struct beat_csv_col cols[] = { { "id", 1 }, { "v", 1 }, { 0 } };
	struct beat_csv *r;
	char *big;
	int n;

	r = beat_csv_open(save_str("quote.csv", "id,v\n1,a\"b\n2,ok\n"), NULL, cols);
	is_num(beat_csv_next(r), -1, "misplaced quote: -1");
	has(beat_csv_error(r), "quote.csv:2: ", "... at line 2");
	is_num(beat_csv_next(r), 1, "next record after a parse error");
	is_num(beat_csv_line(r), 3, "... on line 3");
	is_str(beat_csv_get(r, 0), "2", "... intact");
	beat_csv_close(r);

	/* The rest of a bad line is dropped even when it comes in the next read. */
	big = beat_xmalloc(70100);
	n = sprintf(big, "id,v\n1,a\"b");
	memset(big + n, 'x', 70000);
	strcpy(big + n + 70000, "\n2,ok\n");
	r = beat_csv_open(save_str("long.csv", big), NULL, cols);
	is_num(beat_csv_next(r), -1, "misplaced quote in a 70 KB line: -1");
	is_num(beat_csv_next(r), 1, "... then the next line");
	is_str(beat_csv_get(r, 0), "2", "... not the rest of the bad one");
	is_num(beat_csv_line(r), 3, "... numbered right");
	beat_csv_close(r);
	free(big);

	r = beat_csv_open(save_str("bad.gb", "id,v\n1,\xff\xff\n2,ok\n"), "gb18030", cols);
	is_num(beat_csv_next(r), -1, "invalid GB18030 bytes: -1");
	has(beat_csv_error(r), "bad.gb:2: ", "... at line 2");
	is_num(beat_csv_next(r), 1, "next record after an encoding error");
	is_str(beat_csv_get(r, 1), "ok", "... intact");
	beat_csv_close(r);

	r = beat_csv_open(save_str("cut.gb", "id,v\n1,\xd5"), "gb18030", cols);
	is_num(beat_csv_next(r), -1, "character cut off by the end of file: -1");
	has(beat_csv_error(r), "cut.gb:2: ", "... at line 2");
	is_num(beat_csv_next(r), 0, "then end");
	beat_csv_close(r);

	r = beat_csv_open(save_str("eof.csv", "id,v\n1,\"abc\n2,x\n"), NULL, cols);
	is_num(beat_csv_next(r), -1, "quote open at end of file: -1");
	has(beat_csv_error(r), "eof.csv:2: unterminated", "... unterminated, at line 2");
	is_num(beat_csv_next(r), 0, "then end");
	beat_csv_close(r);
}

/* Uncapped, the peak grows by 13 MiB (320 MiB under ASan); capped by 1.4 (11). */
#ifdef __SANITIZE_ADDRESS__
#define RSS_LIMIT (64 * 1024)
#else
#define RSS_LIMIT (8 * 1024)
#endif

static long
maxrss(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;	/* KiB */
}

static void
test_stray_quote_big(void)
{
	static const struct beat_csv_col cols[] = { { "id", 1 }, { "name", 1 }, { 0 } };
	long long done, total;
	struct beat_csv *r;
	long before, grew;
	FILE *fp;
	int i;

	snprintf(path, sizeof path, "%s/big.csv", dir);
	if ((fp = fopen(path, "w")) == NULL)
		exit(2);
	fputs("id,name\n1,\"stray\n", fp);
	for (i = 2; i < 200000; i++)
		fprintf(fp, "%d,an ordinary row of text, long enough to make ten megabytes\n", i);
	fclose(fp);

	before = maxrss();
	r = beat_csv_open(path, NULL, cols);
	is_num(beat_csv_next(r), -1, "stray quote in 10 MB: -1");
	has(beat_csv_error(r), "big.csv:2: ", "... reported at line 2 where it starts");
	beat_csv_progress(r, &done, &total);
	ok(total > 10000000, "progress total is the file size");
	ok(done < 2 * 1024 * 1024, "gave up after about 1 MiB, not the whole file");
	grew = maxrss() - before;
	ok(grew < RSS_LIMIT, "memory stays small");
	if (grew >= RSS_LIMIT)
		printf("#   peak grew by %ld KiB\n", grew);
	is_num(beat_csv_next(r), 0, "then end");
	beat_csv_progress(r, &done, &total);
	is_num(done, total, "file read to the end for the checksum");
	beat_csv_close(r);
	unlink(path);
}

/* Rows that do not fit are refused, not mended. */
static void
test_unfit_rows(void)
{
	static const struct beat_csv_col cols[] = {
		{ "dispatch_no|警情编号", 1 }, { "received_at|接警时间", 1 }, { 0 }
	};
	static const char nul[] = "警情编号,接警时间,x\nA1,2024-01-01,ab\0cd\nA2,t,\n";
	static const char headnul[] = "警情编号,接警\0时间\n1,2\n";
	struct beat_csv *r;
	char buf[4096], err[1024];
	size_t n = 0;
	int i;

	r = beat_csv_open(save("nul.csv", nul, sizeof nul - 1), NULL, cols);
	is_num(beat_csv_next(r), -1, "a NUL byte in a field is refused");
	has(beat_csv_error(r), "nul.csv:2: NUL byte in field 3", "... naming line and field");
	is_num(beat_csv_next(r), 1, "... and the next row is read");
	is_str(beat_csv_get(r, 0), "A2", "... whole");
	beat_csv_close(r);
	is_num(open_fails(save("headnul.csv", headnul, sizeof headnul - 1), NULL, cols,
	    err, sizeof err), 65, "a NUL byte in the header: 65");
	has(err, "headnul.csv:1: NUL byte in header field 2", "... naming the field");

	/* Twenty Chinese rows, one with a stray Latin-1 byte: UTF-8 with a bad byte. */
	n = sprintf(buf, "警情编号,接警时间\n");
	for (i = 2; i <= 21; i++)
		n += sprintf(buf + n, i == 15 ? "红星村%d,caf\xe9\n" : "红星村%d,时间\n", i);
	r = beat_csv_open(save("stray.csv", buf, n), NULL, cols);
	is_str(beat_csv_encoding(r), "UTF-8", "a stray byte in a UTF-8 file: still UTF-8");
	while ((i = beat_csv_next(r)) == 1)
		;
	is_num(i, -1, "... and the bad byte is refused");
	has(beat_csv_error(r), "stray.csv:15: bad byte 0xE9 in a UTF-8 file"
	    " (if the whole file is GBK, use --encoding gbk)", "... on its own line, said as such");
	is_num(beat_csv_next(r), 1, "... the reader goes on");
	is_num(beat_csv_line(r), 16, "... with the next line");
	beat_csv_close(r);
}

static void
test_header_errors(void)
{
	static const struct beat_csv_col cols[] = {
		{ "dispatch_no|警情编号", 1 }, { "received_at|接警时间", 1 }, { 0 }
	};
	char err[1024], want[4200];

	is_num(open_fails(save_str("badhead.csv", "警情编号,\"接警\"时间\n1,2\n"),
	    NULL, cols, err, sizeof err), 65, "unparsable header: 65");
	has(err, "badhead.csv:1: ", "... naming line 1");

	is_num(open_fails(save_str("miss.csv", "警情编号,时间\n1,2\n"), NULL, cols,
	    err, sizeof err), 65, "missing column: 65");
	snprintf(want, sizeof want, "%s: missing column received_at", path);
	has(err, want, "... 'FILE: missing column NAME'");

	is_num(open_fails(save_str("empty.csv", ""), NULL, cols, err, sizeof err), 65,
	    "empty file: 65");
	has(err, "empty file", "... says empty file");
	is_num(open_fails(save_str("blank.csv", "\r\n\n"), NULL, cols, err, sizeof err), 65,
	    "only blank lines: 65");

	is_num(open_fails(save_str("dup.csv", "警情编号,接警时间,received_at,x,received_at\n"
	    "1,2,3,4,5\n"), NULL, cols, err, sizeof err), 65, "a column named twice: 65");
	has(err, "dup.csv:1: the header names column received_at twice (fields 3 and 5)",
	    "... naming the column and both fields");
	is_num(open_fails(save_str("dupnote.csv", "警情编号,接警时间,接警时间（北京）\n1,2,3\n"),
	    NULL, cols, err, sizeof err), 65, "the same name with a note is the same column");
	is_num(open_fails(save("u16le.csv", "\xff\xfei\0d\0,\0v\0\n\0", 12), NULL, cols,
	    err, sizeof err), 65, "UTF-16 with a byte-order mark: 65");
	has(err, "u16le.csv:1: the file is UTF-16, which is not supported", "... named as such");
	is_num(open_fails(save("u16be.csv", "\0i\0d\0,\0v\0\n", 10), "utf-8", cols,
	    err, sizeof err), 65, "UTF-16 without one, even under a forced encoding: 65");
	has(err, "UTF-16", "... named as such");

	snprintf(want, sizeof want, "%s/nonesuch.csv", dir);
	is_num(open_fails(want, NULL, cols, err, sizeof err), 66, "missing file: 66");
	has(err, strerror(ENOENT), "... with the system's reason");
}

static void
test_sha256(void)
{
	static const struct beat_csv_col cols[] = { { "id", 1 }, { 0 } };
	static const char data[] = "id\n1\n";
	static const char sum[] =
	    "7cde7fb64fd82bd152710cf238e017b9ab46c0592483edc067ba4f6c75fac108";
	struct beat_csv *r;

	r = beat_csv_open(save_str("sha.csv", data), NULL, cols);
	ok(beat_csv_sha256(r) == NULL, "no checksum before the end");
	while (beat_csv_next(r) == 1)
		;
	is_str(beat_csv_sha256(r), sum, "SHA-256 of a file");
	beat_csv_close(r);

	stdin_pipe(data, strlen(data));
	r = beat_csv_open("-", NULL, cols);
	while (beat_csv_next(r) == 1)
		;
	is_str(beat_csv_sha256(r), sum, "SHA-256 of a pipe");
	beat_csv_close(r);
	wait(NULL);
}

/* What looks like UTF-16, and what is only a UTF-8 file with stray NULs. */
static void
test_utf16_shape(void)
{
	static const char le[] = "a\0,\0b\0\n\0" "1\0,\0" "2\0\n\0";
	static const char be[] = "\0a\0,\0b\0\n\0" "1\0,\0" "2\0\n";
	static const char cjk[] = "f\x8b\xc5\x60,\0\xa5\x63,\0\n\0";	/* 警情,编号,\n */
	static const char stray[] = "a,b,c\n1\0" "2,3\0" "4,5\n";

	ok(beat_csv_utf16("\xff\xfe" "a\0", 4), "utf16: a little-endian byte-order mark");
	ok(beat_csv_utf16("\xfe\xff\0a", 4), "utf16: a big-endian byte-order mark");
	ok(beat_csv_utf16(le, sizeof(le) - 1), "utf16: little-endian text without a mark");
	ok(beat_csv_utf16(be, sizeof(be) - 1), "utf16: big-endian text without a mark");
	ok(beat_csv_utf16(cjk, sizeof(cjk) - 1), "utf16: Chinese text, NULs only by the commas");
	ok(!beat_csv_utf16(stray, sizeof(stray) - 1),
	    "utf16: two stray NULs on one side of a UTF-8 file are not UTF-16");
}

int
main(void)
{
	char cmd[64];

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_stray_quote_big();	/* first, so the memory figure is not others' */
	test_bom_crlf();
	test_cr_lines();
	test_chinese_header();
	test_short_rows();
	test_gb18030_split();
	test_gbk();
	test_late_bad_utf8();
	test_bad_records();
	test_header_errors();
	test_unfit_rows();
	test_sha256();
	test_utf16_shape();
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ok(system(cmd) == 0, "temporary files removed");
	return tap_done();
}
