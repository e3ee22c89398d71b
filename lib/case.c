/* case.c: the dispute cases and their parties, sessions, escalations, agreements and visits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/*
 * The SQL of the case commands' tables, written once for both engines;
 * the commands call these with plain values.  Each writer works inside
 * the transaction its command began.  The deadlines are in deadline.c,
 * the ladder and the 会商研判 rule in rules.c.
 */

static char *
dup_or_null(const char *s)
{
	return s ? beat_xstrdup(s) : NULL;
}

/* ---- registration ---- */

long long
beat_case_beat_officer(struct beat_conn *db, long long village_id)
{
	return beat_query_int(db, -1, "SELECT officer_id FROM beat WHERE village_id = $1",
	    "l", village_id);
}

char *
beat_case_add(struct beat_conn *db, const struct beat_case_new *c)
{
	const char *station = beat_station_code(db);
	long long seq, id;
	char *number;
	size_t i;
	int year = atoi(c->at);

	/* Inside BEGIN IMMEDIATE, so no other case-add can take this seq;
	 * each station numbers its own cases. */
	seq = beat_query_int(db, 0, "SELECT max(seq) FROM dispute"
	    " WHERE station = $1 AND year = $2", "si", station, year) + 1;
	number = beat_xasprintf("%04d-%04lld", year, seq);
	beat_exec(db, "INSERT INTO dispute (number, year, seq, opened_at, village_id,"
	    " officer_id, type, summary, source, claimed_fen, cross_region,"
	    " violence_risk, complex, crowd, station)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, nullif($10, -1), $11, $12, $13, $14, $15)",
	    "silsllsssliiils", number, year, seq, c->at, c->village_id, c->officer_id,
	    c->type, c->summary, c->source, c->claimed_fen, c->cross_region,
	    c->violence_risk, c->complex, c->crowd, station);
	id = beat_conn_last_id(db);
	for (i = 0; i < c->nparties; i++)
		beat_exec(db, "INSERT INTO party (dispute_id, role, name, idno, phone)"
		    " VALUES ($1, $2, $3, $4, $5)", "lssss", id, c->parties[i].role,
		    c->parties[i].name, c->parties[i].idno, c->parties[i].phone);
	return number;
}

/* ---- reading one case ---- */

char *
beat_case_opened_at(struct beat_conn *db, long long id)
{
	return beat_query_text(db, "SELECT opened_at FROM dispute WHERE id = $1", "l", id);
}

char *
beat_case_channel(struct beat_conn *db, long long id)
{
	return beat_query_text(db, "SELECT channel FROM dispute WHERE id = $1", "l", id);
}

int
beat_case_get(struct beat_conn *db, long long id, struct beat_case_record *r)
{
	struct beat_stmt *st;

	memset(r, 0, sizeof(*r));
	st = beat_prepare(db, "SELECT d.number, d.status, d.outcome, d.opened_at,"
	    " d.closed_at, v.name, o.name, o.badge, d.type, d.level, d.channel, d.source,"
	    " d.claimed_fen, d.cross_region, d.violence_risk, d.complex, d.crowd,"
	    " d.extended_to,"
	    " (SELECT count(*) FROM session s WHERE s.dispute_id = d.id AND s.outcome = 'failed'),"
	    " (SELECT coalesce(sum(recovered_fen), 0) FROM session s WHERE s.dispute_id = d.id),"
	    " d.summary"
	    " FROM dispute d JOIN village v ON v.id = d.village_id"
	    " JOIN officer o ON o.id = d.officer_id WHERE d.id = $1");
	beat_bind(st, "l", id);
	if (!beat_step(st)) {
		beat_stmt_free(st);
		return -1;
	}
	r->number = dup_or_null(beat_stmt_text(st, 0));
	r->status = dup_or_null(beat_stmt_text(st, 1));
	r->outcome = dup_or_null(beat_stmt_text(st, 2));
	r->opened = dup_or_null(beat_stmt_text(st, 3));
	r->closed = dup_or_null(beat_stmt_text(st, 4));
	r->village = dup_or_null(beat_stmt_text(st, 5));
	r->officer = dup_or_null(beat_stmt_text(st, 6));
	r->badge = dup_or_null(beat_stmt_text(st, 7));
	r->type = dup_or_null(beat_stmt_text(st, 8));
	r->level = dup_or_null(beat_stmt_text(st, 9));
	r->channel = dup_or_null(beat_stmt_text(st, 10));
	r->source = dup_or_null(beat_stmt_text(st, 11));
	r->claimed_fen = beat_stmt_isnull(st, 12) ? -1 : beat_stmt_int(st, 12);
	r->cross_region = (int)beat_stmt_int(st, 13);
	r->violence_risk = (int)beat_stmt_int(st, 14);
	r->complex = (int)beat_stmt_int(st, 15);
	r->crowd = beat_stmt_isnull(st, 16) ? -1 : beat_stmt_int(st, 16);
	r->extended_to = dup_or_null(beat_stmt_text(st, 17));
	r->failed = beat_stmt_int(st, 18);
	r->recovered_fen = beat_stmt_int(st, 19);
	r->summary = dup_or_null(beat_stmt_text(st, 20));
	beat_stmt_free(st);
	return 0;
}

void
beat_case_record_free(struct beat_case_record *r)
{
	free(r->number);
	free(r->status);
	free(r->outcome);
	free(r->opened);
	free(r->closed);
	free(r->village);
	free(r->officer);
	free(r->badge);
	free(r->type);
	free(r->level);
	free(r->channel);
	free(r->source);
	free(r->extended_to);
	free(r->summary);
	memset(r, 0, sizeof(*r));
}

void
beat_case_parties(struct beat_conn *db, long long id,
    void (*fn)(const struct beat_case_party *p, void *arg), void *arg)
{
	struct beat_case_party p;
	struct beat_stmt *st;

	st = beat_prepare(db, "SELECT role, name, idno, phone FROM party"
	    " WHERE dispute_id = $1 ORDER BY CASE role WHEN 'applicant' THEN 1"
	    " WHEN 'respondent' THEN 2 ELSE 3 END, id");
	beat_bind(st, "l", id);
	while (beat_step(st)) {
		p.role = beat_stmt_text(st, 0);
		p.name = beat_stmt_text(st, 1);
		p.idno = beat_stmt_text(st, 2);
		p.phone = beat_stmt_text(st, 3);
		fn(&p, arg);
	}
	beat_stmt_free(st);
}

/*
 * Each event: at, order among events at the same time, event, level, a,
 * b, n, text.  Registration comes first whatever the time: a step given
 * as a bare date on the day of registration is stored at midnight.
 */
static const char timeline_sql[] =
    "SELECT * FROM ("
    "SELECT opened_at AS at, 0 AS k, 'registered', NULL, source, NULL, NULL, NULL, id AS id"
    " FROM dispute WHERE id = $1"
    " UNION ALL SELECT at, 1, CASE outcome WHEN 'refused' THEN 'refused' ELSE 'session' END,"
    " level, outcome, mediators, recovered_fen, note, id FROM session WHERE dispute_id = $1"
    " UNION ALL SELECT at, 2, CASE WHEN to_level IS NULL THEN 'handed' ELSE 'escalated' END,"
    " to_level, from_level, coalesce(to_level, channel), auto,"
    " coalesce(body || '; ', '') || reason, id"
    " FROM escalation WHERE dispute_id = $1"
    " UNION ALL SELECT at, 3, 'extended', NULL, until, NULL, NULL, note, id"
    " FROM extension WHERE dispute_id = $1"
    " UNION ALL SELECT at, 4, 'agreement', NULL, form, perform_by, NULL, text, id"
    " FROM agreement WHERE dispute_id = $1"
    " UNION ALL SELECT applied_at, 5, 'applied', NULL, NULL, NULL, NULL, NULL, id"
    " FROM agreement WHERE dispute_id = $1 AND applied_at IS NOT NULL"
    " UNION ALL SELECT confirmed_at, 6, 'confirmed', NULL, NULL, NULL, NULL, NULL, id"
    " FROM agreement WHERE dispute_id = $1 AND confirmed_at IS NOT NULL"
    " UNION ALL SELECT c.at, 7, 'channel', NULL, e.channel,"
    " c.event || coalesce(' ' || c.outcome, ''), c.days, c.note, c.id"
    " FROM channel_event AS c JOIN escalation AS e ON e.id = c.escalation_id"
    " WHERE e.dispute_id = $1"
    " UNION ALL SELECT closed_at, 8, 'closed', NULL, outcome, prevented, prevented_persons,"
    " NULL, id"
    " FROM dispute WHERE id = $1 AND closed_at IS NOT NULL"
    " UNION ALL SELECT at, 9, 'followup', NULL, NULL, NULL, NULL, note, id"
    " FROM followup WHERE dispute_id = $1"
    ") AS t ORDER BY k > 0, at, k, id";

/*
 * The level each event happened at: sessions record their own, the
 * rest take the level the case stood at then, replayed from the
 * escalations.
 */
void
beat_case_timeline(struct beat_conn *db, long long id,
    void (*fn)(const struct beat_case_event *e, void *arg), void *arg)
{
	struct beat_case_event e;
	struct beat_stmt *st;
	char *level;

	level = beat_query_text(db, "SELECT from_level FROM escalation WHERE dispute_id = $1"
	    " ORDER BY at, id LIMIT 1", "l", id);
	if (level == NULL)
		level = beat_query_text(db, "SELECT level FROM dispute WHERE id = $1", "l", id);
	st = beat_prepare(db, timeline_sql);
	beat_bind(st, "l", id);
	while (beat_step(st)) {
		e.event = beat_stmt_text(st, 2);
		if (strcmp(e.event, "escalated") == 0) {
			free(level);
			level = beat_xstrdup(beat_stmt_text(st, 3));
		}
		e.at = beat_stmt_text(st, 0);
		e.level = beat_stmt_text(st, 3) != NULL ? beat_stmt_text(st, 3) : level;
		e.a = beat_stmt_text(st, 4);
		e.b = beat_stmt_text(st, 5);
		e.has_n = !beat_stmt_isnull(st, 6);
		e.n = e.has_n ? beat_stmt_int(st, 6) : 0;
		e.text = beat_stmt_text(st, 7);
		fn(&e, arg);
	}
	beat_stmt_free(st);
	free(level);
}

/* ---- what an event adds, in words ---- */

/* Pieces of a detail joined by "; ", the empty ones left out. */
static char *
join(const char *a, const char *b, const char *c)
{
	const char *v[3] = { a, b, c };
	char *s = beat_xstrdup(""), *t;
	int i;

	for (i = 0; i < 3; i++) {
		if (v[i] == NULL || *v[i] == '\0')
			continue;
		t = beat_xasprintf("%s%s%s", s, *s ? "; " : "", v[i]);
		free(s);
		s = t;
	}
	return s;
}

/* A channel's event for people: "信访 已受理", "人民调解 办结 已化解". */
static char *
channel_words(struct beat_conn *db, const char *channel, const char *what)
{
	char ev[16];
	const char *sp = strchr(what, ' ');

	snprintf(ev, sizeof(ev), "%.*s", (int)(sp ? sp - what : (long)strlen(what)), what);
	return beat_xasprintf("%s %s%s%s", beat_code_label(db, "channel", channel),
	    beat_code_label(db, "channel_event", ev), sp ? " " : "",
	    sp ? beat_code_label(db, "channel_outcome", sp + 1) : "");
}

/* A word marked N_(): translated for people only. */
#define W(s)	(people ? _(s) : (s))

static const char *
label(struct beat_conn *db, int people, const char *set, const char *code)
{
	return people && code != NULL ? beat_code_label(db, set, code) : code;
}

char *
beat_case_event_detail(struct beat_conn *db, const struct beat_case_event *e, int people)
{
	const char *event = e->event, *a = e->a, *b = e->b, *text = e->text, *to;
	char *p1 = NULL, *p2 = NULL, *s, buf[32];

	if (strcmp(event, "registered") == 0)
		p1 = beat_xasprintf(W(N_("source %s")), label(db, people, "case_source", a));
	else if (strcmp(event, "session") == 0 || strcmp(event, "refused") == 0) {
		if (b != NULL)
			p1 = beat_xasprintf(W(N_("mediators %s")), b);
		if (e->n > 0)
			p2 = beat_xasprintf(W(N_("recovered %s")), beat_money_text(e->n, buf));
		/* refused is no outcome one gives case-mediate, but an event */
		s = join(label(db, people, strcmp(event, "refused") == 0 ? "case_event" :
		    "session_outcome", a), p1, p2);
		free(p1);
		free(p2);
		p1 = s;
		p2 = NULL;
	} else if (strcmp(event, "escalated") == 0 || strcmp(event, "handed") == 0) {
		/* a -> b: levels, or a level to a channel */
		to = strcmp(event, "handed") == 0 ? label(db, people, "channel", b) :
		    label(db, people, "level", b);
		p1 = beat_xasprintf("%s -> %s", label(db, people, "level", a), to);
		if ((int)e->n) {
			s = beat_xasprintf("%s%s", p1, W(N_(" (auto)")));
			free(p1);
			p1 = s;
		}
	} else if (strcmp(event, "extended") == 0)
		p1 = beat_xasprintf(W(N_("until %s")), a);
	else if (strcmp(event, "agreement") == 0) {
		p1 = beat_xstrdup(label(db, people, "agreement_form", a));
		if (b != NULL)
			p2 = beat_xasprintf(W(N_("perform by %s")), b);
	} else if (strcmp(event, "channel") == 0) {
		p1 = people ? channel_words(db, a, b) : beat_xasprintf("%s %s", a, b);
		if (e->has_n)
			p2 = beat_xasprintf(W(N_("%lld days")), e->n);
	} else if (strcmp(event, "closed") == 0) {
		p1 = a == NULL ? NULL : beat_xstrdup(label(db, people, "case_outcome", a));
		if (b != NULL && e->has_n)
			p2 = beat_xasprintf(W(N_("prevented %s, %lld persons")), label(db, people, "prevented", b),
			    e->n);
		else if (b != NULL)
			p2 = beat_xasprintf(W(N_("prevented %s")), label(db, people, "prevented", b));
	}
	s = join(p1, p2, text);
	free(p1);
	free(p2);
	return s;
}

/* ---- lists of cases ---- */

void
beat_case_each(struct beat_conn *db, enum beat_case_set set,
    void (*fn)(const struct beat_case_ref *c, void *arg), void *arg)
{
	struct beat_case_ref c;
	struct beat_stmt *st;

	st = beat_prepare(db, "SELECT id, number, level,"
	    " CASE WHEN status = 'open' THEN 1 ELSE 0 END FROM dispute"
	    " WHERE ($1 = 0 OR status = 'open') AND ($2 = 0 OR level <> 'consultation')"
	    " ORDER BY year, seq");
	beat_bind(st, "ii", set != BEAT_CASES_ALL, set == BEAT_CASES_BELOW_CONSULT);
	while (beat_step(st)) {
		c.id = beat_stmt_int(st, 0);
		c.number = beat_stmt_text(st, 1);
		c.level = beat_stmt_text(st, 2);
		c.open = (int)beat_stmt_int(st, 3);
		fn(&c, arg);
	}
	beat_stmt_free(st);
}

void
beat_case_select(struct beat_conn *db, const struct beat_case_filter *f,
    void (*fn)(const struct beat_case_row *r, void *arg), void *arg)
{
	struct beat_case_row r;
	struct beat_stmt *st;

	st = beat_prepare(db,
	    "SELECT d.id, d.number, substr(d.opened_at, 1, 10), v.name, d.type, d.level,"
	    " d.status, o.name,"
	    " (SELECT count(*) FROM session s WHERE s.dispute_id = d.id AND s.outcome = 'failed'),"
	    " d.summary"
	    " FROM dispute d JOIN village v ON v.id = d.village_id"
	    " JOIN officer o ON o.id = d.officer_id"
	    " WHERE ($1 IS NULL OR d.status = $1)"
	    " AND ($2 IS NULL OR d.level = $2)"
	    " AND ($3 < 0 OR d.village_id = $3)"
	    " AND ($4 < 0 OR d.officer_id = $4)"
	    " AND ($5 IS NULL OR d.type = $5)"
	    " AND ($6 IS NULL OR d.opened_at >= $6)"
	    " AND ($7 IS NULL OR d.opened_at < $7)"
	    " AND ($8 = 0 OR d.closed_at IS NULL OR d.id IN (" BEAT_SQL_UNVISITED "))"
	    " ORDER BY d.opened_at, d.year, d.seq");
	beat_bind(st, "ssllsbbl", f->status, f->level, f->village_id, f->officer_id, f->type,
	    f->since, f->until_next, (long long)f->overdue_only);
	while (beat_step(st)) {
		r.id = beat_stmt_int(st, 0);
		r.number = beat_stmt_text(st, 1);
		r.opened = beat_stmt_text(st, 2);
		r.village = beat_stmt_text(st, 3);
		r.type = beat_stmt_text(st, 4);
		r.level = beat_stmt_text(st, 5);
		r.status = beat_stmt_text(st, 6);
		r.officer = beat_stmt_text(st, 7);
		r.failed = beat_stmt_int(st, 8);
		r.summary = beat_stmt_text(st, 9);
		fn(&r, arg);
	}
	beat_stmt_free(st);
}

/* ---- sessions and extensions ---- */

char *
beat_session_refused_at(struct beat_conn *db, long long id, const char *level)
{
	return beat_query_text(db, "SELECT at FROM session WHERE dispute_id = $1"
	    " AND level = $2 AND outcome = 'refused' ORDER BY at, id LIMIT 1",
	    "ls", id, level);
}

long long
beat_session_police_held(struct beat_conn *db, long long id)
{
	return beat_query_int(db, 0, "SELECT count(*) FROM session"
	    " WHERE dispute_id = $1 AND level = 'police' AND outcome <> 'refused'", "l", id);
}

void
beat_session_add(struct beat_conn *db, long long id, const char *at, const char *level,
    const char *outcome, const char *mediators, long long recovered_fen, const char *note)
{
	beat_exec(db, "INSERT INTO session (dispute_id, at, level, outcome, mediators,"
	    " recovered_fen, note) VALUES ($1, $2, $3, $4, $5, $6, $7)", "lssssls",
	    id, at, level, outcome, mediators, recovered_fen, note);
}

void
beat_case_extend(struct beat_conn *db, long long id, const char *at, const char *until,
    const char *note)
{
	beat_exec(db, "INSERT INTO extension (dispute_id, at, until, note)"
	    " VALUES ($1, $2, $3, $4)", "lsss", id, at, until, note);
	beat_exec(db, "UPDATE dispute SET extended_to = $1 WHERE id = $2", "sl", until, id);
}

void
beat_case_appraised(struct beat_conn *db, long long id, const char *day)
{
	beat_exec(db, "UPDATE dispute SET appraised_at = $1 WHERE id = $2", "sl", day, id);
}

/* ---- escalations and hand-offs ---- */

static void
escalation(struct beat_conn *db, long long id, const char *at, const char *from,
    const char *to, const char *channel, const char *body, const char *reason, int automatic)
{
	beat_exec(db, "INSERT INTO escalation (dispute_id, at, from_level, to_level,"
	    " channel, body, reason, auto) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", "lssssssi",
	    id, at, from, to, channel, body, reason, automatic);
}

void
beat_case_raise(struct beat_conn *db, long long id, const char *at, const char *from,
    const char *to, const char *reason, int automatic)
{
	beat_exec(db, "UPDATE dispute SET level = $1 WHERE id = $2", "sl", to, id);
	escalation(db, id, at, from, to, NULL, NULL, reason, automatic);
}

void
beat_case_hand(struct beat_conn *db, long long id, const char *at, const char *level,
    const char *channel, const char *body, const char *reason)
{
	beat_exec(db, "UPDATE dispute SET channel = $1, channel_at = $2 WHERE id = $3",
	    "ssl", channel, at, id);
	escalation(db, id, at, level, NULL, channel, body, reason, 0);
}

char *
beat_handoff_at(struct beat_conn *db, long long handoff)
{
	return beat_query_text(db, "SELECT at FROM escalation WHERE id = $1", "l", handoff);
}

long long
beat_handoff_events(struct beat_conn *db, long long handoff, const char *event)
{
	return beat_query_int(db, 0, "SELECT count(*) FROM channel_event"
	    " WHERE escalation_id = $1 AND event = $2", "ls", handoff, event);
}

void
beat_handoff_event(struct beat_conn *db, long long handoff, const char *at,
    const char *event, const char *outcome, long long days, const char *note)
{
	beat_exec(db, "INSERT INTO channel_event (escalation_id, at, event, outcome, days, note)"
	    " VALUES ($1, $2, $3, $4, nullif($5, -1), $6)", "lsssls", handoff, at, event,
	    outcome, days, note);
}

/* A channel that declines, or concludes without resolving, gives the
 * case back (resolved_at NULL); one that resolves it closes it. */
void
beat_handoff_end(struct beat_conn *db, long long id, const char *resolved_at)
{
	if (resolved_at == NULL)
		beat_exec(db, "UPDATE dispute SET channel = NULL, channel_at = NULL"
		    " WHERE id = $1", "l", id);
	else
		beat_exec(db, "UPDATE dispute SET status = 'closed', outcome = 'resolved',"
		    " closed_at = $1 WHERE id = $2", "sl", resolved_at, id);
}

/* ---- closing, agreements, the court and visits ---- */

int
beat_case_close(struct beat_conn *db, long long id, const char *at, const char *outcome,
    const char *prevented, long long persons)
{
	return beat_exec(db, "UPDATE dispute SET status = 'closed', outcome = $1, closed_at = $2,"
	    " prevented = $3, prevented_persons = nullif($4, -1)"
	    " WHERE id = $5 AND status = 'open'", "sssll", outcome, at, prevented, persons, id);
}

int
beat_agreement_get(struct beat_conn *db, long long id, struct beat_agreement *a)
{
	struct beat_stmt *st;
	int found;

	memset(a, 0, sizeof(*a));
	st = beat_prepare(db, "SELECT at, form, applied_at FROM agreement WHERE dispute_id = $1");
	beat_bind(st, "l", id);
	if ((found = beat_step(st))) {
		snprintf(a->at, sizeof(a->at), "%s", beat_stmt_text(st, 0));
		snprintf(a->form, sizeof(a->form), "%s", beat_stmt_text(st, 1));
		a->applied_at = dup_or_null(beat_stmt_text(st, 2));
	}
	beat_stmt_free(st);
	return found ? 0 : -1;
}

int
beat_agreement_add(struct beat_conn *db, long long id, const char *at, int oral,
    const char *text, const char *perform_by)
{
	if (beat_query_int(db, 0, "SELECT count(*) FROM agreement WHERE dispute_id = $1",
	    "l", id) > 0)
		return -1;
	beat_exec(db, "INSERT INTO agreement (dispute_id, at, form, text, perform_by)"
	    " VALUES ($1, $2, $3, $4, $5)", "lsssb", id, at, oral ? "oral" : "written",
	    text, perform_by);
	return 0;
}

void
beat_agreement_applied(struct beat_conn *db, long long id, const char *at)
{
	beat_exec(db, "UPDATE agreement SET applied_at = $1 WHERE dispute_id = $2", "sl", at, id);
}

int
beat_agreement_confirmed(struct beat_conn *db, long long id, const char *at)
{
	return beat_exec(db, "UPDATE agreement SET confirmed_at = $1,"
	    " applied_at = coalesce(applied_at, $1)"
	    " WHERE dispute_id = $2 AND confirmed_at IS NULL", "sl", at, id);
}

void
beat_followup_add(struct beat_conn *db, long long id, const char *at, const char *note)
{
	beat_exec(db, "INSERT INTO followup (dispute_id, at, note) VALUES ($1, $2, $3)",
	    "lss", id, at, note);
}
