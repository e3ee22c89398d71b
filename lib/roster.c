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
