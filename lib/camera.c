/* camera.c: the camera registry, its status, and which cameras are online. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

char *
beat_camera_kind(struct beat_conn *db, const char *text)
{
	return beat_query_text(db, "SELECT code FROM camera_kind "
	    "WHERE code = ?1 OR label = ?1", "s", text);
}

/* Only values that differ count as a change, so re-imports print nothing. */
static const char upsert_sql[] =
    "/* camera.c */ INSERT INTO camera (code, kind, place, village_id, status, seen_at, station) "
    "VALUES (?1, ?2, ?3, nullif(?4, -1), ?5, ?6, ?7) "
    "ON CONFLICT (station, code) DO UPDATE SET kind = excluded.kind, place = excluded.place, "
    "village_id = excluded.village_id, "
    "status = coalesce(excluded.status, camera.status), "
    "seen_at = coalesce(excluded.seen_at, camera.seen_at) "
    "WHERE camera.kind IS DISTINCT FROM excluded.kind OR camera.place IS DISTINCT FROM excluded.place "
    "OR camera.village_id IS DISTINCT FROM excluded.village_id "
    "OR (excluded.status IS NOT NULL AND camera.status IS DISTINCT FROM excluded.status) "
    "OR (excluded.seen_at IS NOT NULL AND camera.seen_at IS DISTINCT FROM excluded.seen_at)";

int
beat_camera_put(struct beat_conn *db, const char *code, const char *kind, const char *place,
    long long village, const char *status, const char *seen_at)
{
	/* kept: a file of cameras runs it once a row */
	struct beat_stmt *up = beat_kept(db, upsert_sql);
	int changed;

	beat_bind(up, "ssslsbs", code, kind, place, village, status, seen_at,
	    beat_station_code(db));
	while (beat_step(up))
		;
	changed = beat_conn_changes(db) > 0;
	beat_kept_done(up);
	return changed;
}

#define CAMERA_SQL(reason) "SELECT c.code, c.kind, c.place, v.name, c.status, c.seen_at" \
	reason " FROM camera c LEFT JOIN village v ON v.id = c.village_id " \
	"WHERE CAST(?1 AS TEXT) IS NULL OR NOT " BEAT_SQL_ONLINE " ORDER BY c.code"

/*
 * Every camera, or with a cutoff the offline ones and why: reported
 * offline, never reported (no status), or reported online but not seen
 * since the cutoff (stale).
 */
size_t
beat_camera_each(struct beat_conn *db, const char *cutoff,
    void (*fn)(const struct beat_camera *c, void *arg), void *arg)
{
	struct beat_stmt *st;
	struct beat_camera c;
	size_t n = 0;

	if (cutoff == NULL)
		st = beat_prepare(db, CAMERA_SQL(""));
	else
		st = beat_prepare(db, CAMERA_SQL(", CASE WHEN c.status = 'offline' "
		    "THEN 'offline' WHEN c.status IS NULL THEN 'never' ELSE 'stale' END"));
	beat_bind(st, "s", cutoff);
	while (beat_step(st)) {
		c.code = beat_stmt_text(st, 0);
		c.kind = beat_stmt_text(st, 1);
		c.place = beat_stmt_text(st, 2);
		c.village = beat_stmt_text(st, 3);
		c.status = beat_stmt_text(st, 4);
		c.seen_at = beat_stmt_text(st, 5);
		c.reason = cutoff != NULL ? beat_stmt_text(st, 6) : NULL;
		fn(&c, arg);
		n++;
	}
	beat_stmt_free(st);
	return n;
}

size_t
beat_camera_kinds(struct beat_conn *db, const char *cutoff,
    void (*fn)(const char *kind, long long total, long long online, void *arg), void *arg)
{
	struct beat_stmt *st;
	long long total, all = 0;

	st = beat_prepare(db, "SELECT k.code, count(c.id), "
	    "coalesce(sum(CASE WHEN " BEAT_SQL_ONLINE " THEN 1 ELSE 0 END), 0) "
	    "FROM camera_kind k LEFT JOIN camera c ON c.kind = k.code "
	    "GROUP BY k.code ORDER BY k.code");
	beat_bind(st, "s", cutoff);
	while (beat_step(st)) {
		total = beat_stmt_int(st, 1);
		all += total;
		fn(beat_stmt_text(st, 0), total, beat_stmt_int(st, 2), arg);
	}
	beat_stmt_free(st);
	return (size_t)all;
}
