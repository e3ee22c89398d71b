/* rules.c: the mediation ladder, the 会商研判 rule and the case deadlines. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/*
 * The texts made here are stored in escalation.reason and printed in the
 * TSV lines of case-escalate --auto, which scripts read, so they are the
 * same on every locale and not passed through gettext.
 *
 * Readings of SPEC 1.1 made here (also in case-escalate(1) and
 * case-mediate(1)):
 * - 会商: failed sessions are counted over all levels; only open cases
 *   below consultation have a reason.
 * - Mass-incident risk: crowd >= mass_crowd; or a wages or compensation
 *   dispute involving at least half that many people (mass_crowd / 2
 *   rounded up, 5 by default), since unpaid workers gather in smaller
 *   groups than the general threshold.  Only open cases.
 * - A refused session ends mediation at its level, so it starts no
 *   police_second deadline.
 * - The judicial-confirmation window (art. 33) is the parties' right; the
 *   station's duty is to see that they know of it.  So the window is
 *   listed while it is open and unconfirmed, and a closed one counts as
 *   missed until the follow-up visit is recorded, at which the officer
 *   settles the matter with the parties.  Without that bound every
 *   unconfirmed agreement would stay overdue for ever.
 * - A declined petition has nothing left to handle.
 */

static const char *const levels[] = {
	"police", "township", "resident", "consultation", NULL,
};

/* Tie order of deadlines falling on the same day. */
static const char *const kinds[] = {
	"police_first", "police_second", "mediation_month", "petition_answer",
	"petition_handle", "followup", "judicial_confirm", NULL,
};

int
beat_level_rank(const char *level)
{
	int i;

	if (level == NULL)
		return 0;
	for (i = 0; levels[i] != NULL; i++)
		if (strcmp(levels[i], level) == 0)
			return i + 1;
	return 0;
}

const char *
beat_level_next(const char *level)
{
	int r = beat_level_rank(level);

	return r == 0 ? NULL : levels[r];
}

/*
 * A prepared statement kept with the connection, found again by its
 * text (as when.c keeps its calendar query): case-list and the report
 * ask for the deadlines of every case, and preparing the same few
 * queries anew for each of 100k cases cost more than running them.
 * beat_db_close finalizes it.  Give it back with done().  The texts
 * begin with KEPT, so that no statement of a caller's with the same SQL
 * (prepared and bound, not yet stepped) is ever taken for one of these.
 */
#define KEPT "/* rules.c */ "

static sqlite3_stmt *
cached(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	const char *text;
	int rc;

	while ((st = sqlite3_next_stmt(db, st)) != NULL) {
		text = sqlite3_sql(st);
		if (text != NULL && strcmp(text, sql) == 0 && !sqlite3_stmt_busy(st))
			return st;
	}
	if ((rc = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL)) != SQLITE_OK)
		beat_db_fail(db, rc, sql);
	return st;
}

static void
done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

/* beat_setting_int through a kept statement; it reports what is wrong. */
static long long
setting(sqlite3 *db, const char *key)
{
	sqlite3_stmt *st = cached(db, KEPT "SELECT value FROM setting WHERE key = ?");
	const char *v;
	char *end;
	long long n = 0;
	int ok = 0;

	beat_bind(st, "s", key);
	if (beat_step(st) && (v = (const char *)sqlite3_column_text(st, 0)) != NULL) {
		n = strtoll(v, &end, 10);
		ok = *end == '\0' && end != v;
	}
	done(st);
	return ok ? n : beat_setting_int(db, key);
}

/* Appends "; text" (or text) to a malloc'd string that may be NULL. */
static char *
append(char *s, const char *fmt, ...)
{
	char *part, *all;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&part, fmt, ap) == -1)
		beat_errx(BEAT_EX_SOFTWARE, _("out of memory"));
	va_end(ap);
	if (s == NULL)
		return part;
	all = beat_xasprintf("%s; %s", s, part);
	free(s);
	free(part);
	return all;
}

char *
beat_consult_reason(sqlite3 *db, long long id)
{
	sqlite3_stmt *st;
	long long failed, limit;
	char *r = NULL;

	st = cached(db, KEPT
	    "SELECT level, status, cross_region, violence_risk, complex,"
	    " (SELECT count(*) FROM session AS s"
	    "  WHERE s.dispute_id = d.id AND s.outcome = 'failed')"
	    " FROM dispute AS d WHERE d.id = ?");
	beat_bind(st, "l", id);
	if (!beat_step(st) ||
	    strcmp((const char *)sqlite3_column_text(st, 1), "open") != 0 ||
	    beat_level_rank((const char *)sqlite3_column_text(st, 0)) >=
	    beat_level_rank("consultation")) {
		done(st);
		return NULL;
	}
	limit = setting(db, "consult_failed_sessions");
	failed = sqlite3_column_int64(st, 5);
	if (failed >= limit)
		r = append(r, "%lld failed session%s", failed, failed == 1 ? "" : "s");
	if (sqlite3_column_int(st, 2))
		r = append(r, "cross-region");
	if (sqlite3_column_int(st, 3))
		r = append(r, "violence risk");
	if (sqlite3_column_int(st, 4))
		r = append(r, "complex");
	done(st);
	return r;
}

char *
beat_mass_risk(sqlite3 *db, long long id)
{
	sqlite3_stmt *st;
	long long crowd, mass, workers;
	const char *type;
	char *r = NULL;

	st = cached(db, KEPT "SELECT type, crowd FROM dispute"
	    " WHERE id = ? AND status = 'open'");
	beat_bind(st, "l", id);
	if (beat_step(st)) {
		type = (const char *)sqlite3_column_text(st, 0);
		crowd = sqlite3_column_int64(st, 1);
		mass = setting(db, "mass_crowd");
		workers = (mass + 1) / 2;
		if (workers < 2)
			workers = 2;
		if (crowd >= mass)
			r = beat_xasprintf("crowd %lld", crowd);
		else if (crowd >= workers && (strcmp(type, "wages") == 0 ||
		    strcmp(type, "compensation") == 0))
			r = beat_xasprintf("%s owed to %lld workers", type, crowd);
	}
	done(st);
	return r;
}

/* The deadlines found so far, before sorting. */
struct found {
	struct beat_deadline d[8];
	int n;
};

static void
found(struct found *f, const char *what, long due)
{
	int i;

	for (i = 0; kinds[i] != NULL; i++)
		if (strcmp(kinds[i], what) == 0)
			break;
	if (kinds[i] == NULL || f->n >= (int)(sizeof(f->d) / sizeof(f->d[0])))
		beat_errx(BEAT_EX_SOFTWARE, "rules: deadline '%s'", what);
	f->d[f->n].what = kinds[i];
	f->d[f->n].due = due;
	f->n++;
}

static int
kind_order(const char *what)
{
	int i;

	for (i = 0; kinds[i] != NULL && kinds[i] != what; i++)
		;
	return i;
}

/* Day of a stored 'YYYY-MM-DD...' column; 0 and no day when NULL. */
static int
col_day(sqlite3_stmt *st, int col, long *day)
{
	const char *s = (const char *)sqlite3_column_text(st, col);

	if (s == NULL)
		return 0;
	if (beat_text_day(s, day) == -1)
		beat_errx(BEAT_EX_DATA, _("bad date in the database: '%s'"), s);
	return 1;
}

/* A petition is to be answered, then (unless declined) handled. */
static void
petition_deadlines(sqlite3 *db, long long id, long handed, struct found *f)
{
	sqlite3_stmt *st;
	int answered = 0, declined = 0, extended = 0, handled = 0;
	long long days;

	st = cached(db, KEPT "SELECT answered_at IS NOT NULL,"
	    " coalesce(answer = 'declined', 0), extended, handled_at IS NOT NULL"
	    " FROM petition WHERE dispute_id = ?");
	beat_bind(st, "l", id);
	if (beat_step(st)) {
		answered = sqlite3_column_int(st, 0);
		declined = sqlite3_column_int(st, 1);
		extended = sqlite3_column_int(st, 2);
		handled = sqlite3_column_int(st, 3);
	}
	done(st);
	if (!answered)
		found(f, "petition_answer", handed +
		    (long)setting(db, "petition_answer_days"));
	if (!handled && !declined) {
		days = setting(db, "petition_handle_days");
		if (extended)
			days += setting(db, "petition_extend_days");
		found(f, "petition_handle", handed + (long)days);
	}
}

/* Registration, the ladder and the month limit: open cases only. */
static void
open_deadlines(sqlite3 *db, long long id, sqlite3_stmt *dc, struct found *f)
{
	sqlite3_stmt *st;
	const char *level = (const char *)sqlite3_column_text(dc, 1);
	long opened, day;

	col_day(dc, 0, &opened);
	if (sqlite3_column_type(dc, 3) == SQLITE_NULL) {
		st = cached(db, KEPT "SELECT until FROM extension"
		    " WHERE dispute_id = ? ORDER BY at DESC, id DESC LIMIT 1");
		beat_bind(st, "l", id);
		if (beat_step(st) && col_day(st, 0, &day))
			found(f, "mediation_month", day);
		else
			found(f, "mediation_month", beat_add_months(opened,
			    (int)setting(db, "mediation_months")));
		done(st);
	}
	if (strcmp(level, "police") == 0) {
		st = cached(db, KEPT "SELECT count(*), min(at), min(outcome)"
		    " FROM session WHERE dispute_id = ?");
		beat_bind(st, "l", id);
		beat_step(st);
		if (sqlite3_column_int64(st, 0) == 0)
			found(f, "police_first", beat_add_workdays(db, opened,
			    (int)setting(db, "police_first_workdays")));
		else if (sqlite3_column_int64(st, 0) == 1 &&
		    strcmp((const char *)sqlite3_column_text(st, 2), "agreed") != 0 &&
		    strcmp((const char *)sqlite3_column_text(st, 2), "refused") != 0 &&
		    col_day(st, 1, &day))
			found(f, "police_second", beat_add_workdays(db, day,
			    (int)setting(db, "police_second_workdays")));
		done(st);
	}
	if (sqlite3_column_type(dc, 3) != SQLITE_NULL &&
	    strcmp((const char *)sqlite3_column_text(dc, 3), "petition") == 0 &&
	    col_day(dc, 4, &day))
		petition_deadlines(db, id, day, f);
}

/* After an agreement: the follow-up visit and the parties' court window. */
static void
agreement_deadlines(sqlite3 *db, long long id, struct found *f)
{
	sqlite3_stmt *st, *fu;
	char text[11];
	long agreed, due;
	int visited;

	st = cached(db, KEPT "SELECT at, confirmed_at IS NULL FROM agreement"
	    " WHERE dispute_id = ?");
	beat_bind(st, "l", id);
	if (beat_step(st) && col_day(st, 0, &agreed)) {
		beat_day_text(agreed, text);
		fu = cached(db, KEPT "SELECT 1 FROM followup WHERE dispute_id = ? AND at >= ?");
		beat_bind(fu, "ls", id, text);
		visited = beat_step(fu);
		done(fu);
		if (!visited)
			found(f, "followup", agreed +
			    (long)setting(db, "followup_days"));
		due = agreed + (long)setting(db, "judicial_confirm_days");
		if (sqlite3_column_int(st, 1) && (beat_today() <= due || !visited))
			found(f, "judicial_confirm", due);
	}
	done(st);
}

int
beat_case_deadlines(sqlite3 *db, long long id, struct beat_deadline *d, int max)
{
	struct found f = { .n = 0 };
	struct beat_deadline t;
	sqlite3_stmt *st;
	int i, j;

	st = cached(db, KEPT "SELECT opened_at, level, status, channel, channel_at"
	    " FROM dispute WHERE id = ?");
	beat_bind(st, "l", id);
	if (beat_step(st) &&
	    strcmp((const char *)sqlite3_column_text(st, 2), "open") == 0)
		open_deadlines(db, id, st, &f);
	done(st);
	agreement_deadlines(db, id, &f);
	for (i = 1; i < f.n; i++) {
		t = f.d[i];
		for (j = i; j > 0 && (f.d[j - 1].due > t.due ||
		    (f.d[j - 1].due == t.due &&
		    kind_order(f.d[j - 1].what) > kind_order(t.what))); j--)
			f.d[j] = f.d[j - 1];
		f.d[j] = t;
	}
	for (i = 0; i < f.n && i < max; i++)
		d[i] = f.d[i];
	return i;
}

int
beat_case_overdue(sqlite3 *db, long long id, long today, struct beat_deadline *d)
{
	struct beat_deadline all[8];
	int i, n;

	n = beat_case_deadlines(db, id, all, 8);
	for (i = 0; i < n; i++) {
		if (today > all[i].due) {
			*d = all[i];
			return 1;
		}
	}
	return 0;
}

char *
beat_case_open(sqlite3 *db, const char *number, const char *at, long long *id)
{
	sqlite3_stmt *st;
	const char *opened;
	char *level;

	*id = beat_case_id(db, number);
	st = cached(db, KEPT "SELECT status, level, opened_at FROM dispute WHERE id = ?");
	beat_bind(st, "l", *id);
	beat_step(st);
	if (strcmp((const char *)sqlite3_column_text(st, 0), "open") != 0)
		beat_errx(BEAT_EX_DATA, _("%s: the case is closed"), number);
	/* By day: a step given as a bare date is on the day of registration. */
	opened = (const char *)sqlite3_column_text(st, 2);
	if (strncmp(at, opened, 10) < 0)
		beat_errx(BEAT_EX_DATA, _("%s: --at %.10s is before the case was registered (%.10s)"),
		    number, at, opened);
	level = beat_xstrdup((const char *)sqlite3_column_text(st, 1));
	done(st);
	return level;
}
