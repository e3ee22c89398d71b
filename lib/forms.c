/* forms.c: the statistics forms of SPEC 4.2 (report-forms). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/*
 * Each figure is counted by the event that makes it, dated in the
 * period (first day up to, not including, the next period's first day),
 * so a form of a quarter is the sum of its months and its totals can be
 * recounted with case-list and incident-stats.  The columns are defined
 * in report-forms(1); the rules of validity and of deadlines are those
 * of incident.c (BEAT_SQL_VALID) and deadline.c, not restated here.
 */

static const char *const mediation_cols[] = {
	"type", "accepted", "resolved", "success_pct", "written", "oral", "performed",
	"persons", "amount_yuan", "prevented_suicide", "prevented_criminal",
	"prevented_fight", "prevented_petition", NULL
};
static const char *const mediation_heads[] = {
	N_("Dispute type"), N_("Accepted"), N_("Resolved"), N_("Success %"),
	N_("Written agreements"), N_("Oral agreements"), N_("Performed"),
	N_("Persons"), N_("Amount (yuan)"), N_("Prevented suicide"),
	N_("Prevented crime"), N_("Prevented fights"), N_("Prevented petitions")
};
static const char *const police_cols[] = {
	"type", "mediated", "agreed", "failed", "escalated", "on_time_pct", NULL
};
static const char *const police_heads[] = {
	N_("Dispute type"), N_("Mediated"), N_("Agreed"), N_("Failed"),
	N_("Escalated"), N_("On time %")
};

/* Counts of the mediation form by dispute type; money in fen (column 8). */
static const char mediation_sql[] =
    "SELECT t.code, t.label,"
    " (SELECT count(*) FROM dispute d WHERE d.type = t.code"
    "  AND d.opened_at >= ?1 AND d.opened_at < ?2),"
    " (SELECT count(*) FROM dispute d WHERE d.type = t.code AND d.outcome = 'resolved'"
    "  AND d.closed_at >= ?1 AND d.closed_at < ?2),"
    " (SELECT count(*) FROM agreement a JOIN dispute d ON d.id = a.dispute_id"
    "  WHERE d.type = t.code AND a.form = 'written' AND a.at >= ?1 AND a.at < ?2),"
    " (SELECT count(*) FROM agreement a JOIN dispute d ON d.id = a.dispute_id"
    "  WHERE d.type = t.code AND a.form = 'oral' AND a.at >= ?1 AND a.at < ?2),"
    " (SELECT count(*) FROM agreement a JOIN dispute d ON d.id = a.dispute_id"
    "  WHERE d.type = t.code AND a.at >= ?1 AND a.at < ?2"
    "  AND EXISTS (SELECT 1 FROM followup f WHERE f.dispute_id = a.dispute_id)),"
    " (SELECT coalesce(sum(d.prevented_persons), 0) FROM dispute d WHERE d.type = t.code"
    "  AND d.outcome = 'resolved' AND d.closed_at >= ?1 AND d.closed_at < ?2),"
    " (SELECT coalesce(sum(s.recovered_fen), 0) FROM session s"
    "  JOIN dispute d ON d.id = s.dispute_id"
    "  WHERE d.type = t.code AND s.at >= ?1 AND s.at < ?2),"
    " (SELECT count(*) FROM dispute d WHERE d.type = t.code AND d.prevented = 'suicide'"
    "  AND d.outcome = 'resolved' AND d.closed_at >= ?1 AND d.closed_at < ?2),"
    " (SELECT count(*) FROM dispute d WHERE d.type = t.code AND d.prevented = 'criminal'"
    "  AND d.outcome = 'resolved' AND d.closed_at >= ?1 AND d.closed_at < ?2),"
    " (SELECT count(*) FROM dispute d WHERE d.type = t.code AND d.prevented = 'fight'"
    "  AND d.outcome = 'resolved' AND d.closed_at >= ?1 AND d.closed_at < ?2),"
    " (SELECT count(*) FROM dispute d WHERE d.type = t.code AND d.prevented = 'petition'"
    "  AND d.outcome = 'resolved' AND d.closed_at >= ?1 AND d.closed_at < ?2)"
    " FROM dispute_type t ORDER BY t.code";

static const char police_sql[] =
    "SELECT t.code, t.label,"
    " (SELECT count(DISTINCT s.dispute_id) FROM session s JOIN dispute d ON d.id = s.dispute_id"
    "  WHERE d.type = t.code AND s.level = 'police' AND s.at >= ?1 AND s.at < ?2),"
    " (SELECT count(DISTINCT s.dispute_id) FROM session s JOIN dispute d ON d.id = s.dispute_id"
    "  WHERE d.type = t.code AND s.level = 'police' AND s.outcome = 'agreed'"
    "  AND s.at >= ?1 AND s.at < ?2),"
    " (SELECT count(DISTINCT e.dispute_id) FROM escalation e JOIN dispute d ON d.id = e.dispute_id"
    "  WHERE d.type = t.code AND e.from_level = 'police' AND e.at >= ?1 AND e.at < ?2)"
    " FROM dispute_type t ORDER BY t.code";

/* Cases whose first police-level session was held in the period. */
static const char first_sql[] =
    "SELECT d.id, d.type FROM dispute d"
    " WHERE (SELECT min(s.at) FROM session s WHERE s.dispute_id = d.id"
    " AND s.level = 'police') >= ?1"
    " AND (SELECT min(s.at) FROM session s WHERE s.dispute_id = d.id"
    " AND s.level = 'police') < ?2";

int
beat_form_period(const char *s, struct beat_form_period *p)
{
	char *end;
	long y, q = 0, m1, nm;

	if (strlen(s) < 4 || s[0] < '0' || s[0] > '9')
		return -1;
	y = strtol(s, &end, 10);
	if (end != s + 4 || y < 1900 || y > 9999)
		return -1;
	if (*end == '\0') {
		m1 = 1, nm = 12;
	} else if (end[0] == '-' && end[1] == 'Q' && end[2] >= '1' && end[2] <= '4' &&
	    end[3] == '\0') {
		q = end[2] - '0';
		m1 = (q - 1) * 3 + 1, nm = 3;
	} else {
		int yy, mm;

		if (beat_parse_month(s, &yy, &mm) == -1 || strlen(s) != 7)
			return -1;
		m1 = mm, nm = 1;
	}
	snprintf(p->name, sizeof(p->name), "%s", s);
	p->first = beat_day((int)y, (int)m1, 1);
	p->next = beat_add_months(p->first, (int)nm);
	p->months = (int)nm;
	return 0;
}

static void
add_row(struct beat_form *f, const char *code, const char *label)
{
	struct beat_form_row *r;

	f->rows = beat_xrealloc(f->rows, (f->nrows + 1) * sizeof(*f->rows));
	r = &f->rows[f->nrows++];
	r->code = beat_xstrdup(code);
	r->label = beat_xstrdup(label);
	r->v = beat_xmalloc(f->ncols * sizeof(*r->v));
	memset(r->v, 0, f->ncols * sizeof(*r->v));
}

/* A percentage of two counts, "" when there is nothing to divide by. */
static void
pct(long long num, long long den, char out[32])
{
	if (den == 0)
		*out = '\0';
	else
		beat_tenths(num * 100, den, out);
}

/* The total row: the sum of every column, the shares recomputed. */
static void
total(struct beat_form *f)
{
	size_t i, j, n = f->nrows;

	add_row(f, "total", _("Total"));
	for (i = 0; i < n; i++)
		for (j = 1; j < f->ncols; j++)
			f->rows[n].v[j] += f->rows[i].v[j];
}

static void
mediation(struct beat_conn *db, const char *a, const char *b, struct beat_form *f)
{
	struct beat_stmt *st;
	/* Query columns 2.. in form columns: success_pct (3) is computed. */
	static const int col[] = { 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
	size_t i, j;

	st = beat_prepare(db, mediation_sql);
	beat_bind(st, "ss", a, b);
	while (beat_step(st)) {
		add_row(f, beat_stmt_text(st, 0),
		    beat_stmt_text(st, 1));
		for (j = 0; j < sizeof(col) / sizeof(col[0]); j++)
			f->rows[f->nrows - 1].v[col[j]] = beat_stmt_int(st, (int)j + 2);
	}
	beat_stmt_free(st);
	total(f);
	for (i = 0; i < f->nrows; i++)
		pct(f->rows[i].v[2], f->rows[i].v[1], f->rows[i].pct);
	f->moneycol = 8;
}

static void
police(struct beat_conn *db, const char *a, const char *b, struct beat_form *f)
{
	struct beat_deadline d[32];
	struct beat_stmt *st;
	long long *due, *met;
	long today = beat_today();
	size_t i;
	int k, n;

	st = beat_prepare(db, police_sql);
	beat_bind(st, "ss", a, b);
	while (beat_step(st)) {
		struct beat_form_row *r;

		add_row(f, beat_stmt_text(st, 0),
		    beat_stmt_text(st, 1));
		r = &f->rows[f->nrows - 1];
		r->v[1] = beat_stmt_int(st, 2);
		r->v[2] = beat_stmt_int(st, 3);
		r->v[3] = r->v[1] - r->v[2];
		r->v[4] = beat_stmt_int(st, 4);
	}
	beat_stmt_free(st);
	/* On time: the deadline engine's police_first met by its due day. */
	due = beat_xmalloc((f->nrows + 1) * sizeof(*due));
	met = beat_xmalloc((f->nrows + 1) * sizeof(*met));
	memset(due, 0, (f->nrows + 1) * sizeof(*due));
	memset(met, 0, (f->nrows + 1) * sizeof(*met));
	st = beat_prepare(db, first_sql);
	beat_bind(st, "ss", a, b);
	while (beat_step(st)) {
		const char *type = beat_stmt_text(st, 1);

		for (i = 0; i < f->nrows && strcmp(f->rows[i].code, type) != 0; i++)
			;
		n = beat_case_obligations(db, beat_stmt_int(st, 0), today, d, 32);
		for (k = 0; k < n; k++)
			if (strcmp(d[k].what, "police_first") == 0) {
				due[i]++, due[f->nrows]++;
				if (d[k].done >= 0 && d[k].done <= d[k].due)
					met[i]++, met[f->nrows]++;
			}
	}
	beat_stmt_free(st);
	total(f);
	for (i = 0; i < f->nrows; i++)
		pct(met[i], due[i], f->rows[i].pct);
	free(due);
	free(met);
}

static void
incidents(struct beat_conn *db, const char *a, const char *b, const struct beat_form_period *p,
    struct beat_form *f)
{
	struct beat_stmt *st;
	char **cols;
	long day;
	size_t i, j;

	cols = beat_xmalloc((p->months + 2) * sizeof(*cols));
	cols[0] = beat_xstrdup("category");
	for (j = 1, day = p->first; day < p->next; day = beat_add_months(day, 1), j++) {
		char t[11];

		beat_day_text(day, t);
		cols[j] = beat_xasprintf("%.7s", t);
	}
	cols[j] = NULL;
	f->cols = (const char *const *)cols;
	f->heads = NULL;
	f->ncols = j;
	f->owned = 1;
	st = beat_prepare(db, "SELECT code, label FROM incident_category ORDER BY code");
	while (beat_step(st))
		add_row(f, beat_stmt_text(st, 0),
		    beat_stmt_text(st, 1));
	beat_stmt_free(st);
	st = beat_prepare(db, "SELECT category, substr(received_at, 1, 7), count(*)"
	    " FROM incident WHERE " BEAT_SQL_VALID " AND received_at >= ?1 AND received_at < ?2"
	    " GROUP BY category, substr(received_at, 1, 7)");
	beat_bind(st, "ss", a, b);
	while (beat_step(st)) {
		const char *cat = beat_stmt_text(st, 0);
		const char *mon = beat_stmt_text(st, 1);

		for (i = 0; i < f->nrows && strcmp(f->rows[i].code, cat) != 0; i++)
			;
		if (i == f->nrows)	/* a category no longer in reference data */
			add_row(f, cat, cat);
		for (j = 1; j < f->ncols; j++)
			if (strcmp(f->cols[j], mon) == 0)
				f->rows[i].v[j] = beat_stmt_int(st, 2);
	}
	beat_stmt_free(st);
	total(f);
}

int
beat_form_gather(struct beat_conn *db, const char *form, const struct beat_form_period *p,
    struct beat_form *f)
{
	char a[11], b[11];

	memset(f, 0, sizeof(*f));
	f->moneycol = f->pctcol = -1;
	beat_day_text(p->first, a);
	beat_day_text(p->next, b);
	if (strcmp(form, "mediation") == 0) {
		f->cols = mediation_cols, f->heads = mediation_heads;
		f->title = _("Mediation of disputes");
		for (f->ncols = 0; mediation_cols[f->ncols] != NULL; f->ncols++)
			;
		mediation(db, a, b, f);
		f->pctcol = 3;
	} else if (strcmp(form, "police") == 0) {
		f->cols = police_cols, f->heads = police_heads;
		f->title = _("Police-level mediation");
		for (f->ncols = 0; police_cols[f->ncols] != NULL; f->ncols++)
			;
		police(db, a, b, f);
		f->pctcol = 5;
	} else if (strcmp(form, "incidents") == 0) {
		f->title = _("Valid incidents by category and month");
		incidents(db, a, b, p, f);
	} else
		return -1;
	return 0;
}

void
beat_form_cell(const struct beat_form *f, size_t row, size_t col, char out[32])
{
	const struct beat_form_row *r = &f->rows[row];

	if ((int)col == f->pctcol)
		snprintf(out, 32, "%s", r->pct);
	else if ((int)col == f->moneycol)
		beat_money_text(r->v[col], out);
	else
		snprintf(out, 32, "%lld", r->v[col]);
}

void
beat_form_free(struct beat_form *f)
{
	size_t i;

	for (i = 0; i < f->nrows; i++) {
		free(f->rows[i].code);
		free(f->rows[i].label);
		free(f->rows[i].v);
	}
	free(f->rows);
	if (f->owned) {
		for (i = 0; i < f->ncols; i++)
			free((char *)f->cols[i]);
		free((void *)f->cols);
	}
	memset(f, 0, sizeof(*f));
}

/* A4 landscape: the mediation form is thirteen columns wide. */
static const char css[] =
	"@page { size: A4 landscape; margin: 12mm; }\n"
	"body { font-family: sans-serif; font-size: 10pt; color: #000; margin: 1em; }\n"
	"h1 { font-size: 16pt; text-align: center; margin: 0 0 0.2em; }\n"
	"p.sub { text-align: center; margin: 0 0 0.8em; }\n"
	"table { border-collapse: collapse; width: 100%; }\n"
	"th, td { border: 1px solid #000; padding: 3px 4px; }\n"
	"th { font-weight: bold; background: #eee; }\n"
	"td { white-space: nowrap; }\n"
	"td.n { text-align: right; font-variant-numeric: tabular-nums; }\n"
	"tr.total td { font-weight: bold; }\n"
	"p.foot { margin-top: 1em; font-size: 9pt; }\n"
	"@media print { body { margin: 0; } tr { break-inside: avoid; } }\n";

void
beat_form_html(FILE *fp, const struct beat_form *f, const char *station,
    const char *period, const char *made)
{
	char cell[32];
	size_t i, j;

	fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<title>", fp);
	beat_html_text(fp, f->title);
	fprintf(fp, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>", css);
	if (station != NULL) {
		beat_html_text(fp, station);
		fputs(" ", fp);
	}
	beat_html_text(fp, f->title);
	fputs("</h1>\n<p class=\"sub\">", fp);
	beat_html_text(fp, _("Period:"));
	fputs(" ", fp);
	beat_html_text(fp, period);
	fputs("</p>\n<table>\n<thead>\n<tr>", fp);
	for (j = 0; j < f->ncols; j++) {
		fputs("<th>", fp);
		beat_html_text(fp, f->heads != NULL ? _(f->heads[j]) :
		    j == 0 ? _("Category") : f->cols[j]);
		fputs("</th>", fp);
	}
	fputs("</tr>\n</thead>\n<tbody>\n", fp);
	for (i = 0; i < f->nrows; i++) {
		fputs(strcmp(f->rows[i].code, "total") == 0 && i + 1 == f->nrows ?
		    "<tr class=\"total\"><td>" : "<tr><td>", fp);
		beat_html_text(fp, f->rows[i].label);
		fputs("</td>", fp);
		for (j = 1; j < f->ncols; j++) {
			beat_form_cell(f, i, j, cell);
			fputs("<td class=\"n\">", fp);
			beat_html_text(fp, cell);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</tbody>\n</table>\n<p class=\"foot\">", fp);
	beat_html_text(fp, _("Made:"));
	fputs(" ", fp);
	beat_html_text(fp, made);
	fputs("</p>\n</body>\n</html>\n", fp);
}
