/*
 * place.c: when a ledger falls due (beat_place_due), the rule place-list
 * --due and the monthly report share, as TAP: on SQLite in memory, and on
 * PostgreSQL too when $BEAT_PG names a server (in a schema of its own).
 */
#include <stdlib.h>
#include <string.h>

#include "beat.h"
#include "tap.h"
#include "engines.h"

#define PG_SCHEMA "beat_unit_place"

static struct beat_conn *db;

static long
day(const char *s)
{
	long d = -1;

	beat_text_day(s, &d);
	return d;
}

/* The ledgers due as of the day: "PLACE:LEDGER:LAST:DUE ..." */
static char *
due(const char *asof)
{
	static char buf[512];
	struct beat_ledger_due *d;
	char text[11];
	size_t i, n, len = 0;

	n = beat_place_due(db, NULL, day(asof), &d);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		beat_day_text(d[i].day, text);
		len += snprintf(buf + len, sizeof(buf) - len, "%s%lld:%s:%s:%s", i ? " " : "",
		    d[i].place, beat_ledgers[d[i].ledger], d[i].last, text);
	}
	beat_place_due_free(d, n);
	return buf;
}

static void
suite(void)
{
	long long v, a, b;

	beat_db_begin(db);
	beat_load_reference(db);
	beat_village_put(db, "红星村", "厚坝镇", NULL);
	v = beat_village_id(db, "红星村");
	/* school: 30 days in each ledger */
	a = beat_place_add(db, "红星小学", "school", NULL, v, NULL, "2024-04-01 09:00:00");
	beat_inspection_add(db, a, "2024-05-01 10:00:00", "security", -1, "ok", NULL, NULL);
	beat_inspection_add(db, a, "2024-05-02 10:00:00", "traffic", -1, "ok", NULL, NULL);
	beat_inspection_add(db, a, "2024-04-01 10:00:00", "fire", -1, "ok", NULL, NULL);
	beat_inspection_add(db, a, "2024-06-05 10:00:00", "fire", -1, "hazard", "通道堵塞", NULL);
	b = beat_place_add(db, "东风小学", "school", NULL, v, "", "2024-06-15 08:00:00");
	is_num(a, 1, "premises numbered from 1");
	is_num(beat_place_named(db, "东风小学"), b, "a premise by name");
	is_num(beat_place_named(db, "西风小学"), -1, "no premise of that name");
	is_str(due("2024-05-30"), "1:fire:2024-04-01:2024-05-01",
	    "the day before: only the ledger long due");
	is_str(due("2024-05-31"), "1:security:2024-05-01:2024-05-31 1:fire:2024-04-01:2024-05-01",
	    "due on the day its interval ends; an inspection after the day is not yet known");
	is_str(due("2024-06-14"),
	    "1:security:2024-05-01:2024-05-31 1:traffic:2024-05-02:2024-06-01",
	    "a hazard found counts as an inspection; a premise added after the day is not known");
	is_str(due("2024-06-15"),
	    "1:security:2024-05-01:2024-05-31 1:traffic:2024-05-02:2024-06-01"
	    " 2:security::2024-06-15 2:traffic::2024-06-15 2:fire::2024-06-15",
	    "a ledger never inspected is due from the day the premise was added");
	beat_conn_rollback(db);
}

int
main(void)
{
	return on_engines(&db, PG_SCHEMA, suite);
}
