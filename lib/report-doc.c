/* report-doc.c: the report's figures written as a text page or one HTML page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/* A label for a month, or its like for a quarter or a year. */
static const char *
per(const struct beat_report *r, const char *month, const char *period)
{
	return r->nmonths == 1 ? _(month) : _(period);
}

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
sparkline(struct beat_doc *d, const struct beat_report *r)
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
	fprintf(d->fp, "\n  %s %s ", _("Last 24 months:"), r->months[0]);
	for (i = 0; i < BEAT_REPORT_MONTHS; i++)
		fputs(r->series[i] < 0 ? " " : bars[max ? (r->series[i] * 7 + max / 2) / max : 0],
		    d->fp);
	fprintf(d->fp, " %s\n  ", r->months[BEAT_REPORT_MONTHS - 1]);
	fprintf(d->fp, _("(valid incidents a month, from %lld to %lld)"), min, max);
	fputs("\n", d->fp);
}

/* The 24 months against the same months a year earlier. */
static void
line_chart(struct beat_doc *d, const struct beat_report *r)
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
	sscanf(r->months[BEAT_REPORT_MONTHS - 1], "%d-%d", &y, &m);
	snprintf(a1, sizeof(a1), "%04d-%02d", (y - 1) % 10000, m % 100);
	snprintf(ago, sizeof(ago), _("%s to %s"), a0, a1);
	fputs("<figure>\n", d->fp);
	beat_svg_lines(d->fp, _("Valid incidents a month"), _("month"), _("valid incidents"),
	    x, BEAT_REPORT_MONTHS, s, 2);
	fputs("</figure>\n", d->fp);
}

static void
bar_chart(struct beat_doc *d, const struct beat_report *r)
{
	const char **labels;
	long long *v;
	size_t i;

	labels = beat_xmalloc(r->ncats * sizeof(*labels));
	v = beat_xmalloc(r->ncats * sizeof(*v));
	for (i = 0; i < r->ncats; i++) {
		labels[i] = r->cats[i].label;
		v[i] = r->cats[i].month;
	}
	fputs("<figure>\n", d->fp);
	beat_svg_bars(d->fp, _("Valid incidents by category"), labels, v, r->ncats);
	fputs("</figure>\n", d->fp);
	free(labels);
	free(v);
}

/* CompStat: the month, the month before, a year before, year to date. */
static void
compare_table(struct beat_doc *d, const struct beat_report *r)
{
	static const int w[] = { -34, 7, 7, 7, 8, 6, -2 };
	static const struct beat_doc_table t = { 7, w };
	const char *what[3] = { _("Month vs previous month"),
	    _("Month vs same month last year"), _("Year to date vs last year") };

	if (r->nmonths == 3) {
		what[0] = _("Quarter vs previous quarter");
		what[1] = _("Quarter vs same quarter last year");
	} else if (r->nmonths == 12) {
		what[0] = _("Year vs previous year");
	}
	const char *cells[7] = { _("Valid incidents"), _("now"), _("before"), _("change"),
	    _("change%"), "z", "" };
	char a[32], b[32], c[32], p[32], z[32];
	double zz;
	int i;

	beat_doc_table_begin(d, &t, cells);
	for (i = 0; i < r->ncmp; i++) {
		zz = beat_poisson_z(r->cmp[i].current, r->cmp[i].previous);
		snprintf(a, sizeof(a), "%ld", r->cmp[i].current);
		snprintf(b, sizeof(b), "%ld", r->cmp[i].previous);
		snprintf(c, sizeof(c), "%+ld", r->cmp[i].current - r->cmp[i].previous);
		beat_pct_change(r->cmp[i].current, r->cmp[i].previous, p);
		cells[0] = what[i];
		cells[1] = a, cells[2] = b, cells[3] = c, cells[4] = *p ? p : "-";
		cells[5] = beat_z_text(zz, z);
		cells[6] = z_mark(zz);
		beat_doc_row(d, &t, cells);
	}
	beat_doc_table_end(d);
	beat_doc_note(d, _("z = 2(√now − √before): |z| > 2 is worth attention (!), "
	    "|z| > 3 a signal (!!)."));
}

static void
category_table(struct beat_doc *d, const struct beat_report *r)
{
	static const int w[] = { -30, 10, 10, 7 };
	static const struct beat_doc_table t = { 4, w };
	const char *cells[4] = { _("By category"), r->name, _("year ago"), "z" };
	char a[32], b[32], z[32];
	size_t i;

	beat_doc_table_begin(d, &t, cells);
	for (i = 0; i < r->ncats; i++) {
		snprintf(a, sizeof(a), "%lld", r->cats[i].month);
		snprintf(b, sizeof(b), "%lld", r->cats[i].year_ago);
		cells[0] = r->cats[i].label, cells[1] = a, cells[2] = b;
		cells[3] = beat_z_text(beat_poisson_z((long)r->cats[i].month,
		    (long)r->cats[i].year_ago), z);
		beat_doc_row(d, &t, cells);
	}
	beat_doc_table_end(d);
}

static void
hotspot_table(struct beat_doc *d, const struct beat_report *r)
{
	static const int w[] = { -30, -11, 7 };
	static const struct beat_doc_table t = { 3, w };
	const char *cells[3] = { _("Hot spots: village"), _("hour"), _("valid") };
	char a[32], b[32];
	size_t i;

	beat_doc_table_begin(d, &t, cells);
	for (i = 0; i < r->nspots; i++) {
		snprintf(b, sizeof(b), "%02d:00-%02d:00", r->spots[i].hour % 24,
		    (r->spots[i].hour + 1) % 24);
		snprintf(a, sizeof(a), "%lld", r->spots[i].count);
		cells[0] = r->spots[i].village, cells[1] = b, cells[2] = a;
		beat_doc_row(d, &t, cells);
	}
	beat_doc_table_end(d);
}

static void
incidents(struct beat_doc *d, const struct beat_report *r)
{
	char buf[128];

	beat_doc_section(d, "incidents", _("Incidents"));
	if (r->incidents_all == 0) {
		beat_doc_note(d, _("No incidents recorded yet."));
		beat_doc_section_end(d);
		return;
	}
	snprintf(buf, sizeof(buf), _("repeat calls %lld, invalid %lld"), r->repeats, r->invalid);
	beat_doc_kv_begin(d);
	beat_doc_kv_num(d, _("Valid incidents"), r->valid, NULL);
	beat_doc_kv_num(d, _("Calls received"), r->calls, buf);
	beat_doc_kv_end(d);
	if (d->html && charted(r))
		line_chart(d, r);
	beat_doc_gap(d);
	compare_table(d, r);
	if (!d->html)
		sparkline(d, r);
	if (r->ncats > 0) {
		beat_doc_gap(d);
		beat_doc_pair_begin(d);
		category_table(d, r);
		if (d->html)
			bar_chart(d, r);
		beat_doc_pair_end(d);
	}
	if (r->nspots > 0) {
		beat_doc_gap(d);
		hotspot_table(d, r);
	}
	beat_doc_section_end(d);
}

/* A report is read on paper: long lists stop here and say how to see all. */
#define MAX_LISTED 20

static void
case_table(struct beat_doc *d, const struct beat_report *r, const char *title, const struct beat_report_case *v, size_t n, int with_due)
{
	char more[128];
	static const int w3[] = { -10, -16, -48 };
	static const int w4[] = { -10, -16, -36, 10 };
	const struct beat_doc_table t = { with_due ? 4 : 3, with_due ? w4 : w3 };
	const char *cells[4];
	size_t i;

	beat_doc_gap(d);
	beat_doc_note(d, title);
	cells[0] = _("case");
	cells[1] = _("village");
	cells[2] = with_due ? _("deadline missed") : _("risk");
	cells[3] = _("due");
	beat_doc_table_begin(d, &t, cells);
	for (i = 0; i < n && i < MAX_LISTED; i++) {
		cells[0] = v[i].number, cells[1] = v[i].village;
		cells[2] = with_due ? beat_deadline_label(v[i].why) : v[i].why;
		cells[3] = v[i].due;
		beat_doc_row(d, &t, cells);
	}
	beat_doc_table_end(d);
	if (n > MAX_LISTED) {
		snprintf(more, sizeof(more), with_due ?
		    _("... and %zu more: case-list --overdue lists them all.") :
		    _("... and %zu more."), n - MAX_LISTED);
		beat_doc_note(d, more);
	}
}

static void
channel_table(struct beat_doc *d, const struct beat_report *r)
{
	static const int w[] = { -20, 10, 10, 10, 10 };
	static const struct beat_doc_table t = { 5, w };
	const char *cells[5] = { _("Hand-offs by channel"), _("handed on"), _("accepted"),
	    _("concluded"), _("resolved") };
	char v[4][32];
	size_t i;
	int j;

	beat_doc_gap(d);
	beat_doc_table_begin(d, &t, cells);
	for (i = 0; i < r->nchannels; i++) {
		long long n[4] = { r->channels[i].handed, r->channels[i].accepted,
		    r->channels[i].concluded, r->channels[i].resolved };

		cells[0] = r->channels[i].label;
		for (j = 0; j < 4; j++) {
			snprintf(v[j], sizeof(v[j]), "%lld", n[j]);
			cells[j + 1] = v[j];
		}
		beat_doc_row(d, &t, cells);
	}
	beat_doc_table_end(d);
}

static void
missed_table(struct beat_doc *d, const struct beat_report *r)
{
	static const int w[] = { -40, 8 };
	static const struct beat_doc_table t = { 2, w };
	const char *cells[2] = { per(r, N_("Deadlines due in the month and missed"), N_("Deadlines due in the period and missed")), _("missed") };
	char v[32];
	size_t i, k;

	beat_doc_gap(d);
	if (r->nmissed == 0) {
		beat_doc_note(d, per(r, N_("No deadline due in the month was missed."), N_("No deadline due in the period was missed.")));
		return;
	}
	beat_doc_table_begin(d, &t, cells);
	for (k = 0; beat_deadline_kinds[k] != NULL; k++)
		for (i = 0; i < r->nmissed; i++) {
			if (strcmp(r->missed[i].what, beat_deadline_kinds[k]) != 0)
				continue;
			snprintf(v, sizeof(v), "%lld", r->missed[i].n);
			cells[0] = beat_deadline_label(r->missed[i].what), cells[1] = v;
			beat_doc_row(d, &t, cells);
		}
	beat_doc_table_end(d);
	beat_doc_note(d, _("Missed: met late, or not met by the day it was due; "
	    "a lapsed court window is not."));
}

static void
workload(struct beat_doc *d, const struct beat_report *r)
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
	beat_doc_section(d, "workload", _("Workload by officer"));
	beat_doc_table_begin(d, &t, cells);
	for (i = 0; i < r->nworkload; i++) {
		long long n[5] = { r->workload[i].villages, r->workload[i].open,
		    r->workload[i].overdue, r->workload[i].due_soon, r->workload[i].sessions };

		cells[0] = r->workload[i].badge, cells[1] = r->workload[i].name;
		for (j = 0; j < 5; j++) {
			snprintf(v[j], sizeof(v[j]), "%lld", n[j]);
			cells[j + 2] = v[j];
		}
		beat_doc_row(d, &t, cells);
	}
	beat_doc_table_end(d);
	if (r->nmonths == 1)
		snprintf(note, sizeof(note), _("Cases open, overdue and due soon as of %s; "
		    "sessions held in the month."), r->asof);
	else
		snprintf(note, sizeof(note), _("Cases open, overdue and due soon as of %s; "
		    "sessions held in the period."), r->asof);
	beat_doc_note(d, note);
	beat_doc_section_end(d);
}

static void
disputes(struct beat_doc *d, const struct beat_report *r)
{
	char money[32];

	beat_doc_section(d, "disputes", _("Disputes"));
	if (r->disputes_all == 0) {
		beat_doc_note(d, _("No dispute cases recorded yet."));
		beat_doc_section_end(d);
		return;
	}
	beat_doc_kv_begin(d);
	beat_doc_kv_num(d, per(r, N_("Registered in the month"), N_("Registered in the period")), r->registered, NULL);
	beat_doc_kv_num(d, _("Mediation sessions"), r->sessions, NULL);
	beat_doc_kv_num(d, _("Resolved"), r->resolved, NULL);
	beat_doc_kv_num(d, _("Closed otherwise"), r->closed_other, _("referred or withdrawn"));
	beat_doc_kv_num(d, _("Escalated up the ladder"), r->escalated, NULL);
	beat_doc_kv_num(d, _("Handed to a channel"), r->handed_on, NULL);
	beat_doc_kv_num(d, per(r, N_("Open at month end"), N_("Open at the period's end")), r->open_end, NULL);
	beat_doc_kv_num(d, per(r, N_("Overdue at month end"), N_("Overdue at the period's end")), (long long)r->noverdue, NULL);
	beat_doc_kv(d, _("Money recovered (yuan)"), beat_money_text(r->recovered_fen, money), NULL);
	beat_doc_kv_num(d, _("Mass-incident risks"), (long long)r->nrisks, NULL);
	beat_doc_kv_end(d);
	if (r->noverdue > 0)
		case_table(d, r, per(r, N_("Overdue at month end:"), N_("Overdue at the period's end:")), r->overdue, r->noverdue, 1);
	if (r->nrisks > 0)
		case_table(d, r, _("Risks of a mass incident (open cases):"), r->risks, r->nrisks, 0);
	channel_table(d, r);
	missed_table(d, r);
	beat_doc_section_end(d);
}

/* When in the day the patrols were out: a chart, or a line in text. */
static void
hour_chart(struct beat_doc *d, const struct beat_report *r)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	char labels[24][8], hours[32];
	const char *x[24];
	long long max = 0;
	int h;

	for (h = 0; h < 24; h++) {
		snprintf(labels[h], sizeof(labels[h]), "%02d:00", h);
		x[h] = labels[h];
		if (r->hour_minutes[h] > max)
			max = r->hour_minutes[h];
	}
	if (max == 0)
		return;
	if (d->html) {
		fputs("<figure>\n", d->fp);
		beat_svg_columns(d->fp, _("Patrol hours by hour of the day"), _("hour of the day"),
		    _("patrol hours"), x, r->hour_minutes, 24, 60);
		fputs("</figure>\n", d->fp);
		return;
	}
	fprintf(d->fp, "\n  %s 00 ", _("Patrol hours by hour of the day:"));
	for (h = 0; h < 24; h++)
		fputs(r->hour_minutes[h] == 0 ? " " : bars[(r->hour_minutes[h] * 7 + max / 2) / max],
		    d->fp);
	fputs(" 23\n  ", d->fp);
	fprintf(d->fp, _("(at most %s hours in one hour of the day)"),
	    beat_fixed((double)max / 60, 1, hours));
	fputs("\n", d->fp);
}

static void
patrols(struct beat_doc *d, const struct beat_report *r)
{
	char hours[32], covered[32];

	beat_doc_section(d, "patrols", _("Patrols"));
	if (r->patrols_all == 0) {
		beat_doc_note(d, _("No patrols recorded yet."));
		beat_doc_section_end(d);
		return;
	}
	snprintf(covered, sizeof(covered), "%lld/24", r->hours_covered);
	beat_doc_kv_begin(d);
	beat_doc_kv_num(d, _("Patrols made"), r->patrols, NULL);
	beat_doc_kv(d, _("Patrol hours"), beat_fixed((double)r->patrol_minutes / 60, 1, hours), NULL);
	beat_doc_kv(d, _("Hours of the day covered"), covered, NULL);
	beat_doc_kv_share(d, _("Checkpoints visited"), r->checkpoints_visited, r->checkpoints);
	beat_doc_kv_num(d, _("Disputes stopped"), r->stopped, NULL);
	beat_doc_kv_num(d, _("Disputes mediated"), r->mediated, NULL);
	beat_doc_kv_num(d, _("Suspicious persons checked"), r->checked, NULL);
	beat_doc_kv_num(d, _("Publicity sessions"), r->publicity, NULL);
	beat_doc_kv_end(d);
	hour_chart(d, r);
	beat_doc_section_end(d);
}

static void
premises(struct beat_doc *d, const struct beat_report *r)
{
	char buf[128];

	beat_doc_section(d, "premises", _("Premises"));
	if (r->places_all == 0) {
		beat_doc_note(d, _("No premises registered yet."));
		beat_doc_section_end(d);
		return;
	}
	beat_doc_kv_begin(d);
	beat_doc_kv_num(d, _("Premises registered"), r->places_all, NULL);
	snprintf(buf, sizeof(buf), _("hazards found %lld"), r->hazards_found);
	beat_doc_kv_num(d, per(r, N_("Inspections in the month"), N_("Inspections in the period")), r->inspections, buf);
	snprintf(buf, sizeof(buf), _("at %lld premises"), r->due_places);
	beat_doc_kv_num(d, per(r, N_("Ledgers due at month end"), N_("Ledgers due at the period's end")), r->due_ledgers, buf);
	snprintf(buf, sizeof(buf), _("past the fix-by date %lld"), r->hazards_late);
	beat_doc_kv_num(d, per(r, N_("Open hazards at month end"), N_("Open hazards at the period's end")), r->open_hazards, buf);
	beat_doc_kv_end(d);
	beat_doc_section_end(d);
}

static void
cameras(struct beat_doc *d, const struct beat_report *r)
{
	char buf[128];
	size_t i;

	beat_doc_section(d, "cameras", _("Cameras"));
	if (r->cameras_all == 0) {
		beat_doc_note(d, _("No cameras registered yet."));
		beat_doc_section_end(d);
		return;
	}
	beat_doc_kv_begin(d);
	beat_doc_kv_share(d, _("Online now"), r->cameras_online, r->cameras_all);
	for (i = 0; i < r->nkinds; i++) {
		snprintf(buf, sizeof(buf), "  %s", r->kinds[i].label);
		beat_doc_kv_share(d, buf, r->kinds[i].online, r->kinds[i].all);
	}
	beat_doc_kv_end(d);
	snprintf(buf, sizeof(buf), _("Online: reported online within the last %lld hours."),
	    r->cameras_hours);
	beat_doc_note(d, buf);
	beat_doc_section_end(d);
}

/* "up 12.5%", "down 3.0%", "unchanged", or "up from none". */
static void
change_words(long now, long before, char *out, size_t size)
{
	char p[32];

	if (now == before)
		snprintf(out, size, "%s", _("unchanged"));
	else if (before == 0)
		snprintf(out, size, "%s", _("up from none"));
	else {
		beat_pct_change(now, before, p);
		snprintf(out, size, now > before ? _("up %s%%") : _("down %s%%"),
		    p + (*p == '-' || *p == '+'));
	}
}

/* The key figures in words, for whoever reads only the first lines. */
static void
summary(struct beat_doc *d, const struct beat_report *r)
{
	static const char *const vs[3][3] = {
		{ N_("the previous month"), N_("the same month last year"),
		    N_("the year to date last year") },
		{ N_("the previous quarter"), N_("the same quarter last year"),
		    N_("the year to date last year") },
		{ N_("the previous year"), "", "" },
	};
	const char *when = r->nmonths == 1 ? _("this month") :
	    r->nmonths == 3 ? _("this quarter") : _("this year");
	int row = r->nmonths == 1 ? 0 : r->nmonths == 3 ? 1 : 2;
	char *text = NULL, *t, ch[64], z[32], money[32], hours[32], pct[32];
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);
	double zz;
	int i;

	if (fp == NULL)
		beat_err(BEAT_EX_SOFTWARE, "open_memstream");
	if (r->incidents_all > 0) {
		fprintf(fp, _("Valid incidents %s: %lld"), when, r->valid);
		/* The year to date says nothing more of a year, nor of a quarter. */
		for (i = 0; i < r->ncmp && i < 2; i++) {
			zz = beat_poisson_z(r->cmp[i].current, r->cmp[i].previous);
			change_words(r->cmp[i].current, r->cmp[i].previous, ch, sizeof(ch));
			fprintf(fp, _("; against %s (%ld): %s, z = %s, %s"), _(vs[row][i]),
			    r->cmp[i].previous, ch, beat_z_text(zz, z),
			    zz > 3 || zz < -3 ? _("a clear signal") :
			    zz > 2 || zz < -2 ? _("worth attention") : _("within the usual range"));
		}
		fputs(_(". "), fp);
	}
	if (r->disputes_all > 0)
		fprintf(fp, _("Disputes registered %lld, resolved %lld, money recovered %s yuan; "
		    "cases overdue at the end: %zu. "), r->registered, r->resolved,
		    beat_money_text(r->recovered_fen, money), r->noverdue);
	if (r->patrols_all > 0)
		fprintf(fp, _("Patrols %lld, %s hours, out in %lld of the 24 hours of the day, "
		    "at %lld of %lld checkpoints. "), r->patrols,
		    beat_fixed((double)r->patrol_minutes / 60, 1, hours), r->hours_covered,
		    r->checkpoints_visited, r->checkpoints);
	if (r->cameras_all > 0)
		fprintf(fp, _("Cameras online now %lld of %lld (%s%%)."), r->cameras_online,
		    r->cameras_all,
		    beat_fixed(100.0 * (double)r->cameras_online / (double)r->cameras_all, 1, pct));
	if (fclose(fp) != 0)
		beat_err(BEAT_EX_SOFTWARE, "open_memstream");
	/* No blank at the end of the paragraph. */
	for (t = text + strlen(text); t > text && t[-1] == ' '; t--)
		t[-1] = '\0';
	if (*text != '\0') {
		beat_doc_section(d, "summary", _("Summary"));
		beat_doc_note(d, text);
		beat_doc_section_end(d);
	}
	free(text);
}

void
beat_report_write(struct beat_doc *d, const struct beat_report *r)
{
	char period[128], sub[128], *title;
	int q = (r->month + 2) / 3;

	if (r->nmonths == 12)
		snprintf(period, sizeof(period), _("Annual report %d"), r->year);
	else if (r->nmonths == 3)
		snprintf(period, sizeof(period), _("Quarterly report %d-Q%d"), r->year, q);
	else
		snprintf(period, sizeof(period), _("Monthly report %d-%02d"), r->year, r->month);
	snprintf(sub, sizeof(sub), _("%s to %s, made %s"), r->first, r->last, r->made);
	/* NAME 2024年12月 社区警务工作月报 */
	title = r->station != NULL ? beat_xasprintf("%s %s", r->station, period) :
	    beat_xstrdup(period);
	beat_doc_begin(d, title, sub);
	free(title);
	summary(d, r);
	incidents(d, r);
	disputes(d, r);
	workload(d, r);
	patrols(d, r);
	premises(d, r);
	cameras(d, r);
	beat_doc_end(d);
}
