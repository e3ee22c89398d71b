/* extsort.c: sorts byte records in bounded memory, spilling sorted runs to a temporary file. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "beat.h"

/*
 * Records are kept as a 4-byte length and the bytes, packed from the
 * front of one block, while their offsets grow from its back; when the
 * two meet, the offsets are sorted and the records written out as one
 * run.  At the end the runs are merged through a heap, each read through
 * its own slice of the same block, so memory stays at the block's size
 * however many records come in (a record larger than a slice gets a
 * buffer of its own).
 */

struct run {
	off_t pos, end;		/* what is left of the run in the file */
	char *buf;
	size_t cap, have, at;	/* buffer size, bytes in it, the current record */
	int own;		/* buf is malloc'ed, not a slice of the block */
};

struct beat_sort {
	char *mem;
	size_t size, used;	/* block; record bytes at its front */
	size_t n;		/* offsets at its back */
	int fd;
	FILE *out;
	off_t written;
	struct run *runs;
	size_t nruns, cap;
	size_t *heap, nheap;	/* merging: runs by their current record */
	size_t next;		/* in memory: the next record to return */
	int merging, done, started;
	long long count;
};

static uint32_t
get32(const char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof v);
	return v;
}

static int
cmp_rec(const char *a, const char *b)
{
	uint32_t la = get32(a), lb = get32(b);
	int c = memcmp(a + 4, b + 4, la < lb ? la : lb);

	return c != 0 ? c : (la > lb) - (la < lb);
}

static uint32_t *
offsets(struct beat_sort *s)
{
	return (uint32_t *)(s->mem + s->size) - s->n;
}

static int
cmp_off(const void *a, const void *b, void *mem)
{
	return cmp_rec((char *)mem + *(const uint32_t *)a, (char *)mem + *(const uint32_t *)b);
}

static void
sort_block(struct beat_sort *s)
{
	qsort_r(offsets(s), s->n, sizeof(uint32_t), cmp_off, s->mem);
}

static void
open_tmp(struct beat_sort *s)
{
	const char *dir = getenv("TMPDIR");
	char *path;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	path = beat_xasprintf("%s/beat-sort.XXXXXX", dir);
	if ((s->fd = mkstemp(path)) == -1)
		beat_err(BEAT_EX_CANTCREAT, "%s", path);
	unlink(path);
	free(path);
	if ((s->out = fdopen(s->fd, "w")) == NULL)
		beat_err(BEAT_EX_SOFTWARE, "fdopen");
	/* Runs go out in large writes: a system call per 4 KiB costs here. */
	setvbuf(s->out, NULL, _IOFBF, 256 * 1024);
}

/* Writes the block out as one sorted run and empties it. */
static void
spill(struct beat_sort *s)
{
	struct run *r;
	uint32_t *off;
	size_t i;
	char *p;

	if (s->n == 0)
		return;
	if (s->out == NULL)
		open_tmp(s);
	sort_block(s);
	if (s->nruns == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->runs = beat_xrealloc(s->runs, s->cap * sizeof *s->runs);
	}
	r = &s->runs[s->nruns++];
	memset(r, 0, sizeof *r);
	r->pos = s->written;
	off = offsets(s);
	for (i = 0; i < s->n; i++) {
		p = s->mem + off[i];
		if (fwrite(p, 1, 4 + get32(p), s->out) != 4 + get32(p))
			beat_err(BEAT_EX_IO, _("temporary file"));
		s->written += 4 + get32(p);
	}
	r->end = s->written;
	s->used = s->n = 0;
}

struct beat_sort *
beat_sort_new(size_t mem)
{
	struct beat_sort *s = beat_xmalloc(sizeof *s);

	memset(s, 0, sizeof *s);
	s->size = mem & ~(size_t)7;
	s->mem = beat_xmalloc(s->size);
	s->fd = -1;
	return s;
}

void
beat_sort_add(struct beat_sort *s, const void *rec, size_t len)
{
	uint32_t n = (uint32_t)len;
	size_t need = 4 + len + sizeof(uint32_t);

	if (len > UINT32_MAX - 8)
		beat_errx(BEAT_EX_SOFTWARE, "beat_sort_add: record too large");
	if (s->used + need > s->size - s->n * sizeof(uint32_t)) {
		spill(s);
		if (need > s->size) {	/* one record larger than the block */
			s->size = (need + 7) & ~(size_t)7;
			s->mem = beat_xrealloc(s->mem, s->size);
		}
	}
	memcpy(s->mem + s->used, &n, 4);
	memcpy(s->mem + s->used + 4, rec, len);
	s->n++;
	offsets(s)[0] = (uint32_t)s->used;
	s->used += 4 + len;
	s->count++;
}

long long
beat_sort_count(struct beat_sort *s)
{
	return s->count;
}

/* Makes the run's next record whole in its buffer; 0 at the run's end. */
static int
fill_run(struct beat_sort *s, struct run *r)
{
	size_t left = r->have - r->at, want;
	ssize_t got;

	for (;;) {
		if (left >= 4 && left >= 4 + (size_t)get32(r->buf + r->at))
			return 1;
		if (r->pos == r->end) {
			if (left != 0)
				beat_errx(BEAT_EX_SOFTWARE, "extsort: a run ends inside a record");
			return 0;
		}
		memmove(r->buf, r->buf + r->at, left);
		r->at = 0;
		r->have = left;
		want = left >= 4 ? 4 + (size_t)get32(r->buf) : 4;
		if (want > r->cap) {
			char *nb = beat_xmalloc(want);

			memcpy(nb, r->buf, left);
			if (r->own)
				free(r->buf);
			r->buf = nb;
			r->cap = want;
			r->own = 1;
		}
		want = r->cap - left;
		if ((off_t)want > r->end - r->pos)
			want = (size_t)(r->end - r->pos);
		got = pread(s->fd, r->buf + left, want, r->pos);
		if (got <= 0) {
			if (got == 0)
				errno = EIO;
			beat_err(BEAT_EX_IO, _("temporary file"));
		}
		r->pos += got;
		r->have += (size_t)got;
		left = r->have;
	}
}

static int
run_less(struct beat_sort *s, size_t a, size_t b)
{
	struct run *ra = &s->runs[a], *rb = &s->runs[b];

	return cmp_rec(ra->buf + ra->at, rb->buf + rb->at) < 0;
}

static void
sift_down(struct beat_sort *s, size_t i)
{
	size_t c, t;

	for (;;) {
		c = 2 * i + 1;
		if (c >= s->nheap)
			return;
		if (c + 1 < s->nheap && run_less(s, s->heap[c + 1], s->heap[c]))
			c++;
		if (!run_less(s, s->heap[c], s->heap[i]))
			return;
		t = s->heap[c];
		s->heap[c] = s->heap[i];
		s->heap[i] = t;
		i = c;
	}
}

void
beat_sort_done(struct beat_sort *s)
{
	size_t slice, i;

	s->done = 1;
	if (s->nruns == 0) {
		sort_block(s);
		return;
	}
	spill(s);
	if (fflush(s->out) == EOF)
		beat_err(BEAT_EX_IO, _("temporary file"));
	s->merging = 1;
	slice = (s->size / s->nruns) & ~(size_t)7;
	s->heap = beat_xmalloc(s->nruns * sizeof *s->heap);
	for (i = 0; i < s->nruns; i++) {
		s->runs[i].buf = s->mem + i * slice;
		s->runs[i].cap = slice;
		if (slice < 4096) {	/* thousands of runs: a page each */
			s->runs[i].buf = beat_xmalloc(4096);
			s->runs[i].cap = 4096;
			s->runs[i].own = 1;
		}
		if (fill_run(s, &s->runs[i]))
			s->heap[s->nheap++] = i;
	}
	for (i = s->nheap; i-- > 0;)
		sift_down(s, i);
}

int
beat_sort_next(struct beat_sort *s, const void **rec, size_t *len)
{
	struct run *r;
	uint32_t *off;
	const char *p;

	if (!s->merging) {
		if (s->next == s->n)
			return 0;
		off = offsets(s);
		p = s->mem + off[s->next++];
		*rec = p + 4;
		*len = get32(p);
		return 1;
	}
	/* The record returned last stays valid until this call: step past it now. */
	if (s->started) {
		r = &s->runs[s->heap[0]];
		r->at += 4 + get32(r->buf + r->at);
		if (!fill_run(s, r))
			s->heap[0] = s->heap[--s->nheap];
		sift_down(s, 0);
	}
	s->started = 1;
	if (s->nheap == 0)
		return 0;
	r = &s->runs[s->heap[0]];
	*rec = r->buf + r->at + 4;
	*len = get32(r->buf + r->at);
	return 1;
}

void
beat_sort_free(struct beat_sort *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nruns; i++)
		if (s->runs[i].own)
			free(s->runs[i].buf);
	if (s->out != NULL)
		fclose(s->out);
	free(s->runs);
	free(s->heap);
	free(s->mem);
	free(s);
}
