/* csvin.c: libFuzzer harness for the CSV reader: any bytes, as a file or a pipe. */
#include <sys/mman.h>

#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "beat.h"

/*
 * beat_csv_open exits on an empty file or a bad header, and an exit ends
 * the fuzzer; so the first byte chooses a header that opens, and the
 * encoding and the way in, and the rest is the body, as it comes.
 */
static const char *const headers[] = {
	"a,b,c\n",
	"\xef\xbb\xbf" "dispatch_no,received_at,summary\r\n",
	"警情编号,接警时间（北京时间）,简要案情\n",
	"\"a\",\" b \",c (unit)\n",
	"名称,\xe3\x80\x80" "编码\xe3\x80\x80,x\n",
};
/* The same header in GB18030, read with the encoding given. */
static const char gb_header[] = "\xbe\xaf\xc7\xe9\xb1\xe0\xba\xc5,b,c\n";	/* 警情编号 */

static const struct beat_csv_col cols[] = {
	{ "a|dispatch_no|警情编号|名称", 0 },
	{ "b|received_at|接警时间", 0 },
	{ "c|summary|简要案情|编码", 0 },
	{ "missing", 0 },
	{ 0 }
};

static int memfd = -1;
static char mempath[64];

/* Well-formed UTF-8 (the reader's promise for every field it returns). */
static int
valid_utf8(const unsigned char *s)
{
	size_t n, i;
	unsigned c, min;

	while (*s != '\0') {
		if (*s < 0x80) {
			s++;
			continue;
		}
		if (*s >= 0xc2 && *s <= 0xdf)
			n = 2, c = *s & 0x1f, min = 0x80;
		else if (*s >= 0xe0 && *s <= 0xef)
			n = 3, c = *s & 0x0f, min = 0x800;
		else if (*s >= 0xf0 && *s <= 0xf4)
			n = 4, c = *s & 0x07, min = 0x10000;
		else
			return 0;
		for (i = 1; i < n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			c = c << 6 | (s[i] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		s += n;
	}
	return 1;
}

static void
check_field(const char *s)
{
	if (s != NULL && !valid_utf8((const unsigned char *)s))
		abort();
}

/*
 * The oracle: libcsv over the whole text at once, without our chunks,
 * line feeding and queue.  Records are joined as "f1\x1ff2\x1e", blank
 * records (all fields spaces, tabs, U+3000) left out as the reader does.
 */
struct text {
	char *s;
	size_t len, cap;
	int blank;		/* the record so far is all blank */
	size_t start;		/* where it began in s */
};

static void
add(struct text *t, const void *p, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = 2 * (t->len + n + 1);
		t->s = realloc(t->s, t->cap);
	}
	memcpy(t->s + t->len, p, n);
	t->len += n;
	t->s[t->len] = '\0';
}

static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (i + 3 <= n && memcmp(s + i, "\xe3\x80\x80", 3) == 0) {
			i += 2;
			continue;
		}
		return 0;
	}
	return 1;
}

static void
ref_field(void *f, size_t n, void *arg)
{
	struct text *t = arg;

	/* CSV_APPEND_NULL: the reader keeps a field up to its first NUL. */
	n = f != NULL ? strnlen(f, n) : 0;
	if (t->len == t->start)
		t->blank = 1;
	t->blank &= blank(f, n);
	add(t, f, n);
	add(t, "\x1f", 1);
}

static void
ref_record(int c, void *arg)
{
	struct text *t = arg;

	if (t->len > t->start && t->blank)
		t->len = t->start;	/* dropped */
	else if (t->len > t->start)
		add(t, "\x1e", 1);
	t->start = t->len;
	if (t->s != NULL)
		t->s[t->len] = '\0';
}

/* 0 when libcsv refuses the text. */
static int
reference(const char *buf, size_t n, struct text *t)
{
	struct csv_parser p;
	int ok;

	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		buf += 3, n -= 3;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	ok = csv_parse(&p, buf, n, ref_field, ref_record, t) == n &&
	    csv_fini(&p, ref_field, ref_record, t) == 0;
	csv_free(&p);
	return ok;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	memfd = memfd_create("csvin-fuzz", 0);
	if (memfd < 0)
		abort();
	snprintf(mempath, sizeof mempath, "/proc/self/fd/%d", memfd);
	return 0;
}

/* Standard input becomes a pipe holding the bytes (they fit its buffer). */
static int
as_stdin(const char *buf, size_t n)
{
	int fd[2];

	if (n > 60000 || pipe(fd) != 0)
		return -1;
	if (write(fd[1], buf, n) != (ssize_t)n)
		abort();
	close(fd[1]);
	dup2(fd[0], 0);
	close(fd[0]);
	clearerr(stdin);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = { NULL, "utf-8", "gbk", NULL };
	struct text got = { 0 }, want = { 0 };
	struct beat_csv *r;
	const char *head, *enc, *path;
	int errors = 0;
	char *buf;
	size_t hlen, n, i, lines;
	long line, last = 0;
	int mode, rc, k, h;

	if (size < 1)
		return 0;
	mode = data[0];
	data++, size--;
	/*
	 * Headers 0 and 3 are ASCII and open in any encoding; the BOM makes
	 * header 1 UTF-8; the Chinese ones would not read as GB18030 should
	 * detection choose it for the body, so they force UTF-8; header 5
	 * is GB18030 itself.
	 */
	h = mode & 0x07;
	if (h > 5)
		h = h == 6 ? 0 : 3;
	enc = encodings[(mode >> 3) & 0x03];
	if (h == 1 && enc != NULL)
		enc = "utf-8";
	else if (h == 2 || h == 4)
		enc = "utf-8";
	else if (h == 5)
		enc = enc != NULL ? "gb18030" : NULL;
	head = h == 5 ? gb_header : headers[h];
	hlen = strlen(head);
	n = hlen + size;
	buf = malloc(n);
	memcpy(buf, head, hlen);
	memcpy(buf + hlen, data, size);
	/* A file that looks like UTF-16 is refused at open, and the
	 * command exits: nothing of the reader to try.  The reader looks
	 * at its first chunk, whatever length a read gave it. */
	for (i = 2; i <= n && i <= 256; i++)
		if (beat_csv_utf16(buf, i)) {
			free(buf);
			return 0;
		}
	/* LF, CRLF and a CR alone each end a line. */
	for (i = 0, lines = 1; i < n; i++)
		lines += buf[i] == '\n' || (buf[i] == '\r' && (i + 1 == n || buf[i + 1] != '\n'));

	if (mode & 0x20) {
		if (as_stdin(buf, n) != 0) {
			free(buf);
			return 0;
		}
		path = "-";
	} else {
		if (ftruncate(memfd, 0) != 0 || pwrite(memfd, buf, n, 0) != (ssize_t)n)
			abort();
		path = mempath;
	}

	r = beat_csv_open(path, enc, cols);
	/* the header, as the reader has it */
	for (i = 0; i < beat_csv_nfields(r); i++) {
		add(&got, beat_csv_field(r, i), strlen(beat_csv_field(r, i)));
		add(&got, "\x1f", 1);
	}
	add(&got, "\x1e", 1);
	while ((rc = beat_csv_next(r)) != 0) {
		line = beat_csv_line(r);
		/* Records come in order, after the header, within the file. */
		if (line < 1 || (size_t)line > lines)
			abort();
		if (rc < 0) {
			errors++;
			if (strstr(beat_csv_error(r), mempath) == NULL &&
			    strstr(beat_csv_error(r), "stdin") == NULL)
				abort();
			continue;
		}
		if (line < 2 || line < last)
			abort();
		last = line;
		for (k = 0; cols[k].names != NULL; k++) {
			check_field(beat_csv_get(r, k));
			check_field(beat_csv_value(r, k));
		}
		for (i = 0; i < beat_csv_nfields(r); i++) {
			if (beat_csv_field(r, i) == NULL)
				abort();
			check_field(beat_csv_field(r, i));
			add(&got, beat_csv_field(r, i), strlen(beat_csv_field(r, i)));
			add(&got, "\x1f", 1);
		}
		add(&got, "\x1e", 1);
		if (beat_csv_field(r, i) != NULL)
			abort();
	}
	if (beat_csv_sha256(r) == NULL || strlen(beat_csv_sha256(r)) != 64)
		abort();
	/* Valid UTF-8 read as such: the records must be libcsv's own. */
	if (errors == 0 && strcmp(beat_csv_encoding(r), "UTF-8") == 0) {
		if (!reference(buf, n, &want))
			abort();
		if (want.len != got.len || memcmp(want.s, got.s, got.len) != 0)
			abort();
	}
	beat_csv_close(r);
	free(buf);
	free(got.s);
	free(want.s);
	return 0;
}
