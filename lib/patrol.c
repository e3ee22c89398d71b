/* patrol.c: patrols, the checkpoints they visit, and the hours of the day they cover. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

#define HOUR 3600LL

long long
beat_checkpoint_named(struct beat_conn *db, long long route, const char *name)
{
	return beat_query_int(db, -1,
	    "SELECT id FROM checkpoint WHERE route_id = ? AND name = ?", "ls", route, name);
}

long long
beat_checkpoint_numbered(struct beat_conn *db, long long route, long long seq)
{
	return beat_query_int(db, -1,
	    "SELECT id FROM checkpoint WHERE route_id = ? AND seq = ?", "ll", route, seq);
}

char *
beat_checkpoint_route(struct beat_conn *db, const char *name)
{
	return beat_query_text(db,
	    "SELECT r.name FROM checkpoint c JOIN route r ON r.id = c.route_id"
	    " WHERE c.name = ? ORDER BY r.name LIMIT 1", "s", name);
}

long long
beat_patrol_same(struct beat_conn *db, long long team, long long route, const char *start,
    const char *end)
{
	return beat_query_int(db, -1, "SELECT id FROM patrol WHERE team_id = ? AND route_id = ?"
	    " AND started_at = ? AND ended_at = ? ORDER BY id LIMIT 1",
	    "llss", team, route, start, end);
}

/* A patrol ending as the next starts is no overlap. */
long long
beat_patrol_overlap(struct beat_conn *db, long long team, const char *start, const char *end)
{
	return beat_query_int(db, -1, "SELECT id FROM patrol WHERE team_id = ?"
	    " AND started_at < ? AND ended_at > ? ORDER BY started_at, id LIMIT 1",
	    "lss", team, end, start);
}

char *
beat_patrol_span(struct beat_conn *db, long long id)
{
	return beat_query_text(db, "SELECT started_at || ' - ' || ended_at"
	    " FROM patrol WHERE id = ?", "l", id);
}

long long
beat_patrol_add(struct beat_conn *db, const struct beat_patrol *p)
{
	long long id;
	size_t i;

	beat_exec(db, "INSERT INTO patrol (team_id, route_id, started_at, ended_at, stopped,"
	    " mediated, checked, publicity, note, station) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "llssllllbs", p->team, p->route, p->start, p->end, p->count[0], p->count[1],
	    p->count[2], p->count[3], p->note ? p->note : "", beat_station_code(db));
	id = beat_conn_last_id(db);
	for (i = 0; i < p->ncp; i++)
		beat_exec(db, "INSERT INTO visit (patrol_id, checkpoint_id) VALUES (?, ?)"
		    " ON CONFLICT DO NOTHING", "ll", id, p->cps[i]);
	return id;
}

size_t
beat_patrol_unvisited(struct beat_conn *db, const char *from, const char *to,
    void (*fn)(const char *route, const char *checkpoint, const char *last_seen, void *arg),
    void *arg)
{
	struct beat_stmt *st;
	size_t n = 0;

	st = beat_prepare(db,
	    "SELECT r.name, c.name, (SELECT max(p.ended_at) FROM visit v"
	    "   JOIN patrol p ON p.id = v.patrol_id"
	    "   WHERE v.checkpoint_id = c.id AND p.started_at < ?1)"
	    " FROM checkpoint c JOIN route r ON r.id = c.route_id"
	    " WHERE NOT EXISTS (SELECT 1 FROM visit v JOIN patrol p ON p.id = v.patrol_id"
	    "   WHERE v.checkpoint_id = c.id AND p.started_at < ?1 AND p.ended_at > ?2)"
	    " ORDER BY r.name, c.seq");
	beat_bind(st, "ss", to, from);
	while (beat_step(st)) {
		fn(beat_stmt_text(st, 0), beat_stmt_text(st, 1), beat_stmt_text(st, 2), arg);
		n++;
	}
	beat_stmt_free(st);
	return n;
}

static long long
floordiv(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* The hour of the day of hour number k since the epoch. */
static int
hod(long long k)
{
	return (int)(k - floordiv(k, 24) * 24);
}

void
beat_hours_touched(long long s, long long e, int hours[24])
{
	long long k;

	for (k = floordiv(s, HOUR); k * HOUR < e && k - floordiv(s, HOUR) < 24; k++)
		hours[hod(k)] = 1;
}

/* Stored times are "YYYY-MM-DD HH:MM:SS" local; seconds count as if UTC. */
static long long
secs(const char *t)
{
	long long s;

	if (t == NULL || beat_text_time(t, &s) == -1)
		beat_errx(BEAT_EX_DATA, _("bad time in the patrol table: '%s'"), t ? t : "");
	return s;
}

/*
 * Every patrol under way in the window counts, whenever it set out: one
 * that left before the window covered the hours it was out inside it.
 */
void
beat_patrol_hours(struct beat_conn *db, long long from, long long to, long long out[24])
{
	struct beat_stmt *st;
	long long s, e, k, a, b;
	char ft[20], tt[20];

	memset(out, 0, 24 * sizeof(*out));
	beat_time_text(from, ft);
	beat_time_text(to, tt);
	st = beat_prepare(db, "SELECT started_at, ended_at FROM patrol"
	    " WHERE started_at < ? AND ended_at > ? ORDER BY id");
	beat_bind(st, "ss", tt, ft);
	while (beat_step(st)) {
		s = secs(beat_stmt_text(st, 0));
		e = secs(beat_stmt_text(st, 1));
		if (s < from)
			s = from;
		if (e > to)
			e = to;
		for (k = floordiv(s, HOUR); k * HOUR < e; k++) {
			a = k * HOUR > s ? k * HOUR : s;
			b = (k + 1) * HOUR < e ? (k + 1) * HOUR : e;
			out[hod(k)] += b - a;
		}
	}
	beat_stmt_free(st);
}

/*
 * For each hour of the day, the latest moment before "to" that a patrol
 * was under way in it: the patrol's end, or the end of that hour if the
 * patrol went on past it.  Patrols come latest end first, so the search
 * stops once no earlier patrol can beat what was found.
 */
void
beat_patrol_last_seen(struct beat_conn *db, long long to, const int want[24], long long last[24])
{
	struct beat_stmt *st;
	char buf[20];
	long long s, e, k, v, least;
	int h;

	beat_time_text(to, buf);
	st = beat_prepare(db, "SELECT started_at, ended_at FROM patrol"
	    " WHERE started_at < ? ORDER BY ended_at DESC, id");
	beat_bind(st, "s", buf);
	while (beat_step(st)) {
		s = secs(beat_stmt_text(st, 0));
		e = secs(beat_stmt_text(st, 1));
		if (e > to)
			e = to;
		least = LLONG_MAX;
		for (h = 0; h < 24; h++)
			if (want[h] && last[h] < least)
				least = last[h];
		if (least >= e)
			break;
		for (k = floordiv(e - 1, HOUR); (k + 1) * HOUR > s && floordiv(e - 1, HOUR) - k < 24; k--) {
			h = hod(k);
			v = (k + 1) * HOUR < e ? (k + 1) * HOUR : e;
			if (v > last[h])
				last[h] = v;
		}
	}
	beat_stmt_free(st);
}

/* ---- patrols as given: on the command line or a CSV file of paper forms */

const char *const beat_patrol_counts[4] = { "stopped", "mediated", "checked", "publicity" };

/* The CSV columns; the four after "checkpoints" are the counts. */
enum { C_TEAM, C_ROUTE, C_START, C_END, C_CPS, C_STOPPED, C_MEDIATED, C_CHECKED,
	C_PUBLICITY, C_NOTE };
const struct beat_csv_col beat_patrol_cols[] = {
	{ "team|巡逻队|巡逻队伍|队伍|队名", 1 },
	{ "route|路线|巡逻路线|线路", 1 },
	{ "start|开始时间|出发时间|巡逻开始时间|开始", 1 },
	{ "end|结束时间|返回时间|巡逻结束时间|结束", 1 },
	{ "checkpoints|巡逻点位|必到点|巡逻点位/必到点|点位|巡逻点|checkpoint", 0 },
	{ "stopped|制止纠纷|制止纠纷数", 0 },
	{ "mediated|调解纠纷|调解纠纷数", 0 },
	{ "checked|盘查可疑人员|盘查人员|盘查", 0 },
	{ "publicity|宣传次数|宣传|开展宣传", 0 },
	{ "note|备注|说明", 0 },
	{ 0 }
};

/*
 * The checkpoint a patrol names, by name or by its number on the route.
 * A name known only on other routes is a mistake in the form (65); one
 * known nowhere is an unknown record (69).
 */
static long long
checkpoint_id(struct beat_conn *db, const struct beat_patrol_form *p, const char *file,
    long long route, const char *c)
{
	long long id;
	char *other;

	id = beat_checkpoint_named(db, route, c);
	if (id >= 0)
		return id;
	if (*c != '\0' && strlen(c) < 10 && c[strspn(c, "0123456789")] == '\0') {
		id = beat_checkpoint_numbered(db, route, strtoll(c, NULL, 10));
		if (id >= 0)
			return id;
		beat_errx_at(BEAT_EX_NOREC, file, p->line,
		    _("route '%s' has no checkpoint number %s"), p->route, c);
	}
	other = beat_checkpoint_route(db, c);
	if (other != NULL)
		beat_errx_at(BEAT_EX_DATA, file, p->line,
		    _("checkpoint '%s' is not on route '%s' (it is on route '%s')"),
		    c, p->route, other);
	beat_errx_at(BEAT_EX_NOREC, file, p->line, _("no such checkpoint: '%s'"), c);
}

/* A bad date: a usage error on the command line, bad data in a file. */
static void BEAT_NORETURN
bad_date(const struct beat_patrol_form *p, const char *file, const char *what,
    const char *value)
{
	if (p->line == 0)
		beat_usage_error(_("%s: not a date: '%s'"), what, value);
	beat_errx_at(BEAT_EX_DATA, file, p->line, _("%s: not a date: '%s'"), what, value);
}

long long
beat_patrol_store(struct beat_conn *db, const struct beat_patrol_form *p, const char *file,
    int force, long long *same)
{
	struct beat_patrol rec;
	long long team, route, id, *cp;
	char start[20], end[20];
	size_t i;

	if (beat_parse_time(p->start, start) == -1)
		bad_date(p, file, "start", p->start);
	if (beat_parse_time(p->end, end) == -1)
		bad_date(p, file, "end", p->end);
	/* both are "YYYY-MM-DD HH:MM:SS", so text order is time order */
	if (strcmp(end, start) <= 0)
		beat_errx_at(BEAT_EX_DATA, file, p->line,
		    _("the patrol must end after it starts (start %s, end %s)"), start, end);
	if (beat_far_ahead(end) && !force)
		beat_errx_at(BEAT_EX_DATA, file, p->line,
		    _("the patrol ends %s, more than a day ahead (--force records it)"), end);
	team = beat_lookup_at(db, BEAT_LOOKUP_TEAM, p->team, file, p->line);
	route = beat_lookup_at(db, BEAT_LOOKUP_ROUTE, p->route, file, p->line);
	cp = beat_xmalloc((p->ncp + 1) * sizeof(*cp));
	for (i = 0; i < p->ncp; i++)
		cp[i] = checkpoint_id(db, p, file, route, p->cps[i]);
	*same = beat_patrol_same(db, team, route, start, end);
	if (*same >= 0) {
		free(cp);
		return -1;
	}
	/* A team is on one patrol at a time. */
	id = beat_patrol_overlap(db, team, start, end);
	if (id >= 0 && !force) {
		char *span = beat_patrol_span(db, id);

		beat_errx_at(BEAT_EX_DATA, file, p->line,
		    _("team '%s' is on patrol %lld (%s) then; a team patrols once at a time (--force records it)"),
		    p->team, id, span);
	}
	rec.team = team;
	rec.route = route;
	rec.start = start;
	rec.end = end;
	rec.note = p->note;
	memcpy(rec.count, p->count, sizeof(rec.count));
	rec.cps = cp;
	rec.ncp = p->ncp;
	id = beat_patrol_add(db, &rec);
	free(cp);
	return id;
}

/* Splits a form's checkpoint cell at ; 、 | (and their full-width forms). */
static void
split_checkpoints(struct beat_patrol_form *p, const char *cell)
{
	static const char *const seps[] = { ";", "；", "、", "|", "｜", "，", NULL };
	const char *s = cell, *next;
	size_t i, len, seplen;

	while (s != NULL && *s != '\0') {
		next = NULL;
		seplen = 0;
		for (i = 0; seps[i] != NULL; i++) {
			const char *q = strstr(s, seps[i]);

			if (q != NULL && (next == NULL || q < next)) {
				next = q;
				seplen = strlen(seps[i]);
			}
		}
		len = next ? (size_t)(next - s) : strlen(s);
		while (len > 0 && (*s == ' ' || *s == '\t'))
			s++, len--;
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len > 0) {
			p->cps = beat_xrealloc(p->cps, (p->ncp + 1) * sizeof(*p->cps));
			p->cps[p->ncp] = beat_xmalloc(len + 1);
			memcpy(p->cps[p->ncp], s, len);
			p->cps[p->ncp++][len] = '\0';
		}
		s = next ? next + seplen : NULL;
	}
}

static char *
cell(struct beat_csv *r, int i)
{
	const char *s = beat_csv_value(r, i);

	return s != NULL ? beat_xstrdup(s) : NULL;
}

struct beat_patrol_form *
beat_patrol_read(struct beat_csv *r, size_t *n)
{
	struct beat_patrol_form *v = NULL, *p;
	const char *s, *file = beat_csv_name(r);
	char *end;
	size_t cap = 0;
	int i;

	*n = 0;
	while (beat_csv_row(r)) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			v = beat_xrealloc(v, cap * sizeof(*v));
		}
		p = &v[(*n)++];
		memset(p, 0, sizeof(*p));
		p->line = beat_csv_line(r);
		p->team = cell(r, C_TEAM);
		p->route = cell(r, C_ROUTE);
		p->start = cell(r, C_START);
		p->end = cell(r, C_END);
		p->note = cell(r, C_NOTE);
		if (p->team == NULL || p->route == NULL || p->start == NULL || p->end == NULL)
			beat_errx_at(BEAT_EX_DATA, file, p->line,
			    _("team, route, start and end are required"));
		if ((s = beat_csv_get(r, C_CPS)) != NULL)
			split_checkpoints(p, s);
		for (i = 0; i < 4; i++) {
			if ((s = beat_csv_value(r, C_STOPPED + i)) == NULL)
				continue;
			p->count[i] = strtoll(s, &end, 10);
			if (*end != '\0' || p->count[i] < 0 || p->count[i] > INT_MAX)
				beat_errx_at(BEAT_EX_DATA, file, p->line,
				    _("%s: not a count: '%s'"), beat_patrol_counts[i], s);
		}
	}
	return v;
}
