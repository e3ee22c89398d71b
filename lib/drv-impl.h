/* drv-impl.h: what drv.c dispatches to; seen only by the drivers. */
#ifndef BEAT_DRV_IMPL_H
#define BEAT_DRV_IMPL_H

#include "drv.h"

struct beat_driver {
	enum beat_engine engine;
	int (*open)(struct beat_conn *c, const char *address, int flags);
	void (*close)(struct beat_conn *c);
	int (*exec)(struct beat_conn *c, const char *sql);
	const char *begin;		/* the statement that opens a write transaction */
	int (*prepare)(struct beat_stmt *s, const char *sql);
	int (*bind)(struct beat_stmt *s, int n, const char *text);
	int (*bind_int)(struct beat_stmt *s, int n, long long v);
	int (*step)(struct beat_stmt *s);
	int (*columns)(const struct beat_stmt *s);
	const char *(*text)(struct beat_stmt *s, int col);
	long long (*changes)(const struct beat_stmt *s);
	int (*reset)(struct beat_stmt *s);
	void (*finalize)(struct beat_stmt *s);
	int (*copy_begin)(struct beat_conn *c, const char *table, const char *const *cols);
	int (*copy_row)(struct beat_conn *c, const char *const *values);
	long long (*copy_end)(struct beat_conn *c);
	long long (*integer)(struct beat_stmt *s, int col);
	double (*real)(struct beat_stmt *s, int col);
	enum beat_coltype (*type)(struct beat_stmt *s, int col);
	int (*in_tx)(struct beat_conn *c);
	long long (*last_id)(struct beat_conn *c);
	int (*triggers)(struct beat_conn *c, int on);
	void (*busy_timeout)(struct beat_conn *c, int ms);
	int (*backup)(struct beat_conn *from, struct beat_conn *to);
};

struct beat_conn_data {
	const void *key;
	void *data;
	void (*drop)(void *);
	struct beat_conn_data *next;
};

struct beat_conn {
	const struct beat_driver *drv;
	void *h;			/* the engine's handle */
	enum beat_dberr err;
	char *errmsg;
	unsigned nstmt;			/* statements prepared: names for PostgreSQL */
	unsigned nlive;			/* statements not yet freed */
	struct beat_stmt *copy;		/* SQLite: the INSERT of a bulk load */
	int ncopy;			/* columns of the load in progress */
	long long copied;
	int flags;			/* as opened */
	long long changes;		/* of the last statement run to its end */
	struct beat_stmt **kept;	/* beat_conn_kept's statements */
	size_t nkept;
	struct beat_conn_data *data;
};

struct beat_stmt {
	struct beat_conn *c;
	void *h;			/* the engine's statement */
	int nparams;
	char **params;			/* PostgreSQL: the values bound, as text */
	int *index;			/* SQLite: where $n sits in its numbering */
	void *row;			/* PostgreSQL: the result holding its rows */
	int at;				/* PostgreSQL: the row being read */
	char name[16];			/* PostgreSQL: the prepared statement's name */
	int ncols;			/* PostgreSQL: columns of its rows */
	int running;			/* PostgreSQL: run, rows still to hand out */
	long long changes;
	char *sql;			/* its text, as given */
	int active;			/* stepped, not yet done or reset */
	unsigned long runs;		/* times it began to run (tests count them) */
};

extern const struct beat_driver beat_drv_sqlite, beat_drv_pg;

/* Records the class and text of an error on c; returns -1. */
int beat_drv_fail(struct beat_conn *c, enum beat_dberr err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
