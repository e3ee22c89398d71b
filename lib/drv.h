/*
 * drv.h: the database driver, one small interface with SQLite and
 * PostgreSQL (libpq) behind it, chosen by the address.
 *
 * SQL given to it is written once in what both engines accept: $1..$n
 * placeholders (a parameter used alone, as in "$1 IS NULL", needs
 * CAST($1 AS TEXT) for PostgreSQL to know its type), ON CONFLICT rather
 * than INSERT OR IGNORE, no date arithmetic and no number formatting
 * (C does both, so that both engines print the same bytes).  Values
 * travel as text or 64-bit integers; columns are read the same way.
 *
 * Nothing here exits: each call says whether it worked, and the
 * connection keeps the class and text of the last error for the caller
 * to turn into an exit status.  sqlite3_* and PG* names appear only in
 * drv-sqlite.c and drv-pg.c.
 */
#ifndef BEAT_DRV_H
#define BEAT_DRV_H

enum beat_engine { BEAT_ENGINE_SQLITE, BEAT_ENGINE_PG };

/* The classes of failure a command answers differently. */
enum beat_dberr {
	BEAT_DBERR_OK,
	BEAT_DBERR_BUSY,	/* locked, serialization failure, deadlock: retry (75) */
	BEAT_DBERR_CONSTRAINT,	/* a key, check or not-null constraint (65) */
	BEAT_DBERR_NODB,	/* no such database, or cannot connect (66) */
	BEAT_DBERR_READONLY,	/* opened for writing, cannot write (74) */
	BEAT_DBERR_IO,		/* disk full, read or write error (74) */
	BEAT_DBERR_NOTADB,	/* not a database, or a damaged one (65) */
	BEAT_DBERR_OTHER	/* anything else: a defect (70) */
};

/* How a connection opens: a reader never writes, only db-init creates. */
#define BEAT_CONN_READ		0x01
#define BEAT_CONN_WRITE		0x02
#define BEAT_CONN_CREATE	0x04
#define BEAT_CONN_IMMUTABLE	0x08	/* SQLite: a file nothing can change (no locks) */

/* What a column of the current row holds. */
enum beat_coltype { BEAT_COL_NULL, BEAT_COL_INT, BEAT_COL_REAL, BEAT_COL_TEXT };

struct beat_conn;
struct beat_stmt;

/*
 * An address is a path (or sqlite:PATH) for SQLite, or a libpq URI
 * (postgresql://... or postgres://...) for PostgreSQL.  Returns NULL
 * only when out of memory; otherwise a connection whose error, if the
 * open failed, beat_conn_error tells (close it all the same).
 */
struct beat_conn *beat_conn_open(const char *address, int flags);
/* The address names a PostgreSQL database. */
int beat_address_pg(const char *address);
void beat_conn_close(struct beat_conn *c);
enum beat_engine beat_conn_engine(const struct beat_conn *c);
enum beat_dberr beat_conn_error(const struct beat_conn *c);
const char *beat_conn_errmsg(const struct beat_conn *c);

/* Statements without parameters or rows, several separated by ';'. */
int beat_conn_exec(struct beat_conn *c, const char *sql);
/* A write transaction: SQLite takes its write lock at once (IMMEDIATE). */
int beat_conn_begin(struct beat_conn *c);
int beat_conn_commit(struct beat_conn *c);
int beat_conn_rollback(struct beat_conn *c);
/* Inside a transaction begun and not yet ended. */
int beat_conn_in_transaction(struct beat_conn *c);
/* Opened without BEAT_CONN_WRITE. */
int beat_conn_readonly(const struct beat_conn *c);
/* How long a statement waits for another writer's lock, in ms. */
void beat_conn_busy_timeout(struct beat_conn *c, int ms);
/* The key of the row the last INSERT on this connection added. */
long long beat_conn_last_id(struct beat_conn *c);
/* Rows changed by the last statement stepped to its end. */
long long beat_conn_changes(const struct beat_conn *c);
/* Triggers on (1) or off (0) for this connection, where the engine can. */
int beat_conn_triggers(struct beat_conn *c, int on);

/*
 * A statement kept with the connection, found again by its text, and
 * freed with it: for queries run for each of many rows.  Hand it back
 * with beat_stmt_reset.
 */
struct beat_stmt *beat_conn_kept(struct beat_conn *c, const char *sql);

/* Data of a caller's, dropped when the connection closes. */
void *beat_conn_data(struct beat_conn *c, const void *key);
void beat_conn_set_data(struct beat_conn *c, const void *key, void *data,
    void (*drop)(void *));

/* Prepared once, run as often as needed; NULL on error. */
struct beat_stmt *beat_stmt_prepare(struct beat_conn *c, const char *sql);
int beat_stmt_bind_int(struct beat_stmt *s, int n, long long v);
int beat_stmt_bind_text(struct beat_stmt *s, int n, const char *v);	/* NULL: SQL NULL */
/* 1: a row is there to read; 0: done; -1: error (see the connection). */
int beat_stmt_step(struct beat_stmt *s);
int beat_stmt_columns(const struct beat_stmt *s);
int beat_stmt_isnull(struct beat_stmt *s, int col);
long long beat_stmt_int(struct beat_stmt *s, int col);
double beat_stmt_real(struct beat_stmt *s, int col);
enum beat_coltype beat_stmt_type(struct beat_stmt *s, int col);
const char *beat_stmt_sql(const struct beat_stmt *s);
struct beat_conn *beat_stmt_conn(const struct beat_stmt *s);
const char *beat_stmt_text(struct beat_stmt *s, int col);	/* NULL for NULL */
/* Rows changed by the last INSERT, UPDATE or DELETE stepped to its end. */
long long beat_stmt_changes(const struct beat_stmt *s);
/* Ready to run again, its bindings kept; clear makes them all NULL. */
int beat_stmt_reset(struct beat_stmt *s);
void beat_stmt_clear(struct beat_stmt *s);
int beat_stmt_params(const struct beat_stmt *s);
void beat_stmt_free(struct beat_stmt *s);

/*
 * Bulk load into one table: PostgreSQL's COPY, or SQLite's one prepared
 * INSERT run for each row.  Between begin and end nothing else may run
 * on the connection.  Values are text, NULL for SQL NULL.
 */
int beat_conn_copy_begin(struct beat_conn *c, const char *table, const char *const *cols);
int beat_conn_copy_row(struct beat_conn *c, const char *const *values);
/* Ends the load; returns the rows loaded, or -1. */
long long beat_conn_copy_end(struct beat_conn *c);

/*
 * SQLite only: copies the whole database of from into to, a connection
 * to a new file, page by page; -1 with to's error set on failure, or
 * on PostgreSQL (pg_dump does this there).
 */
int beat_conn_backup(struct beat_conn *from, struct beat_conn *to);

#endif
