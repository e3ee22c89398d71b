/* drv.c: the driver interface; picks the engine by the address. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drv-impl.h"

int
beat_drv_fail(struct beat_conn *c, enum beat_dberr err, const char *fmt, ...)
{
	va_list ap;

	free(c->errmsg);
	c->err = err;
	va_start(ap, fmt);
	if (vasprintf(&c->errmsg, fmt, ap) < 0)
		c->errmsg = NULL;
	va_end(ap);
	return -1;
}

static void
clear(struct beat_conn *c)
{
	c->err = BEAT_DBERR_OK;
	free(c->errmsg);
	c->errmsg = NULL;
}

static int
is_pg(const char *address)
{
	return strncmp(address, "postgresql://", 13) == 0 ||
	    strncmp(address, "postgres://", 11) == 0;
}

struct beat_conn *
beat_conn_open(const char *address, int flags)
{
	struct beat_conn *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if (is_pg(address))
		c->drv = &beat_drv_pg;
	else {
		c->drv = &beat_drv_sqlite;
		if (strncmp(address, "sqlite:", 7) == 0)
			address += 7;
	}
	c->drv->open(c, address, flags);
	return c;
}

void
beat_conn_close(struct beat_conn *c)
{
	if (c == NULL)
		return;
	c->drv->close(c);
	free(c->errmsg);
	free(c);
}

enum beat_engine
beat_conn_engine(const struct beat_conn *c)
{
	return c->drv->engine;
}

enum beat_dberr
beat_conn_error(const struct beat_conn *c)
{
	return c->err;
}

const char *
beat_conn_errmsg(const struct beat_conn *c)
{
	return c->errmsg ? c->errmsg : "";
}

int
beat_conn_exec(struct beat_conn *c, const char *sql)
{
	clear(c);
	return c->drv->exec(c, sql);
}

int
beat_conn_begin(struct beat_conn *c)
{
	return beat_conn_exec(c, c->drv->begin);
}

int
beat_conn_commit(struct beat_conn *c)
{
	return beat_conn_exec(c, "COMMIT");
}

int
beat_conn_rollback(struct beat_conn *c)
{
	return beat_conn_exec(c, "ROLLBACK");
}

struct beat_stmt *
beat_stmt_prepare(struct beat_conn *c, const char *sql)
{
	struct beat_stmt *s;

	clear(c);
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		beat_drv_fail(c, BEAT_DBERR_OTHER, "%s", strerror(ENOMEM));
		return NULL;
	}
	s->c = c;
	if (c->drv->prepare(s, sql) == -1) {
		beat_stmt_free(s);
		return NULL;
	}
	return s;
}

static int
no_param(struct beat_stmt *s, int n)
{
	if (n >= 1 && n <= s->nparams)
		return 0;
	return beat_drv_fail(s->c, BEAT_DBERR_OTHER,
	    "no parameter $%d (the statement has %d)", n, s->nparams);
}

int
beat_stmt_bind_int(struct beat_stmt *s, int n, long long v)
{
	return no_param(s, n) ? -1 : s->c->drv->bind_int(s, n, v);
}

int
beat_stmt_bind_text(struct beat_stmt *s, int n, const char *v)
{
	return no_param(s, n) ? -1 : s->c->drv->bind(s, n, v);
}

int
beat_stmt_step(struct beat_stmt *s)
{
	clear(s->c);
	return s->c->drv->step(s);
}

int
beat_stmt_columns(const struct beat_stmt *s)
{
	return s->c->drv->columns(s);
}

const char *
beat_stmt_text(struct beat_stmt *s, int col)
{
	return s->c->drv->text(s, col);
}

int
beat_stmt_isnull(struct beat_stmt *s, int col)
{
	return beat_stmt_text(s, col) == NULL;
}

long long
beat_stmt_int(struct beat_stmt *s, int col)
{
	const char *t = beat_stmt_text(s, col);

	return t == NULL ? 0 : strtoll(t, NULL, 10);
}

long long
beat_stmt_changes(const struct beat_stmt *s)
{
	return s->changes;
}

int
beat_stmt_reset(struct beat_stmt *s)
{
	return s->c->drv->reset(s);
}

void
beat_stmt_free(struct beat_stmt *s)
{
	int i;

	if (s == NULL)
		return;
	if (s->h != NULL)
		s->c->drv->finalize(s);
	for (i = 0; s->params != NULL && i < s->nparams; i++)
		free(s->params[i]);
	free(s->params);
	free(s->index);
	free(s);
}

int
beat_conn_copy_begin(struct beat_conn *c, const char *table, const char *const *cols)
{
	clear(c);
	for (c->ncopy = 0; cols[c->ncopy] != NULL; c->ncopy++)
		;
	c->copied = 0;
	return c->drv->copy_begin(c, table, cols);
}

int
beat_conn_copy_row(struct beat_conn *c, const char *const *values)
{
	if (c->drv->copy_row(c, values) == -1)
		return -1;
	c->copied++;
	return 0;
}

long long
beat_conn_copy_end(struct beat_conn *c)
{
	return c->drv->copy_end(c);
}
