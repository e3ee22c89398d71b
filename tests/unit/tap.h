/* tap.h: the TAP counting every unit test shares (included once, by the test). */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>

static int ntest, nfail;

static void
ok(int cond, const char *name)
{
	printf("%sok %d - %s\n", cond ? "" : "not ", ++ntest, name);
	if (!cond)
		nfail++;
}

/* Prints the plan (at the end, as TAP allows); the exit status of main. */
static int
tap_done(void)
{
	printf("1..%d\n", ntest);
	return nfail != 0;
}

#endif
