/* report.c: the figures of the monthly report, gathered by read-only SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/* Months as a count, so that arithmetic across years is plain. */
#define MIDX(y, m) ((long)(y) * 12 + (m) - 1)
#define SPAN (BEAT_REPORT_MONTHS + 12)	/* the chart and its year-ago line */

static void
month_text(long idx, char out[8])
{
	snprintf(out, 8, "%04u-%02u", (unsigned)(idx / 12) % 10000, (unsigned)(idx % 12) + 1);
}

/* The first day of month idx as "YYYY-MM-01": ISO times compare as text. */
static void
month_start(long idx, char out[11])
{
	month_text(idx, out);
	memcpy(out + 7, "-01", 4);
}

char *
beat_fixed(double v, int decimals, char *buf)
{
	static const long long scale[] = { 1, 10, 100, 1000 };
	long long q;
	int neg;

	if (decimals < 0 || decimals > 3)
		decimals = 3;
	neg = v < 0;
	q = (long long)((neg ? -v : v) * scale[decimals] + 0.5);
	if (q == 0)
		neg = 0;
	if (decimals == 0)
		snprintf(buf, 32, "%s%lld", neg ? "-" : "", q);
	else
		snprintf(buf, 32, "%s%lld.%0*lld", neg ? "-" : "", q / scale[decimals],
		    decimals, q % scale[decimals]);
	return buf;
}

/* A stored time to minutes since the epoch; -1 if malformed. */
static long long
minutes(const char *s)
{
	long long t;

	return s != NULL && beat_text_time(s, &t) == 0 && t >= 0 ? t / 60 : -1;
}

static char *
col_dup(struct beat_stmt *st, int i)
{
	const char *s = beat_stmt_text(st, i);

	return beat_xstrdup(s ? (const char *)s : "");
}

/* Valid incidents received in the months [lo, hi). */
static long
valid_in(struct beat_conn *db, long lo, long hi)
{
	char from[11], to[11];

	month_start(lo, from);
	month_start(hi, to);
	return beat_incident_count(db, from, to, 0);
}

/* A month as incident-stats --compare has it; a longer period likewise. */
static void
compare(struct beat_conn *db, struct beat_report *r)
{
	long start = MIDX(r->year, r->month), end = start + r->nmonths;
	long jan = MIDX(r->year, 1);

	r->ncmp = r->nmonths == 12 ? 1 : 3;
	if (r->nmonths == 1) {
		beat_incident_compare(db, r->year, r->month, 0, r->cmp);
		return;
	}
	r->cmp[0].measure = "period_vs_previous";
	r->cmp[0].current = valid_in(db, start, end);
	r->cmp[0].previous = valid_in(db, start - r->nmonths, start);
	r->cmp[1].measure = "period_vs_last_year";
	r->cmp[1].current = r->cmp[0].current;
	r->cmp[1].previous = valid_in(db, start - 12, end - 12);
	r->cmp[2].measure = "ytd_vs_last_year";
	r->cmp[2].current = valid_in(db, jan, end);
	r->cmp[2].previous = valid_in(db, jan - 12, end - 12);
}

static void
incidents(struct beat_conn *db, struct beat_report *r, const char *from, const char *to)
{
	long long a[SPAN] = { 0 };
	long start = MIDX(r->year, r->month), now = start + r->nmonths - 1;
	long first = now - SPAN + 1, idx;
	char lo[11], year_ago_lo[11], year_ago_hi[11], om[8] = "";
	char *oldest;
	struct beat_stmt *st;
	size_t i, cap = 0;
	int k, y, m;

	/*
	 * The counts come from the tallies (share/sql/003-tally.sql): c the
	 * valid first calls (BEAT_SQL_VALID), r the repeats linked to one.
	 */
	r->incidents_all = beat_query_int(db, 0, "SELECT sum(n) FROM incident_tally_day", "");
	if (r->incidents_all == 0)
		return;
	st = beat_prepare(db,
	    "SELECT coalesce(sum(n), 0), coalesce(sum(c), 0), coalesce(sum(r), 0)"
	    " FROM incident_tally_day WHERE day >= ? AND day < ?");
	beat_bind(st, "ss", from, to);
	if (beat_step(st)) {
		r->calls = beat_stmt_int(st, 0);
		r->valid = beat_stmt_int(st, 1);
		r->repeats = beat_stmt_int(st, 2);
		r->invalid = r->calls - r->valid - r->repeats;
	}
	beat_stmt_free(st);

	month_start(first, lo);
	st = beat_prepare(db,
	    "SELECT substr(day, 1, 7) AS m, sum(c) FROM incident_tally_day"
	    " WHERE c > 0 AND day >= ? AND day < ? GROUP BY m ORDER BY m");
	beat_bind(st, "ss", lo, to);
	while (beat_step(st)) {
		int y, m;

		if (beat_parse_month(beat_stmt_text(st, 0), &y, &m) == 0 &&
		    MIDX(y, m) >= first && MIDX(y, m) <= now)
			a[MIDX(y, m) - first] = beat_stmt_int(st, 1);
	}
	beat_stmt_free(st);
	/* Months before the first record are unknown, not zero. */
	oldest = beat_query_text(db, "SELECT min(day) FROM incident_tally_day WHERE n > 0", "");
	if (oldest != NULL)
		snprintf(om, sizeof(om), "%.7s", oldest);
	if (beat_parse_month(om, &y, &m) == -1)
		y = r->year, m = r->month;
	free(oldest);
	for (k = 0; k < BEAT_REPORT_MONTHS; k++) {
		idx = now - BEAT_REPORT_MONTHS + 1 + k;
		month_text(idx, r->months[k]);
		r->series[k] = idx >= MIDX(y, m) ? a[idx - first] : -1;
		r->series_ago[k] = idx - 12 >= MIDX(y, m) ? a[idx - 12 - first] : -1;
	}
	compare(db, r);

	month_start(start - 12, year_ago_lo);
	month_start(now - 11, year_ago_hi);
	st = beat_prepare(db,
	    "SELECT code, label, n, n_ago FROM (SELECT c.code, c.label,"
	    " (SELECT coalesce(sum(t.c), 0) FROM incident_tally_day t WHERE t.category = c.code"
	    "  AND t.day >= ?1 AND t.day < ?2) AS n,"
	    " (SELECT coalesce(sum(t.c), 0) FROM incident_tally_day t WHERE t.category = c.code"
	    "  AND t.day >= ?3 AND t.day < ?4) AS n_ago"
	    " FROM incident_category c) AS x WHERE n > 0 OR n_ago > 0"
	    " ORDER BY n DESC, n_ago DESC, code");
	beat_bind(st, "ssss", from, to, year_ago_lo, year_ago_hi);
	while (beat_step(st)) {
		if (r->ncats == cap) {
			cap = cap ? 2 * cap : 8;
			r->cats = beat_xrealloc(r->cats, cap * sizeof(*r->cats));
		}
		i = r->ncats++;
		r->cats[i].code = col_dup(st, 0);
		r->cats[i].label = col_dup(st, 1);
		r->cats[i].month = beat_stmt_int(st, 2);
		r->cats[i].year_ago = beat_stmt_int(st, 3);
	}
	beat_stmt_free(st);

	st = beat_prepare(db,
	    "SELECT village, hour AS h, sum(c) AS n FROM incident_tally"
	    " WHERE c > 0 AND month >= substr(?1, 1, 7) AND month < substr(?2, 1, 7)"
	    " AND novillage = 0 AND village <> ''"
	    " GROUP BY village, h ORDER BY n DESC, village, h LIMIT 5");
	beat_bind(st, "ss", from, to);
	while (beat_step(st) && r->nspots < 5) {
		struct beat_report_spot *p = &r->spots[r->nspots++];

		p->village = col_dup(st, 0);
		p->hour = atoi(beat_stmt_text(st, 1));
		p->count = beat_stmt_int(st, 2);
	}
	beat_stmt_free(st);
}

static void
add_case(struct beat_report_case **v, size_t *n, struct beat_stmt *st, char *why, long due)
{
	struct beat_report_case *c;

	*v = beat_xrealloc(*v, (*n + 1) * sizeof(**v));
	c = &(*v)[(*n)++];
	c->number = col_dup(st, 1);
	c->village = col_dup(st, 2);
	c->why = why;
	if (due >= 0)
		beat_day_text(due, c->due);
	else
		c->due[0] = '\0';
}

/*
 * beat_mass_risk's reason, for scripts, in words for the reader: the
 * same test on the case's crowd and type.
 */
static char *
risk_words(struct beat_conn *db, long long id)
{
	struct beat_stmt *st;
	long long crowd, mass;
	char *r;

	st = beat_prepare(db, "SELECT d.crowd, coalesce(t.label, d.type) FROM dispute d"
	    " LEFT JOIN dispute_type t ON t.code = d.type WHERE d.id = ?");
	beat_bind(st, "l", id);
	beat_step(st);
	crowd = beat_stmt_int(st, 0);
	mass = beat_setting_int(db, "mass_crowd");
	if (crowd >= mass)
		r = beat_xasprintf(_("%lld people involved"), crowd);
	else
		r = beat_xasprintf(_("%s: %lld workers unpaid"),
		    beat_stmt_text(st, 1), crowd);
	beat_stmt_free(st);
	return r;
}

/* What each channel (三调一访) received, accepted and concluded in the month. */
static void
channels(struct beat_conn *db, struct beat_report *r, const char *from, const char *to)
{
	struct beat_report_channel *c;
	struct beat_stmt *st;

	st = beat_prepare(db, "SELECT c.code, c.label,"
	    " (SELECT count(*) FROM escalation e WHERE e.channel = c.code"
	    "  AND e.at >= ?1 AND e.at < ?2),"
	    " (SELECT count(*) FROM channel_event x JOIN escalation e ON e.id = x.escalation_id"
	    "  WHERE e.channel = c.code AND x.event = 'accepted' AND x.at >= ?1 AND x.at < ?2),"
	    " (SELECT count(*) FROM channel_event x JOIN escalation e ON e.id = x.escalation_id"
	    "  WHERE e.channel = c.code AND x.event = 'concluded' AND x.at >= ?1 AND x.at < ?2),"
	    " (SELECT count(*) FROM channel_event x JOIN escalation e ON e.id = x.escalation_id"
	    "  WHERE e.channel = c.code AND x.event = 'concluded' AND x.outcome = 'resolved'"
	    "  AND x.at >= ?1 AND x.at < ?2)"
	    " FROM channel c ORDER BY CASE c.code WHEN 'people' THEN 1"
	    " WHEN 'administrative' THEN 2 WHEN 'judicial' THEN 3 WHEN 'petition' THEN 4"
	    " ELSE 5 END, c.code");
	beat_bind(st, "ss", from, to);
	while (beat_step(st)) {
		r->channels = beat_xrealloc(r->channels, (r->nchannels + 1) * sizeof(*r->channels));
		c = &r->channels[r->nchannels++];
		c->code = col_dup(st, 0);
		c->label = col_dup(st, 1);
		c->handed = beat_stmt_int(st, 2);
		c->accepted = beat_stmt_int(st, 3);
		c->concluded = beat_stmt_int(st, 4);
		c->resolved = beat_stmt_int(st, 5);
	}
	beat_stmt_free(st);
}

/* The deadlines of a case that fell due in the month and were missed. */
static void
missed(struct beat_conn *db, struct beat_report *r, long long id, long first, long last)
{
	struct beat_deadline d[64];
	long today = beat_today();
	size_t k;
	int i, n;

	n = beat_case_missed(db, id, today, d, 64);
	for (i = 0; i < n; i++) {
		if (d[i].due < first || d[i].due > last)
			continue;
		for (k = 0; k < r->nmissed && r->missed[k].what != d[i].what; k++)
			;
		if (k == r->nmissed) {
			r->missed = beat_xrealloc(r->missed, (k + 1) * sizeof(*r->missed));
			r->missed[k].what = d[i].what;
			r->missed[k].n = 0;
			r->nmissed++;
		}
		r->missed[k].n++;
	}
}

static void
disputes(struct beat_conn *db, struct beat_report *r, const char *from, const char *to)
{
	struct beat_deadline d;
	struct beat_stmt *st;
	long first, last;
	long long slack;
	char *why, since[11];

	r->disputes_all = beat_query_int(db, 0, "SELECT count(*) FROM dispute", "");
	if (r->disputes_all == 0)
		return;
	beat_text_day(r->first, &first);
	beat_text_day(r->last, &last);
	r->registered = beat_query_int(db, 0, "SELECT count(*) FROM dispute"
	    " WHERE opened_at >= ? AND opened_at < ?", "ss", from, to);
	r->resolved = beat_query_int(db, 0, "SELECT count(*) FROM dispute"
	    " WHERE outcome = 'resolved' AND closed_at >= ? AND closed_at < ?", "ss", from, to);
	r->closed_other = beat_query_int(db, 0, "SELECT count(*) FROM dispute"
	    " WHERE outcome <> 'resolved' AND closed_at >= ? AND closed_at < ?", "ss", from, to);
	r->escalated = beat_query_int(db, 0, "SELECT count(DISTINCT dispute_id) FROM escalation"
	    " WHERE to_level IS NOT NULL AND at >= ? AND at < ?", "ss", from, to);
	r->handed_on = beat_query_int(db, 0, "SELECT count(DISTINCT dispute_id) FROM escalation"
	    " WHERE channel IS NOT NULL AND at >= ? AND at < ?", "ss", from, to);
	st = beat_prepare(db, "SELECT count(*), coalesce(sum(recovered_fen), 0) FROM session"
	    " WHERE at >= ? AND at < ?");
	beat_bind(st, "ss", from, to);
	if (beat_step(st)) {
		r->sessions = beat_stmt_int(st, 0);
		r->recovered_fen = beat_stmt_int(st, 1);
	}
	beat_stmt_free(st);

	/*
	 * Every case registered by the month's end may have missed a
	 * deadline (a closed one its follow-up visit); those not closed by
	 * then are open at the month's end.
	 */
	/*
	 * A deadline missed is due before the day it was met, and a closed
	 * case met all it owed by its closing but for what its agreement
	 * opened (the follow-up visit, the court window, with a holiday's
	 * slack): only a case closed since then can have missed one due in
	 * the month.
	 */
	slack = beat_setting_int(db, "followup_days");
	if (slack < beat_setting_int(db, "judicial_confirm_days") + 20)
		slack = beat_setting_int(db, "judicial_confirm_days") + 20;
	beat_day_text(first - (long)slack, since);
	/* Found by their closing (the index dispute_closed), not among all by opening. */
	r->open_end = beat_query_int(db, 0, "SELECT count(*) FROM dispute"
	    " WHERE id IN (SELECT id FROM dispute WHERE closed_at IS NULL OR closed_at >= ?1)"
	    " AND opened_at < ?1", "s", to);
	/*
	 * Of the cases closed before that, only one whose agreement has had
	 * no follow-up visit yet can be overdue: closing ends all a case
	 * owed but what its agreement opens (beat_case_overdue asks the
	 * agreement alone of a closed case), and the visit meets the
	 * follow-up and ends the court window's claim (deadline.c,
	 * agreement()).  The rest of 100k cases are not asked at all, nor
	 * looked at: the first are found by their closing, the second from
	 * the agreements (schema 5's indexes), not by a pass over them all.
	 */
	st = beat_prepare(db,
	    "SELECT d.id, d.number, v.name,"
	    " CASE WHEN d.closed_at IS NULL OR d.closed_at >= ?1 THEN 1 ELSE 0 END,"
	    " CASE WHEN d.closed_at IS NULL OR d.closed_at >= ?2 THEN 1 ELSE 0 END"
	    " FROM dispute d JOIN village v ON v.id = d.village_id"
	    " WHERE d.id IN (SELECT id FROM dispute WHERE closed_at IS NULL OR closed_at >= ?2"
	    "  UNION " BEAT_SQL_UNVISITED ")"
	    " AND d.opened_at < ?1"
	    " ORDER BY d.number");
	beat_bind(st, "ss", to, since);
	while (beat_step(st)) {
		long long id = beat_stmt_int(st, 0);
		int open = (int)beat_stmt_int(st, 3);

		if (beat_case_overdue(db, id, last, &d))
			add_case(&r->overdue, &r->noverdue, st, beat_xstrdup(d.what), d.due);
		if (open && (why = beat_mass_risk(db, id)) != NULL) {
			free(why);
			add_case(&r->risks, &r->nrisks, st, risk_words(db, id), -1);
		}
		if ((int)beat_stmt_int(st, 4))
			missed(db, r, id, first, last);
	}
	beat_stmt_free(st);
	channels(db, r, from, to);
}

static void
patrols(struct beat_conn *db, struct beat_report *r, const char *from, const char *to)
{
	long long start, end, lo, hi, secs[24];
	struct beat_stmt *st;
	int h;

	r->patrols_all = beat_query_int(db, 0, "SELECT count(*) FROM patrol", "");
	r->checkpoints = beat_query_int(db, 0, "SELECT count(*) FROM checkpoint", "");
	if (r->patrols_all == 0)
		return;
	lo = minutes(from);
	hi = minutes(to);
	st = beat_prepare(db,
	    "SELECT started_at, ended_at, stopped, mediated, checked, publicity FROM patrol"
	    " WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id");
	beat_bind(st, "ss", from, to);
	while (beat_step(st)) {
		start = minutes(beat_stmt_text(st, 0));
		end = minutes(beat_stmt_text(st, 1));
		r->patrols++;
		r->stopped += beat_stmt_int(st, 2);
		r->mediated += beat_stmt_int(st, 3);
		r->checked += beat_stmt_int(st, 4);
		r->publicity += beat_stmt_int(st, 5);
		if (start < 0 || end <= start)
			continue;
		r->patrol_minutes += end - start;
	}
	beat_stmt_free(st);
	/* The hours of the day patrols were out in the month, as patrol-gaps sees them. */
	beat_patrol_hours(db, lo * 60, hi * 60, secs);
	for (h = 0; h < 24; h++) {
		r->hour_minutes[h] = secs[h] / 60;
		r->hours_covered += secs[h] > 0;
	}
	r->checkpoints_visited = beat_query_int(db, 0,
	    "SELECT count(DISTINCT v.checkpoint_id) FROM visit v JOIN patrol p ON p.id = v.patrol_id"
	    " WHERE p.started_at >= ? AND p.started_at < ?", "ss", from, to);
}

/* The ledgers due by the month's end are counted as place-list --due lists them. */
static void
count_hazard(const struct beat_hazard *h, void *arg)
{
	struct beat_report *r = arg;

	r->open_hazards++;
	r->hazards_late += h->late;
}

static void
premises(struct beat_conn *db, struct beat_report *r, const char *from, const char *to)
{
	struct beat_ledger_due *d;
	size_t i, n;
	long last;

	r->places_all = beat_query_int(db, 0, "SELECT count(*) FROM place", "");
	if (r->places_all == 0)
		return;
	beat_text_day(r->last, &last);
	r->inspections = beat_query_int(db, 0, "SELECT count(*) FROM inspection"
	    " WHERE at >= ? AND at < ?", "ss", from, to);
	r->hazards_found = beat_query_int(db, 0, "SELECT count(*) FROM inspection"
	    " WHERE result = 'hazard' AND at >= ? AND at < ?", "ss", from, to);
	n = beat_place_due(db, NULL, last, &d);
	for (i = 0; i < n; i++) {
		r->due_ledgers++;
		r->due_places += i == 0 || d[i].place != d[i - 1].place;
	}
	beat_place_due_free(d, n);
	/* The open hazards at the month's end, as place-list --hazards has them. */
	beat_place_hazards(db, NULL, r->last, count_hazard, r);
}

static void
cameras(struct beat_conn *db, struct beat_report *r)
{
	struct beat_stmt *st;
	char since[20];
	size_t i;

	r->cameras_all = beat_query_int(db, 0, "SELECT count(*) FROM camera", "");
	if (r->cameras_all == 0)
		return;
	r->cameras_hours = beat_setting_int(db, "camera_offline_hours");
	beat_time_text(beat_now() - r->cameras_hours * 3600, since);
	r->cameras_online = beat_query_int(db, 0,
	    "SELECT count(*) FROM camera c WHERE " BEAT_SQL_ONLINE, "s", since);
	st = beat_prepare(db,
	    "SELECT k.code, k.label, count(c.id),"
	    " coalesce(sum(CASE WHEN " BEAT_SQL_ONLINE " THEN 1 ELSE 0 END), 0)"
	    " FROM camera_kind k JOIN camera c ON c.kind = k.code"
	    " GROUP BY k.code, k.label ORDER BY k.code");
	beat_bind(st, "s", since);
	while (beat_step(st)) {
		r->kinds = beat_xrealloc(r->kinds, (r->nkinds + 1) * sizeof(*r->kinds));
		i = r->nkinds++;
		r->kinds[i].code = col_dup(st, 0);
		r->kinds[i].label = col_dup(st, 1);
		r->kinds[i].all = beat_stmt_int(st, 2);
		r->kinds[i].online = beat_stmt_int(st, 3);
	}
	beat_stmt_free(st);
}

/* Sessions held in the period by each officer, month by month as
 * beat_workload counts them (same officers, same order); the other
 * months' deadlines are not asked. */
static void
period_sessions(struct beat_conn *db, struct beat_report *r)
{
	struct beat_workload *w;
	size_t i, n;
	int k;

	for (k = 1; k < r->nmonths; k++) {
		n = beat_workload_sessions(db, r->year, r->month + k, &w);
		for (i = 0; i < n && i < r->nworkload; i++)
			r->workload[i].sessions += w[i].sessions;
		beat_workload_free(w, n);
	}
}

void
beat_report_gather(struct beat_conn *db, int year, int month, int nmonths, struct beat_report *r)
{
	long idx = MIDX(year, month), first, asof;
	char from[11], to[11];

	memset(r, 0, sizeof(*r));
	r->year = year;
	r->month = month;
	r->nmonths = nmonths;
	if (nmonths == 12)
		snprintf(r->name, sizeof(r->name), "%04u", (unsigned)year % 10000);
	else if (nmonths == 3)
		snprintf(r->name, sizeof(r->name), "%04u-Q%u", (unsigned)year % 10000,
		    (unsigned)(month + 2) / 3 % 10);
	else
		month_text(idx, r->name);
	beat_time_text(beat_now(), r->made);
	r->made[16] = '\0';
	r->station = beat_station_name(db);
	month_start(idx, from);
	month_start(idx + nmonths, to);
	beat_text_day(to, &first);
	beat_day_text(first - 1, r->last);
	memcpy(r->first, from, sizeof(r->first));
	/* The overdue cases' deadlines are asked again by the workload. */
	beat_deadline_memo(db, 1);
	incidents(db, r, from, to);
	disputes(db, r, from, to);
	/* As of the month's end, which a month under way has not reached. */
	asof = first - 1 < beat_today() ? first - 1 : beat_today();
	beat_day_text(asof, r->asof);
	r->nworkload = beat_workload(db, year, month, asof, &r->workload);
	period_sessions(db, r);
	beat_deadline_memo(db, 0);
	patrols(db, r, from, to);
	premises(db, r, from, to);
	cameras(db, r);
}

static void
free_cases(struct beat_report_case *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].number);
		free(v[i].village);
		free(v[i].why);
	}
	free(v);
}

void
beat_report_free(struct beat_report *r)
{
	size_t i;

	for (i = 0; i < r->ncats; i++) {
		free(r->cats[i].code);
		free(r->cats[i].label);
	}
	free(r->cats);
	for (i = 0; i < r->nspots; i++)
		free(r->spots[i].village);
	free_cases(r->overdue, r->noverdue);
	free_cases(r->risks, r->nrisks);
	for (i = 0; i < r->nchannels; i++) {
		free(r->channels[i].code);
		free(r->channels[i].label);
	}
	free(r->channels);
	free(r->missed);
	beat_workload_free(r->workload, r->nworkload);
	for (i = 0; i < r->nkinds; i++) {
		free(r->kinds[i].code);
		free(r->kinds[i].label);
	}
	free(r->kinds);
	free(r->station);
	memset(r, 0, sizeof(*r));
}
