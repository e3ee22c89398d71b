/* calendar.c: owner of the holiday calendar: notices, festivals and working days. */
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "beat.h"

/*
 * A notice is for one year, yet it may reach back into the last week
 * of the year before: the 2019 notice made 2018-12-29 a working day and
 * gave 30 and 31 December to New Year.  Those days belong to the next
 * year's notice, so loading that notice does not wipe the year before.
 */
#define SPILL_MONTH 12
#define SPILL_DAY 25
#define YEAR_DAYS 366

static const char notice_sql[] =
    "SELECT source FROM calendar_notice WHERE year = $1";
static const char festival_sql[] =
    "SELECT spring, qingming, dragon_boat, mid_autumn FROM festival WHERE year = $1";
static const char days_sql[] =
    "SELECT day, kind FROM calendar WHERE day >= $1 AND day < $2";

/* The columns of a notice, with the headers a spreadsheet may give them. */
static const struct beat_csv_col notice_cols[] = {
	{ "date|day|日期", 1 },
	{ "kind|type|类型|类别", 1 },
	{ "name|名称|节日|节假日", 0 },
	{ 0 }
};
enum { COL_DATE, COL_KIND, COL_NAME };

struct row {
	long day;
	int work;		/* 1 a working day, 0 a holiday */
	char *name;		/* NULL when not given */
	long line;		/* in the file, for messages */
};

struct beat_notice {
	char *source;
	struct row *v;
	size_t n, cap;
	int *years;
	size_t nyears;
};

/* The working days of one calendar year of one connection. */
struct year {
	int year;
	unsigned char off[YEAR_DAYS];	/* 1: not a working day */
};

/*
 * One per connection, kept with it (beat_conn_set_data) and dropped
 * when it closes: a new connection at the same address can never find
 * a stale cache.
 */
struct cache {
	struct year *y;
	size_t n, cap;
};

static int *warned;
static size_t nwarned;

static void
calendar_fail(struct beat_conn *db)
{
	beat_db_fail(db, _("calendar"));
}

/* Kept with the connection (beat_conn_kept), one for each text. */
static struct beat_stmt *
cached_stmt(struct beat_conn *db, const char *text)
{
	struct beat_stmt *st;

	if ((st = beat_conn_kept(db, text)) == NULL)
		calendar_fail(db);
	return st;
}

static void
done_stmt(struct beat_stmt *st)
{
	beat_stmt_reset(st);
	beat_stmt_clear(st);
}

/* The year whose notice decides a day. */
static int
notice_year(long day)
{
	int y, m, d;

	beat_civil(day, &y, &m, &d);
	return m == SPILL_MONTH && d >= SPILL_DAY ? y + 1 : y;
}

/* The first day of a notice year's days, as stored text. */
static void
span_start(int year, char out[11])
{
	beat_day_text(beat_day(year - 1, SPILL_MONTH, SPILL_DAY), out);
}

static void
cache_gone(void *p)
{
	struct cache *c = p;

	free(c->y);
	free(c);
}

static struct cache *
cache_of(struct beat_conn *db, int create)
{
	struct cache *c;

	if ((c = beat_conn_data(db, &cache_gone)) != NULL || !create)
		return c;
	c = beat_xmalloc(sizeof(*c));
	memset(c, 0, sizeof(*c));
	beat_conn_set_data(db, &cache_gone, c, cache_gone);
	return c;
}

/* After the calendar changed: the connection reads it afresh. */
static void
cache_forget(struct beat_conn *db)
{
	struct cache *c = cache_of(db, 0);

	if (c != NULL)
		c->n = 0;
}

/* Each year's fallback is announced once per process, however often used. */
static void
warn_year(int year, int festivals)
{
	size_t i;

	for (i = 0; i < nwarned; i++)
		if (warned[i] == year)
			return;
	warned = beat_xrealloc(warned, (nwarned + 1) * sizeof(*warned));
	warned[nwarned++] = year;
	if (festivals)
		beat_warnx(_("no holiday notice loaded for %d; counting statutory holidays only"),
		    year);
	else
		beat_warnx(_("no holiday notice loaded for %d and no festival dates; "
		    "counting fixed-date holidays and weekends only"), year);
}

static void
set_off(struct year *y, long first, long day)
{
	if (day >= first && day - first < YEAR_DAYS)
		y->off[day - first] = 1;
}

/*
 * 《全国年节及纪念日放假办法》 (2024 revision) art. 2: New Year 1 day,
 * Spring Festival 4 (from its eve), Qingming 1, Labour Day 2, Dragon Boat
 * 1, Mid-Autumn 1, National Day 3.  What a notice adds (days moved to
 * bridge a weekend, and the weekend days worked for them) cannot be
 * foreseen, so none is counted.  Returns 0 when the festival dates of
 * the year are not known, and then counts the fixed dates only.
 */
static int
statutory(struct beat_conn *db, struct year *y, long first)
{
	struct beat_stmt *st;
	long day, spring = 0;
	int i, found = 0;

	set_off(y, first, first);
	set_off(y, first, beat_day(y->year, 5, 1));
	set_off(y, first, beat_day(y->year, 5, 2));
	for (i = 1; i <= 3; i++)
		set_off(y, first, beat_day(y->year, 10, i));

	st = cached_stmt(db, festival_sql);
	if (beat_stmt_bind_int(st, 1, y->year) == -1)
		calendar_fail(db);
	switch (beat_stmt_step(st)) {
	case 1:
		found = 1;
		for (i = 0; i < 4; i++) {
			if (beat_text_day(beat_stmt_text(st, i),
			    &day) == -1) {
				done_stmt(st);
				beat_errx(BEAT_EX_SOFTWARE, _("festival %d: bad date"),
				    y->year);
			}
			if (i == 0)
				spring = day;
			else
				set_off(y, first, day);
		}
		for (day = spring - 1; day <= spring + 2; day++)
			set_off(y, first, day);
		break;
	case 0:
		break;
	default:
		calendar_fail(db);
	}
	done_stmt(st);
	return found;
}

static int
has_notice(struct beat_conn *db, int year)
{
	struct beat_stmt *st = cached_stmt(db, notice_sql);
	int rc;

	if (beat_stmt_bind_int(st, 1, year) == -1)
		calendar_fail(db);
	if ((rc = beat_stmt_step(st)) == -1)
		calendar_fail(db);
	done_stmt(st);
	return rc == 1;
}

/* Weekends, then the statutory days if no notice, then the listed days. */
static void
load_year(struct beat_conn *db, struct year *y)
{
	struct beat_stmt *st;
	const char *kind;
	char from[11], to[11];
	long first = beat_day(y->year, 1, 1), last = beat_day(y->year + 1, 1, 1);
	long day;
	int rc;

	memset(y->off, 0, sizeof(y->off));
	for (day = first; day < last; day++)
		y->off[day - first] = beat_weekday(day) > 5;
	if (!has_notice(db, y->year))
		warn_year(y->year, statutory(db, y, first));

	/* Listed days count whichever notice listed them (late December's
	 * come from the next year's), so a year without a notice of its own
	 * still keeps the days the next one moved. */
	beat_day_text(first, from);
	beat_day_text(last, to);
	st = cached_stmt(db, days_sql);
	if (beat_stmt_bind_text(st, 1, from) == -1 ||
	    beat_stmt_bind_text(st, 2, to) == -1)
		calendar_fail(db);
	while ((rc = beat_stmt_step(st)) == 1) {
		kind = beat_stmt_text(st, 1);
		if (beat_text_day(beat_stmt_text(st, 0), &day) == -1 ||
		    day < first || day >= last || kind == NULL)
			continue;
		if (strcmp(kind, "holiday") == 0)
			y->off[day - first] = 1;
		else if (strcmp(kind, "workday") == 0)
			y->off[day - first] = 0;
	}
	if (rc != 0)
		calendar_fail(db);
	done_stmt(st);
}

int
beat_is_workday(struct beat_conn *db, long day)
{
	struct cache *c = cache_of(db, 1);
	struct year *y;
	size_t i;
	int yr, m, d;

	beat_civil(day, &yr, &m, &d);
	for (i = 0; i < c->n; i++)
		if (c->y[i].year == yr)
			break;
	if (i == c->n) {
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 4;
			c->y = beat_xrealloc(c->y, c->cap * sizeof(*c->y));
		}
		c->y[i].year = yr;
		load_year(db, &c->y[i]);
		c->n++;
	}
	y = &c->y[i];
	return !y->off[day - beat_day(yr, 1, 1)];
}

long
beat_add_workdays(struct beat_conn *db, long day, int n)
{
	while (n > 0) {
		day++;
		if (beat_is_workday(db, day))
			n--;
	}
	return day;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

static void
add_row(struct beat_notice *nt, long day, int work, const char *name, long line)
{
	struct row *r;

	if (nt->n == nt->cap) {
		nt->cap = nt->cap ? 2 * nt->cap : 64;
		nt->v = beat_xrealloc(nt->v, nt->cap * sizeof(*nt->v));
	}
	r = &nt->v[nt->n++];
	r->day = day;
	r->work = work;
	r->name = name != NULL && *name != '\0' ? beat_xstrdup(name) : NULL;
	r->line = line;
}

/* Sorts the days and lists the notice years they fall in. */
static void
index_years(struct beat_notice *nt)
{
	size_t i;
	int y;

	qsort(nt->v, nt->n, sizeof(*nt->v), row_cmp);
	for (i = 0; i < nt->n; i++) {
		y = notice_year(nt->v[i].day);
		if (nt->nyears == 0 || nt->years[nt->nyears - 1] != y) {
			nt->years = beat_xrealloc(nt->years,
			    (nt->nyears + 1) * sizeof(*nt->years));
			nt->years[nt->nyears++] = y;
		}
	}
}

/* holiday or workday, or the words a notice itself uses; -1 if neither. */
static int
parse_kind(const char *s)
{
	static const char *const off[] = { "holiday", "放假", "休", "假", "休息", NULL };
	static const char *const on[] = { "workday", "上班", "班", "补班", "工作日", NULL };
	int i;

	for (i = 0; off[i] != NULL; i++)
		if (strcasecmp(s, off[i]) == 0)
			return 0;
	for (i = 0; on[i] != NULL; i++)
		if (strcasecmp(s, on[i]) == 0)
			return 1;
	return -1;
}

struct beat_notice *
beat_calendar_read(const char *path)
{
	struct beat_notice *nt = beat_xmalloc(sizeof(*nt));
	struct beat_csv *r;
	const char *date, *kind, *file;
	char text[11];
	long day;
	size_t i;
	int work;

	memset(nt, 0, sizeof(*nt));
	r = beat_csv_open(path, NULL, notice_cols);
	file = beat_csv_name(r);
	while (beat_csv_row(r)) {
		date = beat_csv_get(r, COL_DATE);
		kind = beat_csv_get(r, COL_KIND);
		/* A notice names days; "today" in a file is a mistake. */
		if (*date < '0' || *date > '9' || beat_parse_date(date, text) == -1 ||
		    beat_text_day(text, &day) == -1)
			beat_errx_at(BEAT_EX_DATA, file, beat_csv_line(r),
			    _("'%s' is not a date"), date);
		if ((work = parse_kind(kind)) == -1)
			beat_errx_at(BEAT_EX_DATA, file, beat_csv_line(r),
			    _("kind '%s' is neither holiday nor workday"), kind);
		add_row(nt, day, work, beat_csv_value(r, COL_NAME), beat_csv_line(r));
	}
	if (nt->n == 0)
		beat_errx_at(BEAT_EX_DATA, file, 0, _("no dates"));
	index_years(nt);
	for (i = 1; i < nt->n; i++)
		if (nt->v[i].day == nt->v[i - 1].day) {
			beat_day_text(nt->v[i].day, text);
			beat_errx_at(BEAT_EX_DATA, file, nt->v[i].line,
			    _("%s is listed twice (line %ld too)"), text,
			    nt->v[i - 1].line);
		}
	/* 'shipped' marks our own data, which must not pass for a station's. */
	nt->source = strcmp(file, "shipped") == 0 ? beat_xstrdup("./shipped") :
	    beat_xstrdup(file);
	beat_csv_close(r);
	return nt;
}

/* Replaces a notice year's days with v[0..n), all within its span. */
static void
replace_year(struct beat_conn *db, int year, const struct row *v, size_t n, const char *source)
{
	struct beat_stmt *st;
	char from[11], to[11], day[11], at[20];
	size_t i;

	span_start(year, from);
	span_start(year + 1, to);
	beat_exec(db, "DELETE FROM calendar WHERE day >= $1 AND day < $2", "ss",
	    from, to);
	st = beat_prepare(db, "INSERT INTO calendar (day, kind, name) VALUES ($1, $2, $3)");
	for (i = 0; i < n; i++) {
		beat_day_text(v[i].day, day);
		beat_bind(st, "sss", day, v[i].work ? "workday" : "holiday", v[i].name);
		beat_step(st);
		beat_stmt_reset(st);
	}
	beat_stmt_free(st);
	beat_time_text(beat_now(), at);
	beat_exec(db, "INSERT INTO calendar_notice (year, source, loaded_at)"
	    " VALUES ($1, $2, $3) ON CONFLICT (year) DO UPDATE"
	    " SET source = excluded.source, loaded_at = excluded.loaded_at",
	    "iss", year, source, at);
}

/* The rows v[*i..) of one notice year; *i moves past them. */
static size_t
year_rows(const struct row *v, size_t n, size_t *i, int *year)
{
	size_t start = *i;

	*year = notice_year(v[start].day);
	while (*i < n && notice_year(v[*i].day) == *year)
		(*i)++;
	return *i - start;
}

size_t
beat_calendar_load(struct beat_conn *db, struct beat_notice *nt, const int **years)
{
	size_t i = 0, n;
	int year;

	while (i < nt->n) {
		n = year_rows(nt->v, nt->n, &i, &year);
		replace_year(db, year, nt->v + i - n, n, nt->source);
	}
	cache_forget(db);
	*years = nt->years;
	return nt->nyears;
}

void
beat_calendar_free(struct beat_notice *nt)
{
	size_t i;

	if (nt == NULL)
		return;
	for (i = 0; i < nt->n; i++)
		free(nt->v[i].name);
	free(nt->v);
	free(nt->years);
	free(nt->source);
	free(nt);
}

/* Whether the stored days of a notice year are v[0..n) already. */
static int
same_rows(struct beat_conn *db, int year, const struct row *v, size_t n)
{
	struct beat_stmt *st;
	const char *day, *kind, *name;
	char from[11], to[11], want[11];
	size_t i = 0;
	int same = 1;

	span_start(year, from);
	span_start(year + 1, to);
	st = beat_prepare(db, "SELECT day, kind, name FROM calendar"
	    " WHERE day >= $1 AND day < $2 ORDER BY day");
	beat_bind(st, "ss", from, to);
	while (same && beat_step(st)) {
		day = beat_stmt_text(st, 0);
		kind = beat_stmt_text(st, 1);
		name = beat_stmt_text(st, 2);
		if (i == n) {
			same = 0;
			break;
		}
		beat_day_text(v[i].day, want);
		same = strcmp(day, want) == 0 &&
		    strcmp(kind, v[i].work ? "workday" : "holiday") == 0 &&
		    (name == NULL ? v[i].name == NULL :
		    v[i].name != NULL && strcmp(name, v[i].name) == 0);
		i++;
	}
	beat_stmt_free(st);
	return same && i == n;
}

/* The shipped calendar.csv (day,kind,name, our own file) being read. */
struct shipped {
	struct beat_notice *nt;
	char *f[3];
	size_t nf;
	long line;
};

static void
shipped_field(void *s, size_t len, void *arg)
{
	struct shipped *sh = arg;

	if (sh->nf < 3) {
		sh->f[sh->nf] = beat_xmalloc(len + 1);
		memcpy(sh->f[sh->nf], s, len);
		sh->f[sh->nf][len] = '\0';
	}
	sh->nf++;
}

static void
shipped_record(int c, void *arg)
{
	struct shipped *sh = arg;
	size_t i;
	long day;
	int work;

	if (++sh->line > 1) {
		if (sh->nf != 3 || beat_text_day(sh->f[0], &day) == -1 ||
		    strlen(sh->f[0]) != 10 || (work = parse_kind(sh->f[1])) == -1)
			beat_errx_at(BEAT_EX_SOFTWARE, "calendar.csv", sh->line,
			    "bad row");
		add_row(sh->nt, day, work, sh->f[2], sh->line);
	}
	for (i = 0; i < sh->nf && i < 3; i++) {
		free(sh->f[i]);
		sh->f[i] = NULL;
	}
	sh->nf = 0;
}

int
beat_calendar_shipped(struct beat_conn *db, const char *text)
{
	struct shipped sh = { 0 };
	struct csv_parser p;
	size_t len = strlen(text), i = 0, n;
	char *source;
	int year, changed = 0;

	sh.nt = beat_xmalloc(sizeof(*sh.nt));
	memset(sh.nt, 0, sizeof(*sh.nt));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		beat_errx(BEAT_EX_SOFTWARE, "csv_init");
	if (csv_parse(&p, text, len, shipped_field, shipped_record, &sh) != len ||
	    csv_fini(&p, shipped_field, shipped_record, &sh) != 0)
		beat_errx(BEAT_EX_SOFTWARE, "calendar.csv: %s",
		    csv_strerror(csv_error(&p)));
	csv_free(&p);
	index_years(sh.nt);

	while (i < sh.nt->n) {
		n = year_rows(sh.nt->v, sh.nt->n, &i, &year);
		/* A notice the station loaded wins over ours, forever. */
		source = beat_query_text(db, notice_sql, "i", year);
		if (source == NULL || (strcmp(source, "shipped") == 0 &&
		    !same_rows(db, year, sh.nt->v + i - n, n))) {
			replace_year(db, year, sh.nt->v + i - n, n, "shipped");
			changed++;
		}
		free(source);
	}
	beat_calendar_free(sh.nt);
	if (changed)
		cache_forget(db);
	return changed;
}
