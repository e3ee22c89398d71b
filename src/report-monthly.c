/* report-monthly: the month's figures as a plain-text page or one HTML page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_FORMAT = 256 };

static const struct beat_opt opts[] = {
	{ "month", 'm', 1, "YYYY-MM", N_("the month to report on (required)") },
	{ "format", OPT_FORMAT, 1, "FMT", N_("text (default) or html") },
	{ "output", 'o', 1, "FILE", N_("write to FILE, replaced atomically (default: stdout)") },
	{ 0 }
};

static const struct beat_cli cli = {
	"--month YYYY-MM [--format text|html] [--output FILE] [-d FILE]",
	N_("Print the monthly report on incidents, disputes, patrols, premises and cameras."),
	opts, BEAT_CLI_DB,
};

static struct beat_doc doc;

/* ---- the sections -------------------------------------------------- */

static const char *
z_mark(double z)
{
	double a = z < 0 ? -z : z;

	return a > 3 ? "!!" : a > 2 ? "!" : "";
}

/* Whether any month of the chart is on record (the month reported may
 * come before the first incident). */
static int
charted(const struct beat_report *r)
{
	int i;

	for (i = 0; i < BEAT_REPORT_MONTHS; i++)
		if (r->series[i] >= 0)
			return 1;
	return 0;
}

static void
sparkline(const struct beat_report *r)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	long long max = 0, min = -1;
	int i;

	if (!charted(r))
		return;
	for (i = 0; i < BEAT_REPORT_MONTHS; i++) {
		if (r->series[i] > max)
			max = r->series[i];
		if (r->series[i] >= 0 && (min < 0 || r->series[i] < min))
			min = r->series[i];
	}
	fprintf(doc.fp, "\n  %s %s ", _("Last 24 months:"), r->months[0]);
	for (i = 0; i < BEAT_REPORT_MONTHS; i++)
		fputs(r->series[i] < 0 ? " " : bars[max ? (r->series[i] * 7 + max / 2) / max : 0],
		    doc.fp);
	fprintf(doc.fp, " %s\n  ", r->months[BEAT_REPORT_MONTHS - 1]);
	fprintf(doc.fp, _("(valid incidents a month, from %lld to %lld)"), min, max);
	fputs("\n", doc.fp);
}

/* The 24 months against the same months a year earlier. */
static void
line_chart(const struct beat_report *r)
{
	const char *x[BEAT_REPORT_MONTHS];
	char now[64], ago[64], a0[16], a1[16];
	struct beat_svg_series s[2] = {
		{ now, r->series, 0 },
		{ ago, r->series_ago, 1 },
	};
	int y, m;
	size_t i;

	for (i = 0; i < BEAT_REPORT_MONTHS; i++)
		x[i] = r->months[i];
	snprintf(now, sizeof(now), _("%s to %s"), r->months[0], r->months[BEAT_REPORT_MONTHS - 1]);
	/* The same span, a year before. */
	sscanf(r->months[0], "%d-%d", &y, &m);
	snprintf(a0, sizeof(a0), "%04d-%02d", (y - 1) % 10000, m % 100);
	snprintf(a1, sizeof(a1), "%04d-%02d", (r->year - 1) % 10000, r->month % 100);
	snprintf(ago, sizeof(ago), _("%s to %s"), a0, a1);
	fputs("<figure>\n", doc.fp);
	beat_svg_lines(doc.fp, _("Valid incidents a month"), _("month"), _("valid incidents"),
	    x, BEAT_REPORT_MONTHS, s, 2);
	fputs("</figure>\n", doc.fp);
}

static void
bar_chart(const struct beat_report *r)
{
	const char **labels;
	long long *v;
	size_t i;

	labels = beat_xmalloc(r->ncats * sizeof(*labels));
	v = beat_xmalloc(r->ncats * sizeof(*v));
	for (i = 0; i < r->ncats; i++) {
		labels[i] = beat_xasprintf("%s %s", r->cats[i].label, r->cats[i].code);
		v[i] = r->cats[i].month;
	}
	fputs("<figure>\n", doc.fp);
	beat_svg_bars(doc.fp, _("Valid incidents of the month by category"), labels, v, r->ncats);
	fputs("</figure>\n", doc.fp);
	for (i = 0; i < r->ncats; i++)
		free((char *)labels[i]);
	free(labels);
	free(v);
}

/* CompStat: the month, the month before, a year before, year to date. */
static void
compare_table(const struct beat_report *r)
{
	static const int w[] = { -30, 7, 7, 7, 8, 6, -2 };
	static const struct beat_doc_table t = { 7, w };
	const char *what[3] = { _("Month vs previous month"),
	    _("Month vs same month last year"), _("Year to date vs last year") };
	const char *cells[7] = { _("Valid incidents"), _("now"), _("before"), _("change"),
	    _("change%"), "z", "" };
	char a[32], b[32], c[32], p[32], z[32];
	double zz;
	int i;

	beat_doc_table_begin(&doc, &t, cells);
	for (i = 0; i < 3; i++) {
		zz = beat_poisson_z(r->cmp[i].current, r->cmp[i].previous);
		snprintf(a, sizeof(a), "%ld", r->cmp[i].current);
		snprintf(b, sizeof(b), "%ld", r->cmp[i].previous);
		snprintf(c, sizeof(c), "%+ld", r->cmp[i].current - r->cmp[i].previous);
		beat_pct_change(r->cmp[i].current, r->cmp[i].previous, p);
		cells[0] = what[i];
		cells[1] = a, cells[2] = b, cells[3] = c, cells[4] = *p ? p : "-";
		cells[5] = beat_z_text(zz, z);
		cells[6] = z_mark(zz);
		beat_doc_row(&doc, &t, cells);
	}
	beat_doc_table_end(&doc);
	beat_doc_note(&doc, _("z = 2(√now − √before): |z| > 2 is worth attention (!), "
	    "|z| > 3 a signal (!!)."));
}

static void
category_table(const struct beat_report *r)
{
	static const int w[] = { -30, 10, 10, 7 };
	static const struct beat_doc_table t = { 4, w };
	const char *cells[4] = { _("By category"), r->name, _("year ago"), "z" };
	char a[32], b[32], z[32], label[128];
	size_t i;

	beat_doc_table_begin(&doc, &t, cells);
	for (i = 0; i < r->ncats; i++) {
		snprintf(label, sizeof(label), "%s %s", r->cats[i].label, r->cats[i].code);
		snprintf(a, sizeof(a), "%lld", r->cats[i].month);
		snprintf(b, sizeof(b), "%lld", r->cats[i].year_ago);
		cells[0] = label, cells[1] = a, cells[2] = b;
		cells[3] = beat_z_text(beat_poisson_z((long)r->cats[i].month,
		    (long)r->cats[i].year_ago), z);
		beat_doc_row(&doc, &t, cells);
	}
	beat_doc_table_end(&doc);
}

static void
hotspot_table(const struct beat_report *r)
{
	static const int w[] = { -30, -11, 7 };
	static const struct beat_doc_table t = { 3, w };
	const char *cells[3] = { _("Hot spots: village"), _("hour"), _("valid") };
	char a[32], b[32];
	size_t i;

	beat_doc_table_begin(&doc, &t, cells);
	for (i = 0; i < r->nspots; i++) {
		snprintf(b, sizeof(b), "%02d:00-%02d:00", r->spots[i].hour % 24,
		    (r->spots[i].hour + 1) % 24);
		snprintf(a, sizeof(a), "%lld", r->spots[i].count);
		cells[0] = r->spots[i].village, cells[1] = b, cells[2] = a;
		beat_doc_row(&doc, &t, cells);
	}
	beat_doc_table_end(&doc);
}

static void
incidents(const struct beat_report *r)
{
	char buf[128];

	beat_doc_section(&doc, "incidents", _("Incidents"));
	if (r->incidents_all == 0) {
		beat_doc_note(&doc, _("No incidents recorded yet."));
		beat_doc_section_end(&doc);
		return;
	}
	snprintf(buf, sizeof(buf), _("repeat calls %lld, invalid %lld"), r->repeats, r->invalid);
	beat_doc_kv_begin(&doc);
	beat_doc_kv_num(&doc, _("Valid incidents"), r->valid, NULL);
	beat_doc_kv_num(&doc, _("Calls received"), r->calls, buf);
	beat_doc_kv_end(&doc);
	if (doc.html && charted(r))
		line_chart(r);
	beat_doc_gap(&doc);
	compare_table(r);
	if (!doc.html)
		sparkline(r);
	if (r->ncats > 0) {
		beat_doc_gap(&doc);
		category_table(r);
		if (doc.html)
			bar_chart(r);
	}
	if (r->nspots > 0) {
		beat_doc_gap(&doc);
		hotspot_table(r);
	}
	beat_doc_section_end(&doc);
}

/* A report is read on paper: long lists stop here and say how to see all. */
#define MAX_LISTED 20

static void
case_table(const char *title, const struct beat_report_case *v, size_t n, int with_due)
{
	char more[128];
	static const int w3[] = { -10, -16, -48 };
	static const int w4[] = { -10, -16, -36, 10 };
	const struct beat_doc_table t = { with_due ? 4 : 3, with_due ? w4 : w3 };
	const char *cells[4];
	size_t i;

	beat_doc_gap(&doc);
	beat_doc_note(&doc, title);
	cells[0] = _("case");
	cells[1] = _("village");
	cells[2] = with_due ? _("deadline missed") : _("risk");
	cells[3] = _("due");
	beat_doc_table_begin(&doc, &t, cells);
	for (i = 0; i < n && i < MAX_LISTED; i++) {
		cells[0] = v[i].number, cells[1] = v[i].village;
		cells[2] = with_due ? beat_deadline_label(v[i].why) : v[i].why;
		cells[3] = v[i].due;
		beat_doc_row(&doc, &t, cells);
	}
	beat_doc_table_end(&doc);
	if (n > MAX_LISTED) {
		snprintf(more, sizeof(more), with_due ?
		    _("... and %zu more: case-list --overdue lists them all.") :
		    _("... and %zu more."), n - MAX_LISTED);
		beat_doc_note(&doc, more);
	}
}

static void
channel_table(const struct beat_report *r)
{
	static const int w[] = { -20, 10, 10, 10, 10 };
	static const struct beat_doc_table t = { 5, w };
	const char *cells[5] = { _("Hand-offs by channel"), _("handed on"), _("accepted"),
	    _("concluded"), _("resolved") };
	char v[4][32];
	size_t i;
	int j;

	beat_doc_gap(&doc);
	beat_doc_table_begin(&doc, &t, cells);
	for (i = 0; i < r->nchannels; i++) {
		long long n[4] = { r->channels[i].handed, r->channels[i].accepted,
		    r->channels[i].concluded, r->channels[i].resolved };

		cells[0] = r->channels[i].label;
		for (j = 0; j < 4; j++) {
			snprintf(v[j], sizeof(v[j]), "%lld", n[j]);
			cells[j + 1] = v[j];
		}
		beat_doc_row(&doc, &t, cells);
	}
	beat_doc_table_end(&doc);
}

static void
missed_table(const struct beat_report *r)
{
	static const int w[] = { -40, 8 };
	static const struct beat_doc_table t = { 2, w };
	const char *cells[2] = { _("Deadlines due in the month and missed"), _("missed") };
	char v[32];
	size_t i, k;

	beat_doc_gap(&doc);
	if (r->nmissed == 0) {
		beat_doc_note(&doc, _("No deadline due in the month was missed."));
		return;
	}
	beat_doc_table_begin(&doc, &t, cells);
	for (k = 0; beat_deadline_kinds[k] != NULL; k++)
		for (i = 0; i < r->nmissed; i++) {
			if (strcmp(r->missed[i].what, beat_deadline_kinds[k]) != 0)
				continue;
			snprintf(v, sizeof(v), "%lld", r->missed[i].n);
			cells[0] = beat_deadline_label(r->missed[i].what), cells[1] = v;
			beat_doc_row(&doc, &t, cells);
		}
	beat_doc_table_end(&doc);
	beat_doc_note(&doc, _("Missed: met late, or not met by the day it was due; "
	    "a lapsed court window is not."));
}

static void
workload(const struct beat_report *r)
{
	static const int w[] = { -8, -12, 8, 6, 8, 8, 8 };
	static const struct beat_doc_table t = { 7, w };
	const char *cells[7] = { _("officer"), _("name"), _("villages"), _("open"),
	    _("overdue"), _("due soon"), _("sessions") };
	char v[5][32], note[160];
	size_t i;
	int j;

	if (r->nworkload == 0)
		return;
	beat_doc_section(&doc, "workload", _("Workload by officer"));
	beat_doc_table_begin(&doc, &t, cells);
	for (i = 0; i < r->nworkload; i++) {
		long long n[5] = { r->workload[i].villages, r->workload[i].open,
		    r->workload[i].overdue, r->workload[i].due_soon, r->workload[i].sessions };

		cells[0] = r->workload[i].badge, cells[1] = r->workload[i].name;
		for (j = 0; j < 5; j++) {
			snprintf(v[j], sizeof(v[j]), "%lld", n[j]);
			cells[j + 2] = v[j];
		}
		beat_doc_row(&doc, &t, cells);
	}
	beat_doc_table_end(&doc);
	snprintf(note, sizeof(note), _("Cases open, overdue and due soon as of %s; "
	    "sessions held in the month."), r->asof);
	beat_doc_note(&doc, note);
	beat_doc_section_end(&doc);
}

static void
disputes(const struct beat_report *r)
{
	char money[32];

	beat_doc_section(&doc, "disputes", _("Disputes"));
	if (r->disputes_all == 0) {
		beat_doc_note(&doc, _("No dispute cases recorded yet."));
		beat_doc_section_end(&doc);
		return;
	}
	beat_doc_kv_begin(&doc);
	beat_doc_kv_num(&doc, _("Registered in the month"), r->registered, NULL);
	beat_doc_kv_num(&doc, _("Mediation sessions"), r->sessions, NULL);
	beat_doc_kv_num(&doc, _("Resolved"), r->resolved, NULL);
	beat_doc_kv_num(&doc, _("Closed otherwise"), r->closed_other, _("referred or withdrawn"));
	beat_doc_kv_num(&doc, _("Escalated up the ladder"), r->escalated, NULL);
	beat_doc_kv_num(&doc, _("Handed to a channel"), r->handed_on, NULL);
	beat_doc_kv_num(&doc, _("Open at month end"), r->open_end, NULL);
	beat_doc_kv_num(&doc, _("Overdue at month end"), (long long)r->noverdue, NULL);
	beat_doc_kv(&doc, _("Money recovered (yuan)"), beat_money_text(r->recovered_fen, money), NULL);
	beat_doc_kv_num(&doc, _("Mass-incident risks"), (long long)r->nrisks, NULL);
	beat_doc_kv_end(&doc);
	if (r->noverdue > 0)
		case_table(_("Overdue at month end:"), r->overdue, r->noverdue, 1);
	if (r->nrisks > 0)
		case_table(_("Risks of a mass incident (open cases):"), r->risks, r->nrisks, 0);
	channel_table(r);
	missed_table(r);
	beat_doc_section_end(&doc);
}

static void
patrols(const struct beat_report *r)
{
	char hours[32], covered[32];

	beat_doc_section(&doc, "patrols", _("Patrols"));
	if (r->patrols_all == 0) {
		beat_doc_note(&doc, _("No patrols recorded yet."));
		beat_doc_section_end(&doc);
		return;
	}
	snprintf(covered, sizeof(covered), "%lld/24", r->hours_covered);
	beat_doc_kv_begin(&doc);
	beat_doc_kv_num(&doc, _("Patrols made"), r->patrols, NULL);
	beat_doc_kv(&doc, _("Patrol hours"), beat_fixed((double)r->patrol_minutes / 60, 1, hours), NULL);
	beat_doc_kv(&doc, _("Hours of the day covered"), covered, NULL);
	beat_doc_kv_share(&doc, _("Checkpoints visited"), r->checkpoints_visited, r->checkpoints);
	beat_doc_kv_num(&doc, _("Disputes stopped"), r->stopped, NULL);
	beat_doc_kv_num(&doc, _("Disputes mediated"), r->mediated, NULL);
	beat_doc_kv_num(&doc, _("Suspicious persons checked"), r->checked, NULL);
	beat_doc_kv_num(&doc, _("Publicity sessions"), r->publicity, NULL);
	beat_doc_kv_end(&doc);
	beat_doc_section_end(&doc);
}

static void
premises(const struct beat_report *r)
{
	char buf[128];

	beat_doc_section(&doc, "premises", _("Premises"));
	if (r->places_all == 0) {
		beat_doc_note(&doc, _("No premises registered yet."));
		beat_doc_section_end(&doc);
		return;
	}
	beat_doc_kv_begin(&doc);
	beat_doc_kv_num(&doc, _("Premises registered"), r->places_all, NULL);
	snprintf(buf, sizeof(buf), _("hazards found %lld"), r->hazards_found);
	beat_doc_kv_num(&doc, _("Inspections in the month"), r->inspections, buf);
	snprintf(buf, sizeof(buf), _("at %lld premises"), r->due_places);
	beat_doc_kv_num(&doc, _("Ledgers due at month end"), r->due_ledgers, buf);
	snprintf(buf, sizeof(buf), _("past the fix-by date %lld"), r->hazards_late);
	beat_doc_kv_num(&doc, _("Open hazards at month end"), r->open_hazards, buf);
	beat_doc_kv_end(&doc);
	beat_doc_section_end(&doc);
}

static void
cameras(const struct beat_report *r)
{
	char buf[128];
	size_t i;

	beat_doc_section(&doc, "cameras", _("Cameras"));
	if (r->cameras_all == 0) {
		beat_doc_note(&doc, _("No cameras registered yet."));
		beat_doc_section_end(&doc);
		return;
	}
	beat_doc_kv_begin(&doc);
	beat_doc_kv_share(&doc, _("Online now"), r->cameras_online, r->cameras_all);
	for (i = 0; i < r->nkinds; i++) {
		snprintf(buf, sizeof(buf), "  %s %s", r->kinds[i].label, r->kinds[i].code);
		beat_doc_kv_share(&doc, buf, r->kinds[i].online, r->kinds[i].all);
	}
	beat_doc_kv_end(&doc);
	snprintf(buf, sizeof(buf), _("Online: reported online within the last %lld hours."),
	    r->cameras_hours);
	beat_doc_note(&doc, buf);
	beat_doc_section_end(&doc);
}

static void
page(const struct beat_report *r)
{
	char title[128], period[64];

	snprintf(title, sizeof(title), _("Monthly report %s"), r->name);
	snprintf(period, sizeof(period), _("%s to %s"), r->first, r->last);
	beat_doc_begin(&doc, title, period);
	incidents(r);
	disputes(r);
	workload(r);
	patrols(r);
	premises(r);
	cameras(r);
	beat_doc_end(&doc);
}

int
main(int argc, char **argv)
{
	struct beat_atomic *a = NULL;
	struct beat_report r;
	const char *month = NULL, *output = NULL;
	sqlite3 *db;
	int c, y, m;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case 'm':
			month = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "html") != 0 && strcmp(optarg, "text") != 0)
				beat_usage_error(_("unknown format '%s' (text or html)"), optarg);
			doc.html = strcmp(optarg, "html") == 0;
			break;
		}
	}
	if (optind < argc)
		beat_usage_error(_("unexpected operand '%s'"), argv[optind]);
	if (month == NULL)
		beat_usage_error(_("--month YYYY-MM is required"));
	if (beat_parse_month(month, &y, &m) == -1)
		beat_usage_error(_("--month: '%s' is not a month (YYYY-MM)"), month);
	doc.fp = stdout;
	/* Before the database is opened, which tightens the umask. */
	if (output != NULL && strcmp(output, "-") != 0) {
		a = beat_atomic_open(output);
		doc.fp = beat_atomic_fp(a);
	}
	db = beat_db_open(BEAT_DB_READ);
	beat_exec(db, "PRAGMA query_only = ON", "");
	beat_report_gather(db, y, m, &r);
	page(&r);
	if (a != NULL)
		beat_atomic_commit(a);
	beat_report_free(&r);
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
