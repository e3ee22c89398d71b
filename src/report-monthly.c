/* report-monthly: a month's, quarter's or year's figures as text, one HTML page or a table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_QUARTER = 256, OPT_YEAR, OPT_NO_HEADER, OPT_BOM };

static const struct beat_opt opts[] = {
	{ "month", 'm', 1, "YYYY-MM", N_("the month to report on") },
	{ "quarter", OPT_QUARTER, 1, "YYYY-Qn", N_("the quarter to report on instead") },
	{ "year", OPT_YEAR, 1, "YYYY", N_("the year to report on instead") },
	{ "format", 'f', 1, "text|html|table|tsv|csv|json", N_("text (default), html, or table, tsv, csv, json") },
	{ "output", 'o', 1, "FILE", N_("write to FILE, replaced atomically (default: stdout)") },
	/* The shared ones, which come with the shared -f this -f replaces. */
	{ "no-header", OPT_NO_HEADER, 0, NULL, N_("leave out the header line of tsv, csv and table") },
	{ "bom", OPT_BOM, 0, NULL, N_("begin csv output with a UTF-8 byte-order mark, for Excel") },
	{ 0 }
};

static const struct beat_cli cli = {
	"(--month YYYY-MM | --quarter YYYY-Qn | --year YYYY) [-f FMT] [-o FILE] [-d FILE]",
	N_("Print the monthly, quarterly or annual report on incidents, disputes, patrols, "
	    "premises and cameras."),
	opts, BEAT_CLI_DB,
};

/* -f: a document, or the figures through the output writer. */
static const struct {
	const char *name;
	enum beat_format format;
} formats[] = {
	{ "text", BEAT_FMT_DEFAULT }, { "html", BEAT_FMT_HTML }, { "table", BEAT_FMT_TABLE },
	{ "tsv", BEAT_FMT_TSV }, { "csv", BEAT_FMT_CSV }, { "json", BEAT_FMT_JSON },
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

static enum beat_format
parse_format(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(s, formats[i].name) == 0)
			return formats[i].format;
	beat_usage_error(_("unknown format '%s' (text, html, table, tsv, csv or json)"), s);
}

/*
 * The figures of the report, one a row: the period, the part of the
 * report, the figure's name and its value (yuan for money, minutes for
 * time), so that the rows of several reports make one table.
 */
static void
figures(FILE *fp, struct beat_conn *db, const struct beat_report *r)
{
	static const char *const cols[] = { "period", "section", "figure", "value", NULL };
	const struct {
		const char *section, *figure;
		long long v;
	} f[] = {
		{ "incidents", "calls", r->calls }, { "incidents", "valid", r->valid },
		{ "incidents", "repeats", r->repeats }, { "incidents", "invalid", r->invalid },
		{ "disputes", "registered", r->registered }, { "disputes", "sessions", r->sessions },
		{ "disputes", "resolved", r->resolved },
		{ "disputes", "closed_other", r->closed_other },
		{ "disputes", "escalated", r->escalated }, { "disputes", "handed_on", r->handed_on },
		{ "disputes", "open_end", r->open_end },
		{ "disputes", "overdue_end", (long long)r->noverdue },
		{ "disputes", "mass_risks", (long long)r->nrisks },
		{ "patrols", "patrols", r->patrols }, { "patrols", "minutes", r->patrol_minutes },
		{ "patrols", "hours_covered", r->hours_covered },
		{ "patrols", "checkpoints", r->checkpoints },
		{ "patrols", "checkpoints_visited", r->checkpoints_visited },
		{ "patrols", "stopped", r->stopped }, { "patrols", "mediated", r->mediated },
		{ "patrols", "checked", r->checked }, { "patrols", "publicity", r->publicity },
		{ "premises", "registered", r->places_all },
		{ "premises", "inspections", r->inspections },
		{ "premises", "hazards_found", r->hazards_found },
		{ "premises", "due_ledgers", r->due_ledgers },
		{ "premises", "due_places", r->due_places },
		{ "premises", "open_hazards", r->open_hazards },
		{ "premises", "hazards_late", r->hazards_late },
		{ "cameras", "cameras", r->cameras_all }, { "cameras", "online", r->cameras_online },
	};
	struct beat_out *o = beat_out_new(fp, cols);
	size_t i;

	/* Under a translated locale the table, for people, names them. */
	beat_out_codes(o, NULL, "section", "report_section");
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		beat_out_str(o, r->name);
		beat_out_str(o, f[i].section);
		beat_out_str(o, beat_out_label(o, NULL, "report_figure", f[i].figure));
		beat_out_int(o, f[i].v);
		beat_out_end_row(o);
		/* Money after the counts of its part. */
		if (strcmp(f[i].figure, "mass_risks") == 0) {
			beat_out_str(o, r->name);
			beat_out_str(o, "disputes");
			beat_out_str(o, "recovered_yuan");
			beat_out_fen(o, r->recovered_fen);
			beat_out_end_row(o);
		}
	}
	for (i = 0; i < r->ncats; i++) {
		beat_out_str(o, r->name);
		beat_out_str(o, "category");
		beat_out_str(o, beat_out_label(o, db, "incident_category", r->cats[i].code));
		beat_out_int(o, r->cats[i].month);
		beat_out_end_row(o);
	}
	for (i = 0; i < r->nmissed; i++) {
		beat_out_str(o, r->name);
		beat_out_str(o, "missed");
		beat_out_str(o, beat_out_label(o, NULL, "deadline", r->missed[i].what));
		beat_out_int(o, r->missed[i].n);
		beat_out_end_row(o);
	}
	beat_out_finish(o);
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
	struct beat_conn *db;
	enum beat_format fmt;
	int c, y, m, n = 0, bad = 0, text = 1;

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
			/* A document is the default, on a terminal or not. */
			fmt = parse_format(optarg);
			doc.html = fmt == BEAT_FMT_HTML;
			beat_opt.format = doc.html ? BEAT_FMT_DEFAULT : fmt;
			text = fmt == BEAT_FMT_DEFAULT;
			break;
		case OPT_NO_HEADER:
			beat_opt.no_header = 1;
			break;
		case OPT_BOM:
			beat_opt.bom = 1;
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
	db = beat_db_open(BEAT_DB_READ | BEAT_DB_QUERY_ONLY);
	beat_report_gather(db, y, m, n, &r);
	if (text || doc.html)
		beat_report_write(&doc, &r);
	else
		figures(doc.fp, db, &r);
	if (a != NULL)
		beat_atomic_commit(a);
	beat_report_free(&r);
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
