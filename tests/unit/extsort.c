/* extsort.c: the external sort in memory and through merged runs, as TAP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"
#include "tap.h"

/* N records "key-NNNNNN" in a scrambled order, sorted in MEM bytes. */
static void
sort_n(size_t mem, long n, const char *what)
{
	struct beat_sort *s = beat_sort_new(mem);
	char rec[64], prev[64] = "", name[128];
	const void *p;
	size_t len;
	long i, got = 0, bad = 0;

	for (i = 0; i < n; i++) {
		/* 7919 is prime, so i -> i * 7919 % n visits each of [0, n) once when n is not its multiple */
		snprintf(rec, sizeof rec, "key-%06ld%s", i * 7919 % n, i % 3 ? "" : "-with a longer tail");
		beat_sort_add(s, rec, strlen(rec));
	}
	is_num(beat_sort_count(s), n, "count of records added");
	beat_sort_done(s);
	while (beat_sort_next(s, &p, &len)) {
		if (len >= sizeof rec) {
			bad++;
			continue;
		}
		memcpy(rec, p, len);
		rec[len] = '\0';
		if (got > 0 && strcmp(prev, rec) >= 0)
			bad++;
		memcpy(prev, rec, len + 1);
		got++;
	}
	snprintf(name, sizeof name, "%s: every record, in order", what);
	ok(got == n && bad == 0, name);
	beat_sort_free(s);
}

int
main(int argc, char **argv)
{
	struct beat_sort *s;
	const void *p;
	size_t len;
	char big[10000];

	beat_init(argc, argv);
	sort_n(1 << 20, 1000, "in memory");
	sort_n(4096, 5000, "through many runs");
	sort_n(64 * 1024, 20000, "through a few runs");
	sort_n(4096, 0, "no records");

	/* A record larger than the whole memory gets room of its own. */
	s = beat_sort_new(4096);
	memset(big, 'b', sizeof big);
	beat_sort_add(s, "a", 1);
	beat_sort_add(s, big, sizeof big);
	beat_sort_add(s, "c", 1);
	beat_sort_done(s);
	ok(beat_sort_next(s, &p, &len) && len == 1 && *(const char *)p == 'a', "small record first");
	ok(beat_sort_next(s, &p, &len) && len == sizeof big && memcmp(p, big, len) == 0,
	    "then the large one, whole");
	ok(beat_sort_next(s, &p, &len) && len == 1 && *(const char *)p == 'c', "then the last");
	ok(!beat_sort_next(s, &p, &len), "and the end");
	beat_sort_free(s);

	/* Byte order: a record before a longer one it begins. */
	s = beat_sort_new(4096);
	beat_sort_add(s, "ab", 2);
	beat_sort_add(s, "a", 1);
	beat_sort_add(s, "a\0", 2);
	beat_sort_done(s);
	ok(beat_sort_next(s, &p, &len) && len == 1, "a");
	ok(beat_sort_next(s, &p, &len) && len == 2 && ((const char *)p)[1] == '\0', "a NUL");
	ok(beat_sort_next(s, &p, &len) && len == 2 && ((const char *)p)[1] == 'b', "ab");
	beat_sort_free(s);
	return tap_done();
}
