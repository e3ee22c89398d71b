/* schema.c: migrations and reference data, both compiled into the library. */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

int
beat_schema_version(void)
{
	int n = 0;

	while (beat_embedded_sql[n].name != NULL)
		n++;
	return n;
}

/*
 * SQLite keeps the application id and the version in its header;
 * PostgreSQL in the beat_meta table, when there is one.  Returns the
 * number of tables and other objects: 0 for a new, empty database.
 */
long long
beat_schema_identity(struct beat_conn *db, long long *app, long long *ver)
{
	struct beat_stmt *st;
	long long objects = 0;

	*app = *ver = 0;
	/* One statement, one read transaction: each costs a reader of a WAL
	 * database its locks and checks of the -shm file. */
	if (beat_conn_engine(db) == BEAT_ENGINE_SQLITE)
		st = beat_prepare(db, "SELECT a.application_id, u.user_version,"
		    " (SELECT count(*) FROM sqlite_schema)"
		    " FROM pragma_application_id() AS a, pragma_user_version() AS u");
	else if (beat_query_int(db, 0, "SELECT count(*) FROM pg_tables"
	    " WHERE schemaname = current_schema() AND tablename = 'beat_meta'", "") == 0)
		st = beat_prepare(db, "SELECT 0, 0, count(*) FROM pg_tables"
		    " WHERE schemaname = current_schema()");
	else
		st = beat_prepare(db, "SELECT"
		    " (SELECT CAST(value AS BIGINT) FROM beat_meta WHERE key = 'application_id'),"
		    " (SELECT CAST(value AS BIGINT) FROM beat_meta WHERE key = 'schema_version'), 1");
	if (beat_step(st)) {
		*app = beat_stmt_int(st, 0);
		*ver = beat_stmt_int(st, 1);
		objects = beat_stmt_int(st, 2);
	}
	beat_stmt_free(st);
	return objects;
}

int
beat_schema_check(struct beat_conn *db, int keys,
    void (*fn)(const char *problem, void *arg), void *arg)
{
	struct beat_stmt *st;
	char *msg;
	int n = 0;

	if (beat_conn_engine(db) == BEAT_ENGINE_PG)
		return 0;
	st = beat_prepare(db, "PRAGMA integrity_check");
	while (beat_step(st))
		if (strcmp(beat_stmt_text(st, 0), "ok") != 0) {
			fn(beat_stmt_text(st, 0), arg);
			n++;
		}
	beat_stmt_free(st);
	st = beat_prepare(db, "PRAGMA foreign_key_check");
	while (keys && beat_step(st)) {
		msg = beat_xasprintf(_("row %lld of %s refers to a missing %s"),
		    beat_stmt_int(st, 1), beat_stmt_text(st, 0), beat_stmt_text(st, 2));
		fn(msg, arg);
		free(msg);
		n++;
	}
	beat_stmt_free(st);
	return n;
}

int
beat_schema_self_contained(struct beat_conn *db)
{
	return beat_conn_exec(db, "PRAGMA journal_mode = DELETE");
}

const char *
beat_pg_schema(void)
{
	const struct beat_blob *b;

	for (b = beat_embedded_pgsql; strcmp(b->name, "schema.sql") != 0; b++)
		;
	return b->text;
}

/*
 * PostgreSQL's schema (pg/schema.sql) is written whole, at the version
 * it matches, for a new database; pg/NNN-what.sql takes one made at
 * version NNN - 1 to NNN.
 */
static int
pg_upgrade(struct beat_conn *db)
{
	const struct beat_blob *b;
	long long app, from, v;

	beat_schema_identity(db, &app, &from);
	if (from == 0 && beat_conn_exec(db, beat_pg_schema()) == -1)
		beat_errx(BEAT_EX_SOFTWARE, _("migration %s: %s"), "schema.sql",
		    beat_conn_errmsg(db));
	for (v = from, b = beat_embedded_pgsql; from != 0 && b->name != NULL; b++) {
		if (atoi(b->name) != v + 1)
			continue;
		if (beat_conn_exec(db, b->text) == -1)
			beat_errx(BEAT_EX_SOFTWARE, _("migration %s: %s"), b->name,
			    beat_conn_errmsg(db));
		v++;
	}
	if (from != 0 && v < beat_schema_version())
		beat_errx(BEAT_EX_SOFTWARE,
		    "PostgreSQL schema %lld: no migration to %d yet", v,
		    beat_schema_version());
	return (int)from;
}

/* Call inside a write transaction, so a failed upgrade changes nothing. */
int
beat_schema_upgrade(struct beat_conn *db)
{
	int from, v;
	char pragma[64];

	if (beat_conn_engine(db) == BEAT_ENGINE_PG)
		return pg_upgrade(db);
	from = (int)beat_query_int(db, 0, "PRAGMA user_version", "");
	for (v = from; v < beat_schema_version(); v++) {
		if (beat_conn_exec(db, beat_embedded_sql[v].text) == -1)
			beat_errx(BEAT_EX_SOFTWARE, _("migration %s: %s"),
			    beat_embedded_sql[v].name, beat_conn_errmsg(db));
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
		beat_exec(db, pragma, "");
	}
	snprintf(pragma, sizeof(pragma), "PRAGMA application_id = %d", BEAT_APP_ID);
	beat_exec(db, pragma, "");
	return from;
}

/* One reference file being loaded: its header becomes the statement. */
struct loader {
	struct beat_conn *db;
	const char *file;
	const char *table;
	char **cols;
	size_t ncols, field;
	char **row;
	struct beat_stmt *st;
	long line;
	long long changed;	/* rows written */
};

/* Names come from our own files, but are checked before they reach SQL. */
static int
is_ident(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static void
prepare_upsert(struct loader *l)
{
	char *sql, *p;
	size_t i, len = 256;

	for (i = 0; i < l->ncols; i++) {
		if (!is_ident(l->cols[i]))
			beat_errx(BEAT_EX_SOFTWARE, "%s: bad column name '%s'",
			    l->file, l->cols[i]);
		len += 5 * strlen(l->cols[i]) + strlen(l->table) + 64;
	}
	p = sql = beat_xmalloc(len + strlen(l->table));
	p += sprintf(p, "INSERT INTO %s (", l->table);
	for (i = 0; i < l->ncols; i++)
		p += sprintf(p, "%s%s", i ? ", " : "", l->cols[i]);
	p += sprintf(p, ") VALUES (");
	for (i = 0; i < l->ncols; i++)
		p += sprintf(p, "%s?", i ? ", " : "");
	/* The station's own settings win over the shipped defaults. */
	if (strcmp(l->table, "setting") == 0 || l->ncols == 1)
		p += sprintf(p, ") ON CONFLICT (%s) DO NOTHING", l->cols[0]);
	else {
		p += sprintf(p, ") ON CONFLICT (%s) DO UPDATE SET ", l->cols[0]);
		for (i = 1; i < l->ncols; i++)
			p += sprintf(p, "%s%s = excluded.%s", i > 1 ? ", " : "",
			    l->cols[i], l->cols[i]);
		/* Only a row that differs counts as changed: db-init audits those. */
		for (i = 1; i < l->ncols; i++)
			p += sprintf(p, "%s%s.%s IS DISTINCT FROM excluded.%s",
			    i > 1 ? " OR " : " WHERE ", l->table, l->cols[i], l->cols[i]);
	}
	l->st = beat_prepare(l->db, sql);
	free(sql);
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct loader *l = arg;
	char *v = beat_xmalloc(len + 1);

	memcpy(v, s, len);
	v[len] = '\0';
	if (l->st == NULL) {
		l->cols = beat_xrealloc(l->cols, (l->ncols + 1) * sizeof(*l->cols));
		l->cols[l->ncols++] = v;
		return;
	}
	if (l->field < l->ncols)
		l->row[l->field] = v;
	else
		free(v);
	l->field++;
}

static void
on_record(int c, void *arg)
{
	struct loader *l = arg;
	size_t i;

	l->line++;
	if (l->st == NULL) {
		prepare_upsert(l);
		l->row = beat_xmalloc(l->ncols * sizeof(*l->row));
		memset(l->row, 0, l->ncols * sizeof(*l->row));
		return;
	}
	if (l->field != l->ncols)
		beat_errx_at(BEAT_EX_SOFTWARE, l->file, l->line,
		    "%zu fields, header has %zu", l->field, l->ncols);
	beat_stmt_reset(l->st);
	for (i = 0; i < l->ncols; i++) {
		beat_stmt_bind_text(l->st, (int)i + 1, l->row[i][0] == '\0' ? NULL : l->row[i]);
		free(l->row[i]);
		l->row[i] = NULL;
	}
	if (beat_stmt_step(l->st) != 0)
		beat_errx_at(BEAT_EX_SOFTWARE, l->file, l->line, "%s",
		    beat_conn_errmsg(l->db));
	l->changed += beat_stmt_changes(l->st);
	l->field = 0;
}

static long long
load_one(struct beat_conn *db, const struct beat_blob *b)
{
	struct loader l = { .db = db, .file = b->name };
	struct csv_parser p;
	size_t len = strlen(b->text), i;
	char *table = beat_xstrdup(b->name);

	*strrchr(table, '.') = '\0';
	if (!is_ident(table))
		beat_errx(BEAT_EX_SOFTWARE, "%s: bad table name", b->name);
	l.table = table;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		beat_errx(BEAT_EX_SOFTWARE, "csv_init");
	if (csv_parse(&p, b->text, len, on_field, on_record, &l) != len ||
	    csv_fini(&p, on_field, on_record, &l) != 0)
		beat_errx(BEAT_EX_SOFTWARE, "%s: %s", b->name,
		    csv_strerror(csv_error(&p)));
	csv_free(&p);
	beat_stmt_free(l.st);
	for (i = 0; i < l.ncols; i++)
		free(l.cols[i]);
	free(l.cols);
	free(l.row);
	free(table);
	return l.changed;
}

long long
beat_load_reference(struct beat_conn *db)
{
	const struct beat_blob *b;
	const char *calendar = NULL;
	long long changed = 0;

	for (b = beat_embedded_data; b->name != NULL; b++) {
		/* Holidays are replaced a year at a time, and a notice the
		 * station loaded wins: that is the calendar's owner's rule. */
		if (strcmp(b->name, "calendar.csv") == 0)
			calendar = b->text;
		else
			changed += load_one(db, b);
	}
	if (calendar != NULL)
		changed += beat_calendar_shipped(db, calendar);
	return changed;
}
