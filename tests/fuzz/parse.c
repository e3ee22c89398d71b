/* parse.c: libFuzzer harness for the parsers of dates, money and ID numbers, and the table escaping. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/* What one parse gives must parse again to itself: the stored forms are inputs too. */
static void
dates(const char *s)
{
	char t[20], t2[20], d[11], d2[11];
	long long secs;
	long day;
	int y, m;

	if (beat_parse_time(s, t) == 0) {
		if (strlen(t) != 19 || beat_parse_time(t, t2) != 0 || strcmp(t, t2) != 0)
			abort();
		if (beat_text_time(t, &secs) != 0)
			abort();
		beat_time_text(secs, t2);
		if (strcmp(t, t2) != 0)
			abort();
	}
	if (beat_parse_date(s, d) == 0) {
		if (strlen(d) != 10 || beat_parse_date(d, d2) != 0 || strcmp(d, d2) != 0)
			abort();
		if (beat_text_day(d, &day) != 0)
			abort();
		beat_day_text(day, d2);
		if (strcmp(d, d2) != 0)
			abort();
	}
	if (beat_parse_month(s, &y, &m) == 0 && (m < 1 || m > 12))
		abort();
	if (beat_text_time(s, &secs) == 0)
		beat_time_text(secs, t);
	if (beat_text_day(s, &day) == 0)
		beat_day_text(day, d);
}

static void
money(const char *s)
{
	char buf[32];
	long long fen, again;

	if (beat_parse_money(s, &fen) != 0)
		return;
	if (fen < 0 || beat_parse_money(beat_money_text(fen, buf), &again) != 0 ||
	    again != fen)
		abort();
}

static void
idno(const char *s)
{
	char out[19], again[19], masked[64];
	size_t n;
	int rc, rc2;

	rc = beat_idno_check(s, out);
	if (rc != 0 && rc != -1 && rc != -2)
		abort();
	if (rc != -1) {
		/* The normal form is 18 characters and checks the same. */
		if (strlen(out) != 18 || (rc2 = beat_idno_check(out, again)) != rc ||
		    strcmp(out, again) != 0)
			abort();
	}
	/* Masks fit any buffer, however small, and end in a NUL. */
	for (n = 0; n <= sizeof masked; n += 7) {
		memset(masked, 'Z', sizeof masked);
		beat_mask_idno(s, masked, n);
		if (n > 0 && memchr(masked, '\0', n) == NULL)
			abort();
		beat_mask_phone(s, masked, n);
		if (n > 0 && memchr(masked, '\0', n) == NULL)
			abort();
	}
}

/* What a table prints of untrusted text holds nothing a terminal acts on. */
static void
sanitized(const char *s)
{
	const unsigned char *p;
	char *clean = beat_sanitize(s);

	for (p = (const unsigned char *)clean; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			abort();
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			abort();	/* C1 */
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xa8 && p[2] <= 0xae)
			abort();	/* U+2028 .. U+202E */
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
			abort();	/* U+2066 .. U+2069 */
	}
	if (beat_width(clean) < 0)
		abort();
	free(clean);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* "today" and "now" must mean the same in every run. */
	setenv("BEAT_NOW", "2024-03-01 12:34:56", 1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);	/* exact size: ASan sees any read past the NUL */

	memcpy(s, data, size);
	s[size] = '\0';
	dates(s);
	money(s);
	idno(s);
	sanitized(s);
	free(s);
	return 0;
}
