/* when.c: day numbers and date parsing for records and deadlines. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "beat.h"

/* Dates people type; wider than any record we keep, narrow enough to catch typos. */
#define YEAR_MIN 1900
#define YEAR_MAX 2999
#define DAY_SECS 86400LL
/* Days in a 400-year cycle of the Gregorian calendar. */
#define CYCLE_DAYS 146097L
/* Day number of 1970-01-01 counted from 0000-03-01. */
#define EPOCH_SHIFT 719468L

struct stamp {
	int y, mo, d, h, mi, s;
};

static long long
floordiv(long long a, long long b)
{
	long long q = a / b;

	if (a % b != 0 && (a < 0) != (b < 0))
		q--;
	return q;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

static int
valid_date(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}

/*
 * Counting years from March puts the leap day last, so the day of the
 * year follows from the month by one linear formula: months from March
 * alternate 31/30 days except at the year's end, which (153 * mp + 2) / 5
 * reproduces.
 */
long
beat_day(int y, int m, int d)
{
	long yr, cycle, yoc, mp, doy, doc;

	yr = (long)y - (m <= 2);
	cycle = (long)floordiv(yr, 400);
	yoc = yr - cycle * 400;			/* 0 .. 399 */
	mp = m > 2 ? m - 3 : m + 9;		/* March 0 .. February 11 */
	doy = (153 * mp + 2) / 5 + d - 1;	/* 0 .. 365 */
	doc = yoc * 365 + yoc / 4 - yoc / 100 + doy;
	return cycle * CYCLE_DAYS + doc - EPOCH_SHIFT;
}

void
beat_civil(long day, int *y, int *m, int *d)
{
	long z, cycle, doc, yoc, doy, mp, yr;

	z = day + EPOCH_SHIFT;
	cycle = (long)floordiv(z, CYCLE_DAYS);
	doc = z - cycle * CYCLE_DAYS;		/* 0 .. 146096 */
	/* Take out the leap days before dividing, so every year is 365. */
	yoc = (doc - doc / 1460 + doc / 36524 - doc / (CYCLE_DAYS - 1)) / 365;
	doy = doc - (365 * yoc + yoc / 4 - yoc / 100);
	mp = (5 * doy + 2) / 153;
	yr = yoc + cycle * 400;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yr + (*m <= 2));
}

int
beat_weekday(long day)
{
	long long k = (long long)day + 3;	/* 1970-01-01 was a Thursday */

	return (int)(k - floordiv(k, 7) * 7) + 1;
}

/* Reads min to max digits; a digit beyond max is left for the caller to refuse. */
static int
digits(const char **pp, int min, int max, int *v)
{
	const char *p = *pp;
	int n = 0, val = 0;

	while (n < max && *p >= '0' && *p <= '9') {
		val = val * 10 + (*p++ - '0');
		n++;
	}
	if (n < min)
		return -1;
	*pp = p;
	*v = val;
	return 0;
}

/* YYYY-M[M]-D[D] or the same with '/'; the two separators must agree. */
static int
scan_date(const char **pp, struct stamp *t)
{
	const char *p = *pp;
	char sep;

	if (digits(&p, 4, 4, &t->y) == -1)
		return -1;
	sep = *p;
	if (sep != '-' && sep != '/')
		return -1;
	p++;
	if (digits(&p, 1, 2, &t->mo) == -1 || *p++ != sep ||
	    digits(&p, 1, 2, &t->d) == -1)
		return -1;
	if (t->y < YEAR_MIN || t->y > YEAR_MAX || !valid_date(t->y, t->mo, t->d))
		return -1;
	*pp = p;
	return 0;
}

/* H[H]:MM[:SS] */
static int
scan_clock(const char **pp, struct stamp *t)
{
	const char *p = *pp;

	t->s = 0;
	if (digits(&p, 1, 2, &t->h) == -1 || *p++ != ':' ||
	    digits(&p, 2, 2, &t->mi) == -1)
		return -1;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, 2, &t->s) == -1)
			return -1;
	}
	if (t->h > 23 || t->mi > 59 || t->s > 59)
		return -1;
	*pp = p;
	return 0;
}

/* A date with an optional time of day after ' ' or 'T', and nothing else. */
static int
scan_absolute(const char *s, struct stamp *t, int *timed)
{
	const char *p = s;

	*timed = 0;
	t->h = t->mi = t->s = 0;
	if (scan_date(&p, t) == -1)
		return -1;
	if (*p == '\0')
		return 0;
	if (*p != ' ' && *p != 'T')
		return -1;
	p++;
	if (scan_clock(&p, t) == -1 || *p != '\0')
		return -1;
	*timed = 1;
	return 0;
}

static void
from_seconds(long long secs, struct stamp *t)
{
	long long day = floordiv(secs, DAY_SECS);
	long sod = (long)(secs - day * DAY_SECS);

	beat_civil((long)day, &t->y, &t->mo, &t->d);
	t->h = (int)(sod / 3600);
	t->mi = (int)(sod / 60 % 60);
	t->s = (int)(sod % 60);
}

long long
beat_now(void)
{
	/*
	 * The clock is read once per process, so "today" and "now" agree
	 * even when a command runs across midnight.
	 */
	static long long clock_now;
	static int have_clock;
	const char *env;
	struct stamp t;
	struct tm tm;
	time_t tt;
	int timed;

	env = getenv("BEAT_NOW");
	if (env != NULL && *env != '\0') {
		if (scan_absolute(env, &t, &timed) == -1) {
			beat_errx(BEAT_EX_USAGE, "BEAT_NOW=%s: %s", env,
			    _("not a date (YYYY-MM-DD [HH:MM[:SS]])"));
		}
		return beat_day(t.y, t.mo, t.d) * DAY_SECS +
		    t.h * 3600LL + t.mi * 60LL + t.s;
	}
	if (!have_clock) {
		tt = time(NULL);
		if (localtime_r(&tt, &tm) == NULL) {
			beat_err(BEAT_EX_SOFTWARE, "%s", _("local time"));
		}
		clock_now = (long long)tt + tm.tm_gmtoff;
		have_clock = 1;
	}
	return clock_now;
}

/*
 * A record of what happened cannot be dated next week: such a date is a
 * slip of the keyboard (2042 for 2024).  A day's slack leaves room for a
 * clock set wrong and for a form filled in before the shift ends.
 */
int
beat_far_ahead(const char *s)
{
	long long t;

	return beat_text_time(s, &t) == 0 && t > beat_now() + DAY_SECS;
}

long
beat_today(void)
{
	return (long)floordiv(beat_now(), DAY_SECS);
}

/* Writes v as exactly width digits (v is known to fit). */
static char *
put_num(char *p, int v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

static void
put_date(char *p, int y, int m, int d)
{
	p = put_num(p, y, 4);
	*p++ = '-';
	p = put_num(p, m, 2);
	*p++ = '-';
	p = put_num(p, d, 2);
	*p = '\0';
}

/* Any accepted form into a stamp; *timed says whether a time was given. */
static int
parse_any(const char *s, struct stamp *t, int *timed)
{
	const char *p;
	long day;

	if (s == NULL)
		return -1;
	if (strcmp(s, "now") == 0) {
		from_seconds(beat_now(), t);
		*timed = 1;
		return 0;
	}
	if (strncmp(s, "today", 5) == 0) {
		p = s + 5;
		day = beat_today();
	} else if (strncmp(s, "yesterday", 9) == 0) {
		p = s + 9;
		day = beat_today() - 1;
	} else
		return scan_absolute(s, t, timed);

	/* "today 14:30" reads naturally; a time is optional as with dates. */
	beat_civil(day, &t->y, &t->mo, &t->d);
	t->h = t->mi = t->s = 0;
	*timed = 0;
	if (*p == '\0')
		return 0;
	if (*p++ != ' ' || scan_clock(&p, t) == -1 || *p != '\0')
		return -1;
	*timed = 1;
	return 0;
}

int
beat_parse_time(const char *s, char out[20])
{
	struct stamp t;
	int timed;
	char *p;

	if (parse_any(s, &t, &timed) == -1)
		return -1;
	put_date(out, t.y, t.mo, t.d);
	p = out + 10;
	*p++ = ' ';
	p = put_num(p, t.h, 2);
	*p++ = ':';
	p = put_num(p, t.mi, 2);
	*p++ = ':';
	p = put_num(p, t.s, 2);
	*p = '\0';
	return 0;
}

int
beat_parse_date(const char *s, char out[11])
{
	struct stamp t;
	int timed;

	if (parse_any(s, &t, &timed) == -1)
		return -1;
	/* "now" is a moment, but asked for a date it means today. */
	if (timed && strcmp(s, "now") != 0)
		return -1;
	put_date(out, t.y, t.mo, t.d);
	return 0;
}

void
beat_arg_time(const char *s, const char *option, char out[20])
{
	if (beat_parse_time(s, out) == -1)
		beat_usage_error(_("%s: '%s' is not a date"), option, s ? s : "");
}

void
beat_arg_date(const char *s, const char *option, char out[11])
{
	if (beat_parse_date(s, out) == -1)
		beat_usage_error(_("%s: '%s' is not a date"), option, s ? s : "");
}

int
beat_parse_month(const char *s, int *y, int *m)
{
	const char *p = s;
	int yy, mm;
	char sep;

	if (s == NULL || digits(&p, 4, 4, &yy) == -1)
		return -1;
	sep = *p++;
	if ((sep != '-' && sep != '/') || digits(&p, 1, 2, &mm) == -1 ||
	    *p != '\0')
		return -1;
	if (yy < YEAR_MIN || yy > YEAR_MAX || mm < 1 || mm > 12)
		return -1;
	*y = yy;
	*m = mm;
	return 0;
}

int
beat_text_day(const char *s, long *day)
{
	const char *p = s;
	int y, m, d;

	/* Stored values are written by us: exactly YYYY-MM-DD, then a time or nothing. */
	if (s == NULL || digits(&p, 4, 4, &y) == -1 || *p++ != '-' ||
	    digits(&p, 2, 2, &m) == -1 || *p++ != '-' ||
	    digits(&p, 2, 2, &d) == -1)
		return -1;
	if ((*p != '\0' && *p != ' ' && *p != 'T') || !valid_date(y, m, d))
		return -1;
	*day = beat_day(y, m, d);
	return 0;
}

void
beat_day_text(long day, char out[11])
{
	int y, m, d;

	beat_civil(day, &y, &m, &d);
	if (y < 0 || y > 9999) {
		/* Never a real record; keep the buffer bounded. */
		strcpy(out, "0000-00-00");
		return;
	}
	put_date(out, y, m, d);
}

int
beat_text_time(const char *s, long long *t)
{
	long day;
	int h, mi, sec;

	if (beat_text_day(s, &day) == -1)
		return -1;
	if (s[10] == '\0') {
		*t = (long long)day * DAY_SECS;
		return 0;
	}
	if (sscanf(s + 11, "%2d:%2d:%2d", &h, &mi, &sec) != 3 || h > 23 || mi > 59 || sec > 59)
		return -1;
	*t = (long long)day * DAY_SECS + h * 3600 + mi * 60 + sec;
	return 0;
}

void
beat_time_text(long long t, char out[20])
{
	long long day = floordiv(t, DAY_SECS), s = t - day * DAY_SECS;

	beat_day_text((long)day, out);
	snprintf(out + 10, 10, " %02u:%02u:%02u", (unsigned)(s / 3600) % 24u,
	    (unsigned)(s / 60) % 60u, (unsigned)s % 60u);
}

long
beat_add_months(long day, int months)
{
	long long ym;
	int y, m, d, last;

	beat_civil(day, &y, &m, &d);
	ym = (long long)y * 12 + (m - 1) + months;
	y = (int)floordiv(ym, 12);
	m = (int)(ym - (long long)y * 12) + 1;
	last = month_days(y, m);
	return beat_day(y, m, d > last ? last : d);
}
