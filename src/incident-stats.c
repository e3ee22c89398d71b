/* incident-stats: count incidents by period, category, village and hour; compare; trends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_BY = 256, OPT_FROM, OPT_TO, OPT_ALL, OPT_COMPARE, OPT_TREND, OPT_HOTSPOTS };

static const struct beat_opt opts[] = {
	{ "by", OPT_BY, 1, "KEY[,KEY...]", N_("count by month, week, day, hour, weekday, category, village (default month)") },
	{ "from", OPT_FROM, 1, "DATE", N_("only incidents received on or after DATE") },
	{ "to", OPT_TO, 1, "DATE", N_("only incidents received on or before DATE") },
	{ "all", OPT_ALL, 0, NULL, N_("count invalid calls and repeat calls too") },
	{ "compare", OPT_COMPARE, 1, "MONTH", N_("compare MONTH with the month before, a year before, and year to date") },
	{ "trend", OPT_TREND, 0, NULL, N_("the monthly average of each year") },
	{ "hotspots", OPT_HOTSPOTS, 1, "N", N_("the N villages and hours of the day with most incidents") },
	{ 0 }
};

static const struct beat_cli cli = {
	"[-d FILE] [-f FMT] [--by KEY[,KEY...]] [--from DATE] [--to DATE] [--all]\n"
	"[-d FILE] [-f FMT] --compare MONTH [--all]\n"
	"[-d FILE] [-f FMT] --trend [--from DATE] [--to DATE] [--all]\n"
	"[-d FILE] [-f FMT] --hotspots N [--from DATE] [--to DATE] [--all]",
	N_("Count incidents by period, category, village or hour; compare periods; show trends."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT,
};

/* The periods first, as beat_period has them. */
enum key {
	MONTH = BEAT_PERIOD_MONTH, WEEK = BEAT_PERIOD_WEEK, DAY = BEAT_PERIOD_DAY,
	WEEKDAY = BEAT_PERIOD_WEEKDAY, HOUR, CATEGORY, VILLAGE, NKEYS
};

/*
 * Where counts come from: the tallies of schema 3 (share/sql/003-tally.sql)
 * hold them ready; the incident table itself only when no tally has
 * every key, or the --from and --to of a monthly tally fall inside a
 * month.  A key's text is the same from each: week and weekday are
 * counted per day and folded in C.
 */
enum src { DAYS, HOURS, PLACES, VILLAGES, RAW, NSRC };

static const struct {
	const char *table, *from, *to, *key[NKEYS];
} srcs[NSRC] = {
	[DAYS] = { "incident_tally_day", "day >= ?", "day < ?", {
	    [MONTH] = "substr(day, 1, 7)", [WEEK] = "day", [DAY] = "day",
	    [WEEKDAY] = "day", [CATEGORY] = "category" } },
	[HOURS] = { "incident_tally_hour", "month >= substr(?, 1, 7)",
	    "month < substr(?, 1, 7)", {
	    [MONTH] = "month", [HOUR] = "hour", [CATEGORY] = "category" } },
	[PLACES] = { "incident_tally_place", NULL, NULL, {
	    [HOUR] = "hour", [CATEGORY] = "category",
	    [VILLAGE] = "CASE novillage WHEN 0 THEN village END" } },
	[VILLAGES] = { "incident_tally", "month >= substr(?, 1, 7)",
	    "month < substr(?, 1, 7)", {
	    [MONTH] = "month", [HOUR] = "hour", [CATEGORY] = "category",
	    [VILLAGE] = "CASE novillage WHEN 0 THEN village END" } },
	[RAW] = { "incident", "received_at >= ?", "received_at < ?", {
	    [MONTH] = "substr(received_at, 1, 7)", [WEEK] = "substr(received_at, 1, 10)",
	    [DAY] = "substr(received_at, 1, 10)", [HOUR] = "substr(received_at, 12, 2)",
	    [WEEKDAY] = "substr(received_at, 1, 10)", [CATEGORY] = "category",
	    [VILLAGE] = "village" } },
};

static const char *const names[NKEYS] = {
	[MONTH] = "month", [WEEK] = "week", [DAY] = "day", [HOUR] = "hour",
	[WEEKDAY] = "weekday", [CATEGORY] = "category", [VILLAGE] = "village",
};

struct group {
	char *k[NKEYS];
	long long n;
};

static struct beat_conn *db;
static int all, nby;
static enum key by[NKEYS];
static char from[11], to[11];	/* to: the day after --to, exclusive */
static int nbound;		/* parameters query() bound */

/*
 * The smallest source with every key; a monthly one only for whole
 * months, the one of all time only for all time.  By hour is the
 * smallest, and in the order of its months.
 */
static enum src
source(const enum key *k, int nk)
{
	static const enum src order[] = { HOURS, DAYS, PLACES, VILLAGES };
	int s, i, whole;

	whole = (!from[0] || strcmp(from + 8, "01") == 0) &&
	    (!to[0] || strcmp(to + 8, "01") == 0);
	for (s = 0; s < (int)(sizeof order / sizeof order[0]); s++) {
		for (i = 0; i < nk && srcs[order[s]].key[k[i]] != NULL; i++)
			;
		if (i == nk && (order[s] == DAYS || whole) &&
		    (order[s] != PLACES || (!from[0] && !to[0])))
			return order[s];
	}
	return RAW;
}

/*
 * The counts of the selection (valid first calls unless --all, within
 * --from and --to, with a village if placed) grouped by the keys k,
 * then rest.  Unless grouped, a tally's rows come as they are, in the
 * order of its key, for the caller to add up: SQLite would sort them.
 */
static struct beat_stmt *
query(const enum key *k, int nk, int placed, int grouped, const char *rest)
{
	enum src s = source(k, nk);
	struct beat_stmt *st;
	char *sql, *sel = beat_xstrdup(""), *grp = beat_xstrdup(""), *t;
	int i;

	nbound = 0;
	for (i = 0; i < nk; i++) {
		t = beat_xasprintf("%s%s, ", sel, srcs[s].key[k[i]]);
		free(sel);
		sel = t;
		t = beat_xasprintf("%s%s%d", grp, i ? ", " : " GROUP BY ", i + 1);
		free(grp);
		grp = t;
	}
	/* Only fixed fragments go into the text; dates are bound. */
	grouped |= s == RAW;
	sql = beat_xasprintf("SELECT %s%s FROM %s WHERE %s%s%s%s%s%s%s %s", sel,
	    s == RAW ? "count(*)" : !grouped ? (all ? "n" : "c") : all ? "sum(n)" : "sum(c)",
	    srcs[s].table,
	    s != RAW ? (all ? "n > 0" : "c > 0") :
	    all ? "1 = 1" : "valid = 1 AND duplicate_of IS NULL",
	    from[0] ? " AND " : "", from[0] ? srcs[s].from : "",
	    to[0] ? " AND " : "", to[0] ? srcs[s].to : "",
	    !placed ? "" : s == RAW ? " AND village IS NOT NULL" : " AND novillage = 0",
	    grouped ? grp : "", rest);
	free(sel);
	free(grp);
	st = beat_prepare(db, sql);
	free(sql);
	/* The bounds given, in order; a LIMIT comes after them. */
	if (from[0])
		beat_stmt_bind_text(st, ++nbound, from);
	if (to[0])
		beat_stmt_bind_text(st, ++nbound, to);
	return st;
}

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

static int
cmp_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);	/* no village: last */
	return strcmp(a, b);
}

static int
cmp_group(const void *va, const void *vb)
{
	const struct group *a = va, *b = vb;
	int i, c;

	for (i = 0; i < nby; i++)
		if ((c = cmp_text(a->k[i], b->k[i])) != 0)
			return c;
	return 0;
}

static void
put_row(struct beat_out *o, char *const *k, long long n)
{
	int i;

	for (i = 0; i < nby; i++)
		beat_out_str(o, k[i]);
	beat_out_int(o, n);
	beat_out_end_row(o);
}

/* A lone time key is a series: the periods without incidents print as 0. */
static void
put_series(struct beat_out *o, struct group *g, size_t n, long dmin, long dmax)
{
	char key[16], *k[1] = { key };
	size_t j = 0;
	long d;
	int h;

	if (by[0] == HOUR || by[0] == WEEKDAY) {
		for (h = by[0] == HOUR ? 0 : 1; h <= (by[0] == HOUR ? 23 : 7); h++) {
			snprintf(key, sizeof key, by[0] == HOUR ? "%02d" : "%d", h);
			put_row(o, k, j < n && strcmp(g[j].k[0], key) == 0 ? g[j++].n : 0);
		}
		return;
	}
	for (d = dmin; d <= dmax; d = beat_period_next((enum beat_period)by[0], d)) {
		beat_period_key((enum beat_period)by[0], d, key);
		put_row(o, k, j < n && strcmp(g[j].k[0], key) == 0 ? g[j++].n : 0);
	}
}

static int
counts(void)
{
	const char *cols[NKEYS + 2];
	char *t, key[NKEYS][16], *rk[NKEYS];
	struct group *g = NULL;
	size_t n = 0, cap = 0, i, j;
	struct beat_stmt *st;
	struct beat_out *o;
	long day, dmin = 0, dmax = 0;
	int k;

	for (k = 0; k < nby; k++)
		cols[k] = names[by[k]];
	cols[nby] = "count";
	cols[nby + 1] = NULL;
	st = query(by, nby, 0, 0, "");
	while (beat_step(st)) {
		for (k = 0; k < nby; k++) {
			t = (char *)beat_stmt_text(st, k);
			if (t != NULL && by[k] <= WEEKDAY) {
				day = text_day(t);
				if (n == 0 || day < dmin)
					dmin = day;
				if (n == 0 || day > dmax)
					dmax = day;
				if (by[k] != DAY && by[k] != MONTH) {
					beat_period_key((enum beat_period)by[k], day, key[k]);
					t = key[k];
				}
			}
			rk[k] = t;
		}
		/* A tally's rows of one group mostly come in a run. */
		for (k = 0; n > 0 && k < nby && cmp_text(rk[k], g[n - 1].k[k]) == 0; k++)
			;
		if (n > 0 && k == nby) {
			g[n - 1].n += beat_stmt_int(st, nby);
			continue;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			g = beat_xrealloc(g, cap * sizeof *g);
		}
		for (k = 0; k < nby; k++)
			g[n].k[k] = rk[k] != NULL ? beat_xstrdup(rk[k]) : NULL;
		g[n++].n = beat_stmt_int(st, nby);
	}
	beat_stmt_free(st);

	/* Days folded into weeks or weekdays meet again once sorted. */
	if (n > 1)
		qsort(g, n, sizeof *g, cmp_group);
	for (i = 0, j = 0; i < n; i++) {
		if (j > 0 && cmp_group(&g[j - 1], &g[i]) == 0) {
			g[j - 1].n += g[i].n;
			for (k = 0; k < nby; k++)
				free(g[i].k[k]);
		} else
			g[j++] = g[i];
	}
	n = j;
	o = beat_out_new(stdout, cols);
	for (k = 0; k < nby; k++)
		if (by[k] == CATEGORY)
			beat_out_codes(o, db, "category", "incident_category");
	if (n > 0 && nby == 1 && by[0] != CATEGORY && by[0] != VILLAGE)
		put_series(o, g, n, dmin, dmax);
	else
		for (i = 0; i < n; i++)
			put_row(o, g[i].k, g[i].n);
	beat_out_finish(o);
	for (i = 0; i < n; i++)
		for (k = 0; k < nby; k++)
			free(g[i].k[k]);
	free(g);
	return n > 0 ? BEAT_EX_OK : BEAT_EX_NONE;
}

static int
trend(void)
{
	static const char *cols[] = { "year", "count", "months", "monthly_avg", NULL };
	static const enum key month[] = { MONTH };
	long long *sum = NULL;
	int y, m, y0 = 0, m0 = 0, m1 = 0, years = 0, first, last;
	struct beat_stmt *st;
	struct beat_out *o;
	char buf[32];

	st = query(month, 1, 0, 1, "ORDER BY 1");
	while (beat_step(st)) {
		if (beat_parse_month(beat_stmt_text(st, 0), &y, &m) == -1)
			beat_errx(BEAT_EX_DATA, _("bad time in the database: '%s'"),
			    beat_stmt_text(st, 0));
		if (sum == NULL) {
			y0 = y;
			m0 = m;
		}
		sum = beat_xrealloc(sum, (y - y0 + 1) * sizeof *sum);
		for (; years < y - y0 + 1; years++)
			sum[years] = 0;
		sum[y - y0] += beat_stmt_int(st, 1);
		m1 = m;
	}
	beat_stmt_free(st);
	o = beat_out_new(stdout, cols);
	/* A year cut off by the first or last month is averaged over its months inside. */
	for (y = 0; y < years; y++) {
		first = y == 0 ? m0 : 1;
		last = y == years - 1 ? m1 : 12;
		beat_out_int(o, y0 + y);
		beat_out_int(o, sum[y]);
		beat_out_int(o, last - first + 1);
		beat_out_num(o, beat_tenths(sum[y], last - first + 1, buf));
		beat_out_end_row(o);
	}
	beat_out_finish(o);
	free(sum);
	return years > 0 ? BEAT_EX_OK : BEAT_EX_NONE;
}

static int
compare(const char *month)
{
	static const char *cols[] = { "measure", "current", "previous", "change",
	    "pct_change", "z", NULL };
	struct beat_compare c[3];
	struct beat_out *o;
	char buf[32];
	long any = 0;
	int y, m, i;

	if (beat_parse_month(month, &y, &m) == -1)
		beat_usage_error(_("--compare: '%s' is not a month (YYYY-MM)"), month);
	beat_incident_compare(db, y, m, all, c);
	o = beat_out_new(stdout, cols);
	for (i = 0; i < 3; i++) {
		beat_out_str(o, c[i].measure);
		beat_out_int(o, c[i].current);
		beat_out_int(o, c[i].previous);
		beat_out_int(o, c[i].current - c[i].previous);
		beat_out_num(o, c[i].previous ?
		    beat_pct_change(c[i].current, c[i].previous, buf) : NULL);
		beat_out_num(o, beat_z_text(beat_poisson_z(c[i].current, c[i].previous), buf));
		beat_out_end_row(o);
		any += c[i].current + c[i].previous;
	}
	beat_out_finish(o);
	return any > 0 ? BEAT_EX_OK : BEAT_EX_NONE;
}

static int
hotspots(long long n)
{
	static const char *cols[] = { "village", "hour", "count", NULL };
	static const enum key vh[] = { VILLAGE, HOUR };
	struct beat_stmt *st;

	st = query(vh, 2, 1, 1, "ORDER BY 3 DESC, 1, 2 LIMIT ?");
	beat_stmt_bind_int(st, nbound + 1, n);
	return beat_out_query(stdout, cols, st) > 0 ? BEAT_EX_OK : BEAT_EX_NONE;
}

static void
parse_by(char *s)
{
	char *tok;
	int i, k;

	for (nby = 0; (tok = strsep(&s, ",")) != NULL; nby++) {
		for (k = 0; k < NKEYS && strcmp(tok, names[k]) != 0; k++)
			;
		if (k == NKEYS)
			beat_usage_error(_("--by: unknown key '%s' (month, week, day, hour,"
			    " weekday, category, village)"), tok);
		for (i = 0; i < nby; i++)
			if (by[i] == (enum key)k)
				beat_usage_error(_("--by: '%s' given twice"), tok);
		by[nby] = k;
	}
}

static void
parse_day(const char *s, const char *opt, char out[11], int after)
{
	long day;

	beat_arg_date(s, opt, out);
	if (after) {
		beat_text_day(out, &day);
		beat_day_text(day + 1, out);
	}
}

int
main(int argc, char **argv)
{
	const char *month = NULL;
	long long hot = 0;
	int c, trendflag = 0, status;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_ALL:
			all = 1;
			break;
		case OPT_BY:
			parse_by(optarg);
			break;
		case OPT_COMPARE:
			month = optarg;
			break;
		case OPT_FROM:
			parse_day(optarg, "--from", from, 0);
			break;
		case OPT_HOTSPOTS:
			hot = beat_num(optarg, 1, 1000000, "--hotspots");
			break;
		case OPT_TO:
			parse_day(optarg, "--to", to, 1);
			break;
		case OPT_TREND:
			trendflag = 1;
			break;
		}
	}
	if (optind < argc)
		beat_usage_error(_("unexpected operand '%s'"), argv[optind]);
	if ((nby > 0) + (month != NULL) + trendflag + (hot > 0) > 1)
		beat_usage_error(_("--by, --compare, --trend and --hotspots do not go together"));
	if (month != NULL && (from[0] || to[0]))
		beat_usage_error(_("--compare takes no --from or --to"));
	if (from[0] && to[0] && strcmp(from, to) >= 0)
		beat_usage_error(_("--from is after --to"));
	if (nby == 0)
		by[nby++] = MONTH;

	db = beat_db_open(BEAT_DB_READ);
	if (month != NULL)
		status = compare(month);
	else if (trendflag)
		status = trend();
	else if (hot > 0)
		status = hotspots(hot);
	else
		status = counts();
	beat_db_close(db);
	beat_exit(status);
}
