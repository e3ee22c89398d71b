/*
 * drv.c: unit tests of the database driver (TAP), the same on both
 * engines: SQLite in a scratch file, and PostgreSQL when $BEAT_PG names a
 * server (make check-pg starts a private one).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drv.h"
#include "tap.h"

static const char *engine;

static void
say(const char *what, char *name, size_t n)
{
	snprintf(name, n, "%s: %s", engine, what);
}

#define T(what) (say(what, name, sizeof(name)), name)

static void
suite(const char *address, const char *other)
{
	static const char *const cols[] = { "code", "label", "n", NULL };
	const char *row1[] = { "a\tb", "甲\\乙\n丙", "1" };
	const char *row2[] = { "c", NULL, "2" };
	struct beat_conn *c, *d;
	struct beat_stmt *s;
	char name[128];

	c = beat_conn_open(address, BEAT_CONN_WRITE | BEAT_CONN_CREATE);
	ok(c != NULL && beat_conn_error(c) == BEAT_DBERR_OK, T("opens"));
	if (c == NULL || beat_conn_error(c) != BEAT_DBERR_OK) {
		printf("#   %s\n", c ? beat_conn_errmsg(c) : "out of memory");
		return;
	}
	beat_conn_exec(c, "DROP TABLE IF EXISTS t");
	ok(beat_conn_exec(c, "CREATE TABLE t (code TEXT PRIMARY KEY, label TEXT,"
	    " n BIGINT NOT NULL CHECK (n > 0))") == 0, T("creates a table"));

	/* $2 before $1: SQLite would number them by appearance. */
	s = beat_stmt_prepare(c, "INSERT INTO t (label, code, n) VALUES ($2, $1, $3)");
	ok(s != NULL, T("prepares with $n"));
	beat_stmt_bind_text(s, 1, "x");
	beat_stmt_bind_text(s, 2, "标签");
	beat_stmt_bind_int(s, 3, 9007199254740993LL);
	is_num(beat_stmt_step(s), 0, T("inserts"));
	is_num(beat_stmt_changes(s), 1, T("one row changed"));
	beat_stmt_reset(s);
	beat_stmt_bind_text(s, 1, "y");
	beat_stmt_bind_text(s, 2, NULL);
	beat_stmt_bind_int(s, 3, 2);
	is_num(beat_stmt_step(s), 0, T("runs again with new values"));
	beat_stmt_reset(s);
	beat_stmt_bind_text(s, 1, "x");
	is_num(beat_stmt_step(s), -1, T("a duplicate key fails"));
	is_num(beat_conn_error(c), BEAT_DBERR_CONSTRAINT, T("as a constraint"));
	beat_stmt_reset(s);
	beat_stmt_bind_text(s, 1, "z");
	beat_stmt_bind_int(s, 3, 0);
	is_num(beat_stmt_step(s), -1, T("a CHECK fails"));
	is_num(beat_conn_error(c), BEAT_DBERR_CONSTRAINT, T("as a constraint too"));
	ok(beat_stmt_bind_int(s, 4, 1) == -1, T("no $4 to bind"));
	beat_stmt_free(s);

	s = beat_stmt_prepare(c, "SELECT code, label, n FROM t"
	    " WHERE CAST($1 AS TEXT) IS NULL OR code = $1 ORDER BY code");
	ok(s != NULL, T("a parameter alone, cast"));
	beat_stmt_bind_text(s, 1, NULL);
	is_num(beat_stmt_columns(s), 3, T("three columns"));
	is_num(beat_stmt_step(s), 1, T("first row"));
	is_str(beat_stmt_text(s, 0), "x", T("text"));
	is_str(beat_stmt_text(s, 1), "标签", T("UTF-8 text"));
	is_num(beat_stmt_int(s, 2), 9007199254740993LL, T("a 64-bit integer"));
	is_str(beat_stmt_text(s, 2), "9007199254740993", T("the same integer as text"));
	is_num(beat_stmt_step(s), 1, T("second row"));
	ok(beat_stmt_isnull(s, 1) && beat_stmt_text(s, 1) == NULL, T("NULL"));
	/* A query inside the loop over another's rows. */
	d = c;
	is_num(beat_conn_exec(d, "SELECT 1"), 0, T("a query between rows"));
	is_num(beat_stmt_step(s), 0, T("done"));
	beat_stmt_reset(s);
	beat_stmt_bind_text(s, 1, "y");
	is_num(beat_stmt_step(s) == 1 && beat_stmt_step(s) == 0, 1, T("bound again: one row"));
	beat_stmt_free(s);

	ok(beat_conn_begin(c) == 0, T("begins"));
	beat_conn_exec(c, "DELETE FROM t");
	/* PostgreSQL types it text, in the transaction, which goes on. */
	s = beat_stmt_prepare(c, "SELECT count(*) FROM t WHERE $1 IS NULL");
	ok(s != NULL && beat_stmt_bind_text(s, 1, NULL) == 0 && beat_stmt_step(s) == 1,
	    T("a parameter alone, not cast, inside a transaction"));
	beat_stmt_free(s);
	is_num(beat_conn_exec(c, "SELECT 1"), 0, T("and the transaction goes on"));
	ok(beat_conn_rollback(c) == 0, T("rolls back"));
	s = beat_stmt_prepare(c, "SELECT count(*) FROM t");
	is_num(beat_stmt_step(s) == 1 ? beat_stmt_int(s, 0) : -1, 2, T("nothing deleted"));
	beat_stmt_reset(s);

	ok(beat_conn_begin(c) == 0 && beat_conn_copy_begin(c, "t", cols) == 0 &&
	    beat_conn_copy_row(c, row1) == 0 && beat_conn_copy_row(c, row2) == 0,
	    T("bulk loads"));
	is_num(beat_conn_copy_end(c), 2, T("two rows loaded"));
	ok(beat_conn_commit(c) == 0, T("commits"));
	is_num(beat_stmt_step(s) == 1 ? beat_stmt_int(s, 0) : -1, 4, T("four rows"));
	beat_stmt_free(s);
	s = beat_stmt_prepare(c, "SELECT label FROM t WHERE code = $1");
	beat_stmt_bind_text(s, 1, "a\tb");
	ok(beat_stmt_step(s) == 1, T("a loaded row with a tab in its key"));
	is_str(beat_stmt_text(s, 0), "甲\\乙\n丙", T("backslash and newline kept"));
	beat_stmt_reset(s);
	beat_stmt_bind_text(s, 1, "c");
	ok(beat_stmt_step(s) == 1 && beat_stmt_isnull(s, 0), T("a loaded NULL"));
	beat_stmt_free(s);

	ok(beat_conn_begin(c) == 0 && beat_conn_copy_begin(c, "t", cols) == 0 &&
	    (beat_conn_copy_row(c, row2) == -1 || beat_conn_copy_end(c) == -1),
	    T("a duplicate in a bulk load fails"));
	is_num(beat_conn_error(c), BEAT_DBERR_CONSTRAINT, T("as a constraint"));
	beat_conn_copy_end(c);
	beat_conn_rollback(c);

	/* A second writer meets the first one's lock. */
	beat_conn_begin(c);
	beat_conn_exec(c, "UPDATE t SET n = 3 WHERE code = 'x'");
	d = beat_conn_open(address, BEAT_CONN_WRITE);
	beat_conn_exec(d, other);
	ok(beat_conn_begin(d) == -1 || beat_conn_exec(d, "UPDATE t SET n = 4 WHERE code = 'x'") == -1,
	    T("a second writer waits, then gives up"));
	is_num(beat_conn_error(d), BEAT_DBERR_BUSY, T("as busy"));
	beat_conn_close(d);
	beat_conn_rollback(c);

	s = beat_stmt_prepare(c, "SELECT nothing FROM t");
	ok(s == NULL && beat_conn_error(c) == BEAT_DBERR_OTHER && *beat_conn_errmsg(c) != '\0',
	    T("a bad statement is an error with a message"));
	beat_conn_close(c);

	c = beat_conn_open(address, BEAT_CONN_READ);
	ok(beat_conn_exec(c, "DELETE FROM t") == -1, T("read-only refuses a write"));
	beat_conn_close(c);
}

int
main(void)
{
	char dir[] = "/tmp/beat-drv.XXXXXX", path[64], addr[80];
	const char *pg = getenv("BEAT_PG");
	struct beat_conn *c;

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	engine = "sqlite";
	/* Another writer gives up at once rather than after five seconds. */
	suite(path, "PRAGMA busy_timeout = 10");
	snprintf(addr, sizeof(addr), "sqlite:%s", path);
	c = beat_conn_open(addr, BEAT_CONN_READ);
	ok(c && beat_conn_engine(c) == BEAT_ENGINE_SQLITE && beat_conn_error(c) == 0,
	    "sqlite: the sqlite: form of the address");
	beat_conn_close(c);
	c = beat_conn_open("/nonexistent/x.db", BEAT_CONN_READ);
	is_num(beat_conn_error(c), BEAT_DBERR_NODB, "sqlite: no database");
	beat_conn_close(c);
	unlink(path);
	rmdir(dir);

	engine = "postgresql";
	if (pg == NULL || *pg == '\0') {
		printf("ok %d # skip no $BEAT_PG (make check-pg)\n", ++ntest);
		return tap_done();
	}
	suite(pg, "SET lock_timeout = 10");
	c = beat_conn_open("postgresql:///nonexistent?host=/nonexistent", BEAT_CONN_READ);
	is_num(beat_conn_error(c), BEAT_DBERR_NODB, "postgresql: cannot connect");
	beat_conn_close(c);
	return tap_done();
}
