/*
 * station.c: the station's name and code, kept as settings.  The code
 * is on every record (schema version 4), so that the records of thirty
 * stations can share one bureau database and still tell whose they are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/* The tables whose rows are records of their own (004-station.sql). */
static const char *const record_tables[] = {
	"village", "officer", "dispute", "team", "route", "patrol", "place",
	"camera", "import_file", "incident", NULL
};

char *
beat_station_name(struct beat_conn *db)
{
	return beat_query_text(db, "SELECT value FROM setting WHERE key = 'station'", "");
}

void
beat_station_set(struct beat_conn *db, const char *name)
{
	beat_exec(db, "INSERT INTO setting (key, value, note) VALUES ('station', ?1,"
	    " 'The station''s name, printed in the title of reports (db-init --station)')"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", "s", name);
}

static int code_key;

const char *
beat_station_code(struct beat_conn *db)
{
	char *code;

	if ((code = beat_conn_data(db, &code_key)) == NULL) {
		code = beat_query_text(db,
		    "SELECT value FROM setting WHERE key = 'station_code'", "");
		if (code == NULL)
			code = beat_xstrdup("");
		beat_conn_set_data(db, &code_key, code, free);
	}
	return code;
}

int
beat_station_code_valid(const char *code)
{
	size_t n = strlen(code);

	return n >= 1 && n <= 32 && strspn(code, "0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-") == n;
}

long long
beat_station_code_set(struct beat_conn *db, const char *code)
{
	char *old, sql[128];
	long long n = 0;
	size_t i;

	old = beat_xstrdup(beat_station_code(db));
	beat_exec(db, "INSERT INTO setting (key, value, note) VALUES ('station_code', $1,"
	    " 'The station''s code, carried by every record (db-init --station-code)')"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value", "s", code);
	/* Records of no station yet, and the station's own under its old code. */
	for (i = 0; record_tables[i] != NULL; i++) {
		snprintf(sql, sizeof(sql), "UPDATE %s SET station = $1"
		    " WHERE station = '' OR station = $2", record_tables[i]);
		n += beat_exec(db, sql, "ss", code, old);
	}
	beat_conn_set_data(db, &code_key, beat_xstrdup(code), free);
	free(old);
	return n;
}
