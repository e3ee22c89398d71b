/* deadline.c: what a case owes and when, past and pending, and the record of what it missed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/*
 * Every obligation is computed from the case's own record (registration,
 * sessions, escalations, hand-offs and what the channel did, the
 * agreement, follow-ups), so the same rule gives the nightly list, the
 * case's history and the report.  Readings of SPEC 1.1 and 4.1 made here
 * (also in case-list(1) and case-show(1)):
 * - The police level (治安调解工作规范 art. 9): the first session within
 *   police_first_workdays working days of registration, or of the
 *   appraisal when one was issued; after a failed or partial first
 *   session, a second within police_second_workdays of it.  A refused or
 *   agreed first session starts no second.  Leaving the police level or
 *   closing the case ends both.
 * - The mediation month ends with the first hand-off or the closing; the
 *   latest extension agreed by both parties replaces it.
 * - A hand-off's clock ends when the body concludes or declines, or the
 *   case is closed.  Petition: answered (accepted or declined) within
 *   petition_answer_days of the hand-off; once accepted, handled within
 *   petition_handle_days of the acceptance, plus the extension.  People's
 *   mediation: people_months calendar months from the hand-off.
 *   Administrative and judicial: news of the body (any event, or the
 *   station's check-in) every channel_check_days.
 * - The judicial-confirmation window (人民调解法 art. 33) exists for
 *   written agreements only and is met by the parties' application.  It
 *   is the parties' right, and the station's duty is to see they know of
 *   it: a window that closed unused stays owed until the follow-up visit,
 *   at which it lapses; a lapsed window is not a missed deadline.
 */

/* Tie order of obligations falling due on the same day. */
static const char *const kinds[] = {
	"police_first", "police_second", "mediation_month", "petition_answer",
	"petition_handle", "people_month", "channel_check", "followup",
	"judicial_confirm", NULL,
};
const char *const *const beat_deadline_kinds = kinds;

/* The same in words, for reports. */
static const char *const labels[] = {
	N_("first police-level session"), N_("second police-level session"),
	N_("mediation within the month"), N_("petition accepted or declined"),
	N_("petition handled"), N_("people's mediation within the month"),
	N_("check-in with the receiving body"), N_("follow-up visit"),
	N_("judicial confirmation window"),
};

#define KEPT "/* deadline.c */ "
#define MAXFOUND 64
#define MAXHANDOFFS 8

struct found {
	struct beat_deadline d[MAXFOUND];
	int n;
	int owed;		/* only the pending ones are wanted */
};

static const char *
kind(const char *what)
{
	int i;

	for (i = 0; kinds[i] != NULL; i++)
		if (strcmp(kinds[i], what) == 0)
			return kinds[i];
	return NULL;
}

static int
kind_order(const char *what)
{
	int i;

	for (i = 0; kinds[i] != NULL && kinds[i] != what; i++)
		;
	return i;
}

const char *
beat_deadline_label(const char *what)
{
	const char *k = kind(what);

	return k == NULL ? what : _(labels[kind_order(k)]);
}

/* A case with more obligations than this is beyond any real one: the
 * earliest are kept. */
static void
found(struct found *f, const char *what, long due, long done, int lapsed)
{
	const char *k = kind(what);

	if (k == NULL)
		beat_errx(BEAT_EX_SOFTWARE, "deadline: kind '%s'", what);
	if (f->n == MAXFOUND)
		return;
	f->d[f->n].what = k;
	f->d[f->n].due = due;
	f->d[f->n].done = done;
	f->d[f->n].lapsed = lapsed;
	f->n++;
}

/* Day of a stored 'YYYY-MM-DD...' column; -1 when NULL. */
static long
day_of(struct beat_stmt *st, int col)
{
	const char *s = beat_stmt_text(st, col);
	long day;

	if (s == NULL)
		return -1;
	if (beat_text_day(s, &day) == -1)
		beat_errx(BEAT_EX_DATA, _("bad date in the database: '%s'"), s);
	return day;
}

/* The earlier of two days, where -1 is no day. */
static long
first_of(long a, long b)
{
	if (a < 0)
		return b;
	if (b < 0)
		return a;
	return a < b ? a : b;
}

static long
days(struct beat_conn *db, const char *key)
{
	return (long)beat_setting_int(db, key);
}

long
beat_judicial_window(struct beat_conn *db, long agreed)
{
	long due = agreed + days(db, "judicial_confirm_days");

	while (!beat_is_workday(db, due))
		due++;
	return due;
}

/* The police level, for a case that is or was at it. */
static void
police(struct beat_conn *db, long long id, int at_police, long opened, long appraised, long closed,
    struct found *f)
{
	struct beat_stmt *st;
	long left, first = -1, second = -1;
	int again = 0;

	st = beat_kept(db, KEPT "SELECT min(at) FROM escalation"
	    " WHERE dispute_id = ? AND from_level = 'police'");
	beat_bind(st, "l", id);
	beat_step(st);
	left = day_of(st, 0);
	beat_kept_done(st);
	if (!at_police && left < 0)
		return;
	left = first_of(left, closed);
	st = beat_kept(db, KEPT "SELECT at, outcome FROM session"
	    " WHERE dispute_id = ? AND level = 'police' ORDER BY at, id LIMIT 2");
	beat_bind(st, "l", id);
	if (beat_step(st)) {
		first = day_of(st, 0);
		again = strcmp(beat_stmt_text(st, 1), "failed") == 0 ||
		    strcmp(beat_stmt_text(st, 1), "partial") == 0;
		if (beat_step(st))
			second = day_of(st, 0);
	}
	beat_kept_done(st);
	found(f, "police_first", beat_add_workdays(db, appraised > opened ? appraised : opened,
	    (int)days(db, "police_first_workdays")), first_of(first, left), 0);
	if (again)
		found(f, "police_second", beat_add_workdays(db, first,
		    (int)days(db, "police_second_workdays")), first_of(second, left), 0);
}

static void
month(struct beat_conn *db, long long id, long opened, long closed, struct found *f)
{
	struct beat_stmt *st;
	long until, handed;

	st = beat_kept(db, KEPT "SELECT (SELECT until FROM extension WHERE dispute_id = ?1"
	    " ORDER BY at DESC, id DESC LIMIT 1), (SELECT min(at) FROM escalation"
	    " WHERE dispute_id = ?1 AND channel IS NOT NULL)");
	beat_bind(st, "l", id);
	beat_step(st);
	until = day_of(st, 0);
	handed = day_of(st, 1);
	beat_kept_done(st);
	if (until < 0)
		until = beat_add_months(opened, (int)days(db, "mediation_months"));
	found(f, "mediation_month", until, first_of(handed, closed), 0);
}

/* One hand-off to a channel, from its events. */
static void
channel(struct beat_conn *db, long long handoff, const char *code, long handed, long closed,
    struct found *f)
{
	struct beat_stmt *st;
	const char *event;
	long day, answered = -1, accepted = -1, ended = -1, last = handed, check, due;
	long extra = 0;
	int checked = strcmp(code, "administrative") == 0 || strcmp(code, "judicial") == 0;

	check = checked ? days(db, "channel_check_days") : 0;
	st = beat_kept(db, KEPT "SELECT at, event, days FROM channel_event"
	    " WHERE escalation_id = ? ORDER BY at, id");
	beat_bind(st, "l", handoff);
	while (beat_step(st)) {
		day = day_of(st, 0);
		event = beat_stmt_text(st, 1);
		if (ended >= 0)
			break;
		if (strcmp(event, "concluded") == 0 || strcmp(event, "declined") == 0)
			ended = day;
		if ((strcmp(event, "accepted") == 0 || strcmp(event, "declined") == 0) &&
		    answered < 0)
			answered = day;
		if (strcmp(event, "accepted") == 0 && accepted < 0)
			accepted = day;
		if (strcmp(event, "extended") == 0)
			extra += (long)beat_stmt_int(st, 2);
		/* News of the body: a check-in missed before it is history. */
		if (checked && ended < 0) {
			if (day > last + check)
				found(f, "channel_check", last + check, day, 0);
			last = day;
		}
	}
	beat_kept_done(st);
	ended = first_of(ended, closed);
	if (strcmp(code, "petition") == 0) {
		found(f, "petition_answer", handed + days(db, "petition_answer_days"),
		    first_of(answered, ended), 0);
		if (accepted >= 0)
			found(f, "petition_handle", accepted +
			    days(db, "petition_handle_days") + extra, ended, 0);
	} else if (strcmp(code, "people") == 0)
		found(f, "people_month", beat_add_months(handed,
		    (int)days(db, "people_months")) + extra, ended, 0);
	else if (checked) {
		due = last + check;
		if (ended < 0 || ended > due)
			found(f, "channel_check", due, ended, 0);
	}
}

static void
handoffs(struct beat_conn *db, long long id, long closed, struct found *f)
{
	struct {
		long long id;
		char code[32];
		long at;
	} h[MAXHANDOFFS];
	struct beat_stmt *st;
	int i, n = 0;

	st = beat_kept(db, KEPT "SELECT id, channel, at FROM escalation"
	    " WHERE dispute_id = ? AND channel IS NOT NULL ORDER BY at, id");
	beat_bind(st, "l", id);
	while (n < MAXHANDOFFS && beat_step(st)) {
		h[n].id = beat_stmt_int(st, 0);
		snprintf(h[n].code, sizeof(h[n].code), "%s",
		    beat_stmt_text(st, 1));
		h[n].at = day_of(st, 2);
		n++;
	}
	beat_kept_done(st);
	for (i = 0; i < n; i++)
		channel(db, h[i].id, h[i].code, h[i].at, closed, f);
}

/* A case's agreement as gather() reads it with the case: none when agreed < 0. */
struct agreed {
	long agreed, met, visited;
	int written;
};

/* After an agreement: the follow-up visit and the parties' court window. */
static void
agreement(struct beat_conn *db, const struct agreed *a, long today, struct found *f)
{
	long due;

	if (a->agreed < 0)
		return;
	found(f, "followup", a->agreed + days(db, "followup_days"), a->visited, 0);
	if (!a->written || (f->owed && a->met >= 0))
		return;
	due = beat_judicial_window(db, a->agreed);
	if (a->met >= 0)
		found(f, "judicial_confirm", due, a->met, 0);
	else if (a->visited >= 0 && today > due)
		found(f, "judicial_confirm", due, a->visited > due ? a->visited : due + 1, 1);
	else
		found(f, "judicial_confirm", due, -1, 0);
}

static int
earlier(const struct beat_deadline *a, const struct beat_deadline *b)
{
	if (a->due != b->due)
		return a->due < b->due;
	return kind_order(a->what) < kind_order(b->what);
}

static void
sort(struct beat_deadline *d, int n)
{
	struct beat_deadline t;
	int i, j;

	for (i = 1; i < n; i++) {
		t = d[i];
		for (j = i; j > 0 && earlier(&t, &d[j - 1]); j--)
			d[j] = d[j - 1];
		d[j] = t;
	}
}

/*
 * What gather() found of the cases owing as of a day, kept while a reader
 * that asks the same case twice (the report's list, then the workload
 * it prints) turns it on: beat_deadline_memo.  Only the owed ones (the
 * pending obligations) are kept, and only for the one connection.
 */
struct memo_case {
	long long id;		/* 0: free */
	long today;
	int n;
	struct beat_deadline *d;
};

static struct {
	struct beat_conn *db;
	struct memo_case *v;
	size_t cap, n;		/* cap a power of two */
} memo;

static struct memo_case *
memo_slot(struct memo_case *v, size_t cap, long long id, long today)
{
	size_t i = ((unsigned long long)id * 0x9E3779B97F4A7C15ull ^ (unsigned long long)today) &
	    (cap - 1);

	while (v[i].id != 0 && (v[i].id != id || v[i].today != today))
		i = (i + 1) & (cap - 1);
	return &v[i];
}

static int
memo_get(struct beat_conn *db, long long id, long today, struct found *f)
{
	struct memo_case *m;

	if (memo.db != db || memo.cap == 0 || id == 0)
		return 0;
	m = memo_slot(memo.v, memo.cap, id, today);
	if (m->id == 0)
		return 0;
	memcpy(f->d, m->d, (size_t)m->n * sizeof(*f->d));
	f->n = m->n;
	return 1;
}

static void
memo_put(struct beat_conn *db, long long id, long today, const struct found *f)
{
	struct memo_case *m, *old;
	size_t i, cap;

	if (memo.db != db || id == 0)
		return;
	if (2 * (memo.n + 1) > memo.cap) {
		old = memo.v;
		cap = memo.cap;
		memo.cap = cap ? 2 * cap : 4096;
		memo.v = beat_xmalloc(memo.cap * sizeof(*memo.v));
		memset(memo.v, 0, memo.cap * sizeof(*memo.v));
		for (i = 0; i < cap; i++)
			if (old[i].id != 0)
				*memo_slot(memo.v, memo.cap, old[i].id, old[i].today) = old[i];
		free(old);
	}
	m = memo_slot(memo.v, memo.cap, id, today);
	m->id = id;
	m->today = today;
	m->n = f->n;
	m->d = beat_xmalloc((f->n ? (size_t)f->n : 1) * sizeof(*m->d));
	memcpy(m->d, f->d, (size_t)f->n * sizeof(*f->d));
	memo.n++;
}

void
beat_deadline_memo(struct beat_conn *db, int on)
{
	size_t i;

	for (i = 0; i < memo.cap; i++)
		free(memo.v[i].d);
	free(memo.v);
	memo.v = NULL;
	memo.cap = memo.n = 0;
	memo.db = on ? db : NULL;
}

static void
gather_case(struct beat_conn *db, long long id, long today, struct found *f);

static void
gather(struct beat_conn *db, long long id, long today, struct found *f)
{
	if (!f->owed) {
		gather_case(db, id, today, f);
		return;
	}
	if (memo_get(db, id, today, f))
		return;
	gather_case(db, id, today, f);
	memo_put(db, id, today, f);
}

static void
gather_case(struct beat_conn *db, long long id, long today, struct found *f)
{
	struct beat_stmt *st;
	struct agreed a;
	long opened, closed, appraised;
	int at_police;

	f->n = 0;
	/*
	 * The agreement and the first visit after it come with the case, in
	 * one statement: a closed case, most of those asked, needs no other.
	 */
	st = beat_kept(db, KEPT "SELECT d.opened_at, d.closed_at, d.appraised_at,"
	    " CASE WHEN d.level = 'police' THEN 1 ELSE 0 END, a.at,"
	    " CASE WHEN a.form = 'written' THEN 1 ELSE 0 END, a.applied_at, a.confirmed_at,"
	    " (SELECT min(f.at) FROM followup f WHERE f.dispute_id = d.id"
	    "  AND f.at >= substr(a.at, 1, 10))"
	    " FROM dispute d LEFT JOIN agreement a ON a.dispute_id = d.id WHERE d.id = ?");
	beat_bind(st, "l", id);
	if (!beat_step(st)) {
		beat_kept_done(st);
		return;
	}
	opened = day_of(st, 0);
	closed = day_of(st, 1);
	appraised = day_of(st, 2);
	at_police = (int)beat_stmt_int(st, 3);
	a.agreed = day_of(st, 4);
	a.written = (int)beat_stmt_int(st, 5);
	a.met = first_of(day_of(st, 6), day_of(st, 7));
	a.visited = day_of(st, 8);
	beat_kept_done(st);
	/*
	 * Closing ends whatever the case owed before it: a reader that wants
	 * only what is owed (the lists over 100k cases) looks no further
	 * than the agreement of a closed case.
	 */
	if (!f->owed || closed < 0) {
		police(db, id, at_police, opened, appraised, closed, f);
		month(db, id, opened, closed, f);
		handoffs(db, id, closed, f);
	}
	agreement(db, &a, today, f);
	sort(f->d, f->n);
}

int
beat_deadline_missed(const struct beat_deadline *d, long today)
{
	if (d->done < 0)
		return today > d->due;
	return !d->lapsed && d->done > d->due;
}

int
beat_case_obligations(struct beat_conn *db, long long id, long today, struct beat_deadline *d, int max)
{
	struct found f = { .owed = 0 };
	int i;

	gather(db, id, today, &f);
	for (i = 0; i < f.n && i < max; i++)
		d[i] = f.d[i];
	return i;
}

int
beat_case_deadlines(struct beat_conn *db, long long id, struct beat_deadline *d, int max)
{
	struct found f = { .owed = 1 };
	int i, n = 0;

	gather(db, id, beat_today(), &f);
	for (i = 0; i < f.n && n < max; i++)
		if (f.d[i].done < 0)
			d[n++] = f.d[i];
	return n;
}

int
beat_case_overdue(struct beat_conn *db, long long id, long today, struct beat_deadline *d)
{
	struct found f = { .owed = 1 };
	int i;

	gather(db, id, today, &f);
	for (i = 0; i < f.n; i++) {
		if (f.d[i].done < 0 && today > f.d[i].due) {
			*d = f.d[i];
			return 1;
		}
	}
	return 0;
}

int
beat_case_due_soon(struct beat_conn *db, long long id, long today, long last, struct beat_deadline *d,
    int max)
{
	struct found f = { .owed = 1 };
	int i, n = 0;

	gather(db, id, today, &f);
	for (i = 0; i < f.n && n < max; i++)
		if (f.d[i].done < 0 && f.d[i].due >= today && f.d[i].due <= last)
			d[n++] = f.d[i];
	return n;
}

void
beat_case_owing(struct beat_conn *db, long long id, long today, long last, int *overdue, int *soon)
{
	struct found f = { .owed = 1 };
	int i;

	gather(db, id, today, &f);
	*overdue = *soon = 0;
	for (i = 0; i < f.n; i++) {
		if (f.d[i].done >= 0)
			continue;
		if (today > f.d[i].due)
			*overdue = 1;
		else if (f.d[i].due <= last)
			*soon = 1;
	}
}

int
beat_case_missed(struct beat_conn *db, long long id, long today, struct beat_deadline *d, int max)
{
	struct found f = { .owed = 0 };
	struct beat_stmt *st;
	const char *what;
	long due, met;
	int i, n = 0, known;

	gather(db, id, today, &f);
	for (i = 0; i < f.n && n < max; i++)
		if (beat_deadline_missed(&f.d[i], today))
			d[n++] = f.d[i];
	/*
	 * Where the rules still see an obligation, their verdict stands (a
	 * court window recorded while owed may have lapsed since, a session
	 * held on time may have been entered late); a recorded one they no
	 * longer see (a setting or the calendar changed since) is kept.
	 */
	st = beat_kept(db, KEPT "SELECT kind, due, met_at FROM missed WHERE dispute_id = ?");
	beat_bind(st, "l", id);
	while (n < max && beat_step(st)) {
		/* Recorded by a beat that knew kinds this one does not: shown as none. */
		if ((what = kind(beat_stmt_text(st, 0))) == NULL)
			continue;
		due = day_of(st, 1);
		met = day_of(st, 2);
		for (known = i = 0; i < f.n && !known; i++)
			known = f.d[i].what == what && f.d[i].due == due;
		if (known || (met >= 0 && met <= due))
			continue;
		d[n].what = what;
		d[n].due = due;
		d[n].done = met;
		d[n].lapsed = 0;
		n++;
	}
	beat_kept_done(st);
	sort(d, n);
	return n;
}

/*
 * A row recorded while a step was not yet entered (a session held on
 * time but entered days later, after the nightly run saw its deadline
 * pass) gets the day it was met, and a deadline met by its due day is
 * no missed one: beat_case_missed leaves it out.
 */
int
beat_case_record_missed(struct beat_conn *db, long long id, long today)
{
	struct found f = { .owed = 0 };
	char due[11], met[11], now[20];
	int i, changed = 0;

	beat_time_text(beat_now(), now);
	gather(db, id, today, &f);
	for (i = 0; i < f.n; i++) {
		beat_day_text(f.d[i].due, due);
		if (f.d[i].done >= 0)
			beat_day_text(f.d[i].done, met);
		if (beat_deadline_missed(&f.d[i], today))
			changed += beat_exec(db, KEPT "INSERT INTO missed"
			    " (dispute_id, kind, due, met_at, recorded_at) VALUES (?, ?, ?, ?, ?)"
			    " ON CONFLICT (dispute_id, kind, due) DO UPDATE SET met_at = excluded.met_at"
			    " WHERE missed.met_at IS NULL AND excluded.met_at IS NOT NULL",
			    "lssbs", id, f.d[i].what, due, f.d[i].done >= 0 ? met : "", now);
		else if (f.d[i].done >= 0 && !f.d[i].lapsed)
			changed += beat_exec(db, KEPT "UPDATE missed SET met_at = ?"
			    " WHERE dispute_id = ? AND kind = ? AND due = ? AND met_at IS NULL",
			    "slss", met, id, f.d[i].what, due);
	}
	return changed;
}

long long
beat_case_handoff(struct beat_conn *db, long long id, char **code)
{
	struct beat_stmt *st;
	long long handoff = 0;

	st = beat_kept(db, KEPT "SELECT e.id, e.channel FROM dispute AS d"
	    " JOIN escalation AS e ON e.dispute_id = d.id AND e.channel = d.channel"
	    " WHERE d.id = ? ORDER BY e.at DESC, e.id DESC LIMIT 1");
	beat_bind(st, "l", id);
	if (beat_step(st)) {
		handoff = beat_stmt_int(st, 0);
		if (code != NULL)
			*code = beat_xstrdup(beat_stmt_text(st, 1));
	}
	beat_kept_done(st);
	return handoff;
}

/*
 * Every obligation the rules see, met or owed, and those recorded as
 * missed that the rules no longer see (a setting changed since), each
 * with its state.
 */
int
beat_case_deadline_states(struct beat_conn *db, long long id, long today,
    struct beat_deadline *d, const char **state, int max)
{
	struct beat_deadline gone[64];
	int i, j, n, m, seen, seen_now;

	n = seen_now = beat_case_obligations(db, id, today, d, max);
	m = beat_case_missed(db, id, today, gone, 64);
	for (j = 0; j < m && n < max; j++) {
		for (seen = i = 0; i < n && !seen; i++)
			seen = d[i].what == gone[j].what && d[i].due == gone[j].due;
		if (!seen)
			d[n++] = gone[j];
	}
	for (i = 0; i < n; i++) {
		if (d[i].lapsed)
			state[i] = "lapsed";
		else if (d[i].done >= 0)
			state[i] = d[i].done > d[i].due ? "late" : "met";
		else if (today > d[i].due)
			state[i] = i < seen_now ? "overdue" : "missed";
		else
			state[i] = "owed";
	}
	return n;
}
