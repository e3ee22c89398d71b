/* money.c: yuan amounts as exact integer fen, parsed and printed without floats. */
#include <string.h>

#include "beat.h"

/* Ten trillion yuan: far beyond any claim, far below long long. */
#define FEN_MAX 1000000000000000LL
#define YUAN_MAX (FEN_MAX / 100)

#define YEN_HALF "\xc2\xa5"		/* ¥ U+00A5 */
#define YEN_FULL "\xef\xbf\xa5"		/* ￥ U+FFE5 */
#define YUAN_SIGN "\xe5\x85\x83"	/* 元 */

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static const char *
skip_prefix(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(s, prefix, n) == 0 ? s + n : s;
}

int
beat_parse_money(const char *s, long long *fen)
{
	const char *p;
	long long yuan = 0, cents = 0;
	int ndigits = 0, group = 0, grouped = 0;

	if (s == NULL)
		return -1;
	p = skip_prefix(s, YEN_HALF);
	if (p == s)
		p = skip_prefix(s, YEN_FULL);

	/* Whole yuan, with commas only where thousands separators belong. */
	for (;; p++) {
		if (isdig(*p)) {
			yuan = yuan * 10 + (*p - '0');
			if (yuan > YUAN_MAX)
				return -1;
			ndigits++;
			group++;
		} else if (*p == ',') {
			if (grouped ? group != 3 : group < 1 || group > 3)
				return -1;
			grouped = 1;
			group = 0;
		} else
			break;
	}
	if (ndigits == 0 || (grouped && group != 3))
		return -1;

	if (*p == '.') {
		p++;
		if (!isdig(p[0]))
			return -1;
		cents = (p[0] - '0') * 10;
		p++;
		if (isdig(p[0])) {
			cents += p[0] - '0';
			p++;
		}
	}
	/* Anything left, a third decimal too, is not money. */
	p = skip_prefix(p, YUAN_SIGN);
	if (*p != '\0')
		return -1;
	if (yuan * 100 + cents > FEN_MAX)
		return -1;
	*fen = yuan * 100 + cents;
	return 0;
}

char *
beat_money_text(long long fen, char *buf)
{
	unsigned long long u;

	/* Through unsigned, so even LLONG_MIN has a magnitude. */
	u = fen < 0 ? 0ULL - (unsigned long long)fen : (unsigned long long)fen;
	snprintf(buf, 32, "%s%llu.%02llu", fen < 0 ? "-" : "", u / 100, u % 100);
	return buf;
}
