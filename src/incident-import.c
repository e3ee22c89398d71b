/* incident-import: load 110 dispatch CSV exports into the incident records. */
#include <sys/stat.h>

#include <fcntl.h>
#include <nettle/sha2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "beat.h"

enum { OPT_ENCODING = 256, OPT_SKIP_BAD, OPT_REJECTS, OPT_DRY_RUN };

static const struct beat_opt opts[] = {
	{ "encoding", OPT_ENCODING, 1, "ENC", N_("read the files as utf-8, gbk or gb18030 (default: detect)") },
	{ "skip-bad", OPT_SKIP_BAD, 0, NULL, N_("import the good rows, skip the bad ones, exit 65 if any") },
	{ "rejects", OPT_REJECTS, 1, "FILE", N_("write the bad rows to FILE as CSV (implies --skip-bad)") },
	{ "dry-run", OPT_DRY_RUN, 0, NULL, N_("read and check everything but store nothing") },
	{ 0 }
};

static const struct beat_cli cli = {
	"[-q] [-f FMT] [-d FILE] [--encoding ENC] [--skip-bad] [--rejects FILE] [--dry-run] FILE...",
	N_("Load 110 dispatch exports (CSV, UTF-8 or GBK) into the incident records."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET,
};

struct counts {
	long read, added, updated, dups, rejected;
};

static const char *encoding, *rejects_path;
static int skip_bad, dry_run, show_progress;
static FILE *rejects;
static struct beat_atomic *rejects_file;
static struct beat_conn *db;
static long long file_id;
static long rejected;

static const char *
col(struct beat_stmt *st, int i)
{
	return beat_stmt_text(st, i);
}

static void
csv_cell(const char *s)
{
	if (s[strcspn(s, ",\"\r\n")] == '\0' && *s != ' ' &&
	    (*s == '\0' || s[strlen(s) - 1] != ' ')) {
		fputs(s, rejects);
		return;
	}
	putc('"', rejects);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', rejects);
		putc(*s, rejects);
	}
	putc('"', rejects);
}

static void
reject_header(struct beat_csv *r)
{
	size_t i;
	const char *s;

	fputs("file,line,reason", rejects);
	for (i = 0; i < beat_csv_nfields(r); i++) {
		s = beat_csv_field(r, i);
		if (i == 0 && strncmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3;
		putc(',', rejects);
		csv_cell(s);
	}
	fputs("\r\n", rejects);
}

/*
 * Without --skip-bad the first bad row ends the command and stores nothing.
 * all: the row's fields, nall of them, for the rejects file.
 */
static void
bad(const char *name, long lineno, const char *why, const char *const *all, size_t nall,
    struct counts *c)
{
	char line[32];
	size_t i;

	if (!skip_bad)
		beat_errx_at(BEAT_EX_DATA, name, lineno, "%s", why);
	c->rejected++;
	rejected++;
	if (rejects == NULL) {
		beat_warn_at(name, lineno, "%s", why);
		return;
	}
	snprintf(line, sizeof line, "%ld", lineno);
	csv_cell(name);
	putc(',', rejects);
	fputs(line, rejects);
	putc(',', rejects);
	csv_cell(why);
	for (i = 0; i < nall; i++) {
		putc(',', rejects);
		csv_cell(all[i]);
	}
	fputs("\r\n", rejects);
}

/* The reader's message without its "FILE:LINE: " front. */
static const char *
reason(struct beat_csv *r)
{
	const char *e = beat_csv_error(r);
	char *front = beat_xasprintf("%s:%ld: ", beat_csv_name(r), beat_csv_line(r));
	size_t n = strlen(front);

	if (strncmp(e, front, n) == 0)
		e += n;
	free(front);
	return e;
}

static void
progress(struct beat_csv *r, int *shown, int end)
{
	long long done, total;
	int pct;

	beat_csv_progress(r, &done, &total);
	if (end) {
		if (*shown >= 0)
			fprintf(stderr, "\r%*s\r", 60, "");
		return;
	}
	pct = (int)(done * 100 / total);
	if (pct == *shown)
		return;
	*shown = pct;
	fprintf(stderr, "\r%.30s [%-20.*s] %3d%%", beat_csv_name(r), pct / 5,
	    "####################", pct);
}

static void
savepoint(const char *sql)
{
	beat_exec(db, sql, "");
}

/*
 * Reading a file (its bytes, encoding, checksum and quoting) costs about
 * as much as checking and staging its rows: a thread reads while the
 * main thread checks, the rows handed over in batches, two in turn.
 * Only the main thread uses the database.  A row in a batch: its line,
 * beat_csv_next's result, then NUL-ended strings: for a bad one the
 * reader's message and its reason; for a good one each column (after a
 * byte saying whether the file has it), then, when rejects are written,
 * all its fields.
 */
#define BATCH_ROWS	2048

struct batch {
	char *buf;
	size_t len, cap;
	struct brow {
		long line;
		int rc;
		size_t at, nall;
	} rows[BATCH_ROWS];
	size_t n;
	int full, last;
};

struct reader {
	struct beat_csv *r;
	int bar;
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch b[2];
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

static void *
read_rows(void *arg)
{
	struct reader *rd = arg;
	struct beat_csv *r = rd->r;
	struct batch *b;
	struct brow *row;
	size_t i, k = 0;
	long read = 0;
	int rc, shown = -1;

	do {
		b = &rd->b[k];
		k ^= 1;
		pthread_mutex_lock(&rd->mu);
		while (b->full)
			pthread_cond_wait(&rd->cv, &rd->mu);
		pthread_mutex_unlock(&rd->mu);
		b->n = b->len = 0;
		while (b->n < BATCH_ROWS && (rc = beat_csv_next(r)) != 0) {
			if (rd->bar && (++read & 1023) == 0)
				progress(r, &shown, 0);
			row = &b->rows[b->n++];
			row->line = beat_csv_line(r);
			row->rc = rc;
			row->at = b->len;
			row->nall = 0;
			if (rc < 0) {
				put(b, beat_csv_error(r), 0);
				put(b, reason(r), 0);
				continue;
			}
			for (i = 0; i < BEAT_INC_NCOLS; i++)
				put(b, beat_csv_get(r, i), 1);
			if (rejects != NULL)
				for (; row->nall < beat_csv_nfields(r); row->nall++)
					put(b, beat_csv_field(r, row->nall), 0);
		}
		b->last = b->n < BATCH_ROWS;
		if (b->last && rd->bar)
			progress(r, &shown, 1);
		pthread_mutex_lock(&rd->mu);
		b->full = 1;
		pthread_cond_broadcast(&rd->cv);
		pthread_mutex_unlock(&rd->mu);
	} while (!b->last);
	return NULL;
}

static void
reader_start(struct reader *rd, struct beat_csv *r, int bar)
{
	int e;

	memset(rd, 0, sizeof *rd);
	rd->r = r;
	rd->bar = bar;
	pthread_mutex_init(&rd->mu, NULL);
	pthread_cond_init(&rd->cv, NULL);
	if ((e = pthread_create(&rd->tid, NULL, read_rows, rd)) != 0)
		beat_errx(BEAT_EX_SOFTWARE, "pthread_create: %s", strerror(e));
}

/* The next batch the reader filled, the one before given back; NULL after the last. */
static struct batch *
next_batch(struct reader *rd, struct batch *prev)
{
	struct batch *b = prev == NULL ? &rd->b[0] : prev == &rd->b[0] ? &rd->b[1] : &rd->b[0];

	if (prev != NULL && prev->last)
		return NULL;
	pthread_mutex_lock(&rd->mu);
	if (prev != NULL) {
		prev->full = 0;
		pthread_cond_broadcast(&rd->cv);
	}
	while (!b->full)
		pthread_cond_wait(&rd->cv, &rd->mu);
	pthread_mutex_unlock(&rd->mu);
	return b;
}

static void
reader_end(struct reader *rd)
{
	pthread_join(rd->tid, NULL);
	pthread_mutex_destroy(&rd->mu);
	pthread_cond_destroy(&rd->cv);
	free(rd->b[0].buf);
	free(rd->b[1].buf);
}

/* The next string of a row in a batch. */
static const char *
take(const char **p)
{
	const char *s = *p;

	*p += strlen(s) + 1;
	return s;
}

/* "NAME (AT)" of the import of a file with this checksum, or NULL. */
static char *
imported(const char *sha, long *rows)
{
	struct beat_stmt *st;
	char *prev = NULL;

	st = beat_prepare(db, "SELECT name || ' (' || at || ')', rows FROM import_file"
	    " WHERE kind = 'incident' AND sha256 = ?");
	beat_bind(st, "s", sha);
	if (beat_step(st)) {
		prev = beat_xstrdup(col(st, 0));
		*rows = (long)beat_stmt_int(st, 1);
	}
	beat_stmt_free(st);
	return prev;
}

/*
 * A regular file's checksum is known before reading its rows, so a
 * repeat costs no work; from a pipe it is known only at the end.
 */
static char *
imported_early(const char *path, long *rows)
{
	struct sha256_ctx ctx;
	unsigned char buf[65536], d[SHA256_DIGEST_SIZE];
	struct stat sb;
	char sha[65];
	ssize_t n;
	size_t i;
	int fd;

	if (strcmp(path, "-") == 0 || (fd = open(path, O_RDONLY)) == -1)
		return NULL;	/* the reader reports it */
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return NULL;
	}
	sha256_init(&ctx);
	while ((n = read(fd, buf, sizeof buf)) > 0)
		sha256_update(&ctx, (size_t)n, buf);
	close(fd);
	if (n < 0)
		return NULL;
	sha256_digest(&ctx, sizeof d, d);
	for (i = 0; i < sizeof d; i++)
		snprintf(sha + 2 * i, 3, "%02x", d[i]);
	return imported(sha, rows);
}

static void
summary(const char *name, const struct counts *c)
{
	beat_warnx(_("%s: read %ld, added %ld, updated %ld, duplicates %ld, rejected %ld"),
	    name, c->read, c->added, c->updated, c->dups, c->rejected);
}

/* A file imported before is a duplicate as a whole. */
static void
skipped(const char *name, char *prev, long rows)
{
	struct counts c = { rows, 0, 0, rows, 0 };

	beat_warnx(_("%s: already imported as %s; nothing added"), name, prev);
	summary(name, &c);
	free(prev);
}

/* dry: the last file of a dry run, whose rows need not be written. */
static void
import(const char *path, int dry)
{
	struct beat_csv *r;
	const char *f[BEAT_INC_NCOLS];
	struct beat_incident inc;
	struct beat_incident_load *load;
	struct beat_incident_counts n;
	struct counts c = { 0 };
	char why[512], at[20], *prev;
	const char **all = NULL, *p;
	struct reader rd;
	struct batch *b;
	struct brow *row;
	size_t j, k, nall = 0;
	int i, bar;
	long long done, total;
	long rows;

	if ((prev = imported_early(path, &rows)) != NULL) {
		skipped(path, prev, rows);
		return;
	}
	r = beat_csv_open(path, encoding, beat_incident_cols);
	beat_csv_progress(r, &done, &total);
	bar = show_progress && total > 1024 * 1024;
	if (rejects != NULL && ftell(rejects) == 0)
		reject_header(r);
	load = beat_incident_load_new(db);
	savepoint("SAVEPOINT file");
	beat_time_text(beat_now(), at);
	beat_exec(db, "INSERT INTO import_file (sha256, kind, name, at, rows)"
	    " VALUES ('', 'incident', ?, ?, 0)", "ss", beat_csv_name(r), at);
	file_id = beat_conn_last_id(db);
	/* The categories are read before the reader starts: from here on, no SQL. */
	beat_incident_category(db, "");
	reader_start(&rd, r, bar);
	for (b = next_batch(&rd, NULL); b != NULL; b = next_batch(&rd, b)) {
		for (j = 0; j < b->n; j++) {
			row = &b->rows[j];
			p = b->buf + row->at;
			c.read++;
			if (row->rc < 0) {
				if (!skip_bad)
					beat_errx(BEAT_EX_DATA, "%s", p);
				take(&p);
				bad(beat_csv_name(r), row->line, take(&p), NULL, 0, &c);
				continue;
			}
			for (i = 0; i < BEAT_INC_NCOLS; i++)
				f[i] = *p++ ? take(&p) : NULL;
			if (row->nall > nall) {
				nall = row->nall;
				all = beat_xrealloc(all, nall * sizeof *all);
			}
			for (k = 0; k < row->nall; k++)
				all[k] = take(&p);
			if (beat_incident_parse(db, f, &inc, why, sizeof why) == -1) {
				bad(beat_csv_name(r), row->line, why, all, row->nall, &c);
				continue;
			}
			beat_incident_load_add(load, &inc);
		}
	}
	reader_end(&rd);
	free(all);
	if ((prev = imported(beat_csv_sha256(r), &rows)) != NULL) {
		savepoint("ROLLBACK TO file");
		savepoint("RELEASE file");
		rejected -= c.rejected;
		skipped(beat_csv_name(r), prev, c.read);
		beat_incident_load_free(load);
		beat_csv_close(r);
		return;
	}
	beat_exec(db, "UPDATE import_file SET sha256 = ?, rows = ? WHERE id = ?",
	    "sll", beat_csv_sha256(r), (long long)c.read, file_id);
	beat_incident_load_store(load, file_id, dry, &n);
	beat_incident_load_free(load);
	c.added = n.added;
	c.updated = n.updated;
	c.dups = n.dups;
	savepoint("RELEASE file");
	/* Names, not dispatch numbers, so memory stays flat for a bureau's files. */
	if (c.added + c.updated > 0)
		beat_touch(path);
	summary(beat_csv_name(r), &c);
	beat_csv_close(r);
}

int
main(int argc, char **argv)
{
	int c;

	beat_init(argc, argv);
	beat_touch_column("file");
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_DRY_RUN:
			dry_run = 1;
			break;
		case OPT_ENCODING:
			encoding = optarg;
			break;
		case OPT_REJECTS:
			rejects_path = optarg;
			/* FALLTHROUGH */
		case OPT_SKIP_BAD:
			skip_bad = 1;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		beat_usage_error(_("no files given (use - for standard input)"));
	if (encoding != NULL && strcasecmp(encoding, "utf-8") != 0 &&
	    strcasecmp(encoding, "utf8") != 0 && strcasecmp(encoding, "gbk") != 0 &&
	    strcasecmp(encoding, "gb18030") != 0)
		beat_usage_error(_("unknown encoding '%s' (use utf-8, gbk or gb18030)"), encoding);

	db = beat_db_open(BEAT_DB_WRITE);
	/* A command that fails leaves the rejects file of the last run alone. */
	if (rejects_path != NULL) {
		rejects_file = beat_atomic_open(rejects_path);
		rejects = beat_atomic_fp(rejects_file);
	}
	show_progress = isatty(STDERR_FILENO);
	beat_db_begin(db);
	/* A dry run writes what later files compare with, not the last file's rows. */
	for (c = 0; c < argc; c++)
		import(argv[c], dry_run && c == argc - 1);
	/*
	 * The rejects are in place before the rows are stored: a run that
	 * stored them and lost the rejects could not be repeated, since the
	 * file counts as imported.
	 */
	if (rejects != NULL) {
		if (fflush(rejects) == EOF || ferror(rejects))
			beat_err(BEAT_EX_IO, "%s", rejects_path);
		beat_atomic_commit(rejects_file);
	}
	if (dry_run) {
		beat_db_rollback(db);
		beat_warnx(_("dry run: nothing stored"));
	} else {
		beat_db_commit(db);
	}
	beat_db_close(db);
	beat_exit(rejected > 0 ? BEAT_EX_DATA : BEAT_EX_OK);
}
