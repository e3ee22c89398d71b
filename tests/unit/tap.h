/* tap.h: the TAP counting every unit test shares (included once, by the test). */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>
#include <string.h>

static int ntest, nfail;

static void
ok(int cond, const char *name)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++ntest, name);
	if (!cond)
		nfail++;
}

/* Two strings, either of which may be NULL, are the same. */
static inline void
is_str(const char *got, const char *want, const char *name)
{
	int same = got != NULL && want != NULL ? strcmp(got, want) == 0 : got == want;

	ok(same, name);
	if (!same)
		printf("#   got '%s'\n#   want '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
}

static inline void
is_num(long long got, long long want, const char *name)
{
	ok(got == want, name);
	if (got != want)
		printf("#   got %lld, want %lld\n", got, want);
}

/* Prints the plan (at the end, as TAP allows); the exit status of main. */
static int
tap_done(void)
{
	printf("1..%d\n", ntest);
	return nfail != 0;
}

#endif
