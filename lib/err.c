/* err.c: messages on stderr, checked exits and allocation that never fails. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

extern char *program_invocation_short_name;

static void BEAT_PRINTF(4, 0)
vmsg(const char *file, long line, int with_errno, const char *fmt, va_list ap)
{
	int saved = errno;

	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_short_name);
	if (file != NULL && line > 0)
		fprintf(stderr, "%s:%ld: ", file, line);
	else if (file != NULL)
		fprintf(stderr, "%s: ", file);
	vfprintf(stderr, fmt, ap);
	if (with_errno)
		fprintf(stderr, ": %s", strerror(saved));
	fputc('\n', stderr);
}

/* Fatal paths leave no half-written transaction behind. */
static void BEAT_NORETURN
die(int status)
{
	beat_db_rollback(NULL);
	exit(status);
}

void
beat_err(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, 1, fmt, ap);
	va_end(ap);
	die(status);
}

void
beat_errx(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, 0, fmt, ap);
	va_end(ap);
	die(status);
}

void
beat_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, 1, fmt, ap);
	va_end(ap);
}

void
beat_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
beat_warn_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(file, line, 0, fmt, ap);
	va_end(ap);
}

void
beat_errx_at(int status, const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(file, line, 0, fmt, ap);
	va_end(ap);
	die(status);
}

/*
 * A full disk or a closed pipe must not pass as success: stdout is
 * flushed and closed here, and a failure is reported as an I/O error.
 */
void
beat_exit(int status)
{
	if (fflush(stdout) == EOF || ferror(stdout) || fclose(stdout) == EOF) {
		if (errno == EPIPE)
			exit(status);
		beat_err(BEAT_EX_IO, _("write error on standard output"));
	}
	exit(status);
}

void *
beat_xmalloc(size_t n)
{
	void *p;

	if ((p = malloc(n ? n : 1)) == NULL)
		beat_err(BEAT_EX_SOFTWARE, "malloc");
	return p;
}

void *
beat_xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		beat_err(BEAT_EX_SOFTWARE, "realloc");
	return p;
}

char *
beat_xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		beat_err(BEAT_EX_SOFTWARE, "strdup");
	return p;
}

char *
beat_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&p, fmt, ap);
	va_end(ap);
	if (n < 0)
		beat_err(BEAT_EX_SOFTWARE, "vasprintf");
	return p;
}
