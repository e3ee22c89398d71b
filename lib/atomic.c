/* atomic.c: output files that appear complete or not at all, never through a link. */
#include <sys/random.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "beat.h"

/*
 * A temporary is ".NAME.beat-PID.XXXXXX" beside NAME: hidden, named for
 * its target and its writer, so a later run can tell its own litter
 * from anything else in a shared directory.
 */
#define TMP_TAG ".beat-"
/* Past this, a temporary is litter even if its pid was reused. */
#define STALE_SECONDS (24 * 60 * 60)

struct beat_atomic {
	char *path;		/* the file replaced */
	char *tmp;		/* its temporary file, or NULL when written in place */
	char *journal;		/* SQLite's companion of tmp (db-backup) */
	FILE *fp;
	struct beat_atomic *next;
};

/* Temporary files not yet renamed, removed by any exit that abandons them. */
static struct beat_atomic *pending;
static int registered;
static const int signals[] = { SIGHUP, SIGINT, SIGTERM };

static void
remove_pending(void)
{
	struct beat_atomic *a;

	for (a = pending; a != NULL; a = a->next)
		if (a->tmp != NULL) {
			unlink(a->tmp);
			unlink(a->journal);
		}
}

/*
 * Only unlink(2) and raise(3) here, both safe in a handler; the list is
 * changed with these signals blocked, so it is whole when we walk it.
 * The signal is raised again so the caller sees how we ended.
 */
static void
on_signal(int sig)
{
	remove_pending();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
block(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaddset(&set, signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void
catch_signals(void)
{
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaddset(&sa.sa_mask, signals[i]);
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		/* Under nohup(1) a hangup stays ignored. */
		if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(signals[i], &sa, NULL);
	}
	atexit(remove_pending);
}

static char *
dir_of(const char *path)
{
	char *copy = beat_xstrdup(path), *dir;

	dir = beat_xstrdup(dirname(copy));
	free(copy);
	return dir;
}

static char *
base_of(const char *path)
{
	char *copy = beat_xstrdup(path), *base;

	base = beat_xstrdup(basename(copy));
	free(copy);
	return base;
}

/*
 * Temporaries of this target left by a run that was killed (SIGKILL, a
 * crash, a power cut): those whose writer is gone, or untouched for a
 * day.  Only our own regular files; a link of that name is left alone.
 */
static void
clear_stale(const char *dir, const char *prefix)
{
	struct dirent *e;
	struct stat sb;
	size_t len = strlen(prefix);
	time_t now = time(NULL);
	char *end;
	long pid;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, len) != 0)
			continue;
		errno = 0;
		pid = strtol(e->d_name + len, &end, 10);
		if (end == e->d_name + len || *end != '.' || errno != 0 || pid <= 0)
			continue;
		if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == -1 ||
		    !S_ISREG(sb.st_mode) || sb.st_uid != geteuid() || pid == getpid())
			continue;
		if ((kill((pid_t)pid, 0) == -1 && errno == ESRCH) ||
		    now - sb.st_mtime > STALE_SECONDS)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
}

/* O_EXCL|O_NOFOLLOW: a name planted before us makes us pick another, never follow it. */
static int
make_tmp(struct beat_atomic *a, const char *prefix)
{
	static const char chars[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	unsigned char rnd[6];
	char *x;
	int fd, tries;
	size_t i;

	for (tries = 0; tries < 100; tries++) {
		if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
			for (i = 0; i < sizeof(rnd); i++)
				rnd[i] = (unsigned char)(rand() ^ getpid() ^ tries);
		free(a->tmp);
		a->tmp = beat_xasprintf("%s%ld.XXXXXX", prefix, (long)getpid());
		x = a->tmp + strlen(a->tmp) - sizeof(rnd);
		for (i = 0; i < sizeof(rnd); i++)
			x[i] = chars[rnd[i] % (sizeof(chars) - 1)];
		fd = open(a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd != -1 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/*
 * The replacement keeps the mode of the file it replaces (and its owner
 * when we may give it); a new file gets mode under the umask, as
 * open(2) would give it.
 */
static int
set_mode(int fd, const struct stat *old, mode_t mode)
{
	mode_t mask;

	if (old != NULL) {
		if (geteuid() == 0 && fchown(fd, old->st_uid, old->st_gid) == -1)
			return -1;
		return fchmod(fd, old->st_mode & 07777);
	}
	mask = umask(0);
	umask(mask);
	return fchmod(fd, mode & ~mask);
}

/*
 * A device, a FIFO or a terminal is written in place: renaming over it
 * would replace the node itself (--output /dev/null).  Opened without
 * following a link and checked again, so a file swapped in meanwhile is
 * replaced, not truncated.
 */
static int
in_place(struct beat_atomic *a, const struct stat *sb)
{
	struct stat now;
	int fd;

	if (S_ISDIR(sb->st_mode)) {
		errno = EISDIR;
		beat_err(BEAT_EX_CANTCREAT, "%s", a->path);
	}
	if (S_ISREG(sb->st_mode))
		return 0;
	if ((fd = open(a->path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		beat_err(BEAT_EX_CANTCREAT, "%s", a->path);
	if (fstat(fd, &now) == -1 || S_ISREG(now.st_mode)) {
		close(fd);
		return 0;
	}
	if ((a->fp = fdopen(fd, "w")) == NULL)
		beat_err(BEAT_EX_CANTCREAT, "%s", a->path);
	return 1;
}

/*
 * A link is followed only to our own standard output or error
 * (--output /dev/stdout): those we were given to write to.
 */
static int
own_stream(struct beat_atomic *a)
{
	struct stat sb, fsb;
	int fd, copy;

	if (stat(a->path, &sb) == -1)
		return 0;
	for (fd = STDOUT_FILENO; fd <= STDERR_FILENO; fd++) {
		if (fstat(fd, &fsb) == -1 || fsb.st_dev != sb.st_dev ||
		    fsb.st_ino != sb.st_ino)
			continue;
		fflush(fd == STDOUT_FILENO ? stdout : stderr);
		if ((copy = dup(fd)) == -1 || (a->fp = fdopen(copy, "w")) == NULL)
			beat_err(BEAT_EX_CANTCREAT, "%s", a->path);
		return 1;
	}
	return 0;
}

struct beat_atomic *
beat_atomic_create(const char *path, mode_t mode)
{
	struct beat_atomic *a = beat_xmalloc(sizeof(*a));
	char *dir, *base, *prefix;
	struct stat sb, *old = NULL;
	sigset_t saved;
	int fd, e;

	a->path = beat_xstrdup(path);
	a->tmp = a->journal = NULL;
	a->fp = NULL;
	if (lstat(path, &sb) == 0) {
		/* Renaming over a link's target let a planted link choose the file. */
		if (S_ISLNK(sb.st_mode)) {
			if (own_stream(a))
				goto done;
			beat_errx(BEAT_EX_CANTCREAT,
			    _("%s: is a symbolic link; beat does not write through links"), path);
		}
		if (in_place(a, &sb))
			goto done;
		if (S_ISREG(sb.st_mode))
			old = &sb;
	}
	dir = dir_of(path);
	base = base_of(path);
	prefix = beat_xasprintf("%s/.%s" TMP_TAG, dir, base);
	clear_stale(dir, strrchr(prefix, '/') + 1);
	if (!registered++)
		catch_signals();
	block(&saved);
	fd = make_tmp(a, prefix);
	free(prefix);
	free(base);
	free(dir);
	if (fd == -1 || set_mode(fd, old, mode) == -1 ||
	    (a->fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		if (fd != -1) {
			close(fd);
			unlink(a->tmp);
		}
		sigprocmask(SIG_SETMASK, &saved, NULL);
		errno = e;
		beat_err(BEAT_EX_CANTCREAT, "%s", path);
	}
	a->journal = beat_xasprintf("%s-journal", a->tmp);
	a->next = pending;
	pending = a;
	sigprocmask(SIG_SETMASK, &saved, NULL);
	return a;
done:
	block(&saved);
	a->next = pending;
	pending = a;
	sigprocmask(SIG_SETMASK, &saved, NULL);
	return a;
}

struct beat_atomic *
beat_atomic_open(const char *path)
{
	return beat_atomic_create(path, 0666);
}

FILE *
beat_atomic_fp(struct beat_atomic *a)
{
	return a->fp;
}

const char *
beat_atomic_tmp(struct beat_atomic *a)
{
	return a->tmp;
}

static void
release(struct beat_atomic *a)
{
	struct beat_atomic **pp;
	sigset_t saved;

	block(&saved);
	for (pp = &pending; *pp != NULL; pp = &(*pp)->next)
		if (*pp == a) {
			*pp = a->next;
			break;
		}
	sigprocmask(SIG_SETMASK, &saved, NULL);
	free(a->path);
	free(a->tmp);
	free(a->journal);
	free(a);
}

void
beat_atomic_abort(struct beat_atomic *a)
{
	if (a->fp != NULL)
		fclose(a->fp);
	if (a->tmp != NULL) {
		unlink(a->tmp);
		unlink(a->journal);
	}
	release(a);
}

void
beat_atomic_commit(struct beat_atomic *a)
{
	char *dir, *path;
	int fd, saved;

	errno = 0;
	if (fflush(a->fp) == EOF || ferror(a->fp) ||
	    (a->tmp != NULL && fsync(fileno(a->fp)) == -1))
		goto fail;
	if (fclose(a->fp) == EOF) {
		a->fp = NULL;
		goto fail;
	}
	a->fp = NULL;
	if (a->tmp != NULL) {
		/* rename(2) replaces a link planted since, never its target. */
		if (rename(a->tmp, a->path) == -1)
			goto fail;
		/* The rename itself survives a crash once the directory is synced. */
		dir = dir_of(a->path);
		if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) != -1) {
			fsync(fd);
			close(fd);
		}
		free(dir);
	}
	release(a);
	return;
fail:
	saved = errno ? errno : EIO;
	path = beat_xstrdup(a->path);
	beat_atomic_abort(a);
	errno = saved;
	beat_err(BEAT_EX_IO, "%s", path);
}
