/*
 * incident.c: dispatch rows, categories, validity, repeat links, tallies,
 * z, percent and periods, as TAP.  What reads the database runs on SQLite
 * in memory, and on PostgreSQL too when $BEAT_PG names a server (in a
 * schema of its own, dropped after).
 */
#include <stdlib.h>
#include <string.h>

#include "beat.h"
#include "tap.h"
#include "engines.h"

#define PG_SCHEMA "beat_unit_incident"

static struct beat_conn *db;

static void
category(void)
{
	is_str(beat_incident_category(db, "public_order"), "public_order", "category code");
	is_str(beat_incident_category(db, "Public-Order"), "public_order", "code in other case and with a hyphen");
	is_str(beat_incident_category(db, "治安"), "public_order", "label");
	is_str(beat_incident_category(db, "治安案件"), "public_order", "label with 案件");
	is_str(beat_incident_category(db, "刑事案件"), "criminal", "刑事案件");
	is_str(beat_incident_category(db, "刑事警情"), "criminal", "label with 警情");
	is_str(beat_incident_category(db, "纠纷类"), "dispute", "label with 类");
	is_str(beat_incident_category(db, "交通事故"), "traffic", "交通事故 from the alias list");
	is_str(beat_incident_category(db, "火警"), "fire", "火警 from the alias list");
	is_str(beat_incident_category(db, "火灾"), "fire", "火灾");
	is_str(beat_incident_category(db, "其它"), "other", "其它");
	is_str(beat_incident_category(db, "盗窃"), NULL, "unknown label");
	is_str(beat_incident_category(db, ""), NULL, "empty");
	is_str(beat_incident_category(db, "案件"), NULL, "a suffix alone");
	is_str(beat_incident_category(db, "thief"), NULL, "unknown code");
}

static void
validity(void)
{
	static const char *yes[] = { "1", "是", "有效", "TRUE", "true", "Y", "y", "Yes" };
	static const char *no[] = { "0", "否", "无效", "False", "N", "n", "no" };
	static const char *bad[] = { "", "2", "maybe", "有", "yes!" };
	size_t i;
	int good = 1;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		good &= beat_incident_validity(yes[i]) == 1;
	ok(good, "validity: 1, 是, 有效, true, Y are valid, in any case");
	for (good = 1, i = 0; i < sizeof no / sizeof no[0]; i++)
		good &= beat_incident_validity(no[i]) == 0;
	ok(good, "validity: 0, 否, 无效, false, N are invalid");
	for (good = 1, i = 0; i < sizeof bad / sizeof bad[0]; i++)
		good &= beat_incident_validity(bad[i]) == -1;
	ok(good, "validity: anything else is not understood");
}

static void
parse(void)
{
	const char *f[BEAT_INC_NCOLS] = { 0 };
	struct beat_incident inc;
	char why[256];

	f[BEAT_INC_NO] = "J001";
	f[BEAT_INC_AT] = "2018/12/3 8:05";
	f[BEAT_INC_CATEGORY] = "治安";
	ok(beat_incident_parse(db, f, &inc, why, sizeof why) == 0, "parse: minimal row");
	is_str(inc.received_at, "2018-12-03 08:05:00", "parse: 2018/12/3 8:05");
	is_str(inc.category, "public_order", "parse: category");
	ok(inc.valid == 1, "parse: valid when the file has no column for it");
	ok(inc.village == NULL && inc.summary == NULL, "parse: missing columns are NULL");

	f[BEAT_INC_AT] = "2018-12-03T08:05";
	f[BEAT_INC_VALID] = "否";
	f[BEAT_INC_VILLAGE] = "";
	f[BEAT_INC_RELATED] = "J001";
	f[BEAT_INC_SUMMARY] = "重复报警";
	ok(beat_incident_parse(db, f, &inc, why, sizeof why) == 0, "parse: full row");
	is_str(inc.received_at, "2018-12-03 08:05:00", "parse: 2018-12-03T08:05");
	ok(inc.valid == 0, "parse: 否 is invalid");
	ok(inc.village == NULL, "parse: empty village is NULL");
	ok(inc.related_no == NULL, "parse: a row related to itself is related to nothing");
	is_str(inc.summary, "重复报警", "parse: summary");

	f[BEAT_INC_AT] = "2019-02-30 08:00";
	ok(beat_incident_parse(db, f, &inc, why, sizeof why) == -1, "parse: 2019-02-30 refused");
	is_str(why, "bad time '2019-02-30 08:00' (expected YYYY-MM-DD HH:MM[:SS])", "parse: reason names the time");
	f[BEAT_INC_AT] = "2019-02-03";
	ok(beat_incident_parse(db, f, &inc, why, sizeof why) == -1, "parse: a date without time refused");
	f[BEAT_INC_AT] = "now 08:00";
	ok(beat_incident_parse(db, f, &inc, why, sizeof why) == -1, "parse: words for dates refused");
	f[BEAT_INC_AT] = "2018-12-03 08:05:00";
	f[BEAT_INC_CATEGORY] = "盗窃";
	ok(beat_incident_parse(db, f, &inc, why, sizeof why) == -1, "parse: unknown category refused");
	is_str(why, "unknown category '盗窃'", "parse: reason names the category");
	f[BEAT_INC_CATEGORY] = "fire";
	f[BEAT_INC_VALID] = "maybe";
	ok(beat_incident_parse(db, f, &inc, why, sizeof why) == -1, "parse: bad validity refused");
	f[BEAT_INC_VALID] = "1";
	f[BEAT_INC_NO] = "";
	ok(beat_incident_parse(db, f, &inc, why, sizeof why) == -1, "parse: empty dispatch number refused");
	is_str(why, "no dispatch number", "parse: reason for a missing number");
}

static void
add(const char *no, const char *at, int valid, const char *village,
    const char *reason, const char *related)
{
	beat_exec(db, "INSERT INTO incident (dispatch_no, received_at, category, valid,"
	    " village, invalid_reason, related_no) VALUES (?, ?, 'dispute', ?, ?, ?, ?)",
	    "ssibbb", no, at, valid, village, reason, related);
}

static char *
dup(const char *no)
{
	return beat_query_text(db, "SELECT f.dispatch_no FROM incident i"
	    " JOIN incident f ON f.id = i.duplicate_of WHERE i.dispatch_no = ?", "s", no);
}

static void
link(void)
{
	char *s;

	add("A1", "2020-01-01 10:00:00", 1, "红星村", NULL, NULL);
	add("A2", "2020-01-01 10:30:00", 0, "红星村", "重复报警", NULL);	/* linked */
	add("A3", "2020-01-01 12:00:00", 0, "红星村", "重复报警", NULL);	/* exactly 2 h: linked */
	add("A4", "2020-01-01 12:00:01", 0, "红星村", "重复报警", NULL);	/* too late */
	add("A5", "2020-01-01 10:20:00", 0, "青山村", "重复报警", NULL);	/* other village */
	add("A6", "2020-01-01 10:40:00", 0, "红星村", "误拨", NULL);		/* not a repeat */
	add("D1", "2020-01-01 15:00:00", 1, "红星村", NULL, NULL);
	add("D2", "2020-01-01 15:30:00", 1, "红星村", NULL, NULL);
	add("D3", "2020-01-01 16:00:00", 0, "红星村", NULL, NULL);
	beat_exec(db, "UPDATE incident SET summary = '群众称重复报警，现场无人' WHERE dispatch_no = 'D3'", "");
	add("B1", "2020-01-02 09:00:00", 1, "青山村", NULL, NULL);
	add("B2", "2020-01-02 09:10:00", 1, "青山村", NULL, "B1");		/* related column */
	add("B3", "2020-01-02 08:00:00", 1, "青山村", NULL, "B1");		/* earlier than B1 */
	add("B4", "2020-01-03 08:00:00", 0, "青山村", "重复报警", "B9");	/* related, unknown */
	add("C1", "2020-01-03 23:30:00", 1, "红星村", NULL, NULL);
	add("C2", "2020-01-04 00:15:00", 0, "红星村", "重复报警", NULL);	/* over midnight */
	add("E2", "2020-01-05 10:30:00", 0, "红星村", "重复报警", NULL);	/* its call comes later */
	ok(beat_incident_link(db, "2020-01-01 00:00:00", "2020-01-03 23:59:59") == 5,
	    "link: five links made");
	is_str(s = dup("A2"), "A1", "link: repeat marked 重复报警 within 2 h"); free(s);
	is_str(s = dup("A3"), "A1", "link: exactly two hours later"); free(s);
	is_str(s = dup("A4"), NULL, "link: not after two hours"); free(s);
	is_str(s = dup("A5"), NULL, "link: not from another village"); free(s);
	is_str(s = dup("A6"), NULL, "link: not without 重复报警"); free(s);
	is_str(s = dup("D3"), "D2", "link: 重复报警 in the summary, to the latest valid call before"); free(s);
	is_str(s = dup("B2"), "B1", "link: by the related column"); free(s);
	is_str(s = dup("B3"), NULL, "link: never to a later call"); free(s);
	is_str(s = dup("B4"), NULL, "link: a related call not stored stays unlinked"); free(s);
	is_str(s = dup("C2"), "C1", "link: across midnight (times computed in C)"); free(s);
	is_str(s = dup("E2"), NULL, "link: not before its call is stored"); free(s);
	add("B9", "2020-01-03 07:00:00", 1, "青山村", NULL, NULL);
	add("E1", "2020-01-05 10:00:00", 1, "红星村", NULL, NULL);
	ok(beat_incident_link(db, "2020-01-03 07:00:00", "2020-01-05 10:00:00") == 2,
	    "link: a later import links earlier repeats");
	is_str(s = dup("E2"), "E1", "link: 重复报警 to a call stored later"); free(s);
	ok(beat_incident_count(db, "2020-01-01", "2020-01-02", 0) == 3,
	    "count: valid first calls of a day");
	ok(beat_incident_count(db, "2020-01-01", "2020-01-02", 1) == 9,
	    "count: every call with all");
	ok(beat_incident_count(db, "2020-01-02", "2020-01-03", 0) == 2,
	    "count: a valid repeat linked by the related column is not counted");
	ok(beat_incident_count(db, "2020-01-03", "2020-01-03", 1) == 0,
	    "count: the last day is not included");
	is_str(s = dup("B4"), "B9", "link: to the call that came later"); free(s);
}

static void
weeks(void)
{
	static const struct {
		int y, m, d;
		const char *week;
	} t[] = {
		{ 2018, 12, 31, "2019-W01" },	/* a Monday in the next year's week 1 */
		{ 2019, 1, 6, "2019-W01" },
		{ 2019, 1, 7, "2019-W02" },
		{ 2021, 1, 3, "2020-W53" },	/* a Sunday in the last year's week 53 */
		{ 2020, 12, 31, "2020-W53" },
		{ 2024, 2, 29, "2024-W09" },
		{ 2016, 1, 1, "2015-W53" },
		{ 2026, 12, 31, "2026-W53" },
		{ 2027, 1, 1, "2026-W53" },
		{ 2027, 1, 4, "2027-W01" },
	};
	char buf[9], name[64];
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		beat_iso_week(beat_day(t[i].y, t[i].m, t[i].d), buf);
		snprintf(name, sizeof name, "ISO week of %04d-%02d-%02d", t[i].y, t[i].m, t[i].d);
		is_str(buf, t[i].week, name);
	}
}

static void
numbers(void)
{
	char buf[32];

	is_str(beat_z_text(beat_poisson_z(25, 16), buf), "2.00", "z: 2(5 - 4)");
	is_str(beat_z_text(beat_poisson_z(16, 25), buf), "-2.00", "z: negative");
	is_str(beat_z_text(beat_poisson_z(0, 9), buf), "-6.00", "z: from zero");
	is_str(beat_z_text(beat_poisson_z(30, 20), buf), "2.01", "z: 2(sqrt 30 - sqrt 20)");
	is_str(beat_z_text(beat_poisson_z(7, 7), buf), "0.00", "z: no change");
	is_str(beat_z_text(-0.001, buf), "0.00", "z: never -0.00");
	is_str(beat_z_text(beat_poisson_z(1000000, 0), buf), "2000.00", "z: large counts");
	is_str(beat_pct_change(30, 20, buf), "50.0", "pct: up");
	is_str(beat_pct_change(20, 30, buf), "-33.3", "pct: down");
	is_str(beat_pct_change(5, 0, buf), "", "pct: empty when before is 0");
	is_str(beat_pct_change(0, 8, buf), "-100.0", "pct: to zero");
	is_str(beat_pct_change(9, 8, buf), "12.5", "pct: 12.5");
	is_str(beat_pct_change(81, 80, buf), "1.3", "pct: 1.25 rounds away from zero");
	is_str(beat_pct_change(79, 80, buf), "-1.3", "pct: -1.25 rounds away from zero");
	is_str(beat_pct_change(10000, 10001, buf), "0.0", "pct: never -0.0");
	is_str(beat_pct_change(1, 3, buf), "-66.7", "pct: two thirds");
	is_str(beat_tenths(1, 3, buf), "0.3", "tenths: a third");
	is_str(beat_tenths(2, 3, buf), "0.7", "tenths: two thirds");
	is_str(beat_tenths(1, 20, buf), "0.1", "tenths: 0.05 rounds up");
	is_str(beat_tenths(100, 3, buf), "33.3", "tenths: a rate in percent");
	is_str(beat_tenths(0, 7, buf), "0.0", "tenths: zero");
	is_str(beat_tenths(365, 12, buf), "30.4", "tenths: a monthly average");
}

/* Keys and steps of periods, and a series across a year's end. */
static void
periods(void)
{
	char buf[16];
	long d, mon = beat_day(2024, 3, 4);
	int n;

	beat_period_key(BEAT_PERIOD_MONTH, beat_day(2024, 2, 29), buf);
	is_str(buf, "2024-02", "period: month key");
	beat_period_key(BEAT_PERIOD_WEEK, beat_day(2018, 12, 31), buf);
	is_str(buf, "2019-W01", "period: week key is the ISO week");
	beat_period_key(BEAT_PERIOD_DAY, beat_day(2024, 2, 29), buf);
	is_str(buf, "2024-02-29", "period: day key");
	beat_period_key(BEAT_PERIOD_WEEKDAY, beat_day(2024, 2, 29), buf);
	is_str(buf, "4", "period: weekday key, Thursday 4");
	ok(beat_period_next(BEAT_PERIOD_MONTH, beat_day(2023, 12, 15)) == beat_day(2024, 1, 1),
	    "period: the month after December is January");
	ok(beat_period_next(BEAT_PERIOD_MONTH, beat_day(2024, 1, 31)) == beat_day(2024, 2, 1),
	    "period: from the 31st to the 1st of a short month");
	ok(beat_period_next(BEAT_PERIOD_WEEK, beat_day(2024, 2, 29)) == mon,
	    "period: the week after a Thursday starts on Monday");
	ok(beat_period_next(BEAT_PERIOD_WEEK, mon - 1) == mon, "period: and after a Sunday");
	ok(beat_period_next(BEAT_PERIOD_WEEK, mon) == mon + 7, "period: and after a Monday");
	ok(beat_period_next(BEAT_PERIOD_DAY, mon) == mon + 1, "period: the next day");
	n = 0;
	for (d = beat_day(2023, 11, 15); d <= beat_day(2024, 2, 10);
	    d = beat_period_next(BEAT_PERIOD_MONTH, d))
		n++;
	ok(n == 4, "period: 2023-11-15 to 2024-02-10 is 4 months");
	n = 0;
	for (d = beat_day(2022, 12, 26); d <= beat_day(2023, 1, 8);
	    d = beat_period_next(BEAT_PERIOD_WEEK, d))
		n++;
	ok(n == 2, "period: 2022-12-26 to 2023-01-08 is 2 ISO weeks");
}

/* Rows of the tallies a recount from the incidents does not find, and back. */
#define COUNTED "sum(CASE WHEN valid = 1 AND duplicate_of IS NULL THEN 1 ELSE 0 END)"
#define NOVILLAGE "CASE WHEN village IS NULL THEN 1 ELSE 0 END"

static long long
tally_wrong(void)
{
	return beat_query_int(db, -1,
	    "WITH d AS (SELECT substr(received_at, 1, 10), category, count(*), " COUNTED ","
	    "  sum(CASE WHEN duplicate_of IS NOT NULL THEN 1 ELSE 0 END)"
	    "  FROM incident GROUP BY 1, 2),"
	    " h AS (SELECT substr(received_at, 1, 7), substr(received_at, 12, 2), category,"
	    "  count(*), " COUNTED " FROM incident GROUP BY 1, 2, 3),"
	    " v AS (SELECT substr(received_at, 1, 7), coalesce(village, ''), " NOVILLAGE ","
	    "  substr(received_at, 12, 2), category, count(*), " COUNTED
	    "  FROM incident GROUP BY 1, 2, 3, 4, 5),"
	    " p AS (SELECT coalesce(village, ''), " NOVILLAGE ", substr(received_at, 12, 2),"
	    "  category, count(*), " COUNTED " FROM incident GROUP BY 1, 2, 3, 4)"
	    " SELECT (SELECT count(*) FROM (SELECT * FROM incident_tally_day WHERE n > 0"
	    "  EXCEPT SELECT * FROM d) AS x)"
	    " + (SELECT count(*) FROM (SELECT * FROM d EXCEPT SELECT * FROM incident_tally_day) AS x)"
	    " + (SELECT count(*) FROM (SELECT * FROM incident_tally_hour WHERE n > 0"
	    "  EXCEPT SELECT * FROM h) AS x)"
	    " + (SELECT count(*) FROM (SELECT * FROM h EXCEPT SELECT * FROM incident_tally_hour) AS x)"
	    " + (SELECT count(*) FROM (SELECT * FROM incident_tally WHERE n > 0"
	    "  EXCEPT SELECT * FROM v) AS x)"
	    " + (SELECT count(*) FROM (SELECT * FROM v EXCEPT SELECT * FROM incident_tally) AS x)"
	    " + (SELECT count(*) FROM (SELECT * FROM incident_tally_place WHERE n > 0"
	    "  EXCEPT SELECT * FROM p) AS x)"
	    " + (SELECT count(*) FROM (SELECT * FROM p EXCEPT SELECT * FROM incident_tally_place) AS x)",
	    "");
}

static void
tally(void)
{
	ok(tally_wrong() == 0, "tally: the triggers kept it through the links");
	beat_tally_pause(db, 1);
	add("T1", "2021-03-31 23:59:59", 1, NULL, NULL, NULL);
	add("T2", "2021-05-01 00:00:00", 0, "红星村", NULL, NULL);
	beat_exec(db, "UPDATE incident SET received_at = '2021-04-15 08:00:00', valid = 1"
	    " WHERE dispatch_no = 'A1'", "");
	/* Its repeats let go of it first, as PostgreSQL's foreign key wants. */
	beat_exec(db, "UPDATE incident SET duplicate_of = NULL WHERE duplicate_of ="
	    " (SELECT id FROM incident WHERE dispatch_no = 'B1')", "");
	beat_exec(db, "DELETE FROM incident WHERE dispatch_no = 'B1'", "");
	ok(tally_wrong() > 0, "tally: paused, the triggers count nothing");
	beat_tally_pause(db, 0);
	beat_tally_recount(db, "2020-01-01 10:00:00", "2021-05-01 00:00:00");
	ok(tally_wrong() == 0, "tally: recounting the months touched mends it");
	beat_exec(db, "DELETE FROM incident WHERE dispatch_no = 'T2'", "");
	ok(tally_wrong() == 0, "tally: resumed, the triggers count again");
}

/* The tests that read the database, on db made, in one transaction as a command's. */
static void
suite(void)
{
	beat_db_begin(db);
	beat_load_reference(db);
	category();
	parse();
	link();
	tally();
	beat_conn_rollback(db);
}

int
main(void)
{
	validity();
	weeks();
	numbers();
	periods();
	return on_engines(&db, PG_SCHEMA, suite);
}
