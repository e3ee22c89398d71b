/* db.c: open the one database safely; statement helpers; transactions. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "beat.h"

static sqlite3 *open_db;	/* for the fatal path's rollback */
static char **touched;
static size_t ntouched, touched_cap;
static const char *touched_col = "id";

/*
 * The rules read the same few settings for each of 100k cases: a
 * read-only connection, which cannot change them, keeps what it read
 * (beat_setting_int) until beat_db_close.
 */
static struct {
	sqlite3 *db;
	char key[40];
	long long v;
} known[16];

const char *
beat_db_path(void)
{
	static char *path;
	const char *s;

	if (beat_opt.db != NULL)
		return beat_opt.db;
	if ((s = getenv("BEAT_DB")) != NULL && *s != '\0')
		return s;
	if (path == NULL) {
		if ((s = getenv("XDG_DATA_HOME")) != NULL && *s == '/')
			path = beat_xasprintf("%s/beat/beat.db", s);
		else if ((s = getenv("HOME")) != NULL && *s != '\0')
			path = beat_xasprintf("%s/.local/share/beat/beat.db", s);
		else
			beat_errx(BEAT_EX_NOINPUT,
			    _("no database: give --db FILE or set BEAT_DB"));
	}
	return path;
}

/*
 * Why SQLite could not open or read the file, in the system's words when
 * it kept them ("Read-only file system", "Permission denied"): its own
 * "unable to open database file" says neither.
 */
static const char *
cause(sqlite3 *db, int rc)
{
	int e = db ? sqlite3_system_errno(db) : 0;

	if (rc == SQLITE_CANTOPEN_ISDIR)
		return strerror(EISDIR);
	if (rc == SQLITE_CANTOPEN_SYMLINK)
		return _("a symbolic link, which beat does not follow");
	if (e != 0)
		return strerror(e);
	return db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
}

void
beat_db_fail(sqlite3 *db, int rc, const char *what)
{
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		beat_errx(BEAT_EX_BUSY, _("%s: the database is busy; try again later"),
		    beat_db_path());
	case SQLITE_CONSTRAINT:
		beat_errx(BEAT_EX_DATA, "%s: %s", what, msg);
	case SQLITE_CANTOPEN:
	case SQLITE_AUTH:
		beat_errx(BEAT_EX_NOINPUT, _("%s: cannot open: %s"), beat_db_path(),
		    cause(db, rc));
	case SQLITE_READONLY:
		beat_errx(BEAT_EX_IO, _("%s: cannot write: %s"), beat_db_path(),
		    cause(db, rc));
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_PERM:
	case SQLITE_NOLFS:
		beat_errx(BEAT_EX_IO, "%s: %s", beat_db_path(), cause(db, rc));
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		beat_errx(BEAT_EX_DATA, _("%s: not a beat database (%s)"),
		    beat_db_path(), msg);
	}
	beat_errx(BEAT_EX_SOFTWARE, "%s: %s", what, msg);
}

/* A pragma that fails names the database, not itself. */
static void
pragma(sqlite3 *db, const char *sql)
{
	int rc;

	if ((rc = sqlite3_exec(db, sql, NULL, NULL, NULL)) != SQLITE_OK)
		beat_db_fail(db, rc, beat_db_path());
}

/* Refuses files of other applications and schemas this build does not know. */
static void
check_identity(sqlite3 *db, int mode)
{
	const char *path = beat_db_path();
	long long app = 0, ver = 0, objects = 0;
	int known = beat_schema_version();
	sqlite3_stmt *st;

	/* One statement, one read transaction: each costs a reader of a WAL
	 * database its locks and checks of the -shm file. */
	st = beat_prepare(db, "SELECT a.application_id, u.user_version,"
	    " (SELECT count(*) FROM sqlite_schema)"
	    " FROM pragma_application_id() AS a, pragma_user_version() AS u");
	if (beat_step(st)) {
		app = sqlite3_column_int64(st, 0);
		ver = sqlite3_column_int64(st, 1);
		objects = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (app == 0 && ver == 0 && objects == 0 && mode == BEAT_DB_CREATE)
		return;
	if (app != BEAT_APP_ID)
		beat_errx(BEAT_EX_DATA, _("%s: not a beat database"), path);
	if (ver > known)
		beat_errx(BEAT_EX_DATA,
		    _("%s: schema version %lld is newer than this beat knows (%d); upgrade beat"),
		    path, ver, known);
	if (ver < known && mode != BEAT_DB_CREATE)
		beat_errx(BEAT_EX_DATA,
		    _("%s: schema version %lld is older than %d; run db-init to upgrade"),
		    path, ver, known);
}

/*
 * Why the database cannot be written here, or NULL when it can: a
 * read-only mount, a file we may not write, or a directory where SQLite
 * cannot make its -wal and -shm files (an archive directory of mode
 * 0555, unless we are root).
 */
static const char *
read_only_medium(const char *path, int reader)
{
	struct statvfs vfs;
	char *dir, *p;
	int ok;

	if (statvfs(path, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
		return _("it is on a read-only file system");
	/* A reader needs only the directory, for the -shm file. */
	if (!reader && faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == -1 &&
	    (errno == EACCES || errno == EROFS || errno == EPERM))
		return _("the file is not writable by this user");
	dir = beat_xstrdup(path);
	if ((p = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else if (p == dir)
		p[1] = '\0';
	else
		*p = '\0';
	ok = faccessat(AT_FDCWD, dir, W_OK, AT_EACCESS) == 0 ||
	    (errno != EACCES && errno != EROFS && errno != EPERM);
	free(dir);
	return ok ? NULL : _("its directory is not writable by this user");
}

/* A file with bytes in it: a -wal that holds commits not yet in the database. */
static int
has_bytes(const char *path, const char *suffix)
{
	struct stat sb;
	char *name = beat_xasprintf("%s%s", path, suffix);
	int r = lstat(name, &sb) == 0 && sb.st_size > 0;

	free(name);
	return r;
}

/* "file:" and the path with the characters a URI gives meaning escaped. */
static char *
immutable_uri(const char *path)
{
	char *uri = beat_xmalloc(3 * strlen(path) + 32), *p;

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
 * A reader opens read-only.  On a medium it cannot write, SQLite cannot
 * make the -shm file a WAL database needs, so: when no -wal file holds
 * commits, the file is opened immutable (no locks, no -shm: nothing can
 * change it there); when one does and its -shm is there too, SQLite's
 * own read-only WAL support reads both; a -wal without its -shm cannot
 * be read without losing its commits, and is refused.
 */
static int
open_reader(const char *path, sqlite3 **db)
{
	int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW |
	    SQLITE_OPEN_EXRESCODE;
	const char *why;
	char *uri;
	int rc;

	if ((why = read_only_medium(path, 1)) == NULL || has_bytes(path, "-wal")) {
		if (why != NULL && !has_bytes(path, "-shm"))
			beat_errx(BEAT_EX_NOINPUT,
			    _("%s: cannot open: %s, and its -wal file holds changes that need a -shm file beside it; copy the database with its -wal file to a writable directory"),
			    path, why);
		return sqlite3_open_v2(path, db, flags, NULL);
	}
	uri = immutable_uri(path);
	rc = sqlite3_open_v2(uri, db, flags | SQLITE_OPEN_URI, NULL);
	free(uri);
	return rc;
}

sqlite3 *
beat_db_open(int mode)
{
	const char *path = beat_db_path();
	struct stat sb;
	sqlite3 *db;
	int flags, rc;
	long long ms = 5000;
	const char *s;

	int group = mode & BEAT_DB_GROUP;

	mode &= ~BEAT_DB_GROUP;
	if (mode != BEAT_DB_CREATE && stat(path, &sb) == -1) {
		if (errno == ENOENT)
			beat_errx(BEAT_EX_NOINPUT,
			    _("%s: no such database; create it with db-init"), path);
		beat_err(BEAT_EX_NOINPUT, "%s", path);
	}
	/* A writer says why it cannot write before SQLite says it vaguely. */
	if (mode != BEAT_DB_READ && (mode != BEAT_DB_CREATE ||
	    stat(path, &sb) == 0) && (s = read_only_medium(path, 0)) != NULL)
		beat_errx(BEAT_EX_IO, _("%s: cannot write: %s"), path, s);
	/* SQLite gives the -wal and -shm files the database's own mode. */
	umask(umask(0) | (group ? 007 : 077));
	flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_EXRESCODE;
	if (mode == BEAT_DB_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	if (mode == BEAT_DB_READ)
		rc = open_reader(path, &db);
	else
		rc = sqlite3_open_v2(path, &db, flags, NULL);
	if (rc != SQLITE_OK) {
		if (mode == BEAT_DB_CREATE)
			beat_errx(BEAT_EX_CANTCREAT, "%s: %s", path, cause(db, rc));
		beat_errx(BEAT_EX_NOINPUT, _("%s: cannot open: %s"), path, cause(db, rc));
	}
	open_db = db;
	if ((s = getenv("BEAT_BUSY_TIMEOUT")) != NULL && *s != '\0') {
		char *end;

		errno = 0;
		ms = strtoll(s, &end, 10);
		if (*end != '\0' || errno != 0 || ms < 0 || ms > INT_MAX)
			beat_errx(BEAT_EX_USAGE,
			    _("BEAT_BUSY_TIMEOUT=%s: not a number of milliseconds"), s);
	}
	sqlite3_busy_timeout(db, (int)ms);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	/*
	 * A reader's rules read a few rows of several tables for each of
	 * 100k cases: mapped pages spare a system call for each (1.6x on
	 * case-list --overdue), the pages of the schema too when mapped
	 * before the first read.  Writers keep the bounded page cache.
	 */
	if (mode == BEAT_DB_READ)
		pragma(db, "PRAGMA mmap_size = 268435456");
	check_identity(db, mode);
	pragma(db, "PRAGMA foreign_keys = ON");
	if (mode != BEAT_DB_READ) {
		pragma(db, "PRAGMA journal_mode = WAL");
		pragma(db, "PRAGMA synchronous = NORMAL");
	}
	return db;
}

void
beat_db_close(sqlite3 *db)
{
	sqlite3_stmt *st;

	if (db == NULL)
		return;
	/* Statements the library caches per connection (calendar.c) end here. */
	while ((st = sqlite3_next_stmt(db, NULL)) != NULL)
		sqlite3_finalize(st);
	if (sqlite3_close(db) != SQLITE_OK)
		beat_db_fail(db, sqlite3_errcode(db), "close");
	memset(known, 0, sizeof known);
	if (db == open_db)
		open_db = NULL;
}

void
beat_db_begin(sqlite3 *db)
{
	int rc;

	if ((rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
		beat_db_fail(db, rc, "BEGIN");
}

void
beat_db_rollback(sqlite3 *db)
{
	if (db == NULL)
		db = open_db;
	if (db != NULL && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

void
beat_touch(const char *id)
{
	if (ntouched == touched_cap) {
		touched_cap = touched_cap ? 2 * touched_cap : 16;
		touched = beat_xrealloc(touched, touched_cap * sizeof(*touched));
	}
	touched[ntouched++] = beat_xstrdup(id);
}

size_t
beat_touched(void)
{
	return ntouched;
}

void
beat_touch_column(const char *name)
{
	touched_col = name;
}

/*
 * One a line, so that the next command of a pipe reads them; with -f,
 * a table (json: one array, [] when none).  Names from a file may hold
 * controls: escaped as tables are.
 */
void
beat_touched_print(void)
{
	const char *cols[] = { touched_col, NULL };
	struct beat_out *o = NULL;
	size_t i;
	char *p;

	if (!beat_opt.quiet && beat_opt.format_set)
		o = beat_out_new(stdout, cols);
	for (i = 0; i < ntouched; i++) {
		if (o != NULL) {
			beat_out_str(o, touched[i]);
			beat_out_end_row(o);
		} else if (!beat_opt.quiet) {
			p = beat_sanitize(touched[i]);
			printf("%s\n", p);
			free(p);
		}
		free(touched[i]);
	}
	ntouched = 0;
	if (o != NULL)
		beat_out_finish(o);
	if (fflush(stdout) == EOF || ferror(stdout))
		beat_err(BEAT_EX_IO, _("write error on standard output"));
}

void
beat_db_commit(sqlite3 *db)
{
	size_t i, len = 0;
	char *records, *p;
	int rc;

	for (i = 0; i < ntouched; i++)
		len += strlen(touched[i]) + 1;
	p = records = beat_xmalloc(len + 1);
	for (i = 0; i < ntouched; i++)
		p += sprintf(p, "%s%s", i ? " " : "", touched[i]);
	*p = '\0';
	/* A write that changed nothing leaves no trace but its output. */
	if (ntouched > 0)
		beat_audit(db, records);
	free(records);
	/*
	 * The identifiers go out before the commit: when they cannot be
	 * written (a full disk), the command fails and so changes nothing,
	 * and a script that retries it does not do the work twice.
	 */
	beat_touched_print();
	if ((rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK)
		beat_db_fail(db, rc, "COMMIT");
}

sqlite3_stmt *
beat_prepare(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL)) != SQLITE_OK)
		beat_db_fail(db, rc, sql);
	return st;
}

void
beat_vbind(sqlite3_stmt *st, const char *types, va_list ap)
{
	const char *s;
	int i, rc = SQLITE_OK;

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (i = 1; *types != '\0' && rc == SQLITE_OK; types++, i++) {
		switch (*types) {
		case 's':
		case 'b':
			s = va_arg(ap, const char *);
			if (s == NULL || (*types == 'b' && *s == '\0'))
				rc = sqlite3_bind_null(st, i);
			else
				rc = sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
			break;
		case 'i':
			rc = sqlite3_bind_int(st, i, va_arg(ap, int));
			break;
		case 'l':
			rc = sqlite3_bind_int64(st, i, va_arg(ap, long long));
			break;
		case 'n':
			rc = sqlite3_bind_null(st, i);
			break;
		default:
			beat_errx(BEAT_EX_SOFTWARE, "beat_bind: bad type '%c'", *types);
		}
	}
	if (rc != SQLITE_OK)
		beat_db_fail(sqlite3_db_handle(st), rc, sqlite3_sql(st));
}

void
beat_bind(sqlite3_stmt *st, const char *types, ...)
{
	va_list ap;

	va_start(ap, types);
	beat_vbind(st, types, ap);
	va_end(ap);
}

int
beat_step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	beat_db_fail(sqlite3_db_handle(st), rc, sqlite3_sql(st));
}

int
beat_exec(sqlite3 *db, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = beat_prepare(db, sql);
	va_list ap;

	va_start(ap, types);
	beat_vbind(st, types, ap);
	va_end(ap);
	while (beat_step(st))
		;
	sqlite3_finalize(st);
	return sqlite3_changes(db);
}

long long
beat_query_int(sqlite3 *db, long long dflt, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = beat_prepare(db, sql);
	long long v = dflt;
	va_list ap;

	va_start(ap, types);
	beat_vbind(st, types, ap);
	va_end(ap);
	if (beat_step(st) && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

char *
beat_query_text(sqlite3 *db, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = beat_prepare(db, sql);
	char *v = NULL;
	va_list ap;

	va_start(ap, types);
	beat_vbind(st, types, ap);
	va_end(ap);
	if (beat_step(st) && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = beat_xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/*
 * The rules ask the same few queries for every one of 100k cases, and
 * preparing them anew each time cost more than running them: a kept
 * statement lives with the connection, found again by its text, until
 * beat_db_close.  The caller marks its texts with a comment of its own
 * ("/\* rules.c *\/ SELECT ..."), so that no statement of another
 * caller's with the same SQL, prepared and bound but not yet stepped,
 * is ever taken for one of these.
 */
sqlite3_stmt *
beat_kept(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	const char *text;
	int rc;

	while ((st = sqlite3_next_stmt(db, st)) != NULL) {
		text = sqlite3_sql(st);
		if (text != NULL && strcmp(text, sql) == 0 && !sqlite3_stmt_busy(st))
			return st;
	}
	if ((rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL)) != SQLITE_OK)
		beat_db_fail(db, rc, sql);
	return st;
}

void
beat_kept_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

long long
beat_setting_int(sqlite3 *db, const char *key)
{
	sqlite3_stmt *st;
	const char *v;
	char *end, *copy;
	long long n = 0;
	size_t i;
	int ro = sqlite3_db_readonly(db, "main") == 1;

	for (i = 0; ro && i < sizeof known / sizeof known[0] && known[i].db != NULL; i++)
		if (known[i].db == db && strcmp(known[i].key, key) == 0)
			return known[i].v;

	st = beat_kept(db, "/* db.c */ SELECT value FROM setting WHERE key = ?");
	beat_bind(st, "s", key);
	if (!beat_step(st) || (v = (const char *)sqlite3_column_text(st, 0)) == NULL) {
		beat_kept_done(st);
		beat_errx(BEAT_EX_SOFTWARE, _("setting '%s' is missing; run db-init"), key);
	}
	n = strtoll(v, &end, 10);
	if (*end != '\0' || end == v) {
		copy = beat_xstrdup(v);
		beat_kept_done(st);
		beat_errx(BEAT_EX_DATA, _("setting '%s' is not a number: '%s'"), key, copy);
	}
	beat_kept_done(st);
	for (i = 0; ro && i < sizeof known / sizeof known[0]; i++)
		if (known[i].db == NULL && strlen(key) < sizeof known[i].key) {
			known[i].db = db;
			strcpy(known[i].key, key);
			known[i].v = n;
			break;
		}
	return n;
}
