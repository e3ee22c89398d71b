/* drv-sqlite.c: the SQLite driver. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "beat.h"
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
	case SQLITE_AUTH:
		return BEAT_DBERR_NODB;
	case SQLITE_READONLY:
		return BEAT_DBERR_READONLY;
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_PERM:
	case SQLITE_NOLFS:
		return BEAT_DBERR_IO;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return BEAT_DBERR_NOTADB;
	}
	return BEAT_DBERR_OTHER;
}

/*
 * Why SQLite could not open, read or write the file, in the system's
 * words when it kept them ("Read-only file system", "Permission
 * denied"): its own "unable to open database file" says neither.
 */
static int
fail(struct beat_conn *c, int rc)
{
	int e = c->h ? sqlite3_system_errno(c->h) : 0;
	const char *msg = c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc);

	switch (class_of(rc)) {
	case BEAT_DBERR_NODB:
	case BEAT_DBERR_READONLY:
	case BEAT_DBERR_IO:
		if (rc == SQLITE_CANTOPEN_ISDIR)
			msg = strerror(EISDIR);
		else if (rc == SQLITE_CANTOPEN_SYMLINK)
			msg = _("a symbolic link, which beat does not follow");
		else if (e != 0)
			msg = strerror(e);
		break;
	default:
		break;
	}
	return beat_drv_fail(c, class_of(rc), "%s", msg);
}

/* "file:" and the path with the characters a URI gives meaning escaped. */
static char *
immutable_uri(const char *path)
{
	char *uri = malloc(3 * strlen(path) + 32), *p;

	if (uri == NULL)
		return NULL;
	p = stpcpy(uri, "file:");
	for (; *path != '\0'; path++) {
		if (*path == '%' || *path == '?' || *path == '#')
			p += sprintf(p, "%%%02X", (unsigned char)*path);
		else
			*p++ = *path;
	}
	strcpy(p, "?immutable=1");
	return uri;
}

/*
 * A command is one thread: SQLite's mutexes and its memory statistics,
 * which take a mutex on each allocation, only cost it.  Reading the
 * schema (some 16 KB of CREATE statements, parsed anew by every start)
 * allocates thousands of times; these two were 17% of a query command's
 * instructions on an empty database.  They can be set only before
 * SQLite starts, so before the first open; later calls change nothing.
 */
static void
sq_config(void)
{
	static int done;

	if (done++)
		return;
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int
sq_open(struct beat_conn *c, const char *path, int flags)
{
	sqlite3 *db = NULL;
	int rc, f;
	char *uri = NULL;

	sq_config();
	f = (flags & BEAT_CONN_WRITE) ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
	if (flags & BEAT_CONN_CREATE)
		f |= SQLITE_OPEN_CREATE;
	if ((flags & BEAT_CONN_IMMUTABLE) && (uri = immutable_uri(path)) == NULL)
		return beat_drv_fail(c, BEAT_DBERR_OTHER, "%s", strerror(ENOMEM));
	if (uri != NULL)
		f |= SQLITE_OPEN_URI;
	/*
	 * A connection is used by one thread only (incident-import reads its
	 * file in another, which never touches the database): SQLite's lock
	 * around every call is not needed, and costs a bulk load about 2%.
	 */
	f |= SQLITE_OPEN_NOMUTEX;
	rc = sqlite3_open_v2(uri ? uri : path, &db,
	    f | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE, NULL);
	free(uri);
	c->h = db;
	if (rc != SQLITE_OK)
		return fail(c, rc);
	sqlite3_busy_timeout(db, BUSY_MS);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	return 0;
}

static void
sq_close(struct beat_conn *c)
{
	sqlite3_stmt *st;

	if (c->copy != NULL)
		beat_stmt_free(c->copy);
	/* Statements a caller forgot would keep the file open. */
	while ((st = sqlite3_next_stmt(c->h, NULL)) != NULL)
		sqlite3_finalize(st);
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
	/* ? and ?N number themselves as both engines' $n would. */
	name = sqlite3_bind_parameter_name(s->h, 1);
	if (name == NULL || name[0] == '?') {
		for (i = 1; i <= n; i++)
			s->index[i - 1] = i;
		s->nparams = n;
		return 0;
	}
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

static long long
sq_integer(struct beat_stmt *s, int col)
{
	return sqlite3_column_int64(s->h, col);
}

static double
sq_real(struct beat_stmt *s, int col)
{
	return sqlite3_column_double(s->h, col);
}

static enum beat_coltype
sq_type(struct beat_stmt *s, int col)
{
	switch (sqlite3_column_type(s->h, col)) {
	case SQLITE_NULL:
		return BEAT_COL_NULL;
	case SQLITE_INTEGER:
		return BEAT_COL_INT;
	case SQLITE_FLOAT:
		return BEAT_COL_REAL;
	}
	return BEAT_COL_TEXT;
}

static int
sq_in_tx(struct beat_conn *c)
{
	return !sqlite3_get_autocommit(c->h);
}

static long long
sq_last_id(struct beat_conn *c)
{
	return sqlite3_last_insert_rowid(c->h);
}

static int
sq_triggers(struct beat_conn *c, int on)
{
	int rc = sqlite3_db_config(c->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, on, NULL);

	return rc == SQLITE_OK ? 0 : fail(c, rc);
}

static void
sq_busy_timeout(struct beat_conn *c, int ms)
{
	sqlite3_busy_timeout(c->h, ms);
}

static int
sq_backup(struct beat_conn *from, struct beat_conn *to)
{
	sqlite3_backup *b;
	int rc;

	if ((b = sqlite3_backup_init(to->h, "main", from->h, "main")) == NULL)
		return fail(to, sqlite3_errcode(to->h));
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_OK)
		;
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		return 0;
	/* What only the source can cause is the source's error. */
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return fail(from, rc);
	}
	if (rc == SQLITE_IOERR_READ || rc == SQLITE_IOERR_SHORT_READ)
		return fail(from, rc);
	return fail(to, rc);
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
	sq_integer, sq_real, sq_type, sq_in_tx, sq_last_id, sq_triggers,
	sq_busy_timeout, sq_backup,
};
