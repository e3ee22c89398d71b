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

static const char *const names[BEAT_STATS_NKEYS] = {
	[BEAT_STATS_MONTH] = "month", [BEAT_STATS_WEEK] = "week", [BEAT_STATS_DAY] = "day",
	[BEAT_STATS_HOUR] = "hour", [BEAT_STATS_WEEKDAY] = "weekday",
	[BEAT_STATS_CATEGORY] = "category", [BEAT_STATS_VILLAGE] = "village",
};

static struct beat_conn *db;
static struct beat_stats_sel sel;	/* sel.to: the day after --to */
static int nby;
static enum beat_stats_key by[BEAT_STATS_NKEYS];

static int
counts(void)
{
	const char *cols[BEAT_STATS_NKEYS + 2];
	struct beat_stats_group *g;
	struct beat_out *o;
	size_t n, i;
	int k;

	for (k = 0; k < nby; k++)
		cols[k] = names[by[k]];
	cols[nby] = "count";
	cols[nby + 1] = NULL;
	n = beat_stats_count(db, &sel, by, nby, &g);
	o = beat_out_new(stdout, cols);
	for (k = 0; k < nby; k++)
		if (by[k] == BEAT_STATS_CATEGORY)
			beat_out_codes(o, db, "category", "incident_category");
	for (i = 0; i < n; i++) {
		for (k = 0; k < nby; k++)
			beat_out_str(o, g[i].k[k]);
		beat_out_int(o, g[i].n);
		beat_out_end_row(o);
	}
	beat_out_finish(o);
	beat_stats_free(g, n);
	return n > 0 ? BEAT_EX_OK : BEAT_EX_NONE;
}

static int
trend(void)
{
	static const char *cols[] = { "year", "count", "months", "monthly_avg", NULL };
	struct beat_stats_year *y;
	struct beat_out *o;
	size_t n, i;
	char buf[32];

	n = beat_stats_trend(db, &sel, &y);
	o = beat_out_new(stdout, cols);
	for (i = 0; i < n; i++) {
		beat_out_int(o, y[i].year);
		beat_out_int(o, y[i].n);
		beat_out_int(o, y[i].months);
		beat_out_num(o, beat_tenths(y[i].n, y[i].months, buf));
		beat_out_end_row(o);
	}
	beat_out_finish(o);
	free(y);
	return n > 0 ? BEAT_EX_OK : BEAT_EX_NONE;
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
	beat_incident_compare(db, y, m, sel.all, c);
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
	struct beat_stats_spot *s;
	struct beat_out *o;
	size_t ns, i;

	ns = beat_stats_hotspots(db, &sel, n, &s);
	o = beat_out_new(stdout, cols);
	for (i = 0; i < ns; i++) {
		beat_out_str(o, s[i].village);
		beat_out_str(o, s[i].hour);
		beat_out_int(o, s[i].n);
		beat_out_end_row(o);
	}
	beat_out_finish(o);
	beat_stats_spots_free(s, ns);
	return ns > 0 ? BEAT_EX_OK : BEAT_EX_NONE;
}

static void
parse_by(char *s)
{
	char *tok;
	int i, k;

	for (nby = 0; (tok = strsep(&s, ",")) != NULL; nby++) {
		for (k = 0; k < BEAT_STATS_NKEYS && strcmp(tok, names[k]) != 0; k++)
			;
		if (k == BEAT_STATS_NKEYS)
			beat_usage_error(_("--by: unknown key '%s' (month, week, day, hour,"
			    " weekday, category, village)"), tok);
		for (i = 0; i < nby; i++)
			if (by[i] == (enum beat_stats_key)k)
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
			sel.all = 1;
			break;
		case OPT_BY:
			parse_by(optarg);
			break;
		case OPT_COMPARE:
			month = optarg;
			break;
		case OPT_FROM:
			parse_day(optarg, "--from", sel.from, 0);
			break;
		case OPT_HOTSPOTS:
			hot = beat_num(optarg, 1, 1000000, "--hotspots");
			break;
		case OPT_TO:
			parse_day(optarg, "--to", sel.to, 1);
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
	if (month != NULL && (sel.from[0] || sel.to[0]))
		beat_usage_error(_("--compare takes no --from or --to"));
	if (sel.from[0] && sel.to[0] && strcmp(sel.from, sel.to) >= 0)
		beat_usage_error(_("--from is after --to"));
	if (nby == 0)
		by[nby++] = BEAT_STATS_MONTH;

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
