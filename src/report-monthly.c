/* report-monthly: a month's, quarter's or year's figures as text or one HTML page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_QUARTER = 256, OPT_YEAR };

static const struct beat_opt opts[] = {
	{ "month", 'm', 1, "YYYY-MM", N_("the month to report on") },
	{ "quarter", OPT_QUARTER, 1, "YYYY-Qn", N_("the quarter to report on instead") },
	{ "year", OPT_YEAR, 1, "YYYY", N_("the year to report on instead") },
	{ "format", 'f', 1, "text|html", N_("text (default) or html") },
	{ "output", 'o', 1, "FILE", N_("write to FILE, replaced atomically (default: stdout)") },
	{ 0 }
};

static const struct beat_cli cli = {
	"(--month YYYY-MM | --quarter YYYY-Qn | --year YYYY) [-f text|html] [-o FILE] [-d FILE]",
	N_("Print the monthly, quarterly or annual report on incidents, disputes, patrols, "
	    "premises and cameras."),
	opts, BEAT_CLI_DB,
};

/* "2024-Q4" to its first month; -1 if malformed. */
static int
parse_quarter(const char *s, int *y, int *m)
{
	char month[8];

	if (strlen(s) != 7 || s[4] != '-' || s[5] != 'Q' || s[6] < '1' || s[6] > '4')
		return -1;
	snprintf(month, sizeof(month), "%.4s-%02d", s, (s[6] - '1') * 3 + 1);
	return beat_parse_month(month, y, m);
}

static int
parse_year(const char *s, int *y, int *m)
{
	char month[8];

	if (strlen(s) != 4 || strspn(s, "0123456789") != 4)
		return -1;
	snprintf(month, sizeof(month), "%s-01", s);
	return beat_parse_month(month, y, m);
}

int
main(int argc, char **argv)
{
	struct beat_atomic *a = NULL;
	struct beat_report r;
	struct beat_doc doc = { NULL, 0 };
	const char *output = NULL, *what = NULL;
	sqlite3 *db;
	int c, y, m, n = 0, bad = 0;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case 'm':
			bad = beat_parse_month(optarg, &y, &m) == -1;
			what = "--month", n++;
			break;
		case OPT_QUARTER:
			bad = parse_quarter(optarg, &y, &m) == -1;
			what = "--quarter", n += 3;
			break;
		case OPT_YEAR:
			bad = parse_year(optarg, &y, &m) == -1;
			what = "--year", n += 12;
			break;
		case 'o':
			output = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "html") != 0 && strcmp(optarg, "text") != 0)
				beat_usage_error(_("unknown format '%s' (text or html)"), optarg);
			doc.html = strcmp(optarg, "html") == 0;
			break;
		}
		if (bad)
			beat_usage_error(_("%s: '%s' is not a %s"), what,
			    optarg, strcmp(what, "--month") == 0 ? "YYYY-MM" :
			    strcmp(what, "--quarter") == 0 ? "YYYY-Qn" : "YYYY");
	}
	if (optind < argc)
		beat_usage_error(_("unexpected operand '%s'"), argv[optind]);
	if (n == 0)
		beat_usage_error(_("--month YYYY-MM, --quarter YYYY-Qn or --year YYYY is required"));
	if (n != 1 && n != 3 && n != 12)
		beat_usage_error(_("only one of --month, --quarter and --year"));
	doc.fp = stdout;
	/* Before the database is opened, which tightens the umask. */
	if (output != NULL && strcmp(output, "-") != 0) {
		a = beat_atomic_open(output);
		doc.fp = beat_atomic_fp(a);
	}
	db = beat_db_open(BEAT_DB_READ);
	beat_exec(db, "PRAGMA query_only = ON", "");
	beat_report_gather(db, y, m, n, &r);
	beat_report_write(&doc, &r);
	if (a != NULL)
		beat_atomic_commit(a);
	beat_report_free(&r);
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
