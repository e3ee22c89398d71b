/* money.c: unit tests of yuan parsing and formatting in fen (TAP). */
#include <limits.h>
#include <string.h>

#include "beat.h"
#include "tap.h"

static void
parses(const char *s, long long want)
{
	long long fen = -7;
	int rc = beat_parse_money(s, &fen);

	ok(rc == 0 && fen == want, s);
	if (rc != 0 || fen != want)
		printf("#   rc %d, got %lld fen, want %lld\n", rc, fen, want);
}

static void
refuses(const char *s, const char *what)
{
	long long fen = -7;
	int rc = beat_parse_money(s, &fen);

	ok(rc == -1 && fen == -7, what);
	if (rc != -1 || fen != -7)
		printf("#   rc %d, got %lld fen\n", rc, fen);
}

static void
formats(long long fen, const char *want)
{
	char buf[32];

	beat_money_text(fen, buf);
	ok(strcmp(buf, want) == 0, want);
	if (strcmp(buf, want) != 0)
		printf("#   got \"%s\"\n", buf);
}

int
main(void)
{
	long long a = 0, b = 0;
	char buf[32];

	parses("12000", 1200000);
	parses("3500.5", 350050);
	parses("3500.50", 350050);
	parses("0.10", 10);
	parses("0.01", 1);
	parses("0", 0);
	parses("007", 700);
	parses("\xc2\xa5" "1200", 120000);		/* ¥1200 */
	parses("\xef\xbf\xa5" "1200", 120000);		/* ￥1200 */
	parses("1,200.00", 120000);
	parses("\xc2\xa5" "1,200", 120000);
	parses("12,345,678.9", 1234567890);
	parses("3500" "\xe5\x85\x83", 350000);		/* 3500元 */
	parses("\xef\xbf\xa5" "3,500.50" "\xe5\x85\x83", 350050);
	parses("10000000000000", 1000000000000000LL);	/* 10^15 fen exactly */

	refuses("", "empty refused");
	refuses(NULL, "NULL refused");
	refuses("\xc2\xa5", "a yen sign alone refused");
	refuses("\xe5\x85\x83", "a yuan sign alone refused");
	refuses("-5", "negative refused");
	refuses("+5", "a plus sign refused");
	refuses("1.234", "three decimals refused");
	refuses("1.230", "three decimals refused even when the last is 0");
	refuses("1.", "a bare decimal point refused");
	refuses(".5", "no whole yuan refused");
	refuses("12a", "junk after digits refused");
	refuses("abc", "letters refused");
	refuses("1 200", "an inner space refused");
	refuses(" 1200", "a leading space refused");
	refuses("1200 ", "a trailing space refused");
	refuses("1.2.3", "two decimal points refused");
	refuses("1e3", "exponent refused");
	refuses("1,20", "a short thousands group refused");
	refuses("1,2345", "a long thousands group refused");
	refuses("1234,567", "a long leading group refused");
	refuses(",123", "a leading comma refused");
	refuses("1,,234", "a double comma refused");
	refuses("1,234,", "a trailing comma refused");
	refuses("1200" "\xe5\x85\x83" "x", "junk after the yuan sign refused");
	refuses("10000000000000.01", "10^15 fen + 1 refused");
	refuses("10000000000001", "over 10^15 fen refused");
	refuses("99999999999999999999999999", "a huge number refused");
	refuses("18446744073709551621", "2^64 + 5 refused, not wrapped to 5");
	refuses("\xc2\xa5\xef\xbf\xa5" "5", "two yen signs refused");

	formats(350050, "3500.50");
	formats(30, "0.30");
	formats(5, "0.05");
	formats(0, "0.00");
	formats(1200000, "12000.00");
	formats(-105, "-1.05");
	formats(-5, "-0.05");
	formats(LLONG_MIN, "-92233720368547758.08");

	ok(beat_parse_money("0.10", &a) == 0 && beat_parse_money("0.20", &b) == 0 &&
	    strcmp(beat_money_text(a + b, buf), "0.30") == 0,
	    "0.10 + 0.20 is exactly 0.30");
	ok(beat_money_text(1, buf) == buf, "beat_money_text returns its buffer");

	return tap_done();
}
