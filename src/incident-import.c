/* incident-import: load 110 dispatch CSV exports into the incident records. */
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

/* A rejected row's cells as they were, to be mended and imported again. */
static void
csv_cell(const char *s)
{
	beat_csv_cell(rejects, s, 0);
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
reason(struct beat_csv *r, const struct beat_csv_rec *rec)
{
	const char *e = rec->error;
	char *front = beat_xasprintf("%s:%ld: ", beat_csv_name(r), rec->line);
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

/* Called by the reading thread after each batch of rows. */
static void
tick(struct beat_csv *r, int end, void *arg)
{
	progress(r, arg, end);
}

/* A regular file's checksum is known before its rows are read, so a
 * repeat costs no work; from a pipe it is known only at the end. */
static int
imported_early(const char *path, struct beat_import *seen)
{
	char sha[65];

	return beat_file_sha256(path, sha) == 0 &&
	    beat_import_seen(db, "incident", sha, seen);
}

static void
summary(const char *name, const struct counts *c)
{
	beat_warnx(_("%s: read %ld, added %ld, updated %ld, duplicates %ld, rejected %ld"),
	    name, c->read, c->added, c->updated, c->dups, c->rejected);
}

/* A file imported before is a duplicate as a whole: rows read, all duplicates. */
static void
skipped(const char *name, struct beat_import *seen, long rows)
{
	struct counts c = { rows, 0, 0, rows, 0 };
	char *prev = beat_xasprintf("%s (%s)", seen->name, seen->at);

	beat_warnx(_("%s: already imported as %s; nothing added"), name, prev);
	summary(name, &c);
	free(prev);
	beat_import_free(seen);
}

/* dry: the last file of a dry run, whose rows need not be written. */
static void
import(const char *path, int dry)
{
	struct beat_csv *r;
	struct beat_csv_ahead *a;
	const struct beat_csv_rec *rec;
	struct beat_incident inc;
	struct beat_incident_load *load;
	struct beat_incident_counts n;
	struct counts c = { 0 };
	struct beat_import seen;
	char why[512], at[20];
	int shown = -1;
	long long done, total;

	if (imported_early(path, &seen)) {
		skipped(path, &seen, (long)seen.rows);
		return;
	}
	r = beat_csv_open(path, encoding, beat_incident_cols);
	beat_csv_progress(r, &done, &total);
	if (rejects != NULL && ftell(rejects) == 0)
		reject_header(r);
	load = beat_incident_load_new(db);
	beat_db_savepoint(db, "file", BEAT_SP_SET);
	beat_time_text(beat_now(), at);
	file_id = beat_import_begin(db, "incident", beat_csv_name(r), at);
	/* The categories are read before the reader starts: from here on, no SQL. */
	beat_incident_category(db, "");
	a = beat_csv_ahead_start(r, BEAT_INC_NCOLS, rejects != NULL,
	    show_progress && total > 1024 * 1024 ? tick : NULL, &shown);
	while ((rec = beat_csv_ahead_next(a)) != NULL) {
		c.read++;
		if (rec->rc < 0) {
			if (!skip_bad)
				beat_errx(BEAT_EX_DATA, "%s", rec->error);
			bad(beat_csv_name(r), rec->line, reason(r, rec), NULL, 0, &c);
			continue;
		}
		if (beat_incident_parse(db, rec->col, &inc, why, sizeof why) == -1) {
			bad(beat_csv_name(r), rec->line, why, rec->field, rec->nfields, &c);
			continue;
		}
		beat_incident_load_add(load, &inc);
	}
	beat_csv_ahead_end(a);
	if (beat_import_seen(db, "incident", beat_csv_sha256(r), &seen)) {
		beat_db_savepoint(db, "file", BEAT_SP_UNDO);
		rejected -= c.rejected;
		skipped(beat_csv_name(r), &seen, c.read);
		beat_incident_load_free(load);
		beat_csv_close(r);
		return;
	}
	beat_import_end(db, file_id, beat_csv_sha256(r), c.read);
	beat_incident_load_store(load, file_id, dry, &n);
	beat_incident_load_free(load);
	c.added = n.added;
	c.updated = n.updated;
	c.dups = n.dups;
	beat_db_savepoint(db, "file", BEAT_SP_RELEASE);
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
