/* csvin.c: streaming CSV input over libcsv: header aliases, encodings, line numbers. */
#include <sys/stat.h>

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "beat.h"

/* The fuzzer builds with a tiny chunk, so every boundary gets crossed. */
#ifndef BEAT_CSV_CHUNK
#define BEAT_CSV_CHUNK	65536
#endif
#define CHUNK		BEAT_CSV_CHUNK
#define FIELD_MAX	(1024 * 1024)
#define CSV_OPTS	(CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)
#define IDSP		"\xe3\x80\x80"	/* U+3000 ideographic space */
#define BOM		"\xef\xbb\xbf"
/*
 * A UTF-8 file with at most this many bad sequences, amid ten times as
 * many good non-ASCII characters, is UTF-8 with a few bad bytes (each
 * refused on its own line), not a GB18030 file.
 */
#define BAD_MAX		4

enum { ENC_UTF8, ENC_GB18030 };

struct rec {
	long line;
	size_t n;		/* fields */
	size_t nul;		/* 1 + the first field holding a NUL byte, or 0 */
	size_t len;		/* bytes in buf, NULs included */
	size_t *off;		/* field i is buf + off[i] */
	char *buf;
};

struct beat_csv {
	FILE *fp;
	char *name;
	int ncols;
	int *map;		/* column -> field index, or -1 */
	size_t hdrn;		/* fields in the header: every record has as many */
	int enc;
	int badbyte;		/* the byte that set encerr */
	iconv_t cd;		/* (iconv_t)-1 for UTF-8 */
	struct csv_parser p;
	struct sha256_ctx sha;
	char hex[2 * SHA256_DIGEST_SIZE + 1];
	long long done, total;

	unsigned char raw[CHUNK + 8];	/* file bytes; a split character waits at the front */
	size_t rpos, rlen;
	int rawend;
	char ubuf[2 * CHUNK + 16];	/* the same converted to UTF-8 */
	size_t upos, ulen;

	long line;		/* line of the next byte fed to libcsv */
	long recline;		/* line where the record being parsed started */
	int bol, inquote;	/* at a line start; inside quotes there */
	int pendcr;		/* a CR ended the data so far: an LF next is its own */
	int skipline, skipraw;	/* dropping the rest of a bad line */
	int encerr, end;	/* bad bytes after ubuf; no more records */

	char *bbuf;		/* fields of the record being parsed */
	size_t blen, bcap, *boff, bn, bncap, bnul;

	struct rec *q;		/* completed records not yet returned */
	size_t qhead, qn, qcap;

	struct rec cur;
	char *tbuf, **tf;	/* trimmed copies of cur's fields */
	long curline;
	char err[1024];
};

/*
 * libcsv grows a field without limit; refusing memory past the cap turns
 * one stray quote into an error instead of a field the size of the file.
 */
static void *
capped_realloc(void *p, size_t n)
{
	if (n > FIELD_MAX + 1)
		return NULL;
	return realloc(p, n);
}

static void
parser_init(struct beat_csv *r)
{
	if (csv_init(&r->p, CSV_OPTS) != 0)
		beat_errx(BEAT_EX_SOFTWARE, "csv_init");
	csv_set_realloc_func(&r->p, capped_realloc);
	csv_set_blk_size(&r->p, CHUNK);
	r->blen = r->bn = r->bnul = 0;
	r->inquote = 0;
}

/* After an error libcsv's state is unusable: start afresh. */
static void
parser_reset(struct beat_csv *r)
{
	csv_free(&r->p);
	parser_init(r);
}

/*
 * Length of the valid UTF-8 at the start of s.  Stops at a bad byte
 * (*bad set) or at a sequence cut off by the end of the buffer.
 */
static size_t
utf8_scan(const unsigned char *s, size_t n, int *bad, size_t *nmb)
{
	size_t i = 0, len, j, mb = 0;
	unsigned char c, lo, hi;

	*bad = 0;
	while (i < n) {
		c = s[i];
		lo = 0x80;
		hi = 0xbf;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			if (c == 0xe0)
				lo = 0xa0;	/* overlong */
			else if (c == 0xed)
				hi = 0x9f;	/* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;	/* past U+10FFFF */
		} else {
			*bad = 1;
			break;
		}
		for (j = 1; j < len; j++) {
			if (i + j == n)
				goto out;
			if (s[i + j] < lo || s[i + j] > hi) {
				*bad = 1;
				goto out;
			}
			lo = 0x80;
			hi = 0xbf;
		}
		i += len;
		mb++;
	}
out:
	if (nmb != NULL)
		*nmb += mb;
	return i;
}

static int
fail(struct beat_csv *r, long line, const char *why)
{
	snprintf(r->err, sizeof r->err, "%s:%ld: %s", r->name, line, why);
	r->curline = line;
	return -1;
}

/* Reads the next chunk behind any bytes still waiting; 0 at end of file. */
static int
fill(struct beat_csv *r)
{
	size_t keep = r->rlen - r->rpos, n;

	if (r->rawend)
		return 0;
	memmove(r->raw, r->raw + r->rpos, keep);
	r->rpos = 0;
	r->rlen = keep;
	if ((n = fread(r->raw + keep, 1, CHUNK, r->fp)) == 0) {
		if (ferror(r->fp))
			beat_err(BEAT_EX_IO, "%s", r->name);
		r->rawend = 1;
		return 0;
	}
	sha256_update(&r->sha, n, r->raw + keep);
	r->done += n;
	r->rlen += n;
	return 1;
}

/* Converts the waiting bytes into ubuf; 0 if nothing could be done yet. */
static int
convert(struct beat_csv *r)
{
	size_t n = r->rlen - r->rpos, il, ol;
	char *ip, *op;
	int bad;

	r->upos = r->ulen = 0;
	if (r->cd == (iconv_t)-1) {
		n = utf8_scan(r->raw + r->rpos, n, &bad, NULL);
		memcpy(r->ubuf, r->raw + r->rpos, n);
		r->ulen = n;
		r->rpos += n;
		r->encerr = bad;
		if (bad)
			r->badbyte = r->raw[r->rpos];
	} else {
		/* EINVAL (a character cut by the chunk end) leaves it for next time. */
		ip = (char *)r->raw + r->rpos;
		il = n;
		op = r->ubuf;
		ol = sizeof r->ubuf;
		if (iconv(r->cd, &ip, &il, &op, &ol) == (size_t)-1 && errno == EILSEQ) {
			r->encerr = 1;
			r->badbyte = *(unsigned char *)ip;
		}
		r->ulen = op - r->ubuf;
		r->rpos = (unsigned char *)ip - r->raw;
	}
	return r->ulen > 0 || r->encerr;
}

/* Past leading spaces, tabs and U+3000. */
static const char *
skip_space(const char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, IDSP, 3) == 0)
			s += 3;
		else
			return s;
	}
}

static char *
trim(char *s)
{
	char *e;

	s += skip_space(s) - s;
	e = s + strlen(s);
	for (;;) {
		if (e > s && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		else if (e - s >= 3 && memcmp(e - 3, IDSP, 3) == 0)
			e -= 3;
		else
			break;
	}
	*e = '\0';
	return s;
}

static void
on_field(void *s, size_t n, void *v)
{
	struct beat_csv *r = v;

	if (r->bn == r->bncap) {
		r->bncap = r->bncap ? 2 * r->bncap : 16;
		r->boff = beat_xrealloc(r->boff, r->bncap * sizeof *r->boff);
	}
	if (r->blen + n + 1 > r->bcap) {
		r->bcap = 2 * r->bcap > r->blen + n + 1 ? 2 * r->bcap : r->blen + n + 1024;
		r->bbuf = beat_xrealloc(r->bbuf, r->bcap);
	}
	/* A NUL would end the field early for every reader after this one. */
	if (r->bnul == 0 && n > 0 && memchr(s, '\0', n) != NULL)
		r->bnul = r->bn + 1;
	r->boff[r->bn++] = r->blen;
	if (n > 0)
		memcpy(r->bbuf + r->blen, s, n);
	r->blen += n;
	r->bbuf[r->blen++] = '\0';
}

static void
on_record(int c, void *v)
{
	struct beat_csv *r = v;
	struct rec *q;
	size_t i;

	for (i = 0; i < r->bn && *skip_space(r->bbuf + r->boff[i]) == '\0'; i++)
		;
	if (i < r->bn) {
		if (r->qn == r->qcap) {
			r->qcap = r->qcap ? 2 * r->qcap : 4;
			r->q = beat_xrealloc(r->q, r->qcap * sizeof *r->q);
		}
		q = &r->q[r->qn++];
		q->line = r->recline;
		q->n = r->bn;
		q->nul = r->bnul;
		q->len = r->blen;
		q->buf = memcpy(beat_xmalloc(r->blen), r->bbuf, r->blen);
		q->off = memcpy(beat_xmalloc(r->bn * sizeof *q->off), r->boff,
		    r->bn * sizeof *q->off);
	}
	r->bn = r->blen = r->bnul = 0;
}

/*
 * The last byte of the first line end in s: LF, CRLF, or a CR alone
 * (old Mac spreadsheets), as libcsv ends records; NULL if none.  A CR
 * at the end of the data may be half a CRLF, the LF still to be read:
 * *pendcr says so.
 */
static const char *
line_end(const char *s, size_t n, int *pendcr)
{
	const char *lf, *cr, *nl;

	lf = memchr(s, '\n', n);
	cr = memchr(s, '\r', lf != NULL ? (size_t)(lf - s) : n);
	if (cr == NULL)
		nl = lf;
	else
		nl = cr + 1 < s + n && cr[1] == '\n' ? cr + 1 : cr;
	*pendcr = nl != NULL && *nl == '\r' && nl + 1 == s + n;
	return nl;
}

/*
 * Feeds libcsv up to the end of one line, so that the line where a
 * record starts is known: a record starts on a line begun outside
 * quotes.  Counting quotes is enough, since strict mode refuses a quote
 * anywhere but around a field.
 */
static int
feed(struct beat_csv *r)
{
	char *s = r->ubuf + r->upos, *q;
	const char *nl;
	size_t n = r->ulen - r->upos;
	int rc = 0, counted = 0;

	if (r->pendcr && *s == '\n') {
		nl = s;		/* the LF of a CRLF cut by a read: counted at the CR */
		counted = 1;
		r->pendcr = 0;
	} else
		nl = line_end(s, n, &r->pendcr);
	if (nl != NULL)
		n = nl - s + 1;
	r->upos += n;
	if (!r->skipline) {
		if (r->bol && !r->inquote)
			r->recline = r->line;
		for (q = s; (q = memchr(q, '"', s + n - q)) != NULL; q++)
			r->inquote = !r->inquote;
		if (csv_parse(&r->p, s, n, on_field, on_record, r) != n) {
			if (csv_error(&r->p) == CSV_EPARSE) {
				rc = fail(r, r->recline, _("misplaced or unbalanced quote"));
				parser_reset(r);
				r->skipline = 1;
			} else {
				rc = fail(r, r->recline,
				    _("field longer than 1 MiB (unterminated quoted field?)"));
				r->upos = r->ulen;
				r->end = 1;
				return rc;
			}
		}
	}
	r->bol = nl != NULL;
	if (nl != NULL && !counted) {
		r->line++;
		r->skipline = 0;
	}
	return rc;
}

/* The checksum covers the whole file, even after a fatal error. */
static void
finish(struct beat_csv *r)
{
	uint8_t d[SHA256_DIGEST_SIZE];
	size_t i;

	if (r->hex[0] != '\0')
		return;
	while (fill(r))
		r->rpos = r->rlen;
	sha256_digest(&r->sha, sizeof d, d);
	for (i = 0; i < sizeof d; i++)
		snprintf(r->hex + 2 * i, 3, "%02x", d[i]);
}

/* Runs the pipeline until a record is queued: 1, 0 at the end, -1 on error. */
static int
pump(struct beat_csv *r)
{
	const unsigned char *nl;
	char why[160];

	for (;;) {
		if (r->qhead < r->qn)
			return 1;
		if (r->upos < r->ulen) {
			if (feed(r) < 0)
				return -1;
			continue;
		}
		if (r->end) {
			finish(r);
			return 0;
		}
		if (r->encerr) {
			/* Drop the rest of the line and the record it was in. */
			r->encerr = 0;
			r->skipraw = 1;
			parser_reset(r);
			if (r->enc == ENC_UTF8)
				snprintf(why, sizeof why, _("bad byte 0x%02X in a UTF-8 file"
				    " (if the whole file is GBK, use --encoding gbk)"),
				    r->badbyte);
			else
				snprintf(why, sizeof why,
				    _("bad byte 0x%02X: not valid GB18030 text"), r->badbyte);
			return fail(r, r->line, why);
		}
		if (r->skipraw) {
			/* CR and LF are never part of a character in either encoding. */
			nl = (unsigned char *)line_end((char *)r->raw + r->rpos,
			    r->rlen - r->rpos, &r->pendcr);
			if (nl != NULL) {
				r->rpos = nl - r->raw + 1;
				r->skipraw = 0;
				r->line++;
				r->bol = 1;
				continue;
			}
			r->rpos = r->rlen;
		} else if (r->rpos < r->rlen && convert(r))
			continue;
		if (fill(r))
			continue;
		if (r->rpos < r->rlen) {
			r->encerr = 1;	/* a character cut off by the end of the file */
			r->badbyte = r->raw[r->rpos];
			r->rpos = r->rlen;
			continue;
		}
		r->end = 1;
		if (csv_fini(&r->p, on_field, on_record, r) != 0)
			return fail(r, r->recline, _("unterminated quoted field"));
	}
}

static void
pop(struct beat_csv *r)
{
	size_t i;

	free(r->cur.buf);
	free(r->cur.off);
	r->cur = r->q[r->qhead++];
	if (r->qhead == r->qn)
		r->qhead = r->qn = 0;
	r->curline = r->cur.line;
	r->tbuf = beat_xrealloc(r->tbuf, r->cur.len);
	memcpy(r->tbuf, r->cur.buf, r->cur.len);
	r->tf = beat_xrealloc(r->tf, r->cur.n * sizeof *r->tf);
	for (i = 0; i < r->cur.n; i++)
		r->tf[i] = trim(r->tbuf + r->cur.off[i]);
}

/*
 * Bad sequences in s, counted up to BAD_MAX + 1; good non-ASCII
 * characters are added to *mb; *used is how far it got (a character
 * cut off by the end of s is left).
 */
static size_t
scan_bad(const unsigned char *s, size_t n, size_t *mb, size_t *used)
{
	size_t k = 0, nbad = 0;
	int bad;

	for (;;) {
		k += utf8_scan(s + k, n - k, &bad, mb);
		if (!bad || ++nbad > BAD_MAX)
			break;
		k++;
	}
	*used = k;
	return nbad;
}

static int
mostly_utf8(size_t nbad, size_t mb)
{
	return nbad == 0 || (nbad <= BAD_MAX && mb >= 10 * nbad);
}

/* Is the file UTF-8 (or does it start with a BOM)?  Reads it once and rewinds. */
static int
prescan(struct beat_csv *r)
{
	off_t start = ftello(r->fp);
	size_t carry = 0, n, k, nbad = 0, mb = 0;
	int first = 1, bom = 0;

	while (nbad <= BAD_MAX && (n = fread(r->raw + carry, 1, CHUNK, r->fp)) > 0) {
		if (first && n >= 3 && memcmp(r->raw, BOM, 3) == 0) {
			bom = 1;
			break;
		}
		first = 0;
		n += carry;
		nbad += scan_bad(r->raw, n, &mb, &k);
		carry = n - k;
		memmove(r->raw, r->raw + k, carry);
	}
	if (ferror(r->fp) || fseeko(r->fp, start, SEEK_SET) != 0)
		beat_err(BEAT_EX_IO, "%s", r->name);
	if (nbad <= BAD_MAX && carry != 0)
		nbad++;		/* a character cut off by the end of the file */
	return bom || mostly_utf8(nbad, mb);
}

static int
detect(struct beat_csv *r, int regular)
{
	size_t k, nbad, mb = 0;

	if (regular)
		return prescan(r) ? ENC_UTF8 : ENC_GB18030;
	/* A pipe is judged by its first chunk; a cut-off character is fine there. */
	fill(r);
	if (r->rlen >= 3 && memcmp(r->raw, BOM, 3) == 0)
		return ENC_UTF8;
	nbad = scan_bad(r->raw, r->rlen, &mb, &k);
	if (nbad <= BAD_MAX && k != r->rlen && r->rlen != CHUNK)
		nbad++;
	return mostly_utf8(nbad, mb) ? ENC_UTF8 : ENC_GB18030;
}

/*
 * UTF-16 (as Excel's "Unicode text" saves) has a byte-order mark, or
 * without one a NUL beside every ASCII character, on one side; and a
 * CSV's commas, quotes and line ends are ASCII: two of them with their
 * NUL at least, so that a stray NUL or two in a UTF-8 file is refused
 * on its own line, not taken for UTF-16.
 */
int
beat_csv_utf16(const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i, m = n < 256 ? n : 256, nul[2] = { 0, 0 }, delim[2] = { 0, 0 };
	size_t most, least;
	int side;

	if (n >= 2 && ((s[0] == 0xff && s[1] == 0xfe) || (s[0] == 0xfe && s[1] == 0xff)))
		return 1;
	for (i = 0; i < m; i++) {
		if (s[i] != '\0')
			continue;
		nul[i & 1]++;
		/* little-endian: the character before its NUL; big-endian: after */
		if ((i & 1) && strchr(",\"\r\n\t", s[i - 1]) != NULL && s[i - 1] != '\0')
			delim[1]++;
		if (!(i & 1) && i + 1 < m && s[i + 1] != '\0' && strchr(",\"\r\n\t", s[i + 1]) != NULL)
			delim[0]++;
	}
	side = nul[1] > nul[0];
	most = nul[side];
	least = nul[!side];
	return most >= 2 && least * 4 <= most && delim[side] >= 2;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * Exact match of one of the |-separated names, ASCII case ignored: 1 +
 * the name's index, or 0.
 */
static int
col_match(const char *cell, const char *names)
{
	const char *p, *e;
	size_t n = strlen(cell), i;
	int k = 1;

	for (p = names;; p = e + 1, k++) {
		if ((e = strchr(p, '|')) == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n) {
			for (i = 0; i < n; i++)
				if (lower((unsigned char)p[i]) != lower((unsigned char)cell[i]))
					break;
			if (i == n)
				return k;
		}
		if (*e == '\0')
			return 0;
	}
}

/* Drops a trailing "(unit)" or "（单位）" annotation. */
static char *
strip_note(char *s)
{
	size_t n = strlen(s);
	char *o = NULL, *p;

	if (n > 0 && s[n - 1] == ')')
		o = strrchr(s, '(');
	else if (n >= 3 && strcmp(s + n - 3, "）") == 0)
		for (p = s; (p = strstr(p, "（")) != NULL; p++)
			o = p;
	if (o == NULL || o == s)
		return s;
	*o = '\0';
	return trim(s);
}

/* Which name of the list a header cell is, as col_match, with or without its note. */
static int
head_match(const char *cell, const char *names)
{
	char *h;
	int k;

	if ((k = col_match(cell, names)) != 0)
		return k;
	h = strip_note(beat_xstrdup(cell));
	k = col_match(h, names);
	free(h);
	return k;
}

/*
 * A column found under two of its names takes the one listed first
 * (接警时间 before 报警时间); found twice under one name, it is
 * ambiguous and refused, since taking either would hide the other.
 */
static void
map_header(struct beat_csv *r, const struct beat_csv_col *cols)
{
	size_t j;
	int i, k, best;

	if (r->cur.nul != 0)
		beat_errx_at(BEAT_EX_DATA, r->name, r->cur.line,
		    _("NUL byte in header field %zu"), r->cur.nul);
	r->map = beat_xmalloc(r->ncols * sizeof *r->map);
	for (i = 0; i < r->ncols; i++) {
		r->map[i] = -1;
		best = 0;
		for (j = 0; j < r->cur.n; j++) {
			if ((k = head_match(r->tf[j], cols[i].names)) == 0)
				continue;
			if (k == best)
				beat_errx_at(BEAT_EX_DATA, r->name, r->cur.line,
				    _("the header names column %.*s twice (fields %d and %zu)"),
				    (int)strcspn(cols[i].names, "|"), cols[i].names,
				    r->map[i] + 1, j + 1);
			if (best == 0 || k < best) {
				best = k;
				r->map[i] = j;
			}
		}
		if (r->map[i] < 0 && cols[i].required)
			beat_errx_at(BEAT_EX_DATA, r->name, 0, _("missing column %.*s"),
			    (int)strcspn(cols[i].names, "|"), cols[i].names);
	}
}

struct beat_csv *
beat_csv_open(const char *path, const char *encoding, const struct beat_csv_col *cols)
{
	struct beat_csv *r = beat_xmalloc(sizeof *r);
	struct stat st;
	int rc, regular;

	memset(r, 0, sizeof *r);
	r->cd = (iconv_t)-1;
	if (strcmp(path, "-") == 0) {
		r->fp = stdin;
		r->name = beat_xstrdup(_("(stdin)"));
	} else {
		if ((r->fp = fopen(path, "rb")) == NULL)
			beat_err(BEAT_EX_NOINPUT, "%s", path);
		r->name = beat_xstrdup(path);
	}
	if (fstat(fileno(r->fp), &st) != 0)
		beat_err(BEAT_EX_NOINPUT, "%s", r->name);
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		beat_err(BEAT_EX_NOINPUT, "%s", r->name);
	}
	regular = S_ISREG(st.st_mode) && ftello(r->fp) >= 0;
	if (regular)
		r->total = st.st_size - ftello(r->fp);
	sha256_init(&r->sha);

	if (encoding == NULL)
		r->enc = detect(r, regular);
	else if (strcasecmp(encoding, "utf-8") == 0 || strcasecmp(encoding, "utf8") == 0)
		r->enc = ENC_UTF8;
	else if (strcasecmp(encoding, "gbk") == 0 || strcasecmp(encoding, "gb18030") == 0)
		r->enc = ENC_GB18030;	/* GB18030 is a superset of GBK */
	else
		beat_errx(BEAT_EX_USAGE, _("unknown encoding %s (use utf-8, gbk or gb18030)"),
		    encoding);
	if (r->enc == ENC_GB18030 &&
	    (r->cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		beat_err(BEAT_EX_SOFTWARE, "iconv_open GB18030");
	if (r->rlen == 0)
		fill(r);
	if (beat_csv_utf16(r->raw, r->rlen))
		beat_errx_at(BEAT_EX_DATA, r->name, 1,
		    _("the file is UTF-16, which is not supported (save it as UTF-8 or GBK)"));
	if (r->enc == ENC_UTF8 && r->rlen >= 3 && memcmp(r->raw, BOM, 3) == 0)
		r->rpos = 3;
	parser_init(r);
	r->line = 1;
	r->bol = 1;

	for (r->ncols = 0; cols[r->ncols].names != NULL; r->ncols++)
		;
	if ((rc = pump(r)) == 0)
		beat_errx_at(BEAT_EX_DATA, r->name, 0, _("empty file"));
	if (rc < 0)
		beat_errx(BEAT_EX_DATA, "%s", r->err);
	pop(r);
	r->hdrn = r->cur.n;
	map_header(r, cols);
	return r;
}

int
beat_csv_next(struct beat_csv *r)
{
	int rc = pump(r);
	char why[160];

	if (rc == 1) {
		pop(r);
		/*
		 * A field too many is most often an unquoted comma, which
		 * shifts every later field; one too few, a row cut short.
		 * Neither is read by guessing which field went where.
		 */
		if (r->cur.n != r->hdrn) {
			snprintf(why, sizeof why, r->cur.n > r->hdrn ?
			    _("%zu fields, the header has %zu (an unquoted comma?)") :
			    _("too few fields: %zu, the header has %zu"), r->cur.n, r->hdrn);
			return fail(r, r->cur.line, why);
		}
		if (r->cur.nul != 0) {
			snprintf(why, sizeof why, _("NUL byte in field %zu"), r->cur.nul);
			return fail(r, r->cur.line, why);
		}
	} else {
		free(r->cur.buf);
		free(r->cur.off);
		memset(&r->cur, 0, sizeof r->cur);
	}
	return rc;
}

const char *
beat_csv_get(struct beat_csv *r, int i)
{
	if (r->map[i] < 0)
		return NULL;
	if ((size_t)r->map[i] >= r->cur.n)
		return "";
	return r->tf[r->map[i]];
}

const char *
beat_csv_value(struct beat_csv *r, int i)
{
	const char *s = beat_csv_get(r, i);

	return s != NULL && *s != '\0' ? s : NULL;
}

int
beat_csv_row(struct beat_csv *r)
{
	int rc = beat_csv_next(r);

	if (rc < 0)
		beat_errx(BEAT_EX_DATA, "%s", r->err);
	return rc;
}

long
beat_csv_line(struct beat_csv *r)
{
	return r->curline;
}

const char *
beat_csv_error(struct beat_csv *r)
{
	return r->err;
}

const char *
beat_csv_name(struct beat_csv *r)
{
	return r->name;
}

const char *
beat_csv_encoding(struct beat_csv *r)
{
	return r->enc == ENC_UTF8 ? "UTF-8" : "GB18030";
}

size_t
beat_csv_nfields(struct beat_csv *r)
{
	return r->cur.n;
}

const char *
beat_csv_field(struct beat_csv *r, size_t i)
{
	return i < r->cur.n ? r->cur.buf + r->cur.off[i] : NULL;
}

const char *
beat_csv_sha256(struct beat_csv *r)
{
	return r->hex[0] != '\0' ? r->hex : NULL;
}

int
beat_file_sha256(const char *path, char hex[65])
{
	struct sha256_ctx ctx;
	unsigned char buf[65536], d[SHA256_DIGEST_SIZE];
	struct stat sb;
	ssize_t n;
	size_t i;
	int fd;

	if (strcmp(path, "-") == 0 || (fd = open(path, O_RDONLY)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return -1;
	}
	sha256_init(&ctx);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		sha256_update(&ctx, (size_t)n, buf);
	close(fd);
	if (n < 0)
		return -1;
	sha256_digest(&ctx, sizeof d, d);
	for (i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	return 0;
}

void
beat_csv_progress(struct beat_csv *r, long long *done, long long *total)
{
	*done = r->done;
	*total = r->total;
}

void
beat_csv_close(struct beat_csv *r)
{
	if (r == NULL)
		return;
	csv_free(&r->p);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->fp != stdin)
		fclose(r->fp);
	while (r->qhead < r->qn) {
		free(r->q[r->qhead].buf);
		free(r->q[r->qhead++].off);
	}
	free(r->q);
	free(r->cur.buf);
	free(r->cur.off);
	free(r->tbuf);
	free(r->tf);
	free(r->bbuf);
	free(r->boff);
	free(r->map);
	free(r->name);
	free(r);
}
