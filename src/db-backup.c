/* db-backup: a consistent copy of the live database, checked before it is kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "beat.h"

enum { OPT_FORCE = 256 };

static const struct beat_opt opts[] = {
	{ "force", OPT_FORCE, 0, NULL, N_("replace DEST if it exists") },
	{ 0 }
};

static const struct beat_cli cli = {
	"[-d FILE] [--force] [-f FMT] DEST",
	N_("Copy the database to DEST while it is in use, and check the copy."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT,
};

/* A SQLite file of the copy's, opened as flags say. */
static struct beat_conn *
open_copy(const char *path, int flags)
{
	struct beat_conn *db = beat_conn_open(path, flags);

	if (db == NULL || beat_conn_error(db) != BEAT_DBERR_OK)
		beat_errx(BEAT_EX_IO, "%s: %s", path, db ? beat_conn_errmsg(db) : "");
	return db;
}

/* With -f: the copy and its audit head, as --expect-head takes it. */
static void
print_copy(const char *path)
{
	static const char *const cols[] = { "backup", "head", NULL };
	struct beat_out *o;
	struct beat_conn *db;
	char hash[65], *head;
	long long seq;

	db = open_copy(path, BEAT_CONN_READ);
	seq = beat_audit_head(db, hash);
	beat_conn_close(db);
	head = beat_xasprintf("%lld:%s", seq, hash);
	o = beat_out_new(stdout, cols);
	beat_out_str(o, path);
	beat_out_str(o, head);
	beat_out_end_row(o);
	beat_out_finish(o);
	free(head);
}

/*
 * Errors of the copy are the target's (a full backup disk), but for
 * those only the live database can cause, which the driver puts on src.
 */
static void BEAT_NORETURN
copy_failed(struct beat_conn *src, struct beat_conn *out, const char *dest)
{
	if (src != NULL && beat_conn_error(src) != BEAT_DBERR_OK)
		beat_db_fail(src, dest);
	beat_errx(BEAT_EX_IO, _("%s: cannot write the copy: %s"), dest,
	    beat_conn_errmsg(out));
}

static void
first_problem(const char *problem, void *arg)
{
	char **first = arg;

	if (*first == NULL)
		*first = beat_xstrdup(problem);
}

/* The copy must read back as an intact beat database before it replaces DEST. */
static void
check_copy(const char *tmp, const char *path)
{
	struct beat_conn *db = open_copy(tmp, BEAT_CONN_READ);
	char *problem = NULL;
	long long app, ver;

	if (beat_schema_check(db, 0, first_problem, &problem) > 0)
		beat_errx(BEAT_EX_IO, _("%s: the copy failed its integrity check: %s"),
		    path, problem);
	beat_schema_identity(db, &app, &ver);
	if (app != BEAT_APP_ID)
		beat_errx(BEAT_EX_IO, _("%s: the copy is not a beat database"), path);
	beat_conn_close(db);
}

static void
backup(struct beat_conn *src, struct beat_atomic *a, const char *dest)
{
	const char *tmp = beat_atomic_tmp(a);
	struct beat_conn *out;

	if (tmp == NULL)
		beat_errx(BEAT_EX_CANTCREAT, _("%s: not a regular file"), dest);
	/* The temporary is ours (O_EXCL): a link put in its place is not followed. */
	out = open_copy(tmp, BEAT_CONN_WRITE);
	/* One step copies every page under one read transaction: a snapshot. */
	if (beat_conn_backup(src, out) == -1)
		copy_failed(src, out, dest);
	/* A backup is one self-contained file, without -wal and -shm. */
	if (beat_schema_self_contained(out) == -1)
		copy_failed(NULL, out, dest);
	beat_conn_close(out);
	check_copy(tmp, dest);
}

int
main(int argc, char **argv)
{
	struct beat_atomic *a;
	struct stat sb, db_sb;
	struct beat_conn *db;
	int c, force = 0;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1)
		if (c == OPT_FORCE)
			force = 1;
	argc -= optind;
	argv += optind;
	if (argc != 1)
		beat_usage_error(_("give one DEST"));
	if (beat_address_pg(beat_db_path()))
		beat_errx(BEAT_EX_USAGE,
		    _("db-backup copies a SQLite database; back up PostgreSQL with pg_dump"));
	/* A link is refused as such, with or without --force, by the atomic open. */
	if (lstat(argv[0], &sb) == 0 && !S_ISLNK(sb.st_mode)) {
		if (!force)
			beat_errx(BEAT_EX_CANTCREAT,
			    _("%s: already exists; use --force to replace it"), argv[0]);
		/* --force must never put a copy in place of the live database. */
		if (stat(beat_db_path(), &db_sb) == 0 && db_sb.st_dev == sb.st_dev &&
		    db_sb.st_ino == sb.st_ino)
			beat_errx(BEAT_EX_USAGE, _("%s: is the database itself"), argv[0]);
	}
	/* DEST is settled first: a link or an unwritable directory fails at once. */
	a = beat_atomic_create(argv[0], 0600);
	db = beat_db_open(BEAT_DB_READ);
	backup(db, a, argv[0]);
	beat_db_close(db);
	beat_atomic_commit(a);
	beat_audit_record_head(argv[0]);
	if (beat_opt.format_set)
		print_copy(argv[0]);
	beat_exit(BEAT_EX_OK);
}
