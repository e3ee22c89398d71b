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

int
beat_address_pg(const char *address)
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
	if (beat_address_pg(address))
		c->drv = &beat_drv_pg;
	else {
		c->drv = &beat_drv_sqlite;
		if (strncmp(address, "sqlite:", 7) == 0)
			address += 7;
	}
	c->flags = flags;
	c->drv->open(c, address, flags);
	return c;
}

void
beat_conn_close(struct beat_conn *c)
{
	struct beat_conn_data *d;
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nkept; i++)
		beat_stmt_free(c->kept[i]);
	free(c->kept);
	while ((d = c->data) != NULL) {
		c->data = d->next;
		if (d->drop != NULL)
			d->drop(d->data);
		free(d);
	}
	c->drv->close(c);
	free(c->errmsg);
	free(c);
}

int
beat_conn_in_transaction(struct beat_conn *c)
{
	return c->drv->in_tx(c);
}

int
beat_conn_readonly(const struct beat_conn *c)
{
	return !(c->flags & BEAT_CONN_WRITE);
}

void
beat_conn_busy_timeout(struct beat_conn *c, int ms)
{
	c->drv->busy_timeout(c, ms);
}

long long
beat_conn_last_id(struct beat_conn *c)
{
	return c->drv->last_id(c);
}

long long
beat_conn_changes(const struct beat_conn *c)
{
	return c->changes;
}

int
beat_conn_triggers(struct beat_conn *c, int on)
{
	clear(c);
	return c->drv->triggers(c, on);
}

int
beat_conn_backup(struct beat_conn *from, struct beat_conn *to)
{
	clear(to);
	if (from->drv != to->drv || from->drv->backup == NULL)
		return beat_drv_fail(to, BEAT_DBERR_OTHER,
		    "only a SQLite database can be copied this way");
	return from->drv->backup(from, to);
}

struct beat_stmt *
beat_conn_kept(struct beat_conn *c, const char *sql)
{
	struct beat_stmt *s, **k;
	size_t i;

	for (i = 0; i < c->nkept; i++)
		if (!c->kept[i]->active && strcmp(c->kept[i]->sql, sql) == 0)
			return c->kept[i];
	if ((s = beat_stmt_prepare(c, sql)) == NULL)
		return NULL;
	if ((k = realloc(c->kept, (c->nkept + 1) * sizeof(*k))) == NULL) {
		beat_stmt_free(s);
		beat_drv_fail(c, BEAT_DBERR_OTHER, "%s", strerror(ENOMEM));
		return NULL;
	}
	c->kept = k;
	c->kept[c->nkept++] = s;
	return s;
}

void *
beat_conn_data(struct beat_conn *c, const void *key)
{
	struct beat_conn_data *d;

	for (d = c->data; d != NULL; d = d->next)
		if (d->key == key)
			return d->data;
	return NULL;
}

void
beat_conn_set_data(struct beat_conn *c, const void *key, void *data,
    void (*drop)(void *))
{
	struct beat_conn_data *d;

	for (d = c->data; d != NULL && d->key != key; d = d->next)
		;
	if (d == NULL) {
		if ((d = calloc(1, sizeof(*d))) == NULL)
			abort();
		d->key = key;
		d->next = c->data;
		c->data = d;
	} else if (d->drop != NULL && d->data != data)
		d->drop(d->data);
	d->data = data;
	d->drop = drop;
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
	if ((s->sql = strdup(sql)) == NULL) {
		free(s);
		beat_drv_fail(c, BEAT_DBERR_OTHER, "%s", strerror(ENOMEM));
		return NULL;
	}
	c->nlive++;
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
	int rc;

	clear(s->c);
	if (!s->active)
		s->runs++;
	rc = s->c->drv->step(s);
	s->active = rc == 1;
	if (rc == 0)
		s->c->changes = s->changes;
	return rc;
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
	return s->c->drv->type(s, col) == BEAT_COL_NULL;
}

long long
beat_stmt_int(struct beat_stmt *s, int col)
{
	return s->c->drv->integer(s, col);
}

double
beat_stmt_real(struct beat_stmt *s, int col)
{
	return s->c->drv->real(s, col);
}

enum beat_coltype
beat_stmt_type(struct beat_stmt *s, int col)
{
	return s->c->drv->type(s, col);
}

const char *
beat_stmt_sql(const struct beat_stmt *s)
{
	return s->sql;
}

struct beat_conn *
beat_stmt_conn(const struct beat_stmt *s)
{
	return s->c;
}

int
beat_stmt_params(const struct beat_stmt *s)
{
	return s->nparams;
}

long long
beat_stmt_changes(const struct beat_stmt *s)
{
	return s->changes;
}

int
beat_stmt_reset(struct beat_stmt *s)
{
	s->active = 0;
	return s->c->drv->reset(s);
}

void
beat_stmt_clear(struct beat_stmt *s)
{
	int i;

	for (i = 1; i <= s->nparams; i++)
		s->c->drv->bind(s, i, NULL);
}

void
beat_stmt_free(struct beat_stmt *s)
{
	int i;

	if (s == NULL)
		return;
	if (s->h != NULL)
		s->c->drv->finalize(s);
	s->c->nlive--;
	for (i = 0; s->params != NULL && i < s->nparams; i++)
		free(s->params[i]);
	free(s->params);
	free(s->index);
	free(s->sql);
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
