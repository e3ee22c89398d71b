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

/* With -f: the copy and its audit head, as --expect-head takes it. */
static void
print_copy(const char *path)
{
	static const char *const cols[] = { "backup", "head", NULL };
	struct beat_out *o;
	sqlite3 *db;
	char hash[65], *head;
	long long seq;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW,
	    NULL) != SQLITE_OK)
		beat_errx(BEAT_EX_IO, "%s: %s", path, sqlite3_errmsg(db));
	seq = beat_audit_head(db, hash);
	sqlite3_close(db);
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
 * those only the live database can cause.
 */
static void BEAT_NORETURN
copy_failed(sqlite3 *out, int rc, const char *dest)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		beat_db_fail(NULL, rc, dest);
	}
	if (rc == SQLITE_IOERR_READ || rc == SQLITE_IOERR_SHORT_READ)
		beat_db_fail(NULL, rc, dest);
	beat_errx(BEAT_EX_IO, _("%s: cannot write the copy: %s"), dest,
	    out != NULL ? sqlite3_errmsg(out) : sqlite3_errstr(rc));
}

/* The copy must read back as an intact beat database before it replaces DEST. */
static void
check_copy(const char *tmp, const char *path)
{
	sqlite3 *db;
	char *res;

	if (sqlite3_open_v2(tmp, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW,
	    NULL) != SQLITE_OK)
		beat_errx(BEAT_EX_IO, "%s: %s", path, sqlite3_errmsg(db));
	res = beat_query_text(db, "PRAGMA integrity_check", "");
	if (res == NULL || strcmp(res, "ok") != 0)
		beat_errx(BEAT_EX_IO, _("%s: the copy failed its integrity check: %s"),
		    path, res ? res : "?");
	if (beat_query_int(db, 0, "PRAGMA application_id", "") != BEAT_APP_ID)
		beat_errx(BEAT_EX_IO, _("%s: the copy is not a beat database"), path);
	free(res);
	sqlite3_close(db);
}

static void
backup(sqlite3 *src, struct beat_atomic *a, const char *dest)
{
	const char *tmp = beat_atomic_tmp(a);
	sqlite3_backup *b;
	sqlite3 *out;
	int rc;

	if (tmp == NULL)
		beat_errx(BEAT_EX_CANTCREAT, _("%s: not a regular file"), dest);
	/* The temporary is ours (O_EXCL): a link put in its place is not followed. */
	rc = sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW |
	    SQLITE_OPEN_EXRESCODE, NULL);
	if (rc != SQLITE_OK)
		copy_failed(out, rc, dest);
	/* One step copies every page under one read transaction: a snapshot. */
	if ((b = sqlite3_backup_init(out, "main", src, "main")) == NULL)
		copy_failed(out, sqlite3_extended_errcode(out), dest);
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		copy_failed(out, rc, dest);
	/* A backup is one self-contained file, without -wal and -shm. */
	if ((rc = sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL)) != SQLITE_OK)
		copy_failed(out, rc, dest);
	if ((rc = sqlite3_close(out)) != SQLITE_OK)
		copy_failed(out, rc, dest);
	check_copy(tmp, dest);
}

int
main(int argc, char **argv)
{
	struct beat_atomic *a;
	struct stat sb, db_sb;
	sqlite3 *db;
	int c, force = 0;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1)
		if (c == OPT_FORCE)
			force = 1;
	argc -= optind;
	argv += optind;
	if (argc != 1)
		beat_usage_error(_("give one DEST"));
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
