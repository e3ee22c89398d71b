/* lookup.c: find records named on the command line or in files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

static long long
must(long long id, const char *what, const char *name)
{
	if (id < 0)
		beat_errx(BEAT_EX_NOREC, _("no such %s: '%s'"), what, name);
	return id;
}

long long
beat_village_id(sqlite3 *db, const char *name)
{
	return must(beat_query_int(db, -1,
	    "SELECT id FROM village WHERE name = ? OR code = ?", "ss", name, name),
	    _("village"), name);
}

long long
beat_officer_id(sqlite3 *db, const char *who)
{
	long long n;

	n = beat_query_int(db, -1, "SELECT id FROM officer WHERE badge = ?", "s", who);
	if (n >= 0)
		return n;
	if (beat_query_int(db, 0, "SELECT count(*) FROM officer WHERE name = ?", "s", who) > 1)
		beat_errx(BEAT_EX_DATA, _("'%s' names more than one officer; give the badge"), who);
	return must(beat_query_int(db, -1, "SELECT id FROM officer WHERE name = ?", "s", who),
	    _("officer"), who);
}

long long
beat_case_id(sqlite3 *db, const char *number)
{
	return must(beat_query_int(db, -1, "SELECT id FROM dispute WHERE number = ?",
	    "s", number), _("case"), number);
}

long long
beat_team_id(sqlite3 *db, const char *name)
{
	return must(beat_query_int(db, -1, "SELECT id FROM team WHERE name = ?",
	    "s", name), _("team"), name);
}

long long
beat_route_id(sqlite3 *db, const char *name)
{
	return must(beat_query_int(db, -1, "SELECT id FROM route WHERE name = ?",
	    "s", name), _("route"), name);
}

long long
beat_place_id(sqlite3 *db, const char *s)
{
	return must(beat_query_int(db, -1,
	    "SELECT id FROM place WHERE CAST(id AS TEXT) = ? OR name = ?", "ss", s, s),
	    _("place"), s);
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
