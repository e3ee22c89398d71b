/* when.c: unit tests of day numbers, date parsing and working days (TAP). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "beat.h"
#include "drv-impl.h"
#include "tap.h"

static const char *
day_str(long day)
{
	static char buf[11];

	beat_day_text(day, buf);
	return buf;
}

/* Parses s as a time; "REFUSED" when the parser refuses it. */
static const char *
pt(const char *s)
{
	static char buf[20];

	return beat_parse_time(s, buf) == 0 ? buf : "REFUSED";
}

static const char *
pd(const char *s)
{
	static char buf[11];

	return beat_parse_date(s, buf) == 0 ? buf : "REFUSED";
}

/* Runs fn in a child and returns its exit status (-1 if it did not exit). */
static int
child_status(void (*fn)(void))
{
	pid_t pid;
	int st;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(99);
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static void
test_day_numbers(void)
{
	struct tm tm;
	time_t tt;
	long day, bad = 0, badwd = 0, badrt = 0;
	int y, m, d;

	is_num(beat_day(1970, 1, 1), 0, "1970-01-01 is day 0");
	is_num(beat_day(1969, 12, 31), -1, "1969-12-31 is day -1");
	is_num(beat_day(2000, 3, 1), 11017, "2000-03-01 is day 11017");
	is_num(beat_day(1900, 1, 1), -25567, "1900-01-01 is day -25567");
	is_num(beat_weekday(beat_day(2024, 9, 13)), 5, "2024-09-13 is a Friday");
	is_num(beat_weekday(beat_day(1970, 1, 1)), 4, "1970-01-01 is a Thursday");
	is_num(beat_weekday(beat_day(1969, 12, 28)), 7, "1969-12-28 is a Sunday");
	is_num(beat_weekday(beat_day(1969, 12, 29)), 1, "1969-12-29 is a Monday");

	/* Against the C library's own calendar, day by day over 1900..2999. */
	for (day = beat_day(1900, 1, 1); day <= beat_day(2999, 12, 31); day++) {
		tt = (time_t)day * 86400;
		gmtime_r(&tt, &tm);
		if (beat_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) != day)
			bad++;
		if (beat_weekday(day) % 7 != tm.tm_wday)
			badwd++;
		beat_civil(day, &y, &m, &d);
		if (y != tm.tm_year + 1900 || m != tm.tm_mon + 1 || d != tm.tm_mday)
			badrt++;
	}
	is_num(bad, 0, "beat_day agrees with gmtime over 1900..2999");
	is_num(badrt, 0, "beat_civil agrees with gmtime over 1900..2999");
	is_num(badwd, 0, "beat_weekday agrees with gmtime over 1900..2999");
	is_str(day_str(beat_day(2020, 2, 29)), "2020-02-29", "beat_day_text pads");
	is_str(day_str(beat_day(1905, 1, 9)), "1905-01-09", "beat_day_text before 1970");
}

static void
test_parse_time(void)
{
	is_str(pt("2018/12/3 8:05"), "2018-12-03 08:05:00", "2018/12/3 8:05");
	is_str(pt("2018-12-03 08:05:00"), "2018-12-03 08:05:00", "ISO with seconds");
	is_str(pt("2018-12-03T08:05"), "2018-12-03 08:05:00", "ISO with T");
	is_str(pt("2018-12-03 23:59:59"), "2018-12-03 23:59:59", "last second of a day");
	is_str(pt("2018-12-03"), "2018-12-03 00:00:00", "date alone is midnight");
	is_str(pt("2018/12/03"), "2018-12-03 00:00:00", "YYYY/MM/DD");
	is_str(pt("2018-1-2"), "2018-01-02 00:00:00", "YYYY-M-D");
	is_str(pt("2020-02-29"), "2020-02-29 00:00:00", "2020-02-29 accepted");
	is_str(pt("2000-02-29"), "2000-02-29 00:00:00", "2000-02-29 accepted (400 rule)");
	is_str(pt("1900-01-01"), "1900-01-01 00:00:00", "year 1900 accepted");
	is_str(pt("2999-12-31 23:59"), "2999-12-31 23:59:00", "year 2999 accepted");

	is_str(pt("2019-02-30"), "REFUSED", "2019-02-30 refused");
	is_str(pt("2019-02-29"), "REFUSED", "2019-02-29 refused");
	is_str(pt("1900-02-29"), "REFUSED", "1900-02-29 refused (century)");
	is_str(pt("2019-04-31"), "REFUSED", "2019-04-31 refused");
	is_str(pt("2019-13-01"), "REFUSED", "month 13 refused");
	is_str(pt("2019-00-10"), "REFUSED", "month 0 refused");
	is_str(pt("2019-01-00"), "REFUSED", "day 0 refused");
	is_str(pt("2019-01-32"), "REFUSED", "day 32 refused");
	is_str(pt("2019-12-31 24:00"), "REFUSED", "hour 24 refused");
	is_str(pt("2019-12-31 23:60"), "REFUSED", "minute 60 refused");
	is_str(pt("2019-12-31 23:59:60"), "REFUSED", "second 60 refused");
	is_str(pt("1899-12-31"), "REFUSED", "year 1899 refused");
	is_str(pt("3000-01-01"), "REFUSED", "year 3000 refused");
	is_str(pt("2018-12-03x"), "REFUSED", "junk after a date refused");
	is_str(pt("2018-12-03 08:05x"), "REFUSED", "junk after a time refused");
	is_str(pt("2018-12-03 "), "REFUSED", "trailing space refused");
	is_str(pt("2018-12-03x08:05"), "REFUSED", "only a space or T before a time");
	is_str(pt("2018-12-03T"), "REFUSED", "T without a time refused");
	is_str(pt(" 2018-12-03"), "REFUSED", "leading space refused");
	is_str(pt("2018-12/03"), "REFUSED", "mixed separators refused");
	is_str(pt("18-12-03"), "REFUSED", "two-digit year refused");
	is_str(pt("20181203"), "REFUSED", "no separators refused");
	is_str(pt("2018-012-03"), "REFUSED", "three-digit month refused");
	is_str(pt("2018-12-03 8:5"), "REFUSED", "one-digit minute refused");
	is_str(pt("2018-12-03 08"), "REFUSED", "hour without minutes refused");
	is_str(pt("2018-12-03 08:05:0"), "REFUSED", "one-digit second refused");
	is_str(pt("2018-12-03 08:05:001"), "REFUSED", "three-digit second refused");
	is_str(pt("2018-12-03 008:05"), "REFUSED", "three-digit hour refused");
	is_str(pt("20180-12-03"), "REFUSED", "five-digit year refused");
	is_str(pt(""), "REFUSED", "empty refused");
	is_str(pt("Today"), "REFUSED", "keywords are lower case");
	is_str(pt(NULL), "REFUSED", "NULL refused");

	is_str(pd("2018/12/3"), "2018-12-03", "parse_date 2018/12/3");
	is_str(pd("2019-02-29"), "REFUSED", "parse_date refuses 2019-02-29");
	is_str(pd("2018-12-03 08:05"), "REFUSED", "parse_date refuses a time part");
	is_str(pd("2018-12-03T00:00"), "REFUSED", "parse_date refuses a T time part");
}

static void
test_now(void)
{
	setenv("BEAT_NOW", "2024-03-01 10:20:30", 1);
	is_num(beat_now(), beat_day(2024, 3, 1) * 86400LL + 10 * 3600 + 20 * 60 + 30,
	    "beat_now follows BEAT_NOW");
	is_str(day_str(beat_today()), "2024-03-01", "beat_today follows BEAT_NOW");
	is_str(pt("now"), "2024-03-01 10:20:30", "now");
	is_str(pt("today"), "2024-03-01 00:00:00", "today is midnight");
	is_str(pt("yesterday"), "2024-02-29 00:00:00", "yesterday across a leap day");
	is_str(pt("today 14:30"), "2024-03-01 14:30:00", "today with a time");
	is_str(pt("yesterday 8:05:09"), "2024-02-29 08:05:09", "yesterday with a time");
	is_str(pt("now 08:00"), "REFUSED", "now with a time refused");
	is_str(pt("todayx"), "REFUSED", "junk after today refused");
	is_str(pd("now"), "2024-03-01", "parse_date now is today");
	is_str(pd("yesterday"), "2024-02-29", "parse_date yesterday");
	is_str(pd("today 14:30"), "REFUSED", "parse_date refuses today with a time");

	setenv("BEAT_NOW", "2024-01-01", 1);
	is_str(pt("now"), "2024-01-01 00:00:00", "BEAT_NOW date alone is midnight");
	is_str(pd("yesterday"), "2023-12-31", "yesterday across a year");
	setenv("BEAT_NOW", "2018/12/3 8:05", 1);
	is_str(pt("now"), "2018-12-03 08:05:00", "BEAT_NOW in a slash form");
}

static void
bad_now(void)
{
	setenv("BEAT_NOW", "2019-02-30 10:00", 1);
	beat_now();
}

static void
test_clock(void)
{
	struct tm tm;
	time_t tt;
	long long want, got;

	unsetenv("BEAT_NOW");
	got = beat_now();
	tt = time(NULL);
	localtime_r(&tt, &tm);
	want = (long long)tt + tm.tm_gmtoff;
	ok(got <= want && got >= want - 5, "beat_now without BEAT_NOW is local clock time");
	if (!(got <= want && got >= want - 5))
		printf("#   got %lld, want about %lld\n", got, want);
	is_num(child_status(bad_now), BEAT_EX_USAGE, "an invalid BEAT_NOW exits 64");
}

static void
test_month(void)
{
	int y = 0, m = 0;

	ok(beat_parse_month("2024-09", &y, &m) == 0 && y == 2024 && m == 9, "2024-09");
	ok(beat_parse_month("2024/11", &y, &m) == 0 && y == 2024 && m == 11, "2024/11");
	ok(beat_parse_month("2023-1", &y, &m) == 0 && y == 2023 && m == 1, "2023-1");
	ok(beat_parse_month("2024-13", &y, &m) == -1, "month 13 refused");
	ok(beat_parse_month("2024-00", &y, &m) == -1, "month 0 refused");
	ok(beat_parse_month("2024-09-01", &y, &m) == -1, "a day refused");
	ok(beat_parse_month("2024", &y, &m) == -1, "a year alone refused");
	ok(beat_parse_month("1899-12", &y, &m) == -1, "year 1899 refused");
	ok(beat_parse_month("2024-09 ", &y, &m) == -1, "trailing space refused");
	ok(y == 2023 && m == 1, "a refused month leaves y and m alone");
}

static void
test_text_day(void)
{
	long day = 42;

	ok(beat_text_day("2024-09-13 08:00:00", &day) == 0 &&
	    day == beat_day(2024, 9, 13), "text_day reads a stored time");
	ok(beat_text_day("2024-09-14", &day) == 0 &&
	    day == beat_day(2024, 9, 14), "text_day reads a stored date");
	ok(beat_text_day("2024-09-15T08:00", &day) == 0 &&
	    day == beat_day(2024, 9, 15), "text_day reads an ISO T time");
	day = 42;
	ok(beat_text_day("2024-02-30 08:00:00", &day) == -1, "text_day refuses 2024-02-30");
	ok(beat_text_day("2024-9-13", &day) == -1, "text_day wants the stored form");
	ok(beat_text_day("2024-09-131", &day) == -1, "text_day refuses a longer number");
	ok(beat_text_day("2024-09-13x", &day) == -1, "text_day refuses junk after the date");
	ok(beat_text_day("", &day) == -1, "text_day refuses empty");
	ok(day == 42, "a refused text leaves the day alone");
}

static void
test_add_months(void)
{
	is_str(day_str(beat_add_months(beat_day(2024, 1, 31), 1)), "2024-02-29",
	    "Jan 31 + 1 month in a leap year is Feb 29");
	is_str(day_str(beat_add_months(beat_day(2023, 1, 31), 1)), "2023-02-28",
	    "Jan 31 + 1 month is Feb 28");
	is_str(day_str(beat_add_months(beat_day(2024, 5, 31), 1)), "2024-06-30",
	    "May 31 + 1 month is Jun 30");
	is_str(day_str(beat_add_months(beat_day(2024, 3, 31), -1)), "2024-02-29",
	    "Mar 31 - 1 month is Feb 29");
	is_str(day_str(beat_add_months(beat_day(2024, 12, 15), 1)), "2025-01-15",
	    "December + 1 month crosses the year");
	is_str(day_str(beat_add_months(beat_day(2024, 2, 29), 12)), "2025-02-28",
	    "Feb 29 + 12 months is Feb 28");
	is_str(day_str(beat_add_months(beat_day(2024, 1, 15), -13)), "2022-12-15",
	    "-13 months");
	is_str(day_str(beat_add_months(beat_day(2024, 1, 31), 0)), "2024-01-31",
	    "0 months is the same day");
}

static struct beat_conn *
calendar_db(const char *rows)
{
	struct beat_conn *db;
	char *sql;
	int rc;

	if ((db = beat_conn_open(":memory:", BEAT_CONN_WRITE | BEAT_CONN_CREATE)) == NULL || beat_conn_error(db) != BEAT_DBERR_OK) {
		printf("Bail out! cannot open an in-memory database\n");
		exit(1);
	}
	/* 2024 has a notice: its days are those listed, no statutory ones. */
	sql = beat_xasprintf("CREATE TABLE calendar (day TEXT PRIMARY KEY, "
	    "kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')), name TEXT);"
	    "CREATE TABLE calendar_notice (year INTEGER PRIMARY KEY, source TEXT, "
	    "loaded_at TEXT);"
	    "CREATE TABLE festival (year INTEGER PRIMARY KEY, spring TEXT, "
	    "qingming TEXT, dragon_boat TEXT, mid_autumn TEXT);"
	    "INSERT INTO calendar_notice VALUES (2024, 'test', '2024-01-01');"
	    "%s", rows);
	rc = beat_conn_exec(db, sql);
	free(sql);
	if (rc == -1) {
		printf("Bail out! %s\n", beat_conn_errmsg(db));
		exit(1);
	}
	return db;
}

/* Static, so the connection the child exits with is not a leak. */
static struct beat_conn *child_db;

static void
no_calendar(void)
{
	child_db = beat_conn_open(":memory:", BEAT_CONN_WRITE | BEAT_CONN_CREATE);
	beat_is_workday(child_db, 0);
}

static char busy_path[] = "/tmp/beat-when-XXXXXX";
static struct beat_conn *child_db2;

/* Another connection holds the file exclusively, so the calendar read is busy. */
static void
busy_calendar(void)
{
	child_db = beat_conn_open(busy_path, BEAT_CONN_WRITE);
	beat_conn_exec(child_db, "CREATE TABLE calendar (day TEXT PRIMARY KEY, kind TEXT, name TEXT);"
	    "CREATE TABLE calendar_notice (year INTEGER PRIMARY KEY, source TEXT, loaded_at TEXT);"
	    "BEGIN EXCLUSIVE; INSERT INTO calendar VALUES ('2024-09-13', 'holiday', NULL);");
	child_db2 = beat_conn_open(busy_path, BEAT_CONN_WRITE);
	beat_conn_busy_timeout(child_db2, 0);
	beat_is_workday(child_db2, 0);
}

static int
close_db(struct beat_conn *db)
{
	beat_conn_close(db);
	return 0;
}

static void
test_workdays(void)
{
	struct beat_conn *db, *db2;
	struct beat_stmt *st;
	long fri = beat_day(2024, 9, 13), day;
	int nst, runs = 0;
	size_t i;

	/* Mid-Autumn 2024: off Sun 15 to Tue 17, Saturday the 14th worked. */
	db = calendar_db(
	    "INSERT INTO calendar VALUES ('2024-09-14', 'workday', '中秋节调休');"
	    "INSERT INTO calendar VALUES ('2024-09-15', 'holiday', '中秋节');"
	    "INSERT INTO calendar VALUES ('2024-09-16', 'holiday', '中秋节');"
	    "INSERT INTO calendar VALUES ('2024-09-17', 'holiday', '中秋节');"
	    "INSERT INTO calendar VALUES ('2024-09-29', 'workday', '国庆节调休');"
	    "INSERT INTO calendar VALUES ('2024-10-01', 'holiday', '国庆节');"
	    "INSERT INTO calendar VALUES ('2024-10-02', 'holiday', '国庆节');"
	    "INSERT INTO calendar VALUES ('2024-10-03', 'holiday', '国庆节');"
	    "INSERT INTO calendar VALUES ('2024-10-04', 'holiday', '国庆节');"
	    "INSERT INTO calendar VALUES ('2024-10-07', 'holiday', '国庆节');"
	    "INSERT INTO calendar VALUES ('2024-10-12', 'workday', '国庆节调休');");

	ok(beat_is_workday(db, fri), "Friday 2024-09-13 is a working day");
	ok(beat_is_workday(db, fri + 1), "Saturday 2024-09-14 listed as workday is worked");
	ok(!beat_is_workday(db, fri + 2), "Sunday 2024-09-15 is not worked");
	ok(!beat_is_workday(db, fri + 3), "Monday 2024-09-16 listed as holiday is not worked");
	ok(!beat_is_workday(db, beat_day(2024, 9, 21)), "plain Saturday 2024-09-21 is not worked");
	ok(beat_is_workday(db, beat_day(2024, 9, 18)), "plain Wednesday 2024-09-18 is worked");

	/* By hand: Sat 14 (1), Sun 15, Mon 16, Tue 17 off, Wed 18 (2), Thu 19 (3). */
	is_str(day_str(beat_add_workdays(db, fri, 1)), "2024-09-14",
	    "Friday + 1 working day is the worked Saturday");
	is_str(day_str(beat_add_workdays(db, fri, 2)), "2024-09-18",
	    "Friday + 2 working days skips the holiday");
	is_str(day_str(beat_add_workdays(db, fri, 3)), "2024-09-19",
	    "Friday before Mid-Autumn + 3 working days is 2024-09-19");
	/* Mon 30 Sep + 1: Oct 1-4 off, Sat 5 and Sun 6 off, Mon 7 off, Tue 8. */
	is_str(day_str(beat_add_workdays(db, beat_day(2024, 9, 30), 1)), "2024-10-08",
	    "the day before National Day + 1 working day is 2024-10-08");
	/* Wed 9 Oct + 3: Thu 10, Fri 11, Sat 12 worked. */
	is_str(day_str(beat_add_workdays(db, beat_day(2024, 10, 9), 3)), "2024-10-12",
	    "a worked Saturday counts");
	/* Without a calendar: Fri + 3 is plain Wednesday. */
	db2 = calendar_db("");
	is_str(day_str(beat_add_workdays(db2, fri, 3)), "2024-09-18",
	    "an empty calendar skips only the weekend");
	ok(beat_is_workday(db2, fri + 3), "each connection answers from its own calendar");
	is_str(day_str(beat_add_workdays(db, fri, 3)), "2024-09-19",
	    "back on the first connection, its calendar again");

	/* The notice and the days of 2024: two statements, each run once. */
	for (day = beat_day(2024, 1, 1); day < beat_day(2025, 1, 1); day++)
		beat_is_workday(db, day);
	nst = (int)db->nlive;
	for (i = 0; i < db->nkept; i++)
		runs += (int)db->kept[i]->runs;
	is_num(nst, 2, "the calendar statements are prepared once per connection");
	is_num(runs, 2, "a year is read once, not once per day");
	close_db(db);
	close_db(db2);

	/* A fresh connection after the old ones closed must not reuse anything. */
	db = calendar_db("INSERT INTO calendar VALUES ('2024-09-13', 'holiday', 'test');");
	ok(!beat_is_workday(db, fri), "a new connection reads its own calendar");
	close_db(db);

	/* A caller's own statement with the same text, stopped on a row, is left alone. */
	db = calendar_db("INSERT INTO calendar VALUES ('2024-09-14', 'workday', NULL);");
	if ((st = beat_stmt_prepare(db, "SELECT day, kind FROM calendar WHERE day >= $1 AND day < $2")) == NULL) {
		printf("Bail out! %s\n", beat_conn_errmsg(db));
		exit(1);
	}
	beat_stmt_bind_text(st, 1, "2024-01-01");
	beat_stmt_bind_text(st, 2, "2025-01-01");
	ok(beat_stmt_step(st) == 1 && beat_is_workday(db, fri + 1) &&
	    !beat_is_workday(db, fri + 2) &&
	    strcmp(beat_stmt_text(st, 1), "workday") == 0,
	    "a statement of the caller's with the same text is not borrowed");
	close_db(db);

	is_num(child_status(no_calendar), BEAT_EX_SOFTWARE,
	    "a database without a calendar table exits 70");
	if (mkstemp(busy_path) == -1) {
		printf("Bail out! mkstemp\n");
		exit(1);
	}
	is_num(child_status(busy_calendar), BEAT_EX_BUSY,
	    "a calendar locked by another connection exits 75");
	unlink(busy_path);
}

/* A database made as db-init makes one: shipped notices and festivals. */
static struct beat_conn *
station_db(void)
{
	struct beat_conn *db;

	if ((db = beat_conn_open(":memory:", BEAT_CONN_WRITE | BEAT_CONN_CREATE)) == NULL || beat_conn_error(db) != BEAT_DBERR_OK) {
		printf("Bail out! cannot open an in-memory database\n");
		exit(1);
	}
	beat_exec(db, "BEGIN", "");
	beat_schema_upgrade(db);
	beat_load_reference(db);
	beat_exec(db, "COMMIT", "");
	return db;
}

static const char *
add(struct beat_conn *db, int y, int m, int d, int n)
{
	return day_str(beat_add_workdays(db, beat_day(y, m, d), n));
}

static char warn_path[] = "/tmp/beat-warn-XXXXXX";
static int saved_stderr = -1;

/* Warnings go to warn_path until stderr_back. */
static void
stderr_to_file(void)
{
	int fd;

	fflush(stderr);
	saved_stderr = dup(2);
	if ((fd = open(warn_path, O_WRONLY | O_TRUNC)) == -1 || dup2(fd, 2) == -1) {
		printf("Bail out! cannot redirect stderr\n");
		exit(1);
	}
	close(fd);
}

/* Restores stderr and returns what was written meanwhile. */
static const char *
stderr_back(void)
{
	static char buf[4096];
	FILE *fp;
	size_t n;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	if ((fp = fopen(warn_path, "r")) == NULL)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

static void
test_statutory(void)
{
	struct beat_notice *nt;
	const int *years;
	const char *top = getenv("BEAT_TOP");
	char *path;
	struct beat_conn *db = station_db();
	size_t n;
	int fd;

	if ((fd = mkstemp(warn_path)) == -1) {
		printf("Bail out! mkstemp\n");
		exit(1);
	}
	close(fd);
	stderr_to_file();
	/* 2025 from its shipped notice: Jan 26 worked, Jan 28 to Feb 4 off. */
	is_str(add(db, 2025, 1, 24, 1), "2025-01-26", "2025: the worked Sunday of the notice counts");
	is_str(add(db, 2025, 1, 27, 1), "2025-02-05", "2025: the Spring Festival of the notice");

	/* 2027, no notice: spring is Feb 6, so Feb 5 (eve) to Feb 8 are off. */
	is_str(add(db, 2027, 2, 4, 1), "2027-02-09", "2027: Spring Festival eve to Feb 8 off");
	ok(!beat_is_workday(db, beat_day(2027, 2, 5)), "2027: Spring Festival eve is off");
	ok(!beat_is_workday(db, beat_day(2027, 2, 8)), "2027: the fourth day is off");
	ok(beat_is_workday(db, beat_day(2027, 2, 9)), "2027: the fifth day is worked");
	ok(!beat_is_workday(db, beat_day(2027, 2, 20)), "2027: no make-up Saturday is guessed");
	is_str(add(db, 2026, 12, 31, 1), "2027-01-04", "2027: New Year's Day off, across the year");
	is_str(add(db, 2027, 4, 2, 1), "2027-04-06", "2027: Qingming (Apr 5) off");
	is_str(add(db, 2027, 6, 8, 1), "2027-06-10", "2027: Dragon Boat (Jun 9) off");
	is_str(add(db, 2027, 9, 14, 1), "2027-09-16", "2027: Mid-Autumn (Sep 15) off");
	is_str(add(db, 2027, 9, 30, 1), "2027-10-04", "2027: National Day Oct 1-3 off");

	/* 2040: spring Sunday Feb 12, so Saturday 11 to Tuesday 14 off. */
	is_str(add(db, 2040, 2, 10, 1), "2040-02-15", "2040: Spring Festival from the festival table");
	is_str(add(db, 2040, 2, 10, 3), "2040-02-17", "2040: a second lookup");
	ok(!beat_is_workday(db, beat_day(2040, 2, 13)), "2040: Monday Feb 13 is off");
	ok(beat_is_workday(db, beat_day(2040, 2, 15)), "2040: Wednesday Feb 15 is worked");

	/* No festival dates: the fixed dates and weekends only. */
	is_str(add(db, 1999, 9, 30, 1), "1999-10-04", "1999: National Day Oct 1-3 only");
	is_str(add(db, 2051, 4, 28, 1), "2051-05-03", "2051: Labour Day May 1-2 only");
	is_str(stderr_back(),
	    "when: no holiday notice loaded for 2027; counting statutory holidays only\n"
	    "when: no holiday notice loaded for 2040; counting statutory holidays only\n"
	    "when: no holiday notice loaded for 1999 and no festival dates; "
	    "counting fixed-date holidays and weekends only\n"
	    "when: no holiday notice loaded for 2051 and no festival dates; "
	    "counting fixed-date holidays and weekends only\n",
	    "each year without a notice warns once, however often it is used");

	/* A notice loaded later moves the deadline in the same connection. */
	path = beat_xasprintf("%s/tests/data/notice2027.csv", top ? top : ".");
	nt = beat_calendar_read(path);
	beat_exec(db, "BEGIN", "");
	n = beat_calendar_load(db, nt, &years);
	beat_exec(db, "COMMIT", "");
	ok(n == 1 && years[0] == 2027, "the notice covers 2027");
	beat_calendar_free(nt);
	free(path);
	stderr_to_file();
	is_str(add(db, 2027, 2, 4, 1), "2027-02-15", "2027: the loaded notice's Spring Festival");
	is_str(add(db, 2027, 1, 29, 1), "2027-01-31", "2027: its make-up Sunday counts");
	is_str(add(db, 2027, 4, 2, 1), "2027-04-05", "2027: no statutory Qingming once a notice is in");
	is_str(stderr_back(), "", "and no warning for a year with a notice");
	unlink(warn_path);
	close_db(db);
}

static void
bad_arg_time(void)
{
	char buf[20];

	beat_arg_time("2024-02-30", "--at", buf);
}

static void
bad_arg_date(void)
{
	char buf[11];

	beat_arg_date("2024-03-01 10:00", "--fix-by", buf);
}

static void
test_arg(void)
{
	char t[20], d[11];

	setenv("BEAT_NOW", "2024-03-01 08:30", 1);
	beat_arg_time("today 14:30", "--at", t);
	is_str(t, "2024-03-01 14:30:00", "beat_arg_time: a good argument parses");
	beat_arg_date("yesterday", "--fix-by", d);
	is_str(d, "2024-02-29", "beat_arg_date: a good argument parses");
	is_num(child_status(bad_arg_time), BEAT_EX_USAGE,
	    "beat_arg_time: a bad argument exits 64");
	is_num(child_status(bad_arg_date), BEAT_EX_USAGE,
	    "beat_arg_date: a time where a day is asked exits 64");
	unsetenv("BEAT_NOW");
}

static void
test_time_text(void)
{
	char buf[20];
	long long t;

	ok(beat_text_time("2024-02-29 23:59:58", &t) == 0, "stored time parses");
	beat_time_text(t + 2, buf);
	is_str(buf, "2024-03-01 00:00:00", "two seconds later is the next day");
	ok(beat_text_time("1969-12-31 23:00:00", &t) == 0 && t == -3600,
	    "before 1970 counts backwards");
	beat_time_text(t, buf);
	is_str(buf, "1969-12-31 23:00:00", "and prints back");
	ok(beat_text_time("2024-02-30 10:00:00", &t) == -1, "an impossible day is refused");
	ok(beat_text_time("2024-02-28 24:00:00", &t) == -1, "hour 24 is refused");
	ok(beat_text_time("2024-02-28", &t) == 0 && t % 86400 == 0, "a day alone is midnight");
}

int
main(void)
{
	test_day_numbers();
	test_parse_time();
	test_now();
	test_clock();
	test_month();
	test_text_day();
	test_add_months();
	test_time_text();
	test_arg();
	test_workdays();
	test_statutory();
	return tap_done();
}
