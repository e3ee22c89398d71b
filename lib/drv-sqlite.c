/* drv-sqlite.c: the SQLite driver. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "drv-impl.h"

#define BUSY_MS 5000	/* as long as a writer may wait for the lock */

static enum beat_dberr
class_of(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return BEAT_DBERR_BUSY;
	case SQLITE_CONSTRAINT:
		return BEAT_DBERR_CONSTRAINT;
	case SQLITE_CANTOPEN:
	case SQLITE_NOTADB:
		return BEAT_DBERR_NODB;
	case SQLITE_FULL:
	case SQLITE_IOERR:
		return BEAT_DBERR_IO;
	}
	return BEAT_DBERR_OTHER;
}

static int
fail(struct beat_conn *c, int rc)
{
	return beat_drv_fail(c, class_of(rc), "%s",
	    c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc));
}

static int
sq_open(struct beat_conn *c, const char *path, int flags)
{
	sqlite3 *db = NULL;
	int rc, f;

	f = (flags & BEAT_CONN_WRITE) ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
	if (flags & BEAT_CONN_CREATE)
		f |= SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(path, &db, f | SQLITE_OPEN_NOFOLLOW, NULL);
	c->h = db;
	if (rc != SQLITE_OK)
		return fail(c, rc);
	sqlite3_busy_timeout(db, BUSY_MS);
	return 0;
}

static void
sq_close(struct beat_conn *c)
{
	if (c->copy != NULL)
		beat_stmt_free(c->copy);
	sqlite3_close(c->h);
}

static int
sq_exec(struct beat_conn *c, const char *sql)
{
	int rc = sqlite3_exec(c->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : fail(c, rc);
}

/*
 * SQLite numbers $n parameters by their first appearance, not by n: find
 * where each $n sits.  Only $1..$n are taken, so a statement reads the
 * same on both engines.
 */
static int
number_params(struct beat_stmt *s)
{
	int i, k, n = sqlite3_bind_parameter_count(s->h);
	const char *name;
	char *end;

	s->nparams = 0;
	if (n == 0)
		return 0;
	if ((s->index = calloc((size_t)n, sizeof(*s->index))) == NULL)
		return beat_drv_fail(s->c, BEAT_DBERR_OTHER, "out of memory");
	for (i = 1; i <= n; i++) {
		name = sqlite3_bind_parameter_name(s->h, i);
		if (name == NULL || name[0] != '$' ||
		    (k = (int)strtol(name + 1, &end, 10)) < 1 || k > n || *end != '\0')
			return beat_drv_fail(s->c, BEAT_DBERR_OTHER,
			    "parameter %s: write $1..$n", name ? name : "?");
		s->index[k - 1] = i;
		if (k > s->nparams)
			s->nparams = k;
	}
	for (k = 0; k < s->nparams; k++)
		if (s->index[k] == 0)
			return beat_drv_fail(s->c, BEAT_DBERR_OTHER, "$%d is not used", k + 1);
	return 0;
}

static int
sq_prepare(struct beat_stmt *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v2(s->c->h, sql, -1, &st, NULL);
	s->h = st;
	if (rc != SQLITE_OK)
		return fail(s->c, rc);
	return number_params(s);
}

static int
sq_bind(struct beat_stmt *s, int n, const char *text)
{
	int rc;

	if (text == NULL)
		rc = sqlite3_bind_null(s->h, s->index[n - 1]);
	else
		rc = sqlite3_bind_text(s->h, s->index[n - 1], text, -1, SQLITE_TRANSIENT);
	return rc == SQLITE_OK ? 0 : fail(s->c, rc);
}

static int
sq_bind_int(struct beat_stmt *s, int n, long long v)
{
	int rc = sqlite3_bind_int64(s->h, s->index[n - 1], v);

	return rc == SQLITE_OK ? 0 : fail(s->c, rc);
}

static int
sq_step(struct beat_stmt *s)
{
	int rc = sqlite3_step(s->h);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE) {
		s->changes = sqlite3_changes64(s->c->h);
		return 0;
	}
	fail(s->c, rc);
	sqlite3_reset(s->h);
	return -1;
}

static int
sq_columns(const struct beat_stmt *s)
{
	return sqlite3_column_count(s->h);
}

static const char *
sq_text(struct beat_stmt *s, int col)
{
	return (const char *)sqlite3_column_text(s->h, col);
}

static long long
sq_changes(const struct beat_stmt *s)
{
	return s->changes;
}

static int
sq_reset(struct beat_stmt *s)
{
	sqlite3_reset(s->h);
	return 0;
}

static void
sq_finalize(struct beat_stmt *s)
{
	sqlite3_finalize(s->h);
}

static int
sq_copy_begin(struct beat_conn *c, const char *table, const char *const *cols)
{
	char *sql, *p;
	size_t len = strlen(table) + 40;
	int i;

	for (i = 0; i < c->ncopy; i++)
		len += strlen(cols[i]) + 16;
	if ((sql = malloc(len)) == NULL)
		return beat_drv_fail(c, BEAT_DBERR_OTHER, "out of memory");
	p = sql + sprintf(sql, "INSERT INTO %s (", table);
	for (i = 0; i < c->ncopy; i++)
		p += sprintf(p, "%s%s", i ? ", " : "", cols[i]);
	p += sprintf(p, ") VALUES (");
	for (i = 0; i < c->ncopy; i++)
		p += sprintf(p, "%s$%d", i ? ", " : "", i + 1);
	strcpy(p, ")");
	c->copy = beat_stmt_prepare(c, sql);
	free(sql);
	return c->copy == NULL ? -1 : 0;
}

static int
sq_copy_row(struct beat_conn *c, const char *const *values)
{
	int i;

	for (i = 0; i < c->ncopy; i++)
		if (sq_bind(c->copy, i + 1, values[i]) == -1)
			return -1;
	if (sq_step(c->copy) == -1)
		return -1;
	sqlite3_reset(c->copy->h);
	return 0;
}

static long long
sq_copy_end(struct beat_conn *c)
{
	beat_stmt_free(c->copy);
	c->copy = NULL;
	return c->err == BEAT_DBERR_OK ? c->copied : -1;
}

const struct beat_driver beat_drv_sqlite = {
	BEAT_ENGINE_SQLITE, sq_open, sq_close, sq_exec, "BEGIN IMMEDIATE",
	sq_prepare, sq_bind, sq_bind_int, sq_step, sq_columns, sq_text, sq_changes, sq_reset,
	sq_finalize, sq_copy_begin, sq_copy_row, sq_copy_end,
};
