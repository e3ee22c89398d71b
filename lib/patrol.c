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
