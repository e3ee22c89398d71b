/* db-backup: a consistent copy of the live database, checked before it is kept. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "beat.h"

enum { OPT_FORCE = 256 };

static const struct beat_opt opts[] = {
	{ "force", OPT_FORCE, 0, NULL, N_("replace DEST if it exists") },
	{ 0 }
};

static const struct beat_cli cli = {
	"[-d FILE] [--force] DEST",
	N_("Copy the database to DEST while it is in use, and check the copy."),
	opts, BEAT_CLI_DB,
};

static char *tmp;	/* removed on every failure after it exists */

static void
cleanup(void)
{
	if (tmp != NULL)
		unlink(tmp);
}

static void
sync_path(const char *path, int flags)
{
	int fd;

	if ((fd = open(path, flags)) == -1 || fsync(fd) == -1)
		beat_err(BEAT_EX_IO, "%s", path);
	close(fd);
}

/* The copy must read back as an intact beat database before it replaces DEST. */
static void
check_copy(const char *path)
{
	sqlite3 *db;
	char *res;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
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
backup(sqlite3 *src, const char *dest)
{
	sqlite3_backup *b;
	sqlite3 *out;
	int rc, fd;

	tmp = beat_xasprintf("%s.XXXXXX", dest);
	if ((fd = mkstemp(tmp)) == -1) {
		free(tmp);
		tmp = NULL;
		beat_err(BEAT_EX_CANTCREAT, "%s", dest);
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		beat_errx(BEAT_EX_CANTCREAT, "%s: %s", tmp, sqlite3_errmsg(out));
	/* One step copies every page under one read transaction: a snapshot. */
	if ((b = sqlite3_backup_init(out, "main", src, "main")) == NULL)
		beat_db_fail(out, sqlite3_errcode(out), dest);
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		beat_db_fail(out, rc, dest);
	/* A backup is one self-contained file, without -wal and -shm. */
	if ((rc = sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL)) != SQLITE_OK)
		beat_db_fail(out, rc, dest);
	if (sqlite3_close(out) != SQLITE_OK)
		beat_errx(BEAT_EX_IO, "%s: %s", tmp, sqlite3_errmsg(out));
	check_copy(tmp);
	sync_path(tmp, O_RDONLY);
	if (rename(tmp, dest) == -1)
		beat_err(BEAT_EX_CANTCREAT, "%s", dest);
	free(tmp);
	tmp = NULL;
}

int
main(int argc, char **argv)
{
	struct stat sb;
	sqlite3 *db;
	char *dir;
	int c, force = 0;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1)
		if (c == OPT_FORCE)
			force = 1;
	argc -= optind;
	argv += optind;
	if (argc != 1)
		beat_usage_error(_("give one DEST"));
	if (lstat(argv[0], &sb) == 0) {
		struct stat db_sb;

		if (!force)
			beat_errx(BEAT_EX_CANTCREAT,
			    _("%s: already exists; use --force to replace it"), argv[0]);
		/* --force must never put a copy in place of the live database. */
		if (stat(beat_db_path(), &db_sb) == 0 && db_sb.st_dev == sb.st_dev &&
		    db_sb.st_ino == sb.st_ino)
			beat_errx(BEAT_EX_USAGE, _("%s: is the database itself"), argv[0]);
	}
	atexit(cleanup);
	db = beat_db_open(BEAT_DB_READ);
	backup(db, argv[0]);
	beat_db_close(db);
	dir = beat_xstrdup(argv[0]);
	sync_path(dirname(dir), O_RDONLY | O_DIRECTORY);
	free(dir);
	beat_audit_record_head(argv[0]);
	beat_exit(BEAT_EX_OK);
}
