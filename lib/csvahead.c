/*
 * csvahead.c: a CSV file read by a thread of its own while the caller
 * works on the records read before.  Reading (the bytes, their encoding
 * and checksum, the quoting) costs about as much as checking and
 * staging the records does; the two overlap on two cores.  Records are
 * handed over in batches, two in turn; the thread only reads, and the
 * caller, alone to use the database, does the rest.
 *
 * A record in a batch: its line and beat_csv_next's result, then strings
 * ended by NUL: for a bad record the reader's message; for a good one
 * each column after a byte saying whether the file has it, then, when
 * asked for, all its fields.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

#define BATCH_RECS	2048

struct batch {
	char *buf;
	size_t len, cap;
	struct brec {
		long line;
		int rc;
		size_t at, nfields;
	} recs[BATCH_RECS];
	size_t n;
	int full, last;
};

struct beat_csv_ahead {
	struct beat_csv *r;
	size_t ncols;
	int fields;
	void (*tick)(struct beat_csv *r, int end, void *arg);
	void *arg;
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch b[2], *cur;	/* cur: the caller's batch */
	size_t next;			/* its next record */
	struct beat_csv_rec rec;
	size_t fcap;
};

/* s and its NUL into the batch, after a byte saying whether s is there when tagged. */
static void
put(struct batch *b, const char *s, int tagged)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (b->len + n + 2 > b->cap) {
		b->cap = 2 * (b->len + n + 2);
		b->buf = beat_xrealloc(b->buf, b->cap);
	}
	if (tagged)
		b->buf[b->len++] = s != NULL;
	if (tagged && s == NULL)
		return;
	memcpy(b->buf + b->len, s, n);
	b->buf[b->len + n] = '\0';
	b->len += n + 1;
}

static void
fill(struct beat_csv_ahead *a, struct batch *b)
{
	struct brec *rec;
	size_t i;
	int rc;

	b->n = b->len = 0;
	while (b->n < BATCH_RECS && (rc = beat_csv_next(a->r)) != 0) {
		rec = &b->recs[b->n++];
		rec->line = beat_csv_line(a->r);
		rec->rc = rc;
		rec->at = b->len;
		rec->nfields = 0;
		if (rc < 0) {
			put(b, beat_csv_error(a->r), 0);
			continue;
		}
		for (i = 0; i < a->ncols; i++)
			put(b, beat_csv_get(a->r, (int)i), 1);
		for (; a->fields && rec->nfields < beat_csv_nfields(a->r); rec->nfields++)
			put(b, beat_csv_field(a->r, rec->nfields), 0);
	}
	b->last = b->n < BATCH_RECS;
}

static void *
reader(void *arg)
{
	struct beat_csv_ahead *a = arg;
	struct batch *b;
	size_t k = 0;

	do {
		b = &a->b[k];
		k ^= 1;
		pthread_mutex_lock(&a->mu);
		while (b->full)
			pthread_cond_wait(&a->cv, &a->mu);
		pthread_mutex_unlock(&a->mu);
		fill(a, b);
		if (a->tick != NULL)
			a->tick(a->r, b->last, a->arg);
		pthread_mutex_lock(&a->mu);
		b->full = 1;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
	} while (!b->last);
	return NULL;
}

struct beat_csv_ahead *
beat_csv_ahead_start(struct beat_csv *r, size_t ncols, int fields,
    void (*tick)(struct beat_csv *r, int end, void *arg), void *arg)
{
	struct beat_csv_ahead *a = beat_xmalloc(sizeof(*a));
	int e;

	memset(a, 0, sizeof(*a));
	a->r = r;
	a->ncols = ncols;
	a->fields = fields;
	a->tick = tick;
	a->arg = arg;
	a->rec.col = beat_xmalloc((ncols > 0 ? ncols : 1) * sizeof(*a->rec.col));
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->cv, NULL);
	if ((e = pthread_create(&a->tid, NULL, reader, a)) != 0)
		beat_errx(BEAT_EX_SOFTWARE, "pthread_create: %s", strerror(e));
	return a;
}

/* The next batch the reader filled, the one before given back; NULL after the last. */
static struct batch *
next_batch(struct beat_csv_ahead *a)
{
	struct batch *prev = a->cur, *b = prev == &a->b[0] ? &a->b[1] : &a->b[0];

	if (prev != NULL && prev->last)
		return NULL;
	pthread_mutex_lock(&a->mu);
	if (prev != NULL) {
		prev->full = 0;
		pthread_cond_broadcast(&a->cv);
	}
	while (!b->full)
		pthread_cond_wait(&a->cv, &a->mu);
	pthread_mutex_unlock(&a->mu);
	return b;
}

/* The next string of a record in a batch. */
static const char *
take(const char **p)
{
	const char *s = *p;

	*p += strlen(s) + 1;
	return s;
}

const struct beat_csv_rec *
beat_csv_ahead_next(struct beat_csv_ahead *a)
{
	struct beat_csv_rec *rec = &a->rec;
	const struct brec *br;
	const char *p;
	size_t i;

	while (a->cur == NULL || a->next == a->cur->n) {
		if (a->cur != NULL && a->cur->last)
			return NULL;
		a->cur = next_batch(a);
		a->next = 0;
	}
	br = &a->cur->recs[a->next++];
	p = a->cur->buf + br->at;
	rec->line = br->line;
	rec->rc = br->rc;
	rec->error = NULL;
	rec->nfields = 0;
	if (br->rc < 0) {
		rec->error = take(&p);
		return rec;
	}
	for (i = 0; i < a->ncols; i++)
		rec->col[i] = *p++ ? take(&p) : NULL;
	if (br->nfields > a->fcap) {
		a->fcap = br->nfields;
		rec->field = beat_xrealloc(rec->field, a->fcap * sizeof(*rec->field));
	}
	for (rec->nfields = 0; rec->nfields < br->nfields; rec->nfields++)
		rec->field[rec->nfields] = take(&p);
	return rec;
}

void
beat_csv_ahead_end(struct beat_csv_ahead *a)
{
	pthread_join(a->tid, NULL);
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->cv);
	free(a->b[0].buf);
	free(a->b[1].buf);
	free(a->rec.col);
	free(a->rec.field);
	free(a);
}
