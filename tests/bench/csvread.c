/* csvread.c: how fast the CSV reader goes: rows and megabytes a second over files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "beat.h"

/* The columns of a dispatch export, as incident-import would ask for them. */
static const struct beat_csv_col cols[] = {
	{ "dispatch_no|警情编号", 1 },
	{ "received_at|接警时间", 1 },
	{ "category|警情类别", 0 },
	{ "valid|是否有效", 0 },
	{ "village|所属村社", 0 },
	{ "address|发生地点|地址", 0 },
	{ "summary|简要案情", 0 },
	{ 0 }
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct beat_csv *r;
	const char *enc = NULL, *s;
	long long rows, bad, bytes, total;
	size_t sum;
	double t0, t;
	int i, k, rc;

	beat_init(argc, argv);
	if (argc > 2 && strcmp(argv[1], "-e") == 0) {
		enc = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: csvread [-e ENCODING] FILE...\n");
		return 64;
	}
	for (i = 1; i < argc; i++) {
		rows = bad = 0;
		sum = 0;
		t0 = now();
		r = beat_csv_open(argv[i], enc, cols);
		while ((rc = beat_csv_next(r)) != 0) {
			if (rc < 0) {
				bad++;
				continue;
			}
			rows++;
			/* touch every field, as an importer would */
			for (k = 0; cols[k].names != NULL; k++)
				if ((s = beat_csv_get(r, k)) != NULL)
					sum += strlen(s);
		}
		beat_csv_progress(r, &bytes, &total);
		t = now() - t0;
		printf("csvread %s: %s, %lld rows (%lld bad), %.1f MB, %zu field bytes: "
		    "%.2f s, %.0f rows/s, %.1f MB/s\n", argv[i], beat_csv_encoding(r),
		    rows, bad, bytes / 1e6, sum, t, rows / t, bytes / 1e6 / t);
		beat_csv_close(r);
	}
	beat_exit(0);
}
