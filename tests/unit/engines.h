/*
 * engines.h: an owner's unit test run on both engines (included once,
 * after tap.h and beat.h): SQLite in memory with every migration, then
 * PostgreSQL in a schema of the test's own when $BEAT_PG names a server
 * (make check-pg), skipped otherwise.
 */
#ifndef ENGINES_H
#define ENGINES_H

#include <stdlib.h>

/* Runs suite with *db open on each engine; the exit status of main. */
static int
on_engines(struct beat_conn **db, const char *schema, void (*suite)(void))
{
	const char *address = getenv("BEAT_PG");
	const struct beat_blob *b;
	char sql[256];

	*db = beat_conn_open(":memory:", BEAT_CONN_WRITE | BEAT_CONN_CREATE);
	if (*db == NULL || beat_conn_error(*db) != BEAT_DBERR_OK)
		return 2;
	for (b = beat_embedded_sql; b->name != NULL; b++)
		if (beat_conn_exec(*db, b->text) == -1)
			return 2;
	suite();
	beat_conn_close(*db);
	if (address == NULL || *address == '\0') {
		printf("ok %d # skip no $BEAT_PG (make check-pg)\n", ++ntest);
		return tap_done();
	}
	printf("# PostgreSQL, schema %s\n", schema);
	fflush(stdout);
	snprintf(sql, sizeof(sql), "DROP SCHEMA IF EXISTS %s CASCADE; CREATE SCHEMA %s;"
	    " SET search_path = %s", schema, schema, schema);
	*db = beat_conn_open(address, BEAT_CONN_WRITE);
	if (*db == NULL || beat_conn_error(*db) != BEAT_DBERR_OK ||
	    beat_conn_exec(*db, sql) == -1 || beat_conn_exec(*db, beat_pg_schema()) == -1) {
		printf("# %s\n", *db ? beat_conn_errmsg(*db) : "out of memory");
		return 2;
	}
	suite();
	snprintf(sql, sizeof(sql), "DROP SCHEMA %s CASCADE", schema);
	beat_conn_exec(*db, sql);
	beat_conn_close(*db);
	return tap_done();
}

#endif
