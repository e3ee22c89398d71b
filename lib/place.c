/* place.c: the premises and their inspections, and when a ledger falls due. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

const char *const beat_ledgers[3] = { "security", "traffic", "fire" };

long long
beat_place_named(struct beat_conn *db, const char *name)
{
	return beat_query_int(db, -1, "SELECT id FROM place WHERE name = ?", "s", name);
}

long long
beat_place_add(struct beat_conn *db, const char *name, const char *category, const char *kind,
    long long village, const char *address, const char *added_at)
{
	beat_exec(db, "INSERT INTO place (name, category, kind, village_id, address, added_at,"
	    " station) VALUES (?, ?, ?, ?, ?, ?, ?)", "ssslbss",
	    name, category, kind, village, address, added_at, beat_station_code(db));
	return beat_conn_last_id(db);
}

long long
beat_inspection_add(struct beat_conn *db, long long place, const char *at, const char *ledger,
    long long inspector, const char *result, const char *hazard, const char *fix_by)
{
	beat_exec(db, "INSERT INTO inspection (place_id, at, ledger, inspector_id, "
	    "result, hazard, fix_by) VALUES (?, ?, ?, nullif(?, -1), ?, ?, ?)", "lsslsbb",
	    place, at, ledger, inspector, result, hazard, fix_by);
	return beat_conn_last_id(db);
}

size_t
beat_place_each(struct beat_conn *db, const char *category,
    void (*fn)(const struct beat_place *p, void *arg), void *arg)
{
	struct beat_stmt *st;
	struct beat_place p;
	size_t n = 0;

	st = beat_prepare(db, "SELECT p.id, p.category, p.kind, p.name, v.name, p.address "
	    "FROM place p JOIN village v ON v.id = p.village_id "
	    "WHERE CAST(?1 AS TEXT) IS NULL OR p.category = ?1 ORDER BY p.id");
	beat_bind(st, "s", category);
	while (beat_step(st)) {
		p.id = beat_stmt_int(st, 0);
		p.category = beat_stmt_text(st, 1);
		p.kind = beat_stmt_text(st, 2);
		p.name = beat_stmt_text(st, 3);
		p.village = beat_stmt_text(st, 4);
		p.address = beat_stmt_text(st, 5);
		fn(&p, arg);
		n++;
	}
	beat_stmt_free(st);
	return n;
}

static long
day_of(const char *text)
{
	long day;

	if (text == NULL || beat_text_day(text, &day) == -1)
		beat_errx(BEAT_EX_DATA, _("bad date in the database: '%s'"),
		    text ? text : "NULL");
	return day;
}

static int
place_cmp(const void *a, const void *b)
{
	const struct beat_ledger_due *x = a, *y = b;

	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return x->ledger - y->ledger;
}

/*
 * A ledger falls due its category's interval after its last inspection;
 * one never inspected has been due since the premise was added.  Both
 * as known at the end of the day asof: a premise added or an inspection
 * made after it is not yet known then.
 */
size_t
beat_place_due(struct beat_conn *db, const char *category, long asof,
    struct beat_ledger_due **out)
{
	struct beat_ledger_due *d = NULL;
	struct beat_stmt *st;
	size_t n = 0, cap = 0;
	char end[11];
	int l;

	beat_day_text(asof + 1, end);
	st = beat_prepare(db, "SELECT p.id, p.category, p.added_at, "
	    "(SELECT max(i.at) FROM inspection i WHERE i.place_id = p.id AND i.ledger = ?2"
	    " AND i.at < ?3), "
	    "CASE CAST(?2 AS TEXT) WHEN 'security' THEN c.security_days WHEN 'traffic' THEN c.traffic_days "
	    "ELSE c.fire_days END, p.name, v.name "
	    "FROM place p JOIN place_category c ON c.code = p.category "
	    "JOIN village v ON v.id = p.village_id "
	    "WHERE (CAST(?1 AS TEXT) IS NULL OR p.category = ?1) AND p.added_at < ?3 ORDER BY p.id");
	for (l = 0; l < 3; l++) {
		beat_bind(st, "sss", category, beat_ledgers[l], end);
		while (beat_step(st)) {
			const char *last = beat_stmt_text(st, 3);
			long day;

			if (last != NULL)
				day = day_of(last) + (int)beat_stmt_int(st, 4);
			else
				day = day_of(beat_stmt_text(st, 2));
			if (day > asof)
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				d = beat_xrealloc(d, cap * sizeof(*d));
			}
			d[n].place = beat_stmt_int(st, 0);
			d[n].category = beat_xstrdup(beat_stmt_text(st, 1));
			d[n].name = beat_xstrdup(beat_stmt_text(st, 5));
			d[n].village = beat_xstrdup(beat_stmt_text(st, 6));
			d[n].ledger = l;
			snprintf(d[n].last, sizeof(d[n].last), "%.10s", last ? last : "");
			d[n].day = day;
			n++;
		}
	}
	beat_stmt_free(st);
	if (n > 0)
		qsort(d, n, sizeof(*d), place_cmp);
	*out = d;
	return n;
}

void
beat_place_due_free(struct beat_ledger_due *d, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(d[i].name);
		free(d[i].village);
		free(d[i].category);
	}
	free(d);
}

/*
 * A hazard stays open until a later inspection of the same ledger finds
 * the premise ok; one without a fix-by day was to be fixed at once.
 * Inspections are stored "YYYY-MM-DD HH:MM:SS": those of the day and
 * before sort below the next day's text.
 */
size_t
beat_place_hazards(struct beat_conn *db, const char *category, const char *day,
    void (*fn)(const struct beat_hazard *h, void *arg), void *arg)
{
	struct beat_stmt *st;
	struct beat_hazard h;
	size_t n = 0;
	char until[11];
	long d;

	if (beat_text_day(day, &d) == -1)
		beat_errx(BEAT_EX_SOFTWARE, "beat_place_hazards: bad day '%s'", day);
	beat_day_text(d + 1, until);
	st = beat_prepare(db, "SELECT i.place_id, p.name, i.ledger, substr(i.at, 1, 10), "
	    "i.hazard, i.fix_by, CASE WHEN i.fix_by IS NULL OR i.fix_by < ?2 THEN 1 ELSE 0 END "
	    "FROM inspection i JOIN place p ON p.id = i.place_id "
	    "WHERE i.result = 'hazard' AND (CAST(?1 AS TEXT) IS NULL OR p.category = ?1) "
	    "AND i.at < ?3 "
	    "AND NOT EXISTS (SELECT 1 FROM inspection j WHERE j.place_id = i.place_id "
	    "AND j.ledger = i.ledger AND j.result = 'ok' AND j.at < ?3 "
	    "AND (j.at > i.at OR (j.at = i.at AND j.id > i.id))) "
	    "ORDER BY coalesce(i.fix_by, substr(i.at, 1, 10)), i.place_id, i.id");
	beat_bind(st, "sss", category, day, until);
	while (beat_step(st)) {
		h.place = beat_stmt_int(st, 0);
		h.name = beat_stmt_text(st, 1);
		h.ledger = beat_stmt_text(st, 2);
		h.found = beat_stmt_text(st, 3);
		h.hazard = beat_stmt_text(st, 4);
		h.fix_by = beat_stmt_text(st, 5);
		h.late = (int)beat_stmt_int(st, 6);
		fn(&h, arg);
		n++;
	}
	beat_stmt_free(st);
	return n;
}
