/* rules.c: the ladder, the 会商研判 rule and case deadlines over real reference data. */
#include <stdlib.h>
#include <string.h>

#include "beat.h"
#include "tap.h"

static struct beat_conn *db;
static int nextseq;

static long
day(const char *s)
{
	long d = 0;

	if (beat_text_day(s, &d) == -1)
		abort();
	return d;
}

/* A case in 红星村; its id. */
static long long
add_case(const char *opened, const char *level, const char *type, int crowd)
{
	char number[32];

	snprintf(number, sizeof(number), "2024-%04d", ++nextseq);
	beat_exec(db, "INSERT INTO dispute (number, year, seq, opened_at, village_id,"
	    " officer_id, type, summary, level, crowd) VALUES (?, 2024, ?, ?, 1, 1, ?,"
	    " 'test', ?, ?)", "sisssi", number, nextseq, opened, type, level, crowd);
	return beat_conn_last_id(db);
}

static void
set(long long id, const char *column, int v)
{
	/* Column names are ours; only these pass. */
	const char *sql =
	    strcmp(column, "cross_region") == 0 ? "UPDATE dispute SET cross_region = ? WHERE id = ?" :
	    strcmp(column, "violence_risk") == 0 ? "UPDATE dispute SET violence_risk = ? WHERE id = ?" :
	    strcmp(column, "complex") == 0 ? "UPDATE dispute SET complex = ? WHERE id = ?" : NULL;

	if (sql == NULL)
		abort();
	beat_exec(db, sql, "il", v, id);
}

static void
close_case(long long id)
{
	beat_exec(db, "UPDATE dispute SET status = 'closed', outcome = 'resolved',"
	    " closed_at = '2024-10-01 00:00:00' WHERE id = ?", "l", id);
}

static void
add_session(long long id, const char *at, const char *level, const char *outcome)
{
	beat_exec(db, "INSERT INTO session (dispute_id, at, level, outcome)"
	    " VALUES (?, ?, ?, ?)", "lsss", id, at, level, outcome);
}

/* "what=YYYY-MM-DD what=..." of the case's deadlines, for comparing. */
static char *
deadlines(long long id, int max)
{
	struct beat_deadline d[8];
	char *s = beat_xstrdup(""), *t, text[11];
	int i, n;

	n = beat_case_deadlines(db, id, d, max);
	for (i = 0; i < n; i++) {
		beat_day_text(d[i].due, text);
		t = beat_xasprintf("%s%s%s=%s", s, i ? " " : "", d[i].what, text);
		free(s);
		s = t;
	}
	return s;
}

static char *
overdue(long long id, const char *today)
{
	struct beat_deadline d;
	char text[11];

	if (!beat_case_overdue(db, id, day(today), &d))
		return NULL;
	beat_day_text(d.due, text);
	return beat_xasprintf("%s=%s", d.what, text);
}

/* "what=due/done" of the missed deadlines, done "-" while unmet. */
static char *
missed(long long id, const char *today)
{
	struct beat_deadline d[16];
	char *s = beat_xstrdup(""), *t, due[11], done[11];
	int i, n;

	n = beat_case_missed(db, id, day(today), d, 16);
	for (i = 0; i < n; i++) {
		beat_day_text(d[i].due, due);
		if (d[i].done >= 0)
			beat_day_text(d[i].done, done);
		else
			strcpy(done, "-");
		t = beat_xasprintf("%s%s%s=%s/%s", s, i ? " " : "", d[i].what, due, done);
		free(s);
		s = t;
	}
	return s;
}

static void
ladder(void)
{
	ok(beat_level_rank("police") == 1, "rank: police is 1");
	ok(beat_level_rank("township") == 2, "rank: township is 2");
	ok(beat_level_rank("resident") == 3, "rank: resident is 3");
	ok(beat_level_rank("consultation") == 4, "rank: consultation is 4");
	ok(beat_level_rank("court") == 0 && beat_level_rank(NULL) == 0, "rank: unknown is 0");
	is_str(beat_level_next("police"), "township", "next: police to township");
	is_str(beat_level_next("resident"), "consultation", "next: resident to consultation");
	is_str(beat_level_next("consultation"), NULL, "next: nothing after consultation");
	is_str(beat_level_next("court"), NULL, "next: nothing after an unknown level");
}

static void
consult(void)
{
	long long id;

	id = add_case("2024-03-01 09:00:00", "police", "neighbor", 0);
	add_session(id, "2024-03-02 09:00:00", "police", "failed");
	add_session(id, "2024-03-03 09:00:00", "police", "partial");
	add_session(id, "2024-03-04 09:00:00", "police", "refused");
	is_str(beat_consult_reason(db, id), NULL,
	    "会商: one failed, one partial, one refused session is no trigger");
	add_session(id, "2024-03-05 09:00:00", "township", "failed");
	is_str(beat_consult_reason(db, id), NULL, "会商: two failed sessions are no trigger");
	add_session(id, "2024-03-06 09:00:00", "resident", "failed");
	is_str(beat_consult_reason(db, id), "3 failed sessions",
	    "会商: three failed sessions over the levels trigger alone");

	id = add_case("2024-03-01 09:00:00", "police", "neighbor", 0);
	set(id, "cross_region", 1);
	is_str(beat_consult_reason(db, id), "cross-region", "会商: cross-region alone");
	id = add_case("2024-03-01 09:00:00", "township", "neighbor", 0);
	set(id, "violence_risk", 1);
	is_str(beat_consult_reason(db, id), "violence risk", "会商: violence risk alone");
	id = add_case("2024-03-01 09:00:00", "resident", "neighbor", 0);
	set(id, "complex", 1);
	is_str(beat_consult_reason(db, id), "complex", "会商: complex alone");

	id = add_case("2024-03-01 09:00:00", "police", "wages", 40);
	is_str(beat_consult_reason(db, id), NULL, "会商: a crowd is no trigger");
	add_session(id, "2024-03-02 09:00:00", "police", "failed");
	add_session(id, "2024-03-03 09:00:00", "police", "failed");
	add_session(id, "2024-03-04 09:00:00", "police", "failed");
	add_session(id, "2024-03-05 09:00:00", "police", "failed");
	set(id, "cross_region", 1);
	set(id, "violence_risk", 1);
	set(id, "complex", 1);
	is_str(beat_consult_reason(db, id),
	    "4 failed sessions; cross-region; violence risk; complex",
	    "会商: every trigger that holds is named, in order");

	id = add_case("2024-03-01 09:00:00", "consultation", "neighbor", 0);
	set(id, "complex", 1);
	is_str(beat_consult_reason(db, id), NULL, "会商: a case at consultation has no reason");
	id = add_case("2024-03-01 09:00:00", "police", "neighbor", 0);
	set(id, "complex", 1);
	close_case(id);
	is_str(beat_consult_reason(db, id), NULL, "会商: a closed case has no reason");
	is_str(beat_consult_reason(db, 999999), NULL, "会商: no such case, no reason");

	beat_exec(db, "UPDATE setting SET value = '2' WHERE key = 'consult_failed_sessions'", "");
	id = add_case("2024-03-01 09:00:00", "police", "neighbor", 0);
	add_session(id, "2024-03-02 09:00:00", "police", "failed");
	add_session(id, "2024-03-03 09:00:00", "police", "failed");
	is_str(beat_consult_reason(db, id), "2 failed sessions",
	    "会商: the number of sessions comes from the setting table");
	beat_exec(db, "UPDATE setting SET value = '3' WHERE key = 'consult_failed_sessions'", "");
}

static void
mass(void)
{
	long long id;

	id = add_case("2024-03-01 09:00:00", "police", "land", 10);
	is_str(beat_mass_risk(db, id), "crowd 10", "mass: a crowd of mass_crowd (10)");
	id = add_case("2024-03-01 09:00:00", "police", "land", 9);
	is_str(beat_mass_risk(db, id), NULL, "mass: a crowd of 9 is none");
	id = add_case("2024-03-01 09:00:00", "police", "wages", 5);
	is_str(beat_mass_risk(db, id), "wages owed to 5 workers",
	    "mass: wages owed to half of mass_crowd");
	id = add_case("2024-03-01 09:00:00", "police", "compensation", 6);
	is_str(beat_mass_risk(db, id), "compensation owed to 6 workers",
	    "mass: compensation owed to many workers");
	id = add_case("2024-03-01 09:00:00", "police", "wages", 4);
	is_str(beat_mass_risk(db, id), NULL, "mass: wages owed to 4 is none");
	id = add_case("2024-03-01 09:00:00", "police", "wages", 12);
	is_str(beat_mass_risk(db, id), "crowd 12", "mass: a crowd is named first");
	close_case(id);
	is_str(beat_mass_risk(db, id), NULL, "mass: a closed case is none");
}

static void
police(void)
{
	long long id;

	setenv("BEAT_NOW", "2024-09-13 10:00", 1);
	/*
	 * Registered Friday 2024-09-13.  Working days after it: Sat 09-14
	 * (中秋节调休, a workday) is the 1st; 09-15..17 are the Mid-Autumn
	 * holiday; Wed 09-18 is the 2nd and Thu 09-19 the 3rd.
	 */
	id = add_case("2024-09-13 10:00:00", "police", "neighbor", 0);
	is_str(deadlines(id, 8), "police_first=2024-09-19 mediation_month=2024-10-13",
	    "deadlines: first police session 3 working days over Mid-Autumn; the month");
	is_str(overdue(id, "2024-09-19"), NULL, "overdue: not on the due day");
	is_str(overdue(id, "2024-09-20"), "police_first=2024-09-19",
	    "overdue: the day after the due day");
	is_str(deadlines(id, 1), "police_first=2024-09-19", "deadlines: at most max");

	/*
	 * One failed session Thu 09-19.  Seven working days: Fri 09-20 (1),
	 * Mon 09-23 .. Fri 09-27 (2..6), Sun 09-29 (国庆节调休, 7).
	 */
	add_session(id, "2024-09-19 15:00:00", "police", "failed");
	is_str(deadlines(id, 8), "police_second=2024-09-29 mediation_month=2024-10-13",
	    "deadlines: second police session 7 working days after the first");
	is_str(overdue(id, "2024-09-30"), "police_second=2024-09-29",
	    "overdue: second session missed");
	add_session(id, "2024-09-25 15:00:00", "police", "failed");
	is_str(deadlines(id, 8), "mediation_month=2024-10-13",
	    "deadlines: no police deadline after two sessions");
	is_str(overdue(id, "2024-10-14"), "mediation_month=2024-10-13",
	    "overdue: the month missed");

	id = add_case("2024-09-13 10:00:00", "police", "neighbor", 0);
	add_session(id, "2024-09-14 10:00:00", "police", "agreed");
	is_str(deadlines(id, 8), "mediation_month=2024-10-13",
	    "deadlines: no second session after an agreement");
	id = add_case("2024-09-13 10:00:00", "police", "neighbor", 0);
	add_session(id, "2024-09-14 10:00:00", "police", "refused");
	is_str(deadlines(id, 8), "mediation_month=2024-10-13",
	    "deadlines: no second session after a refusal");
	id = add_case("2024-09-13 10:00:00", "township", "neighbor", 0);
	is_str(deadlines(id, 8), "mediation_month=2024-10-13",
	    "deadlines: no police deadline above the police level");
	id = add_case("2024-01-31 10:00:00", "township", "neighbor", 0);
	is_str(deadlines(id, 8), "mediation_month=2024-02-29",
	    "deadlines: the month ends on the last day of a short month");

	beat_exec(db, "INSERT INTO extension (dispute_id, at, until)"
	    " VALUES (?, '2024-02-20 10:00:00', '2024-03-31')", "l", id);
	beat_exec(db, "INSERT INTO extension (dispute_id, at, until)"
	    " VALUES (?, '2024-03-25 10:00:00', '2024-04-30')", "l", id);
	is_str(deadlines(id, 8), "mediation_month=2024-04-30",
	    "deadlines: the latest extension moves the month");
	is_str(overdue(id, "2024-04-01"), NULL, "overdue: not while extended");
	close_case(id);
	is_str(deadlines(id, 8), "", "deadlines: a closed case without agreement has none");
	is_str(overdue(id, "2025-01-01"), NULL, "overdue: a closed case is not");
}

static void
agreement(void)
{
	long long id;

	/* Agreement 2024-10-01: both windows end 30 days later, 10-31. */
	id = add_case("2024-09-20 10:00:00", "township", "neighbor", 0);
	close_case(id);
	beat_exec(db, "INSERT INTO agreement (dispute_id, at, text)"
	    " VALUES (?, '2024-10-01 16:00:00', 'pay 300')", "l", id);
	setenv("BEAT_NOW", "2024-10-25 08:00", 1);
	is_str(deadlines(id, 8), "followup=2024-10-31 judicial_confirm=2024-10-31",
	    "deadlines: follow-up and court window 30 days after the agreement");
	setenv("BEAT_NOW", "2024-10-31 23:00", 1);
	is_str(deadlines(id, 8), "followup=2024-10-31 judicial_confirm=2024-10-31",
	    "deadlines: the court window is open on its last day");
	setenv("BEAT_NOW", "2024-11-01 08:00", 1);
	is_str(deadlines(id, 8), "followup=2024-10-31 judicial_confirm=2024-10-31",
	    "deadlines: a closed court window stays listed until the visit");
	is_str(overdue(id, "2024-11-01"), "followup=2024-10-31",
	    "overdue: the follow-up missed first");
	beat_exec(db, "UPDATE setting SET value = '45' WHERE key = 'followup_days'", "");
	is_str(overdue(id, "2024-11-01"), "judicial_confirm=2024-10-31",
	    "overdue: the court window missed, when the visit is due later");
	is_str(overdue(id, "2024-10-31"), NULL,
	    "overdue: not on the window's last day");
	beat_exec(db, "UPDATE setting SET value = '30' WHERE key = 'followup_days'", "");
	beat_exec(db, "INSERT INTO followup (dispute_id, at, note)"
	    " VALUES (?, '2024-09-30 10:00:00', 'before')", "l", id);
	is_str(overdue(id, "2024-11-01"), "followup=2024-10-31",
	    "overdue: a visit before the agreement does not count");
	beat_exec(db, "INSERT INTO followup (dispute_id, at, note)"
	    " VALUES (?, '2024-10-01 18:00:00', 'paid')", "l", id);
	is_str(deadlines(id, 8), "", "deadlines: none after the follow-up");
	is_str(overdue(id, "2024-11-01"), NULL, "overdue: none after the follow-up");

	setenv("BEAT_NOW", "2024-10-25 08:00", 1);
	beat_exec(db, "UPDATE agreement SET confirmed_at = '2024-10-10 10:00:00'"
	    " WHERE dispute_id = ?", "l", id);
	is_str(deadlines(id, 8), "", "deadlines: no court window once confirmed");
}

/* A hand-off of case id to a channel on day at; its escalation id. */
static long long
hand(long long id, const char *channel, const char *at)
{
	beat_exec(db, "INSERT INTO escalation (dispute_id, at, from_level, channel, reason)"
	    " VALUES (?, ?, 'consultation', ?, 'x')", "lss", id, at, channel);
	beat_exec(db, "UPDATE dispute SET channel = ?, channel_at = ? WHERE id = ?",
	    "ssl", channel, at, id);
	return beat_conn_last_id(db);
}

static void
event(long long handoff, const char *at, const char *what, int days)
{
	if (days > 0)
		beat_exec(db, "INSERT INTO channel_event (escalation_id, at, event, days)"
		    " VALUES (?, ?, ?, ?)", "lssi", handoff, at, what, days);
	else
		beat_exec(db, "INSERT INTO channel_event (escalation_id, at, event, outcome)"
		    " VALUES (?, ?, ?, ?)", "lsss", handoff, at, what,
		    strcmp(what, "concluded") == 0 ? "resolved" : NULL);
}

static void
petition(void)
{
	long long id, h;

	setenv("BEAT_NOW", "2024-10-10 10:00", 1);
	/* Handed 2024-10-10: answer by 10-25; none to handle until accepted. */
	id = add_case("2024-09-20 10:00:00", "consultation", "land", 0);
	h = hand(id, "petition", "2024-10-10 09:00:00");
	is_str(deadlines(id, 8), "petition_answer=2024-10-25",
	    "deadlines: a petition is to be answered; no mediation month once handed");
	is_str(overdue(id, "2024-10-26"), "petition_answer=2024-10-25",
	    "overdue: the petition not answered in time");
	/* Accepted 10-20: handled 60 days from acceptance, 12-19; +30: 2025-01-18. */
	event(h, "2024-10-20 10:00:00", "accepted", 0);
	is_str(deadlines(id, 8), "petition_handle=2024-12-19",
	    "deadlines: 60 days from the acceptance, not from the hand-off");
	event(h, "2024-12-01 10:00:00", "extended", 30);
	is_str(deadlines(id, 8), "petition_handle=2025-01-18",
	    "deadlines: an extension moves the handling by its days");
	event(h, "2025-01-10 10:00:00", "concluded", 0);
	is_str(deadlines(id, 8), "", "deadlines: none once concluded");
	is_str(overdue(id, "2025-03-01"), NULL, "overdue: not once concluded");

	/* SPEC 4.1: handed 2024-09-20, accepted 09-26: due 2024-11-25. */
	id = add_case("2024-09-01 10:00:00", "consultation", "land", 0);
	h = hand(id, "petition", "2024-09-20 09:00:00");
	event(h, "2024-09-26 09:00:00", "accepted", 0);
	is_str(deadlines(id, 8), "petition_handle=2024-11-25",
	    "deadlines: accepted 09-26, handled by 11-25");
	is_str(overdue(id, "2024-11-26"), "petition_handle=2024-11-25",
	    "overdue: the day after");

	id = add_case("2024-09-20 10:00:00", "consultation", "land", 0);
	h = hand(id, "petition", "2024-10-10 09:00:00");
	event(h, "2024-10-12 09:00:00", "declined", 0);
	is_str(deadlines(id, 8), "", "deadlines: a declined petition has nothing to handle");

	/* People's mediation: one calendar month from receipt. */
	id = add_case("2024-09-20 10:00:00", "consultation", "land", 0);
	hand(id, "people", "2024-10-31 09:00:00");
	is_str(deadlines(id, 8), "people_month=2024-11-30",
	    "deadlines: a people's committee has a month (10-31 to 11-30)");

	/* Administrative and judicial: news every channel_check_days (30). */
	id = add_case("2024-09-20 10:00:00", "consultation", "land", 0);
	h = hand(id, "judicial", "2024-10-10 09:00:00");
	is_str(deadlines(id, 8), "channel_check=2024-11-09",
	    "deadlines: a check-in 30 days after the hand-off");
	event(h, "2024-11-20 09:00:00", "checked", 0);
	is_str(deadlines(id, 8), "channel_check=2024-12-20",
	    "deadlines: the next check-in 30 days after the last news");
	is_str(missed(id, "2024-12-01"), "channel_check=2024-11-09/2024-11-20",
	    "missed: the check-in made late is history");
}

/* 民事诉讼法 art. 85 over the 2024 holidays; oral agreements have none. */
static void
judicial(void)
{
	long long id;

	setenv("BEAT_NOW", "2024-09-01 10:00", 1);
	ok(beat_judicial_window(db, day("2024-09-01")) == day("2024-10-08"),
	    "window: 09-01 + 30 is 10-01, National Day: 10-08");
	ok(beat_judicial_window(db, day("2024-10-04")) == day("2024-11-04"),
	    "window: 10-04 + 30 is Sunday 11-03: Monday 11-04");
	ok(beat_judicial_window(db, day("2024-09-12")) == day("2024-10-12"),
	    "window: a make-up Saturday (10-12) is a working day");
	id = add_case("2024-08-20 10:00:00", "township", "neighbor", 0);
	close_case(id);
	beat_exec(db, "INSERT INTO agreement (dispute_id, at, form, text)"
	    " VALUES (?, '2024-09-01 16:00:00', 'oral', 'x')", "l", id);
	is_str(deadlines(id, 8), "followup=2024-10-01",
	    "deadlines: an oral agreement has no court window");
	beat_exec(db, "UPDATE agreement SET form = 'written' WHERE dispute_id = ?", "l", id);
	is_str(deadlines(id, 8), "followup=2024-10-01 judicial_confirm=2024-10-08",
	    "deadlines: a written one has, to 10-08");
	beat_exec(db, "UPDATE agreement SET applied_at = '2024-10-09 09:00:00'"
	    " WHERE dispute_id = ?", "l", id);
	is_str(missed(id, "2024-10-09"), "mediation_month=2024-09-20/2024-10-01 "
	    "followup=2024-10-01/- judicial_confirm=2024-10-08/2024-10-09",
	    "missed: an application after the window is kept as late");
}

/* The police level: appraisal restarts the clock; escalation keeps the miss. */
static void
police_history(void)
{
	long long id;

	setenv("BEAT_NOW", "2024-09-20 10:00", 1);
	id = add_case("2024-09-02 10:00:00", "police", "traffic", 0);
	beat_exec(db, "UPDATE dispute SET appraised_at = '2024-09-13' WHERE id = ?", "l", id);
	is_str(deadlines(id, 8), "police_first=2024-09-19 mediation_month=2024-10-02",
	    "deadlines: 3 working days from the appraisal (over Mid-Autumn)");
	beat_exec(db, "INSERT INTO escalation (dispute_id, at, from_level, to_level, reason)"
	    " VALUES (?, '2024-09-25 10:00:00', 'police', 'township', 'x')", "l", id);
	beat_exec(db, "UPDATE dispute SET level = 'township' WHERE id = ?", "l", id);
	is_str(missed(id, "2024-09-26"), "police_first=2024-09-19/2024-09-25",
	    "missed: escalated late, the police deadline stays missed");
	ok(beat_case_record_missed(db, id, day("2024-09-26")) == 1,
	    "record: one row for the missed police deadline");
	ok(beat_case_record_missed(db, id, day("2024-09-27")) == 0,
	    "record: none again the next day");

	/* The nightly run saw 09-19 pass; the session of 09-18 is entered late. */
	id = add_case("2024-09-13 10:00:00", "police", "neighbor", 0);
	ok(beat_case_record_missed(db, id, day("2024-09-20")) == 1,
	    "record: the police deadline seen to pass");
	add_session(id, "2024-09-18 10:00:00", "police", "agreed");
	ok(beat_case_record_missed(db, id, day("2024-09-21")) == 1,
	    "record: the session entered late fills in the day it was met");
	is_str(missed(id, "2024-09-21"), "", "missed: a deadline met on time, entered late, is none");
}

int
main(int argc, char **argv)
{
	beat_init(argc, argv);
	if (((db = beat_conn_open(":memory:", BEAT_CONN_WRITE | BEAT_CONN_CREATE)) == NULL || beat_conn_error(db) != BEAT_DBERR_OK))
		return 99;
	beat_exec(db, "BEGIN", "");
	beat_schema_upgrade(db);
	beat_load_reference(db);
	beat_exec(db, "INSERT INTO village (name) VALUES ('红星村')", "");
	beat_exec(db, "INSERT INTO officer (badge, name, kind) VALUES ('P001', '李明', 'officer')", "");
	beat_exec(db, "INSERT INTO beat (village_id, officer_id) VALUES (1, 1)", "");
	ladder();
	consult();
	mass();
	police();
	agreement();
	petition();
	judicial();
	police_history();
	beat_exec(db, "COMMIT", "");
	return tap_done();
}
