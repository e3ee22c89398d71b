/* idno.c: ID-card number check (GB 11643-1999) and masking of personal numbers. */
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
	size_t count = 0, i = 0, used = 0, len;
	int regular = 1;

	if (n == 0)
		return;
	out[0] = '\0';
	if (s == NULL)
		return;
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
		head = 0;
		tail = count > 2 ? 2 : 0;
	}
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
