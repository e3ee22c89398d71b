/* err.c: messages on stderr, checked exits and allocation that never fails. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

extern char *program_invocation_short_name;

/*
 * Messages quote what they were given: a name from a CSV file, an
 * option's value.  What reaches the terminal is masked of ID-card and
 * phone numbers (a wrong check digit is no reason to print the whole
 * number) and has its control characters escaped as table output does,
 * so a record cannot drive the terminal through an error either.
 */
static void BEAT_PRINTF(4, 0)
vmsg(const char *file, long line, int with_errno, const char *fmt, va_list ap)
{
	int saved = errno;
	char *text, *where, *all, *masked, *safe;

	fflush(stdout);
	if (vasprintf(&text, fmt, ap) < 0) {
		fprintf(stderr, "%s: %s\n", program_invocation_short_name, fmt);
		return;
	}
	if (file != NULL && line > 0)
		where = beat_xasprintf("%s:%ld: ", file, line);
	else if (file != NULL)
		where = beat_xasprintf("%s: ", file);
	else
		where = beat_xstrdup("");
	all = beat_xasprintf("%s%s%s%s", where, text, with_errno ? ": " : "",
	    with_errno ? strerror(saved) : "");
	masked = beat_mask_text(all);
	safe = beat_sanitize(masked);
	fprintf(stderr, "%s: %s\n", program_invocation_short_name, safe);
	free(safe);
	free(masked);
	free(all);
	free(where);
	free(text);
}

void
beat_vwarnx(const char *fmt, va_list ap)
{
	vmsg(NULL, 0, 0, fmt, ap);
}

/*
 * Names and codes (a village, a badge, a checkpoint, a camera's code)
 * are printed in lists, pasted into reports and given back on command
 * lines: a control character in one is refused where it comes in.
 */
void
beat_plain_text(const char *file, long line, const char *what, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char bad[8];

	if (s == NULL)
		return;
	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			snprintf(bad, sizeof(bad), "\\x%02x", *p);
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
			snprintf(bad, sizeof(bad), "\\u%04x", p[1]);
		else
			continue;
		beat_errx_at(BEAT_EX_DATA, file, line,
		    _("%s '%s' has a control character (%s)"), what, s, bad);
	}
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
