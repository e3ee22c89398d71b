/* drv-pg.c: the PostgreSQL driver, over libpq. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "drv-impl.h"

/* Type oids from PostgreSQL's pg_type.h, stable across versions. */
#define BOOLOID 16
#define INT8OID 20
#define INT2OID 21
#define INT4OID 23
#define FLOAT4OID 700
#define FLOAT8OID 701
#define NUMERICOID 1700
#define TEXTOID 25

/*
 * libpq is loaded when a PostgreSQL address is first opened, not linked:
 * with its own libraries (TLS, Kerberos, LDAP) it would triple the
 * start-up of every command on a station's SQLite file.
 */
#define PQ_FUNCTIONS(X) \
	X(PQclear) \
	X(PQcmdTuples) \
	X(PQconnectdb) \
	X(PQdescribePrepared) \
	X(PQerrorMessage) \
	X(PQexec) \
	X(PQexecPrepared) \
	X(PQfinish) \
	X(PQftype) \
	X(PQgetResult) \
	X(PQgetisnull) \
	X(PQgetvalue) \
	X(PQnfields) \
	X(PQntuples) \
	X(PQprepare) \
	X(PQputCopyData) \
	X(PQputCopyEnd) \
	X(PQresultErrorField) \
	X(PQresultErrorMessage) \
	X(PQresultStatus) \
	X(PQsetClientEncoding) \
	X(PQsetNoticeProcessor) \
	X(PQstatus) \
	X(PQtransactionStatus)

static struct {
#define X(f) __typeof__(f) *f;
	PQ_FUNCTIONS(X)
#undef X
} pq;

static int
load_libpq(struct beat_conn *c)
{
	static void *lib;

	if (lib != NULL)
		return 0;
	if ((lib = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL)) == NULL)
		return beat_drv_fail(c, BEAT_DBERR_NODB,
		    "PostgreSQL's client library: %s", dlerror());
#define X(f) \
	if ((*(void **)&pq.f = dlsym(lib, #f)) == NULL) { \
		dlclose(lib); \
		lib = NULL; \
		return beat_drv_fail(c, BEAT_DBERR_NODB, \
		    "PostgreSQL's client library: no %s", #f); \
	}
	PQ_FUNCTIONS(X)
#undef X
	return 0;
}

/* The SQLSTATE classes a command answers differently. */
static enum beat_dberr
class_of(const PGresult *r)
{
	const char *state = r ? pq.PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

	if (state == NULL)
		return BEAT_DBERR_OTHER;
	/* serialization_failure, deadlock_detected, lock_not_available */
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		return BEAT_DBERR_BUSY;
	if (strncmp(state, "23", 2) == 0)
		return BEAT_DBERR_CONSTRAINT;
	/* disk_full, io_error, insufficient_resources */
	if (strcmp(state, "53100") == 0 || strcmp(state, "58030") == 0 ||
	    strncmp(state, "53", 2) == 0)
		return BEAT_DBERR_IO;
	if (strncmp(state, "08", 2) == 0 || strcmp(state, "3D000") == 0)
		return BEAT_DBERR_NODB;
	return BEAT_DBERR_OTHER;
}

/*
 * libpq's messages run over several lines (a hint; the statement's line
 * with a caret under the error) and end with a newline.  beat's messages
 * are one line: the parts joined by "; ", the caret's line left out.
 */
static int
fail_with(struct beat_conn *c, enum beat_dberr err, const char *m)
{
	char *out = malloc(2 * strlen(m) + 1), *q = out;
	const char *line, *end;
	size_t n;
	int rc;

	if (out == NULL)
		return beat_drv_fail(c, BEAT_DBERR_OTHER, "out of memory");
	for (line = m; *line != '\0'; line = *end != '\0' ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		while (line < end && (*line == ' ' || *line == '\t'))
			line++;
		for (n = (size_t)(end - line); n > 0 && line[n - 1] == ' '; n--)
			;
		if (n == 0 || *line == '^')
			continue;
		if (q != out)
			q = stpcpy(q, "; ");
		memcpy(q, line, n);
		q += n;
	}
	*q = '\0';
	rc = beat_drv_fail(c, err, "%s", out);
	free(out);
	return rc;
}

static int
fail(struct beat_conn *c, const PGresult *r)
{
	const char *m = r ? pq.PQresultErrorMessage(r) : "";

	if (*m == '\0')
		m = pq.PQerrorMessage(c->h);
	return fail_with(c, class_of(r), m);
}

/* The server's notices (a table that did not exist) are not for users. */
static void
quiet(void *arg, const char *message)
{
	(void)arg, (void)message;
}

static int
pg_open(struct beat_conn *c, const char *uri, int flags)
{
	PGconn *pg;
	PGresult *r;

	if (load_libpq(c) == -1)
		return -1;
	pg = pq.PQconnectdb(uri);
	c->h = pg;
	if (pg == NULL)
		return beat_drv_fail(c, BEAT_DBERR_OTHER, "out of memory");
	if (pq.PQstatus(pg) != CONNECTION_OK)
		return fail_with(c, BEAT_DBERR_NODB, pq.PQerrorMessage(pg));
	pq.PQsetNoticeProcessor(pg, quiet, NULL);
	if (pq.PQsetClientEncoding(pg, "UTF8") != 0)
		return fail(c, NULL);
	if (!(flags & BEAT_CONN_WRITE)) {
		r = pq.PQexec(pg, "SET default_transaction_read_only = on");
		if (pq.PQresultStatus(r) != PGRES_COMMAND_OK) {
			fail(c, r);
			pq.PQclear(r);
			return -1;
		}
		pq.PQclear(r);
	}
	return 0;
}

static void
pg_close(struct beat_conn *c)
{
	if (c->h != NULL)
		pq.PQfinish(c->h);
}

static int
pg_exec(struct beat_conn *c, const char *sql)
{
	PGresult *r = pq.PQexec(c->h, sql);
	ExecStatusType st = pq.PQresultStatus(r);
	int rc = 0;

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		rc = fail(c, r);
	pq.PQclear(r);
	return rc;
}

/*
 * The highest $n outside literals, quoted names and comments: how many
 * parameters the statement takes.
 */
static int
count_params(const char *p)
{
	int n = 0, k;
	char q;

	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			for (q = *p++; *p != '\0' && *p != q; p++)
				;
			if (*p != '\0')
				p++;
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p != '\0' && *p != '\n')
				p++;
		} else if (p[0] == '/' && p[1] == '*') {
			p = strstr(p + 2, "*/");
			p = p ? p + 2 : "";
		} else if (p[0] == '$' && p[1] >= '0' && p[1] <= '9') {
			k = (int)strtol(p + 1, (char **)&p, 10);
			if (k > n)
				n = k;
		} else
			p++;
	}
	return n;
}

/*
 * SQLite's ? and ?N written as $n: the k-th bare ? is $k.  Literals,
 * quoted names and comments are copied as they are.
 */
static char *
dollar_params(const char *p)
{
	char *out = malloc(3 * strlen(p) + 1), *q = out;
	int k = 0;
	char c;

	if (out == NULL)
		return NULL;
	while (*p != '\0') {
		if (*p == '\'' || *p == '"') {
			c = *p;
			*q++ = *p++;
			while (*p != '\0' && *p != c)
				*q++ = *p++;
			if (*p != '\0')
				*q++ = *p++;
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p != '\0' && *p != '\n')
				*q++ = *p++;
		} else if (p[0] == '/' && p[1] == '*') {
			*q++ = *p++;
			*q++ = *p++;
			while (*p != '\0' && !(p[0] == '*' && p[1] == '/'))
				*q++ = *p++;
		} else if (*p == '?') {
			p++;
			if (*p >= '0' && *p <= '9')
				*q++ = '$';
			else
				q += sprintf(q, "$%d", ++k);
		} else
			*q++ = *p++;
	}
	*q = '\0';
	return out;
}

/* A statement of the driver's own, whose failure the next one shows. */
static int
aside(struct beat_conn *c, const char *sql)
{
	PGresult *r = pq.PQexec(c->h, sql);
	int ok = pq.PQresultStatus(r) == PGRES_COMMAND_OK;

	pq.PQclear(r);
	return ok;
}

/*
 * A parameter whose type nothing in the statement tells ("$1 IS NULL",
 * as SQLite takes it) is text, as CAST($1 AS TEXT) would make it: the
 * server names each such parameter in turn (SQLSTATE 42P18, or 42P08
 * when its uses disagree), and the
 * statement is prepared again with it typed.  A failed PREPARE aborts
 * the transaction it is in, so there it is tried under a savepoint.
 */
static PGresult *
prepare_typed(struct beat_conn *c, const char *name, const char *sql, int n)
{
	Oid *types = n > 0 ? calloc((size_t)n, sizeof(*types)) : NULL;
	const char *state, *msg, *p;
	PGresult *r;
	int k, tries, saved;

	saved = types != NULL && pq.PQtransactionStatus(c->h) == PQTRANS_INTRANS &&
	    aside(c, "SAVEPOINT beat_typed");
	for (tries = 0; ; tries++) {
		r = pq.PQprepare(c->h, name, sql, n, types);
		state = pq.PQresultErrorField(r, PG_DIAG_SQLSTATE);
		msg = pq.PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
		if (types == NULL || tries >= n || state == NULL ||
		    (strcmp(state, "42P18") != 0 && strcmp(state, "42P08") != 0) ||
		    msg == NULL || (p = strchr(msg, '$')) == NULL ||
		    (k = atoi(p + 1)) < 1 || k > n || types[k - 1] != 0)
			break;
		if (saved && !aside(c, "ROLLBACK TO SAVEPOINT beat_typed"))
			break;
		types[k - 1] = TEXTOID;
		pq.PQclear(r);
	}
	if (saved && pq.PQresultStatus(r) == PGRES_COMMAND_OK)
		aside(c, "RELEASE SAVEPOINT beat_typed");
	free(types);
	return r;
}

static int
pg_prepare(struct beat_stmt *s, const char *given)
{
	struct beat_conn *c = s->c;
	PGresult *r;
	char *sql;
	int rc = 0;

	if ((sql = dollar_params(given)) == NULL)
		return beat_drv_fail(c, BEAT_DBERR_OTHER, "out of memory");
	s->nparams = count_params(sql);
	if (s->nparams > 0 &&
	    (s->params = calloc((size_t)s->nparams, sizeof(*s->params))) == NULL) {
		free(sql);
		return beat_drv_fail(c, BEAT_DBERR_OTHER, "out of memory");
	}
	snprintf(s->name, sizeof(s->name), "beat%u", ++c->nstmt);
	r = prepare_typed(c, s->name, sql, s->nparams);
	free(sql);
	if (pq.PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = fail(c, r);
	pq.PQclear(r);
	if (rc == -1)
		return -1;
	s->h = s;		/* prepared: it is to be deallocated */
	r = pq.PQdescribePrepared(c->h, s->name);
	if (pq.PQresultStatus(r) != PGRES_COMMAND_OK)
		rc = fail(c, r);
	else
		s->ncols = pq.PQnfields(r);
	pq.PQclear(r);
	return rc;
}

static int
pg_bind(struct beat_stmt *s, int n, const char *text)
{
	char *t = NULL;

	if (text != NULL && (t = strdup(text)) == NULL)
		return beat_drv_fail(s->c, BEAT_DBERR_OTHER, "out of memory");
	free(s->params[n - 1]);
	s->params[n - 1] = t;
	return 0;
}

static int
pg_bind_int(struct beat_stmt *s, int n, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	return pg_bind(s, n, buf);
}

/*
 * A statement's rows are read whole when it first steps, then handed out
 * one by one: beat runs queries inside the loop over another's rows, as
 * SQLite allows, and one libpq connection carries one query at a time.
 */
static void
drain(struct beat_stmt *s)
{
	pq.PQclear(s->row);
	s->row = NULL;
	s->running = 0;
}

static int
pg_step(struct beat_stmt *s)
{
	struct beat_conn *c = s->c;
	PGresult *r;

	if (!s->running) {
		r = pq.PQexecPrepared(c->h, s->name, s->nparams,
		    (const char *const *)s->params, NULL, NULL, 0);
		switch (pq.PQresultStatus(r)) {
		case PGRES_TUPLES_OK:
		case PGRES_COMMAND_OK:
			s->row = r;
			s->running = 1;
			s->at = -1;
			s->changes = strtoll(pq.PQcmdTuples(r), NULL, 10);
			break;
		default:
			fail(c, r);
			pq.PQclear(r);
			return -1;
		}
	}
	if (++s->at < pq.PQntuples(s->row))
		return 1;
	drain(s);
	return 0;
}

static int
pg_columns(const struct beat_stmt *s)
{
	return s->ncols;
}

static const char *
pg_text(struct beat_stmt *s, int col)
{
	const char *v;

	if (s->row == NULL || col < 0 || col >= pq.PQnfields(s->row) ||
	    pq.PQgetisnull(s->row, s->at, col))
		return NULL;
	v = pq.PQgetvalue(s->row, s->at, col);
	/* A comparison is 1 or 0 on SQLite; so it reads here. */
	if (pq.PQftype(s->row, col) == BOOLOID)
		return *v == 't' ? "1" : "0";
	return v;
}

static long long
pg_changes(const struct beat_stmt *s)
{
	return s->changes;
}

static int
pg_reset(struct beat_stmt *s)
{
	drain(s);
	return 0;
}

static void
pg_finalize(struct beat_stmt *s)
{
	char sql[32];

	drain(s);
	snprintf(sql, sizeof(sql), "DEALLOCATE %s", s->name);
	pq.PQclear(pq.PQexec(s->c->h, sql));
}

static int
pg_copy_begin(struct beat_conn *c, const char *table, const char *const *cols)
{
	char *sql, *p;
	size_t len = strlen(table) + 40;
	PGresult *r;
	int i, rc = 0;

	for (i = 0; i < c->ncopy; i++)
		len += strlen(cols[i]) + 2;
	if ((sql = malloc(len)) == NULL)
		return beat_drv_fail(c, BEAT_DBERR_OTHER, "out of memory");
	p = sql + sprintf(sql, "COPY %s (", table);
	for (i = 0; i < c->ncopy; i++)
		p += sprintf(p, "%s%s", i ? ", " : "", cols[i]);
	strcpy(p, ") FROM STDIN");
	r = pq.PQexec(c->h, sql);
	free(sql);
	if (pq.PQresultStatus(r) != PGRES_COPY_IN)
		rc = fail(c, r);
	pq.PQclear(r);
	return rc;
}

/* One row in COPY's text format: tabs between, \N for NULL, escapes. */
static int
pg_copy_row(struct beat_conn *c, const char *const *values)
{
	char buf[8192], *line = buf, *q;
	const char *v;
	size_t need = 2;
	int i, rc;

	for (i = 0; i < c->ncopy; i++)
		need += (values[i] ? 2 * strlen(values[i]) : 2) + 1;
	if (need > sizeof(buf) && (line = malloc(need)) == NULL)
		return beat_drv_fail(c, BEAT_DBERR_OTHER, "out of memory");
	q = line;
	for (i = 0; i < c->ncopy; i++) {
		if (i > 0)
			*q++ = '\t';
		if ((v = values[i]) == NULL) {
			*q++ = '\\', *q++ = 'N';
			continue;
		}
		for (; *v != '\0'; v++)
			switch (*v) {
			case '\\': *q++ = '\\', *q++ = '\\'; break;
			case '\t': *q++ = '\\', *q++ = 't'; break;
			case '\n': *q++ = '\\', *q++ = 'n'; break;
			case '\r': *q++ = '\\', *q++ = 'r'; break;
			default: *q++ = *v;
			}
	}
	*q++ = '\n';
	rc = pq.PQputCopyData(c->h, line, (int)(q - line));
	if (line != buf)
		free(line);
	return rc == 1 ? 0 : fail(c, NULL);
}

static long long
pg_copy_end(struct beat_conn *c)
{
	PGresult *r;
	long long n = -1;

	if (pq.PQputCopyEnd(c->h, NULL) != 1)
		return fail(c, NULL);
	while ((r = pq.PQgetResult(c->h)) != NULL) {
		if (pq.PQresultStatus(r) == PGRES_COMMAND_OK)
			n = strtoll(pq.PQcmdTuples(r), NULL, 10);
		else
			fail(c, r);
		pq.PQclear(r);
	}
	return c->err == BEAT_DBERR_OK ? n : -1;
}

static long long
pg_integer(struct beat_stmt *s, int col)
{
	const char *t = pg_text(s, col);

	return t == NULL ? 0 : strtoll(t, NULL, 10);
}

static double
pg_real(struct beat_stmt *s, int col)
{
	const char *t = pg_text(s, col);

	return t == NULL ? 0 : strtod(t, NULL);
}


static enum beat_coltype
pg_type(struct beat_stmt *s, int col)
{
	const char *t = pg_text(s, col);

	if (t == NULL)
		return BEAT_COL_NULL;
	switch (pq.PQftype(s->row, col)) {
	case INT8OID:
	case INT2OID:
	case INT4OID:
	case BOOLOID:
		return BEAT_COL_INT;
	case FLOAT4OID:
	case FLOAT8OID:
		return BEAT_COL_REAL;
	case NUMERICOID:
		/* sum() of integers is numeric here, an integer on SQLite. */
		return strchr(t, '.') ? BEAT_COL_REAL : BEAT_COL_INT;
	}
	return BEAT_COL_TEXT;
}

static int
pg_in_tx(struct beat_conn *c)
{
	return pq.PQtransactionStatus(c->h) != PQTRANS_IDLE;
}

static long long
pg_last_id(struct beat_conn *c)
{
	PGresult *r = pq.PQexec(c->h, "SELECT lastval()");
	long long id = 0;

	if (pq.PQresultStatus(r) == PGRES_TUPLES_OK && pq.PQntuples(r) == 1)
		id = strtoll(pq.PQgetvalue(r, 0, 0), NULL, 10);
	pq.PQclear(r);
	return id;
}

/* Triggers stay on: what a paused trigger would skip is recounted anyway. */
static int
pg_triggers(struct beat_conn *c, int on)
{
	(void)c, (void)on;
	return 0;
}

/* A lock held longer than a writer waits on SQLite ends the wait as busy. */
static void
pg_busy_timeout(struct beat_conn *c, int ms)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "SET lock_timeout = %d", ms);
	pq.PQclear(pq.PQexec(c->h, sql));
}

/*
 * A write transaction holds one lock per database, taken at BEGIN, as
 * SQLite's BEGIN IMMEDIATE takes its write lock: beat's writers follow
 * one another and so never fail serialization or deadlock against each
 * other (read committed suffices), and a wait past lock_timeout (the
 * busy timeout) ends as busy, exit 75, as on SQLite.  The key is the
 * application id.
 */
#define WRITE_BEGIN "BEGIN; SELECT pg_advisory_xact_lock(1650811252)"

const struct beat_driver beat_drv_pg = {
	BEAT_ENGINE_PG, pg_open, pg_close, pg_exec, WRITE_BEGIN,
	pg_prepare, pg_bind, pg_bind_int, pg_step, pg_columns, pg_text, pg_changes, pg_reset,
	pg_finalize, pg_copy_begin, pg_copy_row, pg_copy_end,
	pg_integer, pg_real, pg_type, pg_in_tx, pg_last_id, pg_triggers,
	pg_busy_timeout, NULL,
};
