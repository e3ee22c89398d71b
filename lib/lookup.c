/* lookup.c: find records named on the command line or in files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/* Each selects the id of the record its one parameter names. */
static const struct {
	const char *sql;
	const char *what;
} records[] = {
	[BEAT_LOOKUP_VILLAGE] = { "SELECT id FROM village WHERE name = ?1 OR code = ?1", N_("village") },
	[BEAT_LOOKUP_BADGE] = { "SELECT id FROM officer WHERE badge = ?1", N_("officer") },
	[BEAT_LOOKUP_CASE] = { "SELECT id FROM dispute WHERE number = ?1", N_("case") },
	[BEAT_LOOKUP_TEAM] = { "SELECT id FROM team WHERE name = ?1", N_("team") },
	[BEAT_LOOKUP_ROUTE] = { "SELECT id FROM route WHERE name = ?1", N_("route") },
	[BEAT_LOOKUP_PLACE] = { "SELECT id FROM place WHERE CAST(id AS TEXT) = ?1 OR name = ?1", N_("place") },
};

long long
beat_lookup_at(sqlite3 *db, enum beat_lookup kind, const char *name, const char *file,
    long line)
{
	long long id = beat_query_int(db, -1, records[kind].sql, "s", name);

	if (id < 0)
		beat_errx_at(BEAT_EX_NOREC, file, line, _("no such %s: '%s'"),
		    _(records[kind].what), name);
	return id;
}

long long
beat_village_id(sqlite3 *db, const char *name)
{
	return beat_lookup_at(db, BEAT_LOOKUP_VILLAGE, name, NULL, 0);
}

long long
beat_officer_id(sqlite3 *db, const char *who)
{
	long long n;

	n = beat_query_int(db, -1, records[BEAT_LOOKUP_BADGE].sql, "s", who);
	if (n >= 0)
		return n;
	if (beat_query_int(db, 0, "SELECT count(*) FROM officer WHERE name = ?", "s", who) > 1)
		beat_errx(BEAT_EX_DATA, _("'%s' names more than one officer; give the badge"), who);
	n = beat_query_int(db, -1, "SELECT id FROM officer WHERE name = ?", "s", who);
	if (n < 0)
		beat_errx(BEAT_EX_NOREC, _("no such %s: '%s'"), _("officer"), who);
	return n;
}

long long
beat_case_id(sqlite3 *db, const char *number)
{
	return beat_lookup_at(db, BEAT_LOOKUP_CASE, number, NULL, 0);
}

long long
beat_team_id(sqlite3 *db, const char *name)
{
	return beat_lookup_at(db, BEAT_LOOKUP_TEAM, name, NULL, 0);
}

long long
beat_route_id(sqlite3 *db, const char *name)
{
	return beat_lookup_at(db, BEAT_LOOKUP_ROUTE, name, NULL, 0);
}

long long
beat_place_id(sqlite3 *db, const char *s)
{
	return beat_lookup_at(db, BEAT_LOOKUP_PLACE, s, NULL, 0);
}

/* The table names are ours, never user input; still, only these pass. */
static const char *const code_tables[] = {
	"dispute_type", "level", "channel", "incident_category",
	"place_category", "place_kind", "camera_kind", NULL,
};

static const char *
checked_table(const char *table)
{
	size_t i;

	for (i = 0; code_tables[i] != NULL; i++)
		if (strcmp(code_tables[i], table) == 0)
			return code_tables[i];
	beat_errx(BEAT_EX_SOFTWARE, "beat_code_ok: no code table '%s'", table);
}

int
beat_code_ok(sqlite3 *db, const char *table, const char *code)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE code = ?",
	    checked_table(table));
	return beat_query_int(db, 0, sql, "s", code) > 0;
}

void
beat_code_check(sqlite3 *db, const char *table, const char *code, const char *option)
{
	char sql[160], *codes;

	if (beat_code_ok(db, table, code))
		return;
	snprintf(sql, sizeof(sql), "SELECT group_concat(code, ', ') FROM "
	    "(SELECT code FROM %s ORDER BY code)", checked_table(table));
	codes = beat_query_text(db, sql, "");
	beat_usage_error(_("%s: unknown code '%s' (one of: %s)"), option, code,
	    codes ? codes : "");
}
