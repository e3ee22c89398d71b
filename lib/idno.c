/* idno.c: ID-card number check (GB 11643-1999) and masking of personal numbers. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

#define ID_LEN 18

enum { NORM_ID = 1, NORM_PHONE = 2 };

/*
 * Reads one character of s (a whole UTF-8 sequence) and stores in u its
 * normalised form: full-width digits and X become ASCII, spaces become
 * nothing.  Returns where the next character starts.
 */
static const char *
next_char(const char *s, int mode, char u[5])
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len, i;

	if (p[0] < 0x80)
		len = 1;
	else if (p[0] >= 0xc0 && p[0] < 0xe0)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] < 0xf0)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] < 0xf8)
		len = 4;
	else
		len = 1;	/* a stray byte stands alone */
	for (i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			break;
	len = i;

	u[0] = '\0';
	if (len == 1) {
		if (p[0] == ' ' || (mode == NORM_PHONE && p[0] == '-'))
			return s + 1;
		u[0] = (char)(mode == NORM_ID && p[0] == 'x' ? 'X' : p[0]);
		u[1] = '\0';
		return s + 1;
	}
	if (len == 3 && p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x90 &&
	    p[2] <= 0x99) {			/* ０ .. ９ U+FF10 .. U+FF19 */
		u[0] = (char)('0' + (p[2] - 0x90));
		u[1] = '\0';
		return s + 3;
	}
	if (mode == NORM_ID && len == 3 && p[0] == 0xef &&
	    ((p[1] == 0xbc && p[2] == 0xb8) ||	/* Ｘ U+FF38 */
	    (p[1] == 0xbd && p[2] == 0x98))) {	/* ｘ U+FF58 */
		u[0] = 'X';
		u[1] = '\0';
		return s + 3;
	}
	if (len == 3 && p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
		return s + 3;			/* ideographic space U+3000 */
	memcpy(u, s, len);
	u[len] = '\0';
	return s + len;
}

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static int
num(const char *p, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*p++ - '0');
	return v;
}

static int
real_date(int y, int m, int d)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	/* The oldest holders of 18-digit numbers were born in the 1800s. */
	if (y < 1800 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= len[m - 1] + (m == 2 && leap);
}

int
beat_idno_check(const char *s, char out[19])
{
	static const int weight[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	char u[5];
	size_t n = 0;
	int i, sum;

	out[0] = '\0';
	if (s == NULL)
		return -1;
	while (*s != '\0') {
		s = next_char(s, NORM_ID, u);
		if (u[0] == '\0')
			continue;
		if (u[1] != '\0' || (!isdig(u[0]) && u[0] != 'X') ||
		    n == ID_LEN) {
			out[0] = '\0';
			return -1;
		}
		out[n++] = u[0];
	}
	out[n] = '\0';
	if (n != ID_LEN) {
		out[0] = '\0';
		return -1;
	}
	for (i = 0; i < ID_LEN - 1; i++)
		if (!isdig(out[i])) {
			out[0] = '\0';
			return -1;
		}
	if (!real_date(num(out + 6, 4), num(out + 10, 2), num(out + 12, 2))) {
		out[0] = '\0';
		return -1;
	}
	sum = 0;
	for (i = 0; i < ID_LEN - 1; i++)
		sum += (out[i] - '0') * weight[i];
	return out[ID_LEN - 1] == check[sum % 11] ? 0 : -2;
}

/*
 * How many characters s has once normalised; when it is not a regular
 * number of at least min of them, only its last two are to be shown.
 */
static size_t
shown(const char *s, int mode, size_t min, size_t *head, size_t *tail)
{
	const char *p;
	char u[5];
	size_t count = 0;
	int regular = 1;

	for (p = s; *p != '\0';) {
		p = next_char(p, mode, u);
		if (u[0] == '\0')
			continue;
		if (u[1] != '\0' || !(isdig(u[0]) ||
		    (mode == NORM_ID && u[0] == 'X') ||
		    (mode == NORM_PHONE && u[0] == '+' && count == 0)))
			regular = 0;
		count++;
	}
	if (!regular || count < min) {
		*head = 0;
		*tail = count > 2 ? 2 : 0;
	}
	return count;
}

/*
 * Copies s normalised, showing the first `head` and last `tail`
 * characters and a '*' for each one between, when s is a regular number
 * of at least `min` characters; anything else shows only its last two.
 * Output stops before a character that would not fit whole.
 */
static void
mask(const char *s, int mode, size_t head, size_t tail, size_t min,
    char *out, size_t n)
{
	const char *p;
	char u[5];
	size_t count, i = 0, used = 0, len;

	if (n == 0)
		return;
	out[0] = '\0';
	if (s == NULL)
		return;
	count = shown(s, mode, min, &head, &tail);
	for (p = s; *p != '\0';) {
		p = next_char(p, mode, u);
		if (u[0] == '\0')
			continue;
		if (i >= head && i + tail < count) {
			u[0] = '*';
			u[1] = '\0';
		}
		i++;
		len = strlen(u);
		if (used + len >= n)
			break;
		memcpy(out + used, u, len);
		used += len;
	}
	out[used] = '\0';
}

void
beat_mask_idno(const char *id, char *out, size_t n)
{
	/* 15 covers the old first-generation numbers as well. */
	mask(id, NORM_ID, 6, 4, 15, out, n);
}

void
beat_mask_phone(const char *phone, char *out, size_t n)
{
	mask(phone, NORM_PHONE, 3, 4, 8, out, n);
}

/*
 * A phone number as people write one: an optional '+', then digits with
 * spaces or '-' between them (full-width digits too).  What is left must
 * have the length of a Chinese mobile (11 digits from 1), of a landline
 * with its area code (0 and 9 to 11 more), of a local number (7 or 8), or
 * of an international one (after '+' or 00: 7 to 15 digits).  A stray
 * '+' or a word is refused, so the register holds no "+-+-".
 */
int
beat_phone_check(const char *s)
{
	char u[5], d[32];
	size_t n = 0;
	int plus = 0, seen = 0;

	if (s == NULL)
		return -1;
	while (*s != '\0') {
		s = next_char(s, NORM_PHONE, u);
		if (u[0] == '\0')
			continue;
		if (u[1] == '\0' && u[0] == '+' && !seen && !plus) {
			plus = 1;
			continue;
		}
		seen = 1;
		if (u[1] != '\0' || !isdig(u[0]) || n + 1 >= sizeof(d))
			return -1;
		d[n++] = u[0];
	}
	d[n] = '\0';
	if (plus)
		return n >= 7 && n <= 15 && d[0] != '0' ? 0 : -1;
	if (d[0] == '0' && d[1] == '0')
		return n >= 9 && n <= 17 && d[2] != '0' ? 0 : -1;
	if (d[0] == '1')
		return n == 11 ? 0 : -1;
	if (d[0] == '0')
		return n >= 10 && n <= 12 ? 0 : -1;
	return n == 7 || n == 8 ? 0 : -1;
}

int
beat_party_split(char *spec, char *f[4])
{
	char *p = spec;
	int n;

	f[0] = f[1] = f[2] = f[3] = NULL;
	for (n = 0; n < 4 && p != NULL; n++) {
		f[n] = p;
		if ((p = strchr(p, ':')) != NULL)
			*p++ = '\0';
	}
	return p != NULL ? -1 : n;
}

/*
 * Writes s to out with the characters of a number that are hidden
 * replaced by one '*' each, and everything else (spaces, dashes, the
 * full-width digits shown) as it was, so that a reader still sees how it
 * was written.  The rule is mask()'s: head and tail shown when s is a
 * regular number of at least min characters, else only its last two.
 * Returns the end of what was written; out needs strlen(s) + 1 bytes.
 */
static char *
star(const char *s, int mode, size_t head, size_t tail, size_t min, char *out)
{
	const char *p, *q;
	char u[5];
	size_t count = shown(s, mode, min, &head, &tail), i = 0;

	for (p = s; *p != '\0'; p = q) {
		q = next_char(p, mode, u);
		if (u[0] != '\0' && i++ >= head && i + tail <= count) {
			*out++ = '*';
			continue;
		}
		memcpy(out, p, (size_t)(q - p));
		out += q - p;
	}
	*out = '\0';
	return out;
}

char *
beat_mask_party(const char *spec)
{
	char *copy = beat_xstrdup(spec), *out, *o, *f[4], *p = copy;
	int n, i;

	/* A colon past the third stays in the phone, which is masked whole. */
	for (n = 0; p != NULL; n++) {
		f[n] = p;
		if ((p = n < 3 ? strchr(p, ':') : NULL) != NULL)
			*p++ = '\0';
	}
	o = out = beat_xmalloc(strlen(spec) + 1);
	for (i = 0; i < n; i++) {
		if (i > 0)
			*o++ = ':';
		if (i == 2)
			o = star(f[i], NORM_ID, 6, 4, 15, o);
		else if (i == 3)
			o = star(f[i], NORM_PHONE, 3, 4, 8, o);
		else
			o = stpcpy(o, f[i]);
	}
	*o = '\0';
	free(copy);
	return out;
}

/*
 * Free text: where a number starts, its characters are gathered with
 * the groups they are written in (digits, full-width too, split by one
 * space, '-' or U+3000; an X may end a group).  The groups are then
 * matched from the left against the ways people write the two numbers.
 */
struct numch {
	size_t off, len;	/* bytes in the text */
	char c;			/* '0'..'9' or 'X' */
};
struct group {
	size_t first, n;	/* characters */
	const char *sep;	/* the separator before it, or NULL */
	size_t seplen;
};

/* A digit (ASCII or full-width) at p: its value and byte length, else 0. */
static size_t
digit_at(const char *s, char *c)
{
	const unsigned char *p = (const unsigned char *)s;

	if (isdig(p[0])) {
		*c = (char)p[0];
		return 1;
	}
	if (p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x90 && p[2] <= 0x99) {
		*c = (char)('0' + (p[2] - 0x90));
		return 3;
	}
	return 0;
}

static size_t
x_at(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (p[0] == 'x' || p[0] == 'X')
		return 1;
	if (p[0] == 0xef && ((p[1] == 0xbc && p[2] == 0xb8) || (p[1] == 0xbd && p[2] == 0x98)))
		return 3;
	return 0;
}

static size_t
sep_at(const char *s)
{
	if (*s == ' ' || *s == '-')
		return 1;
	if (strncmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Groups g[0..k) written with one separator throughout. */
static int
same_seps(const struct group *g, int k)
{
	int i;

	for (i = 2; i < k; i++)
		if (g[i].seplen != g[1].seplen || memcmp(g[i].sep, g[1].sep, g[1].seplen) != 0)
			return 0;
	return 1;
}

static int
shape(const struct group *g, int avail, int k, const size_t *len)
{
	int i;

	if (k > avail)
		return 0;
	for (i = 0; i < k; i++)
		if (g[i].n != len[i])
			return 0;
	return same_seps(g, k);
}

/* Whether the k groups from g end in an X (only IDs may). */
static int
ends_x(const struct numch *ch, const struct group *g, int k)
{
	return ch[g[k - 1].first + g[k - 1].n - 1].c == 'X';
}

/*
 * How many groups from g make a personal number, with *head the
 * characters to show before the stars (the last 4 are shown too); 0
 * when they make none.  Phones come first: 0086 and a mobile written
 * together have an ID's length.
 */
static int
match(const struct numch *ch, const struct group *g, int avail, size_t *head)
{
	static const size_t id3[] = { 6, 8, 4 }, mob3[] = { 3, 4, 4 };
	size_t n = g[0].n;
	int x = ends_x(ch, g, 1);

#define C(k) (ch[g[0].first + (k)].c)
	/* Mobiles, alone or after 86 or 0086 written together with them. */
	if (!x && n == 11 && C(0) == '1')
		return *head = 3, 1;
	if (!x && n == 13 && C(0) == '8' && C(1) == '6' && C(2) == '1')
		return *head = 5, 1;
	if (!x && n == 15 && C(0) == '0' && C(1) == '0' && C(2) == '8' &&
	    C(3) == '6' && C(4) == '1')
		return *head = 7, 1;
	if (shape(g, avail, 3, mob3) && C(0) == '1' && !ends_x(ch, g, 3))
		return *head = 3, 3;
	/* Landlines with their area code: 0xx(x)-xxxxxxx(x), or together. */
	if (!x && n >= 11 && n <= 12 && C(0) == '0' && C(1) != '0')
		return *head = 3, 1;
	if (!x && (n == 3 || n == 4) && C(0) == '0' && C(1) != '0' && avail >= 2 &&
	    (g[1].n == 7 || g[1].n == 8) && !ends_x(ch, g, 2))
		return *head = 3, 2;
	/* ID-card numbers: 15 to 18 characters (the old ones had 15), or 6-8-4. */
	if (n >= 15 && n <= 18)
		return *head = 6, 1;
	if (shape(g, avail, 3, id3))
		return *head = 6, 3;
#undef C
	return 0;
}

/*
 * A hash in a message (an audit chain's SHA-256, sixteen or more hex
 * digits with a letter among them) is no number to hide, though a run
 * of its digits may look like one: the offset where the word that holds
 * p ends, or 0 when that word is not such a hash.
 */
static size_t
hex_word(const char *s, const char *p)
{
	const char *a = p, *b = p;
	int letter = 0;

	while (a > s && isalnum((unsigned char)a[-1]))
		a--;
	for (; isalnum((unsigned char)*b); b++) {
		if (!isxdigit((unsigned char)*b))
			return 0;
		letter |= isalpha((unsigned char)*b);
	}
	return b - a >= 16 && letter ? (size_t)(b - s) : 0;
}

char *
beat_mask_text(const char *s)
{
	struct numch *ch;
	struct group *g;
	size_t len, nch, ng, k, m, head, end, i;
	const char *p, *start;
	char *out, *o, c;
	unsigned char *hide;
	int take;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	ch = beat_xmalloc((len + 1) * sizeof(*ch));
	g = beat_xmalloc((len + 1) * sizeof(*g));
	hide = calloc(len + 1, 1);
	if (hide == NULL)
		beat_err(BEAT_EX_SOFTWARE, "calloc");
	for (p = s; *p != '\0';) {
		if ((k = digit_at(p, &c)) == 0) {
			p++;
			continue;
		}
		if ((end = hex_word(s, p)) > 0) {
			p = s + end;
			continue;
		}
		/* One run of groups. */
		nch = ng = 0;
		g[0].first = 0;
		g[0].n = 0;
		g[0].sep = NULL;
		g[0].seplen = 0;
		ng = 1;
		for (;;) {
			while ((k = digit_at(p, &c)) > 0) {
				ch[nch].off = (size_t)(p - s);
				ch[nch].len = k;
				ch[nch++].c = c;
				g[ng - 1].n++;
				p += k;
			}
			if ((k = x_at(p)) > 0) {
				ch[nch].off = (size_t)(p - s);
				ch[nch].len = k;
				ch[nch++].c = 'X';
				g[ng - 1].n++;
				p += k;
				break;
			}
			start = p;
			if ((k = sep_at(p)) == 0 || digit_at(p + k, &c) == 0)
				break;
			p += k;
			g[ng].first = nch;
			g[ng].n = 0;
			g[ng].sep = start;
			g[ng].seplen = k;
			ng++;
		}
		for (i = 0; i < ng; i += take > 0 ? (size_t)take : 1) {
			if ((take = match(ch, g + i, (int)(ng - i), &head)) == 0)
				continue;
			end = g[i + take - 1].first + g[i + take - 1].n;
			for (m = g[i].first + head; m + 4 < end; m++)
				hide[ch[m].off] = (unsigned char)ch[m].len;
		}
	}
	o = out = beat_xmalloc(len + 1);
	for (i = 0; i < len;) {
		if (hide[i] > 0) {
			*o++ = '*';
			i += hide[i];
		} else
			*o++ = s[i++];
	}
	*o = '\0';
	free(hide);
	free(g);
	free(ch);
	return out;
}
