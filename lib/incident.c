/* incident.c: dispatch rows read into incidents, repeat-call links, Poisson z. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "beat.h"

#define REPEAT_WINDOW	(2 * 3600)	/* SPEC 1.5: a repeat within two hours */

const struct beat_csv_col beat_incident_cols[] = {
	{ "dispatch_no|警情编号|接警编号|警情号|事件编号|警情单号|接警单编号|编号", 1 },
	{ "received_at|接警时间|报警时间|受理时间|接警日期|报警日期|时间", 1 },
	{ "category|警情类别|警情类型|类别|警情分类|案件类别|类型", 1 },
	{ "valid|是否有效|有效警情|有效性|是否有效警情", 0 },
	{ "village|所属村社|村社|所属社区|村（社区）|村(社区)|所属村|村社区|社区|村", 0 },
	{ "address|发生地点|地址|事发地址|发生地址|事发地点|案发地点|地点", 0 },
	{ "summary|简要案情|警情内容|报警内容|案情|简要警情|警情摘要", 0 },
	{ "officer|处警民警|处警人|民警|处警人员|出警民警", 0 },
	{ "related|关联警情|关联警情编号|重复警情|关联编号|原警情编号", 0 },
	{ "invalid_reason|无效原因|备注|无效警情原因", 0 },
	{ 0 }
};

/*
 * Names dispatch systems use for the categories besides our codes and
 * the labels of incident_category.  Labels followed by 案件, 警情, 事件
 * or 类 need no entry: the suffix is dropped before matching.
 */
static const struct {
	const char *name, *code;
} aliases[] = {
	{ "刑事犯罪", "criminal" },
	{ "治安事件", "public_order" },
	{ "矛盾纠纷", "dispute" },
	{ "民间纠纷", "dispute" },
	{ "民事纠纷", "dispute" },
	{ "交通事故", "traffic" },
	{ "道路交通事故", "traffic" },
	{ "交通违法", "traffic" },
	{ "火警", "fire" },
	{ "火灾事故", "fire" },
	{ "消防", "fire" },
	{ "消防救援", "fire" },
	{ "群众求助", "help" },
	{ "求救", "help" },
	{ "救助", "help" },
	{ "举报线索", "tip" },
	{ "线索", "tip" },
	{ "其它", "other" },
};

static const char *suffixes[] = { "案件", "警情", "事件", "类" };

static const struct {
	const char *text;
	int valid;
} validity[] = {
	{ "1", 1 }, { "0", 0 },
	{ "是", 1 }, { "否", 0 },
	{ "有效", 1 }, { "无效", 0 },
	{ "有效警情", 1 }, { "无效警情", 0 },
	{ "true", 1 }, { "false", 0 },
	{ "y", 1 }, { "n", 0 },
	{ "yes", 1 }, { "no", 0 },
};

/* The category table, read once: every row of an import asks for it. */
static struct {
	sqlite3 *db;
	size_t n;
	char **code, **label;
} cats;

static void
load_categories(sqlite3 *db)
{
	sqlite3_stmt *st;
	size_t cap = 0;

	if (cats.db == db)
		return;
	while (cats.n > 0) {
		cats.n--;
		free(cats.code[cats.n]);
		free(cats.label[cats.n]);
	}
	st = beat_prepare(db, "SELECT code, label FROM incident_category ORDER BY code");
	while (beat_step(st)) {
		if (cats.n == cap) {
			cap = cap ? 2 * cap : 16;
			cats.code = beat_xrealloc(cats.code, cap * sizeof *cats.code);
			cats.label = beat_xrealloc(cats.label, cap * sizeof *cats.label);
		}
		cats.code[cats.n] = beat_xstrdup((const char *)sqlite3_column_text(st, 0));
		cats.label[cats.n++] = beat_xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	cats.db = db;
}

static const char *
known_code(const char *code)
{
	size_t i;

	for (i = 0; i < cats.n; i++)
		if (strcmp(cats.code[i], code) == 0)
			return cats.code[i];
	return NULL;
}

/* A code as typed by people: "Public-Order", "public order". */
static const char *
match_code(const char *s)
{
	char buf[64];
	size_t i;

	for (i = 0; s[i] != '\0' && i < sizeof buf - 1; i++)
		buf[i] = s[i] == '-' || s[i] == ' ' ? '_' : tolower((unsigned char)s[i]);
	if (s[i] != '\0')
		return NULL;
	buf[i] = '\0';
	return known_code(buf);
}

static const char *
match_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < cats.n; i++)
		if (strlen(cats.label[i]) == n && memcmp(cats.label[i], s, n) == 0)
			return cats.code[i];
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strlen(aliases[i].name) == n && memcmp(aliases[i].name, s, n) == 0)
			return known_code(aliases[i].code);
	return NULL;
}

const char *
beat_incident_category(sqlite3 *db, const char *text)
{
	const char *code;
	size_t n, k, i;

	load_categories(db);
	if ((code = match_code(text)) != NULL)
		return code;
	n = strlen(text);
	if ((code = match_name(text, n)) != NULL)
		return code;
	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		k = strlen(suffixes[i]);
		if (n > k && strcmp(text + n - k, suffixes[i]) == 0 &&
		    (code = match_name(text, n - k)) != NULL)
			return code;
	}
	return NULL;
}

int
beat_incident_validity(const char *text)
{
	size_t i;

	for (i = 0; i < sizeof validity / sizeof validity[0]; i++)
		if (strcasecmp(text, validity[i].text) == 0)
			return validity[i].valid;
	return -1;
}

static const char *
opt(const char *s)
{
	return s == NULL || *s == '\0' ? NULL : s;
}

int
beat_incident_parse(sqlite3 *db, const char *const *f, struct beat_incident *inc,
    char *why, size_t whylen)
{
	const char *s;

	memset(inc, 0, sizeof *inc);
	if ((inc->dispatch_no = opt(f[BEAT_INC_NO])) == NULL) {
		snprintf(why, whylen, "%s", _("no dispatch number"));
		return -1;
	}
	/*
	 * "now" or a bare date would parse, but an export always has the
	 * moment of the call, and a lost time of day skews counts by hour.
	 */
	s = f[BEAT_INC_AT] != NULL ? f[BEAT_INC_AT] : "";
	if (!isdigit((unsigned char)*s) || strchr(s, ':') == NULL ||
	    beat_parse_time(s, inc->received_at) == -1) {
		snprintf(why, whylen, _("bad time '%s' (expected YYYY-MM-DD HH:MM[:SS])"), s);
		return -1;
	}
	s = f[BEAT_INC_CATEGORY] != NULL ? f[BEAT_INC_CATEGORY] : "";
	if ((inc->category = beat_incident_category(db, s)) == NULL) {
		snprintf(why, whylen, _("unknown category '%s'"), s);
		return -1;
	}
	inc->valid = 1;
	if ((s = f[BEAT_INC_VALID]) != NULL &&
	    (inc->valid = beat_incident_validity(s)) == -1) {
		snprintf(why, whylen, _("validity '%s' is not one of 1/0, 是/否, 有效/无效, true/false, Y/N"), s);
		return -1;
	}
	inc->village = opt(f[BEAT_INC_VILLAGE]);
	inc->address = opt(f[BEAT_INC_ADDRESS]);
	inc->summary = opt(f[BEAT_INC_SUMMARY]);
	inc->officer = opt(f[BEAT_INC_OFFICER]);
	inc->invalid_reason = opt(f[BEAT_INC_REASON]);
	inc->related_no = opt(f[BEAT_INC_RELATED]);
	/* Some exports fill the column with the call's own number. */
	if (inc->related_no != NULL && strcmp(inc->related_no, inc->dispatch_no) == 0)
		inc->related_no = NULL;
	return 0;
}

long
beat_incident_link(sqlite3 *db, const char *from, const char *to)
{
	sqlite3_stmt *cand, *first, *set;
	long long *pair = NULL, self;
	size_t n = 0, cap = 0, i;
	char until[20], since[20];
	const char *at;
	long long t;
	long links;

	/*
	 * The first call must come before the repeat (received_at, then id),
	 * so links can never form a cycle.
	 */
	links = beat_exec(db,
	    "UPDATE incident SET duplicate_of = ("
	    "  SELECT f.id FROM incident f WHERE f.dispatch_no = incident.related_no)"
	    " WHERE related_no IS NOT NULL AND duplicate_of IS NULL"
	    " AND EXISTS (SELECT 1 FROM incident f WHERE f.dispatch_no = incident.related_no"
	    "  AND (f.received_at < incident.received_at"
	    "   OR (f.received_at = incident.received_at AND f.id < incident.id)))", "");

	if (beat_text_time(to, &t) == -1)
		beat_errx(BEAT_EX_SOFTWARE, "beat_incident_link: bad time '%s'", to);
	beat_time_text(t + REPEAT_WINDOW, until);
	cand = beat_prepare(db,
	    "SELECT id, village, received_at FROM incident"
	    " WHERE received_at >= ? AND received_at <= ? AND valid = 0"
	    " AND duplicate_of IS NULL AND related_no IS NULL AND village IS NOT NULL"
	    " AND (invalid_reason LIKE '%重复报警%' OR summary LIKE '%重复报警%')"
	    " ORDER BY received_at, id");
	first = beat_prepare(db,
	    "SELECT coalesce(duplicate_of, id) FROM incident"
	    " WHERE village = ? AND valid = 1 AND received_at >= ? AND received_at <= ?"
	    " ORDER BY received_at DESC, id");
	beat_bind(cand, "ss", from, until);
	/* Found first, linked after: the scan is not disturbed by its own updates. */
	while (beat_step(cand)) {
		self = sqlite3_column_int64(cand, 0);
		at = (const char *)sqlite3_column_text(cand, 2);
		if (beat_text_time(at, &t) == -1)
			beat_errx(BEAT_EX_DATA, _("bad time in the database: '%s'"), at);
		beat_time_text(t - REPEAT_WINDOW, since);
		beat_bind(first, "sss", (const char *)sqlite3_column_text(cand, 1), since, at);
		if (!beat_step(first))
			continue;
		if (n + 2 > cap) {
			cap = cap ? 2 * cap : 64;
			pair = beat_xrealloc(pair, cap * sizeof *pair);
		}
		pair[n++] = self;
		pair[n++] = sqlite3_column_int64(first, 0);
	}
	sqlite3_finalize(cand);
	sqlite3_finalize(first);
	set = beat_prepare(db, "UPDATE incident SET duplicate_of = ? WHERE id = ?");
	for (i = 0; i < n; i += 2) {
		beat_bind(set, "ll", pair[i + 1], pair[i]);
		beat_step(set);
		links++;
	}
	sqlite3_finalize(set);
	free(pair);
	return links;
}

long
beat_incident_count(sqlite3 *db, const char *from, const char *to, int all)
{
	/*
	 * Repeats linked to their first call count with it (SPEC 1.5): c of
	 * the tally (share/sql/003-tally.sql).  A day holds the times that
	 * begin with it, so from and to must be days.
	 */
	if (strlen(from) != 10 || strlen(to) != 10)
		beat_errx(BEAT_EX_SOFTWARE, "beat_incident_count: '%s', '%s' are not days",
		    from, to);
	return (long)beat_query_int(db, 0, all ?
	    "SELECT sum(n) FROM incident_tally_day WHERE day >= ? AND day < ?" :
	    "SELECT sum(c) FROM incident_tally_day WHERE day >= ? AND day < ?",
	    "ss", from, to);
}

/*
 * The tallies' triggers cost a bulk load its most (three upserts a row,
 * in random order when the file is shuffled): a loader may pause them
 * for its own connection and recount the months it touched before it
 * commits, in the same transaction.
 */
void
beat_tally_pause(sqlite3 *db, int paused)
{
	int rc;

	if ((rc = sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, !paused, NULL)) != SQLITE_OK)
		beat_db_fail(db, rc, "SQLITE_DBCONFIG_ENABLE_TRIGGER");
}

void
beat_tally_recount(sqlite3 *db, const char *from, const char *to)
{
	char a[8], b[8], lo[11], hi[11];
	int y, m;

	/* The tallies by month hold whole months: from the first of from's. */
	snprintf(a, sizeof a, "%.7s", from);
	snprintf(b, sizeof b, "%.7s", to);
	if (beat_parse_month(a, &y, &m) == -1 || beat_parse_month(b, &y, &m) == -1)
		beat_errx(BEAT_EX_SOFTWARE, "beat_tally_recount: bad times '%s', '%s'", from, to);
	beat_day_text(beat_add_months(beat_day(y, m, 1), 1), hi);
	snprintf(lo, sizeof lo, "%s-01", a);
	/* All time by place: the months' old counts out, their new ones in. */
	beat_exec(db, "INSERT INTO incident_tally_place"
	    " SELECT village, novillage, hour, category, -sum(n), -sum(c) FROM incident_tally"
	    " WHERE month >= ? AND month <= ? GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
	    " ON CONFLICT DO UPDATE SET n = n + excluded.n, c = c + excluded.c", "ss", a, b);
	beat_exec(db, "DELETE FROM incident_tally_day WHERE day >= ? AND day < ?", "ss", lo, hi);
	beat_exec(db, "DELETE FROM incident_tally_hour WHERE month >= ? AND month <= ?", "ss", a, b);
	beat_exec(db, "DELETE FROM incident_tally WHERE month >= ? AND month <= ?", "ss", a, b);
	beat_exec(db, "INSERT INTO incident_tally_day"
	    " SELECT substr(received_at, 1, 10), category, count(*),"
	    " sum(valid = 1 AND duplicate_of IS NULL), sum(duplicate_of IS NOT NULL)"
	    " FROM incident WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2",
	    "ss", lo, hi);
	beat_exec(db, "INSERT INTO incident_tally_hour"
	    " SELECT substr(received_at, 1, 7), substr(received_at, 12, 2), category, count(*),"
	    " sum(valid = 1 AND duplicate_of IS NULL)"
	    " FROM incident WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2, 3",
	    "ss", lo, hi);
	beat_exec(db, "INSERT INTO incident_tally"
	    " SELECT substr(received_at, 1, 7), coalesce(village, ''), village IS NULL,"
	    " substr(received_at, 12, 2), category, count(*),"
	    " sum(valid = 1 AND duplicate_of IS NULL)"
	    " FROM incident WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2, 3, 4, 5",
	    "ss", lo, hi);
	beat_exec(db, "INSERT INTO incident_tally_place"
	    " SELECT village, novillage, hour, category, sum(n), sum(c) FROM incident_tally"
	    " WHERE month >= ? AND month <= ? GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
	    " ON CONFLICT DO UPDATE SET n = n + excluded.n, c = c + excluded.c", "ss", a, b);
}

/* Incidents of the months [y-m, y-m + months). */
static long
count_months(sqlite3 *db, int y, int m, int months, int all)
{
	char a[11], b[11];
	long first = beat_day(y, m, 1);

	beat_day_text(first, a);
	beat_day_text(beat_add_months(first, months), b);
	return beat_incident_count(db, a, b, all);
}

void
beat_incident_compare(sqlite3 *db, int y, int m, int all, struct beat_compare c[3])
{
	c[0].measure = "month_vs_previous";
	c[0].current = count_months(db, y, m, 1, all);
	c[0].previous = m > 1 ? count_months(db, y, m - 1, 1, all) :
	    count_months(db, y - 1, 12, 1, all);
	c[1].measure = "month_vs_last_year";
	c[1].current = c[0].current;
	c[1].previous = count_months(db, y - 1, m, 1, all);
	c[2].measure = "ytd_vs_last_year";
	c[2].current = count_months(db, y, 1, m, all);
	c[2].previous = count_months(db, y - 1, 1, m, all);
}

void
beat_iso_week(long day, char out[9])
{
	long thu = day - beat_weekday(day) + 4;
	int y, m, d;

	/* ISO 8601: a week belongs to the year of its Thursday. */
	beat_civil(thu, &y, &m, &d);
	snprintf(out, 9, "%04u-W%02u", (unsigned)y % 10000,
	    (unsigned)((thu - beat_day(y, 1, 1)) / 7 + 1) % 100);
}

void
beat_period_key(enum beat_period p, long day, char out[16])
{
	int y, m, d;

	switch (p) {
	case BEAT_PERIOD_MONTH:
		beat_civil(day, &y, &m, &d);
		snprintf(out, 16, "%04d-%02d", y, m);
		break;
	case BEAT_PERIOD_WEEK:
		beat_iso_week(day, out);
		break;
	case BEAT_PERIOD_WEEKDAY:
		snprintf(out, 16, "%d", beat_weekday(day));
		break;
	default:
		beat_day_text(day, out);
		break;
	}
}

long
beat_period_next(enum beat_period p, long day)
{
	int y, m, d;

	switch (p) {
	case BEAT_PERIOD_MONTH:
		beat_civil(day, &y, &m, &d);
		return beat_add_months(day - d + 1, 1);
	case BEAT_PERIOD_WEEK:
		return day + 8 - beat_weekday(day);
	default:
		return day + 1;
	}
}

/* Our own square root: Newton's method from above, so we need no libm. */
static double
root(long n)
{
	double x, y;

	if (n <= 0)
		return 0;
	x = (double)n;
	for (;;) {
		y = (x + (double)n / x) / 2;
		if (y >= x)
			return x;
		x = y;
	}
}

double
beat_poisson_z(long now, long before)
{
	return 2 * (root(now) - root(before));
}

/* Not printf's %f: a locale with a decimal comma would change the TSV. */
char *
beat_z_text(double z, char out[32])
{
	return beat_fixed(z, 2, out);
}

char *
beat_pct_change(long now, long before, char out[32])
{
	long long num, den;
	char abs[32];
	int neg;

	if (before == 0) {
		out[0] = '\0';
		return out;
	}
	num = 100LL * ((long long)now - before);
	den = before;
	neg = (num < 0) != (den < 0);
	beat_tenths(num < 0 ? -num : num, den < 0 ? -den : den, abs);
	/* abs is at most 21 characters: 19 digits, a point and one more. */
	snprintf(out, 32, "%s%.30s", neg && strcmp(abs, "0.0") != 0 ? "-" : "", abs);
	return out;
}

char *
beat_tenths(long long num, long long den, char out[32])
{
	/* In integers, so 12.25 rounds the same everywhere. */
	long long q = (20 * num + den) / (2 * den);

	snprintf(out, 32, "%lld.%lld", q / 10, q % 10);
	return out;
}
