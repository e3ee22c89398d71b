/* atomic.c: output files that appear complete or not at all. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "beat.h"

struct beat_atomic {
	char *path;		/* the file replaced */
	char *tmp;		/* its temporary file, or NULL when written in place */
	FILE *fp;
	struct beat_atomic *next;
};

/* Temporary files not yet renamed, removed by any exit that abandons them. */
static struct beat_atomic *pending;
static int registered;

static void
remove_pending(void)
{
	struct beat_atomic *a;

	for (a = pending; a != NULL; a = a->next)
		if (a->tmp != NULL)
			unlink(a->tmp);
}

static char *
dir_of(const char *path)
{
	char *copy = beat_xstrdup(path), *dir;

	dir = beat_xstrdup(dirname(copy));
	free(copy);
	return dir;
}

/*
 * A device, a FIFO or a terminal is written in place: renaming over it
 * would replace the node itself (--output /dev/stdout).
 */
static int
in_place(struct beat_atomic *a)
{
	struct stat sb;

	if (stat(a->path, &sb) == -1 || S_ISREG(sb.st_mode))
		return 0;
	if ((a->fp = fopen(a->path, "w")) == NULL)
		beat_err(BEAT_EX_CANTCREAT, "%s", a->path);
	return 1;
}

struct beat_atomic *
beat_atomic_open(const char *path)
{
	struct beat_atomic *a = beat_xmalloc(sizeof(*a));
	char *copy, *dir, *target;
	struct stat sb;
	mode_t mask;
	int fd;

	a->tmp = NULL;
	/* A symbolic link stays; the file it points to is replaced. */
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) &&
	    (target = realpath(path, NULL)) != NULL)
		a->path = target;
	else
		a->path = beat_xstrdup(path);
	if (!in_place(a)) {
		copy = beat_xstrdup(a->path);
		dir = dir_of(a->path);
		a->tmp = beat_xasprintf("%s/.%s.XXXXXX", dir, basename(copy));
		free(copy);
		free(dir);
		if ((fd = mkstemp(a->tmp)) == -1)
			beat_err(BEAT_EX_CANTCREAT, "%s", path);
		/* mkstemp makes 0600; give it the mode open(2) would under the umask. */
		mask = umask(0);
		umask(mask);
		if (fchmod(fd, 0666 & ~mask) == -1 || (a->fp = fdopen(fd, "w")) == NULL) {
			int saved = errno;

			close(fd);
			unlink(a->tmp);
			errno = saved;
			beat_err(BEAT_EX_CANTCREAT, "%s", path);
		}
	}
	if (!registered++)
		atexit(remove_pending);
	a->next = pending;
	pending = a;
	return a;
}

FILE *
beat_atomic_fp(struct beat_atomic *a)
{
	return a->fp;
}

static void
release(struct beat_atomic *a)
{
	struct beat_atomic **pp;

	for (pp = &pending; *pp != NULL; pp = &(*pp)->next)
		if (*pp == a) {
			*pp = a->next;
			break;
		}
	free(a->path);
	free(a->tmp);
	free(a);
}

void
beat_atomic_abort(struct beat_atomic *a)
{
	if (a->fp != NULL)
		fclose(a->fp);
	if (a->tmp != NULL)
		unlink(a->tmp);
	release(a);
}

void
beat_atomic_commit(struct beat_atomic *a)
{
	char *dir, *path;
	int fd, saved;

	if (fflush(a->fp) == EOF || ferror(a->fp) ||
	    (a->tmp != NULL && fsync(fileno(a->fp)) == -1))
		goto fail;
	if (fclose(a->fp) == EOF) {
		a->fp = NULL;
		goto fail;
	}
	a->fp = NULL;
	if (a->tmp != NULL) {
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
