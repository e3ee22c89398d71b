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

static struct beat_conn *open_db;	/* for the fatal path's rollback */
static char **touched;
static size_t ntouched, touched_cap;
static const char *touched_col = "id";

/*
 * The rules read the same few settings for each of 100k cases: a
 * read-only connection, which cannot change them, keeps what it read
 * (beat_setting_int) until beat_db_close.
 */
static struct {
	struct beat_conn *db;
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
 * s (an address, or an argument holding one) without the password of a
 * PostgreSQL URI (user:password@host or password=...): it is no one's
 * business on a terminal, in a log or in the audit trail.
 */
char *
beat_uri_safe(const char *s)
{
	char *safe = beat_xstrdup(s), *p, *at, *end;

	if ((p = strstr(safe, "postgres")) == NULL || (p = strstr(p, "://")) == NULL)
		return safe;
	p += 3;
	end = p + strcspn(p, "/?");
	if ((at = memchr(p, '@', (size_t)(end - p))) != NULL &&
	    (p = memchr(p, ':', (size_t)(at - p))) != NULL)
		memmove(p, at, strlen(at) + 1);
	for (p = safe; (p = strstr(p, "password=")) != NULL; p++)
		if (p > safe && (p[-1] == '?' || p[-1] == '&')) {
			end = p + 9 + strcspn(p + 9, "&");
			memmove(p + 9, end, strlen(end) + 1);
		}
	return safe;
}

/* The database as messages name it: its path, or its URI made safe. */
const char *
beat_db_name(void)
{
	static char *name;

	if (name == NULL)
		name = beat_uri_safe(beat_db_path());
	return name;
}

void
beat_db_fail(struct beat_conn *db, const char *what)
{
	const char *msg = db ? beat_conn_errmsg(db) : "";

	switch (db ? beat_conn_error(db) : BEAT_DBERR_OTHER) {
	case BEAT_DBERR_BUSY:
		beat_errx(BEAT_EX_BUSY, _("%s: the database is busy; try again later"),
		    beat_db_name());
	case BEAT_DBERR_CONSTRAINT:
		beat_errx(BEAT_EX_DATA, "%s: %s", what, msg);
	case BEAT_DBERR_NODB:
		beat_errx(BEAT_EX_NOINPUT, _("%s: cannot open: %s"), beat_db_name(), msg);
	case BEAT_DBERR_READONLY:
		beat_errx(BEAT_EX_IO, _("%s: cannot write: %s"), beat_db_name(), msg);
	case BEAT_DBERR_IO:
		beat_errx(BEAT_EX_IO, "%s: %s", beat_db_name(), msg);
	case BEAT_DBERR_NOTADB:
		beat_errx(BEAT_EX_DATA, _("%s: not a beat database (%s)"),
		    beat_db_name(), msg);
	default:
		break;
	}
	beat_errx(BEAT_EX_SOFTWARE, "%s: %s", what, msg);
}

/* A pragma that fails names the database, not itself. */
static void
pragma(struct beat_conn *db, const char *sql)
{
	if (beat_conn_exec(db, sql) == -1)
		beat_db_fail(db, beat_db_name());
}

/* Refuses files of other applications and schemas this build does not know. */
static void
check_identity(struct beat_conn *db, int mode)
{
	const char *path = beat_db_name();
	long long app = 0, ver = 0, objects = 0;
	int known = beat_schema_version();

	objects = beat_schema_identity(db, &app, &ver);
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

/*
 * A reader opens read-only.  On a medium it cannot write, SQLite cannot
 * make the -shm file a WAL database needs, so: when no -wal file holds
 * commits, the file is opened immutable (no locks, no -shm: nothing can
 * change it there); when one does and its -shm is there too, SQLite's
 * own read-only WAL support reads both; a -wal without its -shm cannot
 * be read without losing its commits, and is refused.
 */
static int
reader_flags(const char *path)
{
	const char *why;

	if ((why = read_only_medium(path, 1)) == NULL || has_bytes(path, "-wal")) {
		if (why != NULL && !has_bytes(path, "-shm"))
			beat_errx(BEAT_EX_NOINPUT,
			    _("%s: cannot open: %s, and its -wal file holds changes that need a -shm file beside it; copy the database with its -wal file to a writable directory"),
			    path, why);
		return BEAT_CONN_READ;
	}
	return BEAT_CONN_READ | BEAT_CONN_IMMUTABLE;
}

/* The busy timeout a user set, in milliseconds. */
static int
busy_ms(void)
{
	const char *s;
	long long ms = 5000;
	char *end;

	if ((s = getenv("BEAT_BUSY_TIMEOUT")) != NULL && *s != '\0') {
		errno = 0;
		ms = strtoll(s, &end, 10);
		if (*end != '\0' || errno != 0 || ms < 0 || ms > INT_MAX)
			beat_errx(BEAT_EX_USAGE,
			    _("BEAT_BUSY_TIMEOUT=%s: not a number of milliseconds"), s);
	}
	return (int)ms;
}

/* The checks only a file has: there, not read-only, not a link. */
static int
file_flags(const char *path, int mode, int group)
{
	struct stat sb;
	const char *s;

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
	if (mode == BEAT_DB_READ)
		return reader_flags(path);
	return BEAT_CONN_WRITE | (mode == BEAT_DB_CREATE ? BEAT_CONN_CREATE : 0);
}

struct beat_conn *
beat_db_open(int mode)
{
	const char *path = beat_db_path();
	struct beat_conn *db;
	int group = mode & BEAT_DB_GROUP, qonly = mode & BEAT_DB_QUERY_ONLY, flags, sqlite;

	mode &= ~(BEAT_DB_GROUP | BEAT_DB_QUERY_ONLY);
	sqlite = !beat_address_pg(path);
	if (sqlite)
		flags = file_flags(strncmp(path, "sqlite:", 7) == 0 ? path + 7 : path,
		    mode, group);
	else
		flags = mode == BEAT_DB_READ ? BEAT_CONN_READ : BEAT_CONN_WRITE;
	if ((db = beat_conn_open(path, flags)) == NULL)
		beat_errx(BEAT_EX_SOFTWARE, "%s", strerror(ENOMEM));
	if (beat_conn_error(db) != BEAT_DBERR_OK) {
		if (mode == BEAT_DB_CREATE && sqlite)
			beat_errx(BEAT_EX_CANTCREAT, "%s: %s", path, beat_conn_errmsg(db));
		beat_errx(BEAT_EX_NOINPUT, _("%s: cannot open: %s"), beat_db_name(),
		    beat_conn_errmsg(db));
	}
	open_db = db;
	beat_conn_busy_timeout(db, busy_ms());
	/*
	 * A reader's rules read a few rows of several tables for each of
	 * 100k cases: mapped pages spare a system call for each (1.6x on
	 * case-list --overdue), the pages of the schema too when mapped
	 * before the first read.  Writers keep the bounded page cache.
	 */
	if (sqlite && mode == BEAT_DB_READ)
		pragma(db, "PRAGMA mmap_size = 268435456");
	/* PostgreSQL's reader is read-only already (default_transaction_read_only). */
	if (sqlite && qonly)
		pragma(db, "PRAGMA query_only = ON");
	check_identity(db, mode);
	if (sqlite)
		pragma(db, "PRAGMA foreign_keys = ON");
	if (sqlite && mode != BEAT_DB_READ) {
		pragma(db, "PRAGMA journal_mode = WAL");
		pragma(db, "PRAGMA synchronous = NORMAL");
	}
	return db;
}

void
beat_db_close(struct beat_conn *db)
{
	if (db == NULL)
		return;
	beat_conn_close(db);
	memset(known, 0, sizeof known);
	if (db == open_db)
		open_db = NULL;
}

void
beat_db_begin(struct beat_conn *db)
{
	if (beat_conn_begin(db) == -1)
		beat_db_fail(db, "BEGIN");
}

void
beat_db_rollback(struct beat_conn *db)
{
	if (db == NULL)
		db = open_db;
	if (db != NULL && beat_conn_in_transaction(db))
		beat_conn_rollback(db);
}

/* Names are the caller's own words, never input. */
void
beat_db_savepoint(struct beat_conn *db, const char *name, int op)
{
	static const char *const verb[] = { "SAVEPOINT", "RELEASE SAVEPOINT",
		"ROLLBACK TO SAVEPOINT" };
	char sql[64];

	snprintf(sql, sizeof(sql), "%s %s", verb[op], name);
	beat_exec(db, sql, "");
	if (op == BEAT_SP_UNDO)
		beat_db_savepoint(db, name, BEAT_SP_RELEASE);
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
beat_db_commit(struct beat_conn *db)
{
	size_t i, len = 0;
	char *records, *p;

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
	if (beat_conn_commit(db) == -1)
		beat_db_fail(db, "COMMIT");
}

struct beat_stmt *
beat_prepare(struct beat_conn *db, const char *sql)
{
	struct beat_stmt *st;

	if ((st = beat_stmt_prepare(db, sql)) == NULL)
		beat_db_fail(db, sql);
	return st;
}

void
beat_vbind(struct beat_stmt *st, const char *types, va_list ap)
{
	const char *s;
	int i, rc = 0;

	beat_stmt_reset(st);
	for (i = 1; *types != '\0' && rc == 0; types++, i++) {
		switch (*types) {
		case 's':
		case 'b':
			s = va_arg(ap, const char *);
			if (s == NULL || (*types == 'b' && *s == '\0'))
				s = NULL;
			rc = beat_stmt_bind_text(st, i, s);
			break;
		case 'i':
			rc = beat_stmt_bind_int(st, i, va_arg(ap, int));
			break;
		case 'l':
			rc = beat_stmt_bind_int(st, i, va_arg(ap, long long));
			break;
		case 'n':
			rc = beat_stmt_bind_text(st, i, NULL);
			break;
		default:
			beat_errx(BEAT_EX_SOFTWARE, "beat_bind: bad type '%c'", *types);
		}
	}
	/* Those not given are NULL, not what an earlier run bound. */
	for (; rc == 0 && i <= beat_stmt_params(st); i++)
		rc = beat_stmt_bind_text(st, i, NULL);
	if (rc != 0)
		beat_db_fail(beat_stmt_conn(st), beat_stmt_sql(st));
}

void
beat_bind(struct beat_stmt *st, const char *types, ...)
{
	va_list ap;

	va_start(ap, types);
	beat_vbind(st, types, ap);
	va_end(ap);
}

int
beat_step(struct beat_stmt *st)
{
	int rc = beat_stmt_step(st);

	if (rc == -1)
		beat_db_fail(beat_stmt_conn(st), beat_stmt_sql(st));
	return rc;
}

int
beat_exec(struct beat_conn *db, const char *sql, const char *types, ...)
{
	struct beat_stmt *st = beat_prepare(db, sql);
	va_list ap;
	int n;

	va_start(ap, types);
	beat_vbind(st, types, ap);
	va_end(ap);
	while (beat_step(st))
		;
	n = (int)beat_stmt_changes(st);
	beat_stmt_free(st);
	return n;
}

long long
beat_query_int(struct beat_conn *db, long long dflt, const char *sql, const char *types, ...)
{
	struct beat_stmt *st = beat_prepare(db, sql);
	long long v = dflt;
	va_list ap;

	va_start(ap, types);
	beat_vbind(st, types, ap);
	va_end(ap);
	if (beat_step(st) && !beat_stmt_isnull(st, 0))
		v = beat_stmt_int(st, 0);
	beat_stmt_free(st);
	return v;
}

char *
beat_query_text(struct beat_conn *db, const char *sql, const char *types, ...)
{
	struct beat_stmt *st = beat_prepare(db, sql);
	char *v = NULL;
	va_list ap;

	va_start(ap, types);
	beat_vbind(st, types, ap);
	va_end(ap);
	if (beat_step(st) && !beat_stmt_isnull(st, 0))
		v = beat_xstrdup(beat_stmt_text(st, 0));
	beat_stmt_free(st);
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
struct beat_stmt *
beat_kept(struct beat_conn *db, const char *sql)
{
	struct beat_stmt *st;

	if ((st = beat_conn_kept(db, sql)) == NULL)
		beat_db_fail(db, sql);
	return st;
}

void
beat_kept_done(struct beat_stmt *st)
{
	beat_stmt_reset(st);
	beat_stmt_clear(st);
}

long long
beat_setting_int(struct beat_conn *db, const char *key)
{
	struct beat_stmt *st;
	const char *v;
	char *end, *copy;
	long long n = 0;
	size_t i;
	int ro = beat_conn_readonly(db);

	for (i = 0; ro && i < sizeof known / sizeof known[0] && known[i].db != NULL; i++)
		if (known[i].db == db && strcmp(known[i].key, key) == 0)
			return known[i].v;

	st = beat_kept(db, "/* db.c */ SELECT value FROM setting WHERE key = ?");
	beat_bind(st, "s", key);
	if (!beat_step(st) || (v = beat_stmt_text(st, 0)) == NULL) {
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
