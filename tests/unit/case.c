/* case.c: the owner of the case tables (lib/case.c) over real reference data. */
#include <stdlib.h>
#include <string.h>

#include "beat.h"
#include "tap.h"

static struct beat_conn *db;

/* What the callbacks saw, joined into one line. */
static char seen[1024];

static void
see(const char *s)
{
	size_t n = strlen(seen);

	snprintf(seen + n, sizeof(seen) - n, "%s%s", n ? "|" : "", s ? s : "-");
}

static long long
add(const char *at, const char *with_parties)
{
	struct beat_case_party p[2] = {
		{ "respondent", "王五", NULL, NULL },
		{ "applicant", "张三", "110101199003071234", "13800138000" },
	};
	struct beat_case_new c = { 0 };
	char *number;
	long long id;

	c.at = at;
	c.village_id = 1;
	c.officer_id = 1;
	c.type = "neighbor";
	c.summary = "test";
	c.source = "walkin";
	c.claimed_fen = -1;
	c.parties = with_parties ? p : NULL;
	c.nparties = with_parties ? 2 : 0;
	number = beat_case_add(db, &c);
	id = beat_case_id(db, number);
	free(number);
	return id;
}

static void
party(const struct beat_case_party *p, void *arg)
{
	see(p->role);
	see(p->idno);
}

static void
event(const struct beat_case_event *e, void *arg)
{
	char *d = beat_case_event_detail(db, e, 0);

	see(e->event);
	see(e->level);
	see(d);
	free(d);
}

static void
ref(const struct beat_case_ref *c, void *arg)
{
	see(c->number);
}

static void
registration(void)
{
	struct beat_case_record r;
	long long id;

	is_num(beat_case_beat_officer(db, 1), 1, "the village's beat officer");
	is_num(beat_case_beat_officer(db, 2), -1, "a village without a beat has none");
	id = add("2024-03-01 09:00:00", "parties");
	ok(beat_case_get(db, id, &r) == 0, "the case is read back");
	is_str(r.number, "2024-0001", "numbered by its year");
	is_num(r.claimed_fen, -1, "no sum claimed");
	is_num(r.failed, 0, "no failed session");
	beat_case_record_free(&r);
	ok(beat_case_get(db, 999, &r) == -1, "no such case");
	add("2024-03-02 09:00:00", NULL);
	id = add("2025-01-02 09:00:00", NULL);
	ok(beat_case_get(db, id, &r) == 0 && strcmp(r.number, "2025-0001") == 0,
	    "a new year starts at 1");
	beat_case_record_free(&r);
	seen[0] = '\0';
	beat_case_parties(db, 1, party, NULL);
	is_str(seen, "applicant|110101199003071234|respondent|-",
	    "applicants first, numbers as stored");
}

static void
timeline(void)
{
	seen[0] = '\0';
	beat_session_add(db, 1, "2024-03-02 10:00:00", "police", "failed", "李明", 0, NULL);
	beat_case_raise(db, 1, "2024-03-04 10:00:00", "police", "township", "未能调解", 0);
	beat_case_extend(db, 1, "2024-03-05 10:00:00", "2024-05-01", "双方同意");
	beat_case_raise(db, 1, "2024-03-06 10:00:00", "township", "consultation", "会商", 1);
	beat_case_timeline(db, 1, event, NULL);
	is_str(seen, "registered|police|source walkin"
	    "|session|police|failed; mediators 李明"
	    "|escalated|township|police -> township; 未能调解"
	    "|extended|township|until 2024-05-01; 双方同意"
	    "|escalated|consultation|township -> consultation (auto); 会商",
	    "each event at the level the case stood at");
	is_num(beat_session_police_held(db, 1), 1, "one police session held");
	beat_session_add(db, 1, "2024-03-03 10:00:00", "police", "refused", NULL, 0, NULL);
	is_num(beat_session_police_held(db, 1), 1, "a refusal is no session held");
	is_str(beat_session_refused_at(db, 1, "police"), "2024-03-03 10:00:00",
	    "the refusal is found at its level");
	ok(beat_session_refused_at(db, 1, "township") == NULL, "and at no other");
}

static void
lists(void)
{
	seen[0] = '\0';
	beat_case_each(db, BEAT_CASES_BELOW_CONSULT, ref, NULL);
	is_str(seen, "2024-0002|2025-0001", "below consultation: not the case raised");
	ok(beat_case_close(db, 2, "2024-03-10 00:00:00", "withdrawn", NULL, -1) == 1,
	    "an open case closes");
	ok(beat_case_close(db, 2, "2024-03-11 00:00:00", "withdrawn", NULL, -1) == 0,
	    "a closed one does not");
	seen[0] = '\0';
	beat_case_each(db, BEAT_CASES_OPEN, ref, NULL);
	is_str(seen, "2024-0001|2025-0001", "open cases");
	seen[0] = '\0';
	beat_case_each(db, BEAT_CASES_ALL, ref, NULL);
	is_str(seen, "2024-0001|2024-0002|2025-0001", "all cases by year and number");
}

static void
agreement(void)
{
	struct beat_agreement a;

	ok(beat_agreement_get(db, 1, &a) == -1, "no agreement yet");
	ok(beat_agreement_add(db, 1, "2024-03-20 10:00:00", 0, "赔偿", "") == 0, "one is made");
	ok(beat_agreement_add(db, 1, "2024-03-21 10:00:00", 1, "again", NULL) == -1,
	    "a case has one agreement");
	ok(beat_agreement_get(db, 1, &a) == 0 && strcmp(a.form, "written") == 0 &&
	    a.applied_at == NULL, "written, not applied for");
	free(a.applied_at);
	ok(beat_agreement_confirmed(db, 1, "2024-03-25 10:00:00") == 1, "confirmed");
	ok(beat_agreement_confirmed(db, 1, "2024-03-26 10:00:00") == 0, "once");
	beat_agreement_get(db, 1, &a);
	is_str(a.applied_at, "2024-03-25 10:00:00", "a confirmation implies the application");
	free(a.applied_at);
}

static void
handoff(void)
{
	long long h;
	char *code = NULL;

	beat_case_hand(db, 1, "2024-03-07 10:00:00", "consultation", "petition", "信访办", "转");
	is_str(beat_case_channel(db, 1), "petition", "the case is with the channel");
	h = beat_case_handoff(db, 1, &code);
	ok(h > 0 && strcmp(code, "petition") == 0, "the hand-off is found");
	free(code);
	is_str(beat_handoff_at(db, h), "2024-03-07 10:00:00", "when it was made");
	beat_handoff_event(db, h, "2024-03-08 10:00:00", "accepted", NULL, -1, NULL);
	beat_handoff_event(db, h, "2024-03-09 10:00:00", "extended", NULL, 30, NULL);
	is_num(beat_handoff_events(db, h, "accepted"), 1, "events counted by kind");
	is_num(beat_query_int(db, -1, "SELECT days FROM channel_event WHERE event = 'extended'", ""),
	    30, "an extension keeps its days");
	ok(beat_query_int(db, 0, "SELECT count(*) FROM channel_event WHERE days IS NULL", "") == 1,
	    "other events have none");
	beat_handoff_end(db, 1, NULL);
	ok(beat_case_channel(db, 1) == NULL, "given back, the case is with no channel");
}

int
main(int argc, char **argv)
{
	beat_init(argc, argv);
	if (((db = beat_conn_open(":memory:", BEAT_CONN_WRITE | BEAT_CONN_CREATE)) == NULL ||
	    beat_conn_error(db) != BEAT_DBERR_OK))
		return 99;
	beat_exec(db, "BEGIN", "");
	beat_schema_upgrade(db);
	beat_load_reference(db);
	beat_exec(db, "INSERT INTO village (name) VALUES ('红星村')", "");
	beat_exec(db, "INSERT INTO village (name) VALUES ('东风村')", "");
	beat_exec(db, "INSERT INTO officer (badge, name, kind) VALUES ('P001', '李明', 'officer')", "");
	beat_exec(db, "INSERT INTO beat (village_id, officer_id) VALUES (1, 1)", "");
	registration();
	timeline();
	lists();
	agreement();
	handoff();
	beat_exec(db, "COMMIT", "");
	return tap_done();
}
