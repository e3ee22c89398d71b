/*
 * patrol.c: which hours of the day patrols covered (beat_patrol_hours),
 * the rule patrol-gaps and the monthly report share, and a patrol read
 * from a paper form and stored (beat_patrol_read, beat_patrol_store), as
 * TAP: on SQLite in
 * memory, and on PostgreSQL too when $BEAT_PG names a server (in a
 * schema of its own).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "beat.h"
#include "tap.h"
#include "engines.h"

#define PG_SCHEMA "beat_unit_patrol"

static struct beat_conn *db;
static long long team, route;

static long long
t(const char *s)
{
	long long v = -1;

	beat_text_time(s, &v);
	return v;
}

static void
patrol(const char *start, const char *end)
{
	struct beat_patrol p = { 0 };

	p.team = team;
	p.route = route;
	p.start = start;
	p.end = end;
	beat_patrol_add(db, &p);
}

/* A patrol form's row read from a file and stored, twice. */
static void
form(void)
{
	char path[] = "/tmp/beat-unit-patrol.XXXXXX";
	struct beat_patrol_form *v;
	struct beat_csv *r;
	long long id, same = -1;
	size_t n = 0;
	FILE *fp;
	int fd;

	if ((fd = mkstemp(path)) == -1 || (fp = fdopen(fd, "w")) == NULL)
		beat_err(BEAT_EX_CANTCREAT, "%s", path);
	fputs("巡逻队,路线,开始时间,结束时间,巡逻点位,宣传\n"
	    "一队,一号线,2024-06-05 08:00,2024-06-05 09:00, 中心小学；1 、｜,2\n", fp);
	fclose(fp);
	r = beat_csv_open(path, NULL, beat_patrol_cols);
	v = beat_patrol_read(r, &n);
	is_num((long long)n, 1, "one row read");
	is_num((long long)v[0].ncp, 2, "the checkpoints split at ； 、 ｜, blanks and empties dropped");
	is_str(v[0].ncp > 0 ? v[0].cps[0] : NULL, "中心小学", "a checkpoint by name, trimmed");
	is_str(v[0].ncp > 1 ? v[0].cps[1] : NULL, "1", "a checkpoint by number");
	is_num(v[0].count[3], 2, "publicity is the fourth count");
	is_num(v[0].line, 2, "the row's line");
	id = beat_patrol_store(db, &v[0], beat_csv_name(r), 0, &same);
	ok(id >= 0 && same == -1, "a new patrol is stored");
	is_num(beat_patrol_store(db, &v[0], beat_csv_name(r), 0, &same), -1,
	    "the same form again is not");
	is_num(same, id, "and names the patrol stored already");
	beat_csv_close(r);
	unlink(path);
}

/* "HH:SECONDS ..." for the hours covered in [from, to). */
static char *
hours(const char *from, const char *to)
{
	static char buf[512];
	long long secs[24];
	size_t len = 0;
	int h;

	beat_patrol_hours(db, t(from), t(to), secs);
	buf[0] = '\0';
	for (h = 0; h < 24; h++)
		if (secs[h] != 0)
			len += snprintf(buf + len, sizeof(buf) - len, "%s%02d:%lld",
			    len ? " " : "", h, secs[h]);
	return buf;
}

static void
suite(void)
{
	beat_db_begin(db);
	beat_load_reference(db);
	beat_officer_put(db, "001", "张三", "officer", NULL);
	beat_team_put(db, "一队", beat_officer_id(db, "001"), -1);
	beat_checkpoint_put(db, "一号线", 1, "中心小学", NULL);
	team = beat_team_id(db, "一队");
	route = beat_route_id(db, "一号线");
	patrol("2024-05-31 23:00:00", "2024-06-01 01:00:00");
	patrol("2024-06-01 08:00:00", "2024-06-01 10:30:00");
	patrol("2024-06-02 11:59:30", "2024-06-02 12:00:00");
	patrol("2024-06-30 23:30:00", "2024-07-01 00:30:00");
	is_str(hours("2024-06-01", "2024-07-01"),
	    "00:3600 08:3600 09:3600 10:1800 11:30 23:1800",
	    "a month: every patrol under way in it, cut to it, to the second");
	is_str(hours("2024-05-01", "2024-06-01"), "23:3600",
	    "the month before has the night patrol's first hour only");
	is_str(hours("2024-06-01 09:15:00", "2024-06-01 09:45:00"), "09:1800",
	    "a window shorter than an hour");
	is_str(hours("2024-06-01 01:00:00", "2024-06-01 08:00:00"), "",
	    "a patrol ending as the window begins, or starting as it ends, covers none of it");
	is_str(hours("2024-06-03", "2024-06-30"), "", "no patrol under way: no hour covered");
	form();
	beat_conn_rollback(db);
}

int
main(void)
{
	return on_engines(&db, PG_SCHEMA, suite);
}
