/* stats.c: incident statistics: which tally answers a grouping, series of periods, trends, hotspots. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

#define MONTH	BEAT_STATS_MONTH
#define WEEK	BEAT_STATS_WEEK
#define DAY	BEAT_STATS_DAY
#define WEEKDAY	BEAT_STATS_WEEKDAY
#define HOUR	BEAT_STATS_HOUR
#define CATEGORY	BEAT_STATS_CATEGORY
#define VILLAGE	BEAT_STATS_VILLAGE
#define NKEYS	BEAT_STATS_NKEYS

/*
 * Where counts come from: the tallies of schema 3 (share/sql/003-tally.sql)
 * hold them ready; the incident table itself only when no tally has
 * every key, or the --from and --to of a monthly tally fall inside a
 * month.  A key's text is the same from each: week and weekday are
 * counted per day and folded in C.  at is the column the bounds are
 * compared with, cut to a month in a monthly tally.
 */
enum src { DAYS, HOURS, PLACES, VILLAGES, RAW, NSRC };

static const struct {
	const char *table, *at;
	int monthly;
	const char *key[NKEYS];
} srcs[NSRC] = {
	[DAYS] = { "incident_tally_day", "day", 0, {
	    [MONTH] = "substr(day, 1, 7)", [WEEK] = "day", [DAY] = "day",
	    [WEEKDAY] = "day", [CATEGORY] = "category" } },
	[HOURS] = { "incident_tally_hour", "month", 1, {
	    [MONTH] = "month", [HOUR] = "hour", [CATEGORY] = "category" } },
	[PLACES] = { "incident_tally_place", NULL, 0, {
	    [HOUR] = "hour", [CATEGORY] = "category",
	    [VILLAGE] = "CASE novillage WHEN 0 THEN village END" } },
	[VILLAGES] = { "incident_tally", "month", 1, {
	    [MONTH] = "month", [HOUR] = "hour", [CATEGORY] = "category",
	    [VILLAGE] = "CASE novillage WHEN 0 THEN village END" } },
	[RAW] = { "incident", "received_at", 0, {
	    [MONTH] = "substr(received_at, 1, 7)", [WEEK] = "substr(received_at, 1, 10)",
	    [DAY] = "substr(received_at, 1, 10)", [HOUR] = "substr(received_at, 12, 2)",
	    [WEEKDAY] = "substr(received_at, 1, 10)", [CATEGORY] = "category",
	    [VILLAGE] = "village" } },
};

/*
 * The smallest source with every key; a monthly one only for whole
 * months, the one of all time only for all time.  By hour is the
 * smallest, and in the order of its months.
 */
static enum src
source(const struct beat_stats_sel *sel, const enum beat_stats_key *k, int nk)
{
	static const enum src order[] = { HOURS, DAYS, PLACES, VILLAGES };
	int s, i, whole;

	whole = (!sel->from[0] || strcmp(sel->from + 8, "01") == 0) &&
	    (!sel->to[0] || strcmp(sel->to + 8, "01") == 0);
	for (s = 0; s < (int)(sizeof order / sizeof order[0]); s++) {
		for (i = 0; i < nk && srcs[order[s]].key[k[i]] != NULL; i++)
			;
		if (i == nk && (order[s] == DAYS || whole) &&
		    (order[s] != PLACES || (!sel->from[0] && !sel->to[0])))
			return order[s];
	}
	return RAW;
}

/* " AND at op $n", the n-th parameter a day, cut to a month for a monthly tally. */
static char *
bound(enum src s, const char *op, int n)
{
	return beat_xasprintf(srcs[s].monthly ? " AND %s %s substr($%d, 1, 7)" :
	    " AND %s %s $%d", srcs[s].at, op, n);
}

/*
 * The counts of the selection (valid first calls unless all, within its
 * bounds, with a village if placed) grouped by the keys k, then order;
 * the first limit rows when limit > 0.  Unless grouped, a tally's rows
 * come as they are, in the order of its key, for the caller to add up:
 * SQLite would sort them.
 */
static struct beat_stmt *
query(struct beat_conn *db, const struct beat_stats_sel *sel, const enum beat_stats_key *k,
    int nk, int placed, int grouped, const char *order, long long limit)
{
	enum src s = source(sel, k, nk);
	struct beat_stmt *st;
	char *sql, *cols = beat_xstrdup(""), *grp = beat_xstrdup(""), *t, *lo, *hi, *lim;
	int i, np = 0;

	for (i = 0; i < nk; i++) {
		t = beat_xasprintf("%s%s, ", cols, srcs[s].key[k[i]]);
		free(cols);
		cols = t;
		t = beat_xasprintf("%s%s%d", grp, i ? ", " : " GROUP BY ", i + 1);
		free(grp);
		grp = t;
	}
	/* Only fixed fragments go into the text; dates are bound. */
	lo = sel->from[0] ? bound(s, ">=", ++np) : beat_xstrdup("");
	hi = sel->to[0] ? bound(s, "<", ++np) : beat_xstrdup("");
	lim = limit > 0 ? beat_xasprintf(" LIMIT $%d", ++np) : beat_xstrdup("");
	grouped |= s == RAW;
	sql = beat_xasprintf("SELECT %s%s FROM %s WHERE %s%s%s%s%s %s%s", cols,
	    s == RAW ? "count(*)" : !grouped ? (sel->all ? "n" : "c") :
	    sel->all ? "sum(n)" : "sum(c)",
	    srcs[s].table,
	    s != RAW ? (sel->all ? "n > 0" : "c > 0") : sel->all ? "1 = 1" : BEAT_SQL_VALID,
	    lo, hi,
	    !placed ? "" : s == RAW ? " AND village IS NOT NULL" : " AND novillage = 0",
	    grouped ? grp : "", order, lim);
	free(cols);
	free(grp);
	free(lo);
	free(hi);
	free(lim);
	st = beat_prepare(db, sql);
	free(sql);
	np = 0;
	if (sel->from[0])
		beat_stmt_bind_text(st, ++np, sel->from);
	if (sel->to[0])
		beat_stmt_bind_text(st, ++np, sel->to);
	if (limit > 0)
		beat_stmt_bind_int(st, ++np, limit);
	return st;
}

/* The first day of a month or day in the database. */
static long
text_day(const char *s)
{
	char buf[11];
	long day;

	snprintf(buf, sizeof buf, "%.7s-01", s);	/* a month is its first day */
	if (beat_text_day(strlen(s) == 7 ? buf : s, &day) == -1)
		beat_errx(BEAT_EX_DATA, _("bad time in the database: '%s'"), s);
	return day;
}

static char *
dup(const char *s)
{
	return s != NULL ? beat_xstrdup(s) : NULL;
}

static int
cmp_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);	/* no village: last */
	return strcmp(a, b);
}

static int nsort;	/* the keys cmp_group compares */

static int
cmp_group(const void *va, const void *vb)
{
	const struct beat_stats_group *a = va, *b = vb;
	int i, c;

	for (i = 0; i < nsort; i++)
		if ((c = cmp_text(a->k[i], b->k[i])) != 0)
			return c;
	return 0;
}

static void
add(struct beat_stats_group **g, size_t *n, size_t *cap, char *const *k, int nk, long long c)
{
	int i;

	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		*g = beat_xrealloc(*g, *cap * sizeof **g);
	}
	memset(&(*g)[*n], 0, sizeof **g);
	for (i = 0; i < nk; i++)
		(*g)[*n].k[i] = dup(k[i]);
	(*g)[(*n)++].n = c;
}

/*
 * A lone time key as a series of every period from dmin to dmax (every
 * hour, every weekday), each with its count or 0; a group that is no
 * period in its place is left out.
 */
static size_t
series(enum beat_stats_key key, struct beat_stats_group *g, size_t n, long dmin, long dmax,
    struct beat_stats_group **out)
{
	struct beat_stats_group *s = NULL;
	size_t j = 0, ns = 0, cap = 0;
	char buf[16], *k[1] = { buf };
	long d;
	int h;

	if (key == HOUR || key == WEEKDAY) {
		for (h = key == HOUR ? 0 : 1; h <= (key == HOUR ? 23 : 7); h++) {
			snprintf(buf, sizeof buf, key == HOUR ? "%02d" : "%d", h);
			add(&s, &ns, &cap, k, 1,
			    j < n && strcmp(g[j].k[0], buf) == 0 ? g[j++].n : 0);
		}
	} else
		for (d = dmin; d <= dmax; d = beat_period_next((enum beat_period)key, d)) {
			beat_period_key((enum beat_period)key, d, buf);
			add(&s, &ns, &cap, k, 1,
			    j < n && strcmp(g[j].k[0], buf) == 0 ? g[j++].n : 0);
		}
	beat_stats_free(g, n);
	*out = s;
	return ns;
}

size_t
beat_stats_count(struct beat_conn *db, const struct beat_stats_sel *sel,
    const enum beat_stats_key *k, int nk, struct beat_stats_group **out)
{
	char *t, key[NKEYS][16], *rk[NKEYS];
	struct beat_stats_group *g = NULL;
	size_t n = 0, cap = 0, i, j;
	struct beat_stmt *st;
	long day, dmin = 0, dmax = 0;
	int c;

	st = query(db, sel, k, nk, 0, 0, "", 0);
	while (beat_step(st)) {
		for (c = 0; c < nk; c++) {
			t = (char *)beat_stmt_text(st, c);
			if (t != NULL && k[c] <= WEEKDAY) {
				day = text_day(t);
				if (n == 0 || day < dmin)
					dmin = day;
				if (n == 0 || day > dmax)
					dmax = day;
				if (k[c] != DAY && k[c] != MONTH) {
					beat_period_key((enum beat_period)k[c], day, key[c]);
					t = key[c];
				}
			}
			rk[c] = t;
		}
		/* A tally's rows of one group mostly come in a run. */
		for (c = 0; n > 0 && c < nk && cmp_text(rk[c], g[n - 1].k[c]) == 0; c++)
			;
		if (n > 0 && c == nk)
			g[n - 1].n += beat_stmt_int(st, nk);
		else
			add(&g, &n, &cap, rk, nk, beat_stmt_int(st, nk));
	}
	beat_stmt_free(st);

	/* Days folded into weeks or weekdays meet again once sorted. */
	nsort = nk;
	if (n > 1)
		qsort(g, n, sizeof *g, cmp_group);
	for (i = 0, j = 0; i < n; i++) {
		if (j > 0 && cmp_group(&g[j - 1], &g[i]) == 0) {
			g[j - 1].n += g[i].n;
			for (c = 0; c < nk; c++)
				free(g[i].k[c]);
		} else
			g[j++] = g[i];
	}
	n = j;
	if (n > 0 && nk == 1 && k[0] != CATEGORY && k[0] != VILLAGE)
		return series(k[0], g, n, dmin, dmax, out);
	*out = g;
	return n;
}

void
beat_stats_free(struct beat_stats_group *g, size_t n)
{
	size_t i;
	int c;

	for (i = 0; i < n; i++)
		for (c = 0; c < NKEYS; c++)
			free(g[i].k[c]);
	free(g);
}

size_t
beat_stats_trend(struct beat_conn *db, const struct beat_stats_sel *sel,
    struct beat_stats_year **out)
{
	static const enum beat_stats_key month[] = { MONTH };
	struct beat_stats_year *v = NULL;
	int y, m, y0 = 0, m0 = 0, m1 = 0, years = 0;
	struct beat_stmt *st;

	st = query(db, sel, month, 1, 0, 1, "ORDER BY 1", 0);
	while (beat_step(st)) {
		if (beat_parse_month(beat_stmt_text(st, 0), &y, &m) == -1)
			beat_errx(BEAT_EX_DATA, _("bad time in the database: '%s'"),
			    beat_stmt_text(st, 0));
		if (v == NULL) {
			y0 = y;
			m0 = m;
		}
		v = beat_xrealloc(v, (y - y0 + 1) * sizeof *v);
		for (; years < y - y0 + 1; years++) {
			v[years].year = y0 + years;
			v[years].n = 0;
		}
		v[y - y0].n += beat_stmt_int(st, 1);
		m1 = m;
	}
	beat_stmt_free(st);
	/* A year cut off by the first or last month counts its months inside. */
	for (y = 0; y < years; y++)
		v[y].months = (y == years - 1 ? m1 : 12) - (y == 0 ? m0 : 1) + 1;
	*out = v;
	return years;
}

size_t
beat_stats_hotspots(struct beat_conn *db, const struct beat_stats_sel *sel, long long n,
    struct beat_stats_spot **out)
{
	static const enum beat_stats_key vh[] = { VILLAGE, HOUR };
	struct beat_stats_spot *s = NULL;
	size_t ns = 0, cap = 0;
	struct beat_stmt *st;

	st = query(db, sel, vh, 2, 1, 1, "ORDER BY 3 DESC, 1, 2", n);
	while (beat_step(st)) {
		if (ns == cap) {
			cap = cap ? 2 * cap : 16;
			s = beat_xrealloc(s, cap * sizeof *s);
		}
		s[ns].village = dup(beat_stmt_text(st, 0));
		s[ns].hour = dup(beat_stmt_text(st, 1));
		s[ns++].n = beat_stmt_int(st, 2);
	}
	beat_stmt_free(st);
	*out = s;
	return ns;
}

void
beat_stats_spots_free(struct beat_stats_spot *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(s[i].village);
		free(s[i].hour);
	}
	free(s);
}
