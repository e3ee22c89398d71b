/* workload.c: each officer's share of the cases, for roster --workload and the monthly report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/*
 * Counted here once, so that roster and report-monthly cannot disagree,
 * with the deadline rules of deadline.c: overdue as case-list --overdue
 * has it (any status), due soon as case-list --due-soon (the setting
 * due_soon_days).  A case counts for the officer it is registered to.
 * Cases registered after the day counted as of are not yet there.
 */

/* Officers are a few dozen at most: a plain search is enough. */
static long
row_of(const long long *ids, size_t n, long long officer)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ids[i] == officer)
			return (long)i;
	return -1;
}

/*
 * The first day an agreement can be made on and have its court window
 * (beat_judicial_window: the first working day on or after the agreement
 * and judicial_confirm_days) end on or after day: the window only grows
 * with the agreement's day, and ends before day exactly when a working
 * day before day comes on or after its start.
 */
static long
window(struct beat_conn *db, long day)
{
	long w = day - 1;

	while (!beat_is_workday(db, w))
		w--;
	return w - (long)beat_setting_int(db, "judicial_confirm_days") + 1;
}

/* The rows, by badge, with their villages and the month's sessions; *idp their ids. */
static size_t
people(struct beat_conn *db, int year, int month, struct beat_workload **out, long long **idp)
{
	struct beat_workload *w = NULL;
	struct beat_stmt *st;
	long long *ids = NULL;
	long first, i;
	char from[11], to[11];
	size_t n = 0;

	first = beat_day(year, month, 1);
	beat_day_text(first, from);
	beat_day_text(beat_add_months(first, 1), to);
	/* The officers, and anyone else a case or a beat is registered to. */
	st = beat_prepare(db, "SELECT o.id, o.badge, o.name,"
	    " (SELECT count(*) FROM beat b WHERE b.officer_id = o.id)"
	    " FROM officer o WHERE o.kind = 'officer'"
	    " OR EXISTS (SELECT 1 FROM dispute d WHERE d.officer_id = o.id)"
	    " OR EXISTS (SELECT 1 FROM beat b WHERE b.officer_id = o.id)"
	    " ORDER BY o.badge");
	while (beat_step(st)) {
		w = beat_xrealloc(w, (n + 1) * sizeof(*w));
		ids = beat_xrealloc(ids, (n + 1) * sizeof(*ids));
		memset(&w[n], 0, sizeof(w[n]));
		ids[n] = beat_stmt_int(st, 0);
		w[n].badge = beat_xstrdup(beat_stmt_text(st, 1));
		w[n].name = beat_xstrdup(beat_stmt_text(st, 2));
		w[n].villages = beat_stmt_int(st, 3);
		n++;
	}
	beat_stmt_free(st);

	/* The month's sessions (the index session_at), not each officer's cases' sessions. */
	st = beat_prepare(db, "SELECT d.officer_id, count(*) FROM session s"
	    " JOIN dispute d ON d.id = s.dispute_id WHERE s.at >= ?1 AND s.at < ?2"
	    " GROUP BY d.officer_id");
	beat_bind(st, "ss", from, to);
	while (beat_step(st))
		if ((i = row_of(ids, n, beat_stmt_int(st, 0))) >= 0)
			w[i].sessions += beat_stmt_int(st, 1);
	beat_stmt_free(st);
	*out = w;
	*idp = ids;
	return n;
}

size_t
beat_workload_sessions(struct beat_conn *db, int year, int month, struct beat_workload **out)
{
	long long *ids;
	size_t n;

	n = people(db, year, month, out, &ids);
	free(ids);
	return n;
}

size_t
beat_workload(struct beat_conn *db, int year, int month, long asof, struct beat_workload **out)
{
	struct beat_workload *w;
	struct beat_stmt *st;
	long long *ids, id;
	long soon = (long)beat_setting_int(db, "due_soon_days"), i;
	char next[11], since[11];
	size_t n;
	int late, soon_too;

	n = people(db, year, month, &w, &ids);
	beat_day_text(asof + 1, next);

	/* Found by their closing (the index dispute_closed), not among all by opening. */
	st = beat_prepare(db, "SELECT officer_id, count(*) FROM dispute WHERE id IN"
	    " (SELECT id FROM dispute WHERE closed_at IS NULL OR closed_at >= ?1)"
	    " AND opened_at < ?1 GROUP BY 1");
	beat_bind(st, "s", next);
	while (beat_step(st))
		if ((i = row_of(ids, n, beat_stmt_int(st, 0))) >= 0)
			w[i].open += beat_stmt_int(st, 1);
	beat_stmt_free(st);

	/*
	 * Closing ends all a case owed but what its agreement opens, and the
	 * rules ask a closed case its agreement alone (deadline.c, gather()
	 * and agreement()): the follow-up visit, pending until a visit; the
	 * court window of a written agreement not applied for nor confirmed,
	 * pending until a visit after it closed, so due on or after the day
	 * counted as of only for an agreement made after the day window()
	 * finds.  The other closed cases of 100k owe nothing and are not asked.
	 */
	beat_day_text(window(db, asof), since);
	/* From the open cases and the agreements, not a pass over all cases. */
	st = beat_prepare(db, "SELECT id, officer_id FROM dispute WHERE id IN"
	    " (SELECT id FROM dispute WHERE closed_at IS NULL UNION " BEAT_SQL_UNVISITED
	    "  UNION SELECT dispute_id FROM agreement WHERE form = 'written'"
	    "  AND applied_at IS NULL AND confirmed_at IS NULL AND at >= ?2)"
	    " AND opened_at < ?1"
	    " ORDER BY officer_id, id");
	beat_bind(st, "ss", next, since);
	while (beat_step(st)) {
		id = beat_stmt_int(st, 0);
		if ((i = row_of(ids, n, beat_stmt_int(st, 1))) < 0)
			continue;
		beat_case_owing(db, id, asof, asof + soon, &late, &soon_too);
		w[i].overdue += late;
		w[i].due_soon += soon_too;
	}
	beat_stmt_free(st);
	free(ids);
	*out = w;
	return n;
}

void
beat_workload_free(struct beat_workload *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(w[i].badge);
		free(w[i].name);
	}
	free(w);
}
