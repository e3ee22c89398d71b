/*
 * stats.c: the incident statistics of lib/stats.c as TAP: each source of
 * counts (a tally, or the incident table when bounds fall inside a
 * month) answers the same, series, trend, hotspots, and BEAT_SQL_VALID
 * against the tally triggers.  On SQLite in memory, and on PostgreSQL
 * too when $BEAT_PG names a server (in a schema of its own, dropped
 * after).
 */
#include <stdlib.h>
#include <string.h>

#include "beat.h"
#include "tap.h"
#include "engines.h"

#define PG_SCHEMA "beat_unit_stats"

static struct beat_conn *db;

static void
add(const char *no, const char *at, const char *cat, int valid, const char *village)
{
	beat_exec(db, "INSERT INTO incident (dispatch_no, received_at, category, valid,"
	    " village, invalid_reason) VALUES ($1, $2, $3, $4, $5, $6)", "sssibb",
	    no, at, cat, valid, village, valid ? "" : "误拨");
}

static struct beat_stats_sel *
sel(const char *from, const char *to, int all)
{
	static struct beat_stats_sel s;

	snprintf(s.from, sizeof s.from, "%s", from);
	snprintf(s.to, sizeof s.to, "%s", to);
	s.all = all;
	return &s;
}

/* The groups as "key,key=n" joined by spaces, "-" for no village. */
static char *
counted(const struct beat_stats_sel *s, const char *keys)
{
	static const char *const names[] = { "month", "week", "day", "weekday", "hour",
	    "category", "village" };
	static char out[1024];
	enum beat_stats_key k[BEAT_STATS_NKEYS];
	struct beat_stats_group *g;
	char buf[64], *p, *tok;
	size_t n, i;
	int nk = 0, j;

	snprintf(buf, sizeof buf, "%s", keys);
	for (p = buf; (tok = strsep(&p, ",")) != NULL; nk++)
		for (k[nk] = 0; strcmp(names[k[nk]], tok) != 0; k[nk]++)
			;
	n = beat_stats_count(db, s, k, nk, &g);
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		for (j = 0; j < nk; j++)
			snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s",
			    j ? "," : i ? " " : "", g[i].k[j] ? g[i].k[j] : "-");
		snprintf(out + strlen(out), sizeof out - strlen(out), "=%lld", g[i].n);
	}
	beat_stats_free(g, n);
	return out;
}

static void
counts(void)
{
	char want[256], *p;
	int h;

	is_str(counted(sel("", "", 0), "month"), "2024-01=1 2024-02=2 2024-03=0 2024-04=1",
	    "by month: valid first calls, a month without any as 0");
	is_str(counted(sel("", "", 1), "month"), "2024-01=1 2024-02=4 2024-03=0 2024-04=1",
	    "by month, all: the invalid call and the repeat too");
	is_str(counted(sel("2024-02-01", "2024-04-01", 0), "month"), "2024-02=2",
	    "whole months, from a tally; a series from the first month counted to the last");
	is_str(counted(sel("2024-02-10", "2024-04-04", 0), "month"), "2024-02=1 2024-03=0 2024-04=1",
	    "bounds inside months, from the incidents");
	is_str(counted(sel("", "", 0), "village"), "红星村=3 -=1",
	    "by village: the call without one last");
	is_str(counted(sel("", "", 0), "village,hour"), "红星村,10=2 红星村,23=1 -,08=1",
	    "by village and hour, over all time");
	is_str(counted(sel("2024-01-31", "2024-04-04", 0), "village,hour"),
	    "红星村,10=2 红星村,23=1 -,08=1", "the same from the incidents");
	is_str(counted(sel("2024-01-01", "2024-05-01", 0), "village,hour"),
	    "红星村,10=2 红星村,23=1 -,08=1", "the same from the monthly tally");
	is_str(counted(sel("", "", 0), "weekday"), "1=0 2=0 3=2 4=2 5=0 6=0 7=0",
	    "by weekday: days folded, every weekday");
	is_str(counted(sel("", "", 0), "week,category"),
	    "2024-W05,fire=1 2024-W05,public_order=1 2024-W07,dispute=1"
	    " 2024-W14,dispute=1", "by week and category: days folded into weeks, no series");
	for (h = 0, p = want; h < 24; h++)
		p += sprintf(p, "%s%02d=%d", h ? " " : "", h, h == 8 || h == 23 ? 1 : h == 10 ? 2 : 0);
	is_str(counted(sel("", "", 0), "hour"), want, "by hour: every hour of the day");
	is_str(counted(sel("2030-01-01", "", 0), "month"), "", "nothing counted: no groups");
}

static void
trend(void)
{
	struct beat_stats_year *y;
	size_t n;

	n = beat_stats_trend(db, sel("", "", 0), &y);
	ok(n == 1 && y[0].year == 2024 && y[0].n == 4 && y[0].months == 4,
	    "trend: 2024, 4 calls in its 4 months from the first counted to the last");
	free(y);
	n = beat_stats_trend(db, sel("2030-01-01", "", 0), &y);
	ok(n == 0, "trend of nothing: no years");
	free(y);
}

static void
hotspots(void)
{
	struct beat_stats_spot *s;
	size_t n;

	n = beat_stats_hotspots(db, sel("", "", 0), 1, &s);
	ok(n == 1 && strcmp(s[0].village, "红星村") == 0 && strcmp(s[0].hour, "10") == 0 &&
	    s[0].n == 2, "hotspots 1: 红星村 at 10, twice");
	beat_stats_spots_free(s, n);
	n = beat_stats_hotspots(db, sel("2024-02-01", "2024-02-16", 1), 5, &s);
	ok(n == 2 && strcmp(s[0].village, "红星村") == 0 && s[0].n == 2 &&
	    strcmp(s[1].village, "青山村") == 0 && s[1].n == 1,
	    "hotspots, all, inside a month: the call without a village left out");
	beat_stats_spots_free(s, n);
}

/* The tests that read the database, in one transaction as a command's. */
static void
suite(void)
{
	beat_db_begin(db);
	beat_load_reference(db);
	add("A1", "2024-01-31 23:00:00", "public_order", 1, "红星村");
	add("A2", "2024-02-01 08:00:00", "fire", 1, NULL);
	add("A3", "2024-02-01 08:30:00", "other", 0, "青山村");
	add("A4", "2024-02-15 10:00:00", "dispute", 1, "红星村");
	add("A5", "2024-02-15 10:30:00", "dispute", 1, "红星村");
	add("A6", "2024-04-03 10:00:00", "dispute", 1, "红星村");
	beat_exec(db, "UPDATE incident SET duplicate_of = (SELECT id FROM incident"
	    " WHERE dispatch_no = 'A4') WHERE dispatch_no = 'A5'", "");
	is_num(beat_query_int(db, -1, "SELECT count(*) FROM incident WHERE " BEAT_SQL_VALID, ""),
	    beat_query_int(db, -2, "SELECT sum(c) FROM incident_tally_day", ""),
	    "BEAT_SQL_VALID counts what the tally triggers count");
	counts();
	trend();
	hotspots();
	beat_conn_rollback(db);
}

int
main(void)
{
	return on_engines(&db, PG_SCHEMA, suite);
}
