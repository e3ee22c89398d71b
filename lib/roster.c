/* roster.c: villages, officers, their beats, patrol teams and routes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/* Each put below changes a row only where a value differs, so that
 * loading the same list again changes nothing; it returns 1 when it did. */

int
beat_village_put(struct beat_conn *db, const char *name, const char *township, const char *code)
{
	return beat_exec(db, "INSERT INTO village (name, township, code, station) VALUES (?, ?, ?, ?) "
	    "ON CONFLICT (station, name) DO UPDATE SET township = excluded.township, "
	    "code = excluded.code WHERE village.township IS DISTINCT FROM excluded.township "
	    "OR village.code IS DISTINCT FROM excluded.code", "ssss", name, township, code,
	    beat_station_code(db)) > 0;
}

int
beat_officer_put(struct beat_conn *db, const char *badge, const char *name, const char *kind,
    const char *phone)
{
	return beat_exec(db, "INSERT INTO officer (badge, name, kind, phone, station) "
	    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (station, badge) DO UPDATE SET "
	    "name = excluded.name, kind = excluded.kind, phone = excluded.phone "
	    "WHERE officer.name IS DISTINCT FROM excluded.name OR officer.kind IS DISTINCT FROM excluded.kind "
	    "OR officer.phone IS DISTINCT FROM excluded.phone", "sssss", badge, name, kind, phone,
	    beat_station_code(db)) > 0;
}

int
beat_checkpoint_put(struct beat_conn *db, const char *route, int seq, const char *name,
    const char *kind)
{
	const char *station = beat_station_code(db);

	beat_exec(db, "INSERT INTO route (name, station) VALUES (?, ?)"
	    " ON CONFLICT (station, name) DO NOTHING", "ss", route, station);
	return beat_exec(db, "INSERT INTO checkpoint (route_id, seq, name, kind) "
	    "SELECT id, CAST(? AS INTEGER), ?, ? FROM route WHERE name = ? AND station = ? "
	    "ON CONFLICT (route_id, seq) DO UPDATE SET name = excluded.name, "
	    "kind = excluded.kind WHERE checkpoint.name IS DISTINCT FROM excluded.name "
	    "OR checkpoint.kind IS DISTINCT FROM excluded.kind", "issss", seq, name, kind, route,
	    station) > 0;
}

int
beat_team_put(struct beat_conn *db, const char *name, long long leader, long long auxiliary)
{
	return beat_exec(db, "INSERT INTO team (name, leader_id, auxiliary_id, station) "
	    "VALUES (?, ?, nullif(?, -1), ?) ON CONFLICT (station, name) DO UPDATE SET "
	    "leader_id = excluded.leader_id, auxiliary_id = excluded.auxiliary_id "
	    "WHERE team.leader_id IS DISTINCT FROM excluded.leader_id "
	    "OR team.auxiliary_id IS DISTINCT FROM excluded.auxiliary_id", "slls",
	    name, leader, auxiliary, beat_station_code(db)) > 0;
}

char *
beat_officer_kind(struct beat_conn *db, long long officer)
{
	return beat_query_text(db, "SELECT kind FROM officer WHERE id = ?", "l", officer);
}

/* Auxiliaries, mediators and cadres patrol and mediate, but a beat is an officer's. */
long long
beat_beat_officer(struct beat_conn *db, const char *who)
{
	long long officer = beat_officer_id(db, who);
	char *kind;

	kind = beat_officer_kind(db, officer);
	if (strcmp(kind, "officer") != 0)
		beat_errx(BEAT_EX_DATA, _("%s is %s, not an officer; a beat needs an officer"),
		    who, kind);
	free(kind);
	return officer;
}

int
beat_beat_assign(struct beat_conn *db, long long village, long long officer)
{
	return beat_exec(db, "INSERT INTO beat (village_id, officer_id) VALUES (?, ?) "
	    "ON CONFLICT (village_id) DO UPDATE SET officer_id = excluded.officer_id "
	    "WHERE beat.officer_id <> excluded.officer_id", "ll", village, officer) > 0;
}

/* The lists, their columns in the order of struct beat_roster_row's cells. */
static const char *const list_sql[] = {
	[BEAT_ROSTER_BEATS] =
	  "SELECT o.name, o.badge, v.name, v.township FROM beat b "
	  "JOIN officer o ON o.id = b.officer_id JOIN village v ON v.id = b.village_id "
	  "ORDER BY o.badge, v.name",
	[BEAT_ROSTER_OFFICERS] =
	  "SELECT o.badge, o.name, o.kind, o.phone, (SELECT group_concat(name, ',') FROM "
	  "(SELECT v.name FROM beat b JOIN village v ON v.id = b.village_id "
	  "WHERE b.officer_id = o.id ORDER BY v.name) AS t) FROM officer o ORDER BY o.badge",
	[BEAT_ROSTER_VILLAGES] =
	  "SELECT v.name, v.township, v.code, o.name FROM village v "
	  "LEFT JOIN beat b ON b.village_id = v.id LEFT JOIN officer o ON o.id = b.officer_id "
	  "ORDER BY v.township NULLS FIRST, v.name",
	[BEAT_ROSTER_TEAMS] =
	  "SELECT t.name, l.name, l.badge, a.name, a.badge FROM team t "
	  "JOIN officer l ON l.id = t.leader_id LEFT JOIN officer a ON a.id = t.auxiliary_id "
	  "ORDER BY t.name",
	[BEAT_ROSTER_ROUTES] =
	  "SELECT r.name, c.seq, c.name, c.kind FROM checkpoint c "
	  "JOIN route r ON r.id = c.route_id ORDER BY r.name, c.seq",
};

size_t
beat_roster_each(struct beat_conn *db, enum beat_roster_list what,
    void (*fn)(const struct beat_roster_row *row, void *arg), void *arg)
{
	struct beat_roster_row row;
	struct beat_stmt *st;
	size_t n = 0;
	int i;

	st = beat_prepare(db, list_sql[what]);
	while (beat_step(st)) {
		memset(&row, 0, sizeof(row));
		row.ncells = beat_stmt_columns(st);
		for (i = 0; i < row.ncells && i < 5; i++)
			row.cell[i] = beat_stmt_text(st, i);
		if (what == BEAT_ROSTER_ROUTES)
			row.seq = beat_stmt_int(st, 1);
		fn(&row, arg);
		n++;
	}
	beat_stmt_free(st);
	return n;
}

/*
 * Importing the roster's lists from CSV: each kind's columns (English
 * and the Chinese headers of the forms), its checks and its put.
 */
static const struct beat_csv_col village_cols[] = {
	{ "name|村社|村名|村（社区）|名称|村社名称", 1 },
	{ "township|乡镇|所属乡镇|镇", 1 },
	{ "code|编码|代码|行政区划代码", 0 },
	{ 0 }
};
static const struct beat_csv_col officer_cols[] = {
	{ "badge|警号|编号|工号", 1 },
	{ "name|姓名", 1 },
	{ "kind|类别|身份|人员类别", 1 },
	{ "phone|电话|手机|联系电话|手机号码", 0 },
	{ 0 }
};
static const struct beat_csv_col route_cols[] = {
	{ "route|路线|巡逻路线", 1 },
	{ "seq|序号|顺序", 1 },
	{ "checkpoint|点位|必到点|巡逻点|巡逻点位", 1 },
	{ "kind|类型|类别|点位类型", 0 },
	{ 0 }
};
static const struct beat_csv_col team_cols[] = {
	{ "team|巡逻队|队名|队伍", 1 },
	{ "leader|队长|带队民警|民警", 1 },
	{ "auxiliary|辅警", 0 },
	{ 0 }
};

/*
 * One file is one list of villages: the same village under two
 * townships in it is a mistake in the list, not an update to keep the
 * last of.  A few thousand villages at most, so a plain list will do.
 */
struct seen {
	char *name, *township;
	long line;
};

struct import {
	struct beat_conn *db;
	struct beat_csv *r;
	struct seen *seen;
	size_t nseen;
};

static const char *
need(struct beat_csv *r, int i, const char *what)
{
	const char *s = beat_csv_value(r, i);

	if (s == NULL)
		beat_errx_at(BEAT_EX_DATA, beat_csv_name(r), beat_csv_line(r),
		    _("empty %s"), what);
	return s;
}

static void
plain(struct beat_csv *r, const char *what, const char *s)
{
	beat_plain_text(beat_csv_name(r), beat_csv_line(r), what, s);
}

/* Officer kinds as codes or as the Chinese words a roster uses. */
static const char *
officer_kind(struct beat_csv *r, const char *s)
{
	static const char *const kinds[][4] = {
		{ "officer", "民警", "警察", NULL },
		{ "auxiliary", "辅警", "协警", NULL },
		{ "mediator", "调解员", "专职调解员", "人民调解员" },
		{ "cadre", "村干部", "干部", "社区干部" },
	};
	size_t i, j;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		for (j = 0; j < 4 && kinds[i][j] != NULL; j++)
			if (strcasecmp(s, kinds[i][j]) == 0)
				return kinds[i][0];
	beat_errx_at(BEAT_EX_DATA, beat_csv_name(r), beat_csv_line(r),
	    _("unknown kind '%s' (officer, auxiliary, mediator or cadre)"), s);
}

static long long
officer_at(struct beat_conn *db, struct beat_csv *r, const char *badge)
{
	return beat_lookup_at(db, BEAT_LOOKUP_BADGE, badge, beat_csv_name(r), beat_csv_line(r));
}

static void
village_once(struct import *im, const char *name, const char *township)
{
	struct beat_csv *r = im->r;
	size_t i;

	for (i = 0; i < im->nseen; i++) {
		if (strcmp(im->seen[i].name, name) != 0)
			continue;
		if (strcmp(im->seen[i].township, township) != 0)
			beat_errx_at(BEAT_EX_DATA, beat_csv_name(r), beat_csv_line(r),
			    _("village '%s' is listed twice with different townships ('%s' on line %ld, '%s' here)"),
			    name, im->seen[i].township, im->seen[i].line, township);
		return;
	}
	im->seen = beat_xrealloc(im->seen, (im->nseen + 1) * sizeof *im->seen);
	im->seen[im->nseen].name = beat_xstrdup(name);
	im->seen[im->nseen].township = beat_xstrdup(township);
	im->seen[im->nseen++].line = beat_csv_line(r);
}

static void
village_row(struct import *im)
{
	struct beat_csv *r = im->r;
	const char *name = need(r, 0, _("village name"));

	plain(r, _("village name"), name);
	plain(r, _("township"), beat_csv_value(r, 1));
	plain(r, _("village code"), beat_csv_value(r, 2));

	village_once(im, name, beat_csv_get(r, 1));
	if (beat_village_put(im->db, name, beat_csv_value(r, 1), beat_csv_value(r, 2)))
		beat_touch(name);
}

static void
officer_row(struct import *im)
{
	struct beat_csv *r = im->r;
	const char *badge = need(r, 0, _("badge")), *name = need(r, 1, _("name"));
	const char *kind = officer_kind(r, need(r, 2, _("kind")));
	const char *phone = beat_csv_value(r, 3);

	plain(r, _("badge"), badge);
	plain(r, _("name"), name);
	if (phone != NULL && beat_phone_check(phone) == -1)
		beat_errx_at(BEAT_EX_DATA, beat_csv_name(r), beat_csv_line(r),
		    _("'%s' is not a phone number"), phone);

	if (beat_officer_put(im->db, badge, name, kind, phone))
		beat_touch(badge);
}

static void
route_row(struct import *im)
{
	struct beat_csv *r = im->r;
	const char *route = need(r, 0, _("route")), *seq = need(r, 1, _("seq"));
	const char *name = need(r, 2, _("checkpoint"));
	char *end, *id;
	long n = strtol(seq, &end, 10);

	plain(r, _("route"), route);
	plain(r, _("checkpoint"), name);
	plain(r, _("checkpoint kind"), beat_csv_value(r, 3));
	if (*end != '\0' || n < 1 || n > 9999)
		beat_errx_at(BEAT_EX_DATA, beat_csv_name(r), beat_csv_line(r),
		    _("seq '%s' is not a number from 1 to 9999"), seq);
	if (beat_checkpoint_put(im->db, route, (int)n, name, beat_csv_value(r, 3))) {
		id = beat_xasprintf("%s/%ld", route, n);
		beat_touch(id);
		free(id);
	}
}

static void
team_row(struct import *im)
{
	struct beat_csv *r = im->r;
	const char *team = need(r, 0, _("team"));
	long long leader, aux;

	plain(r, _("team"), team);
	leader = officer_at(im->db, r, need(r, 1, _("leader")));
	aux = beat_csv_value(r, 2) ? officer_at(im->db, r, beat_csv_value(r, 2)) : -1;

	if (beat_team_put(im->db, team, leader, aux))
		beat_touch(team);
}

static const struct {
	const struct beat_csv_col *cols;
	void (*row)(struct import *);
	const char *id;
} imports[] = {
	[BEAT_ROSTER_IMPORT_VILLAGES] = { village_cols, village_row, "village" },
	[BEAT_ROSTER_IMPORT_OFFICERS] = { officer_cols, officer_row, "badge" },
	[BEAT_ROSTER_IMPORT_ROUTES] = { route_cols, route_row, "checkpoint" },
	[BEAT_ROSTER_IMPORT_TEAMS] = { team_cols, team_row, "team" },
};

const char *
beat_roster_import_column(enum beat_roster_import what)
{
	return imports[what].id;
}

/* The whole file or nothing: the first bad row ends the command. */
void
beat_roster_import(struct beat_conn *db, enum beat_roster_import what, const char *path,
    const char *encoding)
{
	struct import im = { db, NULL, NULL, 0 };
	size_t i;

	im.r = beat_csv_open(path, encoding, imports[what].cols);
	while (beat_csv_row(im.r))
		imports[what].row(&im);
	beat_csv_close(im.r);
	for (i = 0; i < im.nseen; i++) {
		free(im.seen[i].name);
		free(im.seen[i].township);
	}
	free(im.seen);
}
