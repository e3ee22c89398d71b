/* rules.c: the mediation ladder, the 会商研判 rule and the mass-incident risk. */
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
 * The deadlines are in deadline.c.
 */

static const char *const levels[] = {
	"police", "township", "resident", "consultation", NULL,
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

/* The texts of the statements kept with the connection (beat_kept). */
#define KEPT "/* rules.c */ "

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
beat_consult_reason(struct beat_conn *db, long long id)
{
	struct beat_stmt *st;
	long long failed, limit;
	char *r = NULL;

	st = beat_kept(db, KEPT
	    "SELECT level, status, cross_region, violence_risk, complex,"
	    " (SELECT count(*) FROM session AS s"
	    "  WHERE s.dispute_id = d.id AND s.outcome = 'failed')"
	    " FROM dispute AS d WHERE d.id = ?");
	beat_bind(st, "l", id);
	if (!beat_step(st) ||
	    strcmp(beat_stmt_text(st, 1), "open") != 0 ||
	    beat_level_rank(beat_stmt_text(st, 0)) >=
	    beat_level_rank("consultation")) {
		beat_kept_done(st);
		return NULL;
	}
	limit = beat_setting_int(db, "consult_failed_sessions");
	failed = beat_stmt_int(st, 5);
	if (failed >= limit)
		r = append(r, "%lld failed session%s", failed, failed == 1 ? "" : "s");
	if ((int)beat_stmt_int(st, 2))
		r = append(r, "cross-region");
	if ((int)beat_stmt_int(st, 3))
		r = append(r, "violence risk");
	if ((int)beat_stmt_int(st, 4))
		r = append(r, "complex");
	beat_kept_done(st);
	return r;
}

char *
beat_mass_risk(struct beat_conn *db, long long id)
{
	struct beat_stmt *st;
	long long crowd, mass, workers;
	const char *type;
	char *r = NULL;

	st = beat_kept(db, KEPT "SELECT type, crowd FROM dispute"
	    " WHERE id = ? AND status = 'open'");
	beat_bind(st, "l", id);
	if (beat_step(st)) {
		type = beat_stmt_text(st, 0);
		crowd = beat_stmt_int(st, 1);
		mass = beat_setting_int(db, "mass_crowd");
		workers = (mass + 1) / 2;
		if (workers < 2)
			workers = 2;
		if (crowd >= mass)
			r = beat_xasprintf("crowd %lld", crowd);
		else if (crowd >= workers && (strcmp(type, "wages") == 0 ||
		    strcmp(type, "compensation") == 0))
			r = beat_xasprintf("%s owed to %lld workers", type, crowd);
	}
	beat_kept_done(st);
	return r;
}

char *
beat_case_open(struct beat_conn *db, const char *number, const char *at, long long *id)
{
	struct beat_stmt *st;
	const char *opened;
	char *level;

	*id = beat_case_id(db, number);
	st = beat_kept(db, KEPT "SELECT status, level, opened_at FROM dispute WHERE id = ?");
	beat_bind(st, "l", *id);
	beat_step(st);
	if (strcmp(beat_stmt_text(st, 0), "open") != 0)
		beat_errx(BEAT_EX_DATA, _("%s: the case is closed"), number);
	/* By day: a step given as a bare date is on the day of registration. */
	opened = beat_stmt_text(st, 2);
	if (strncmp(at, opened, 10) < 0)
		beat_errx(BEAT_EX_DATA, _("%s: --at %.10s is before the case was registered (%.10s)"),
		    number, at, opened);
	level = beat_xstrdup(beat_stmt_text(st, 1));
	beat_kept_done(st);
	return level;
}
