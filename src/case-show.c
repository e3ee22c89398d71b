/* case-show: dispute cases' full records, their parties, timelines and deadlines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_SECTION = 256 };

static const struct beat_opt opts[] = {
	{ "section", OPT_SECTION, 1, "fields|parties|timeline|deadlines",
	    N_("one table: fields, parties, timeline or deadlines") },
	{ 0 }
};

static const struct beat_cli cli = {
	"CASE... [--section SECTION] [-f FMT] [--no-header] [--bom] [--raw] [--wide] [--reveal] [-d FILE]",
	N_("Show dispute cases: their fields, parties, timelines and deadlines."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_REVEAL,
};

enum kind { K_TEXT, K_NUM, K_BOOL, K_DEADLINE };	/* K_DEADLINE: text, "DAY KIND" */

/* The case's fields, in the order they are shown. */
struct field {
	const char *key;
	char *val;		/* NULL: none */
	enum kind kind;
};

/*
 * Parties, timeline or deadlines: rows of text cells under fixed
 * columns.  cols[0] is "case", the column that --section puts first so
 * that the rows of several cases make one table; a case's own blocks
 * and JSON objects go without it.
 */
struct block {
	const char *name;	/* --section and JSON key */
	const char *const *cols;
	size_t ncols;		/* without "case" */
	char **cells;		/* row after row; NULL: none */
	size_t n, cap;
};

static const char *const field_cols[] = { "field", "value", NULL };
/* The fields in the order they are shown: the columns of --section fields. */
static const char *const field_keys[] = {
	"case", "status", "outcome", "opened", "closed", "village", "officer", "badge",
	"type", "level", "channel", "source", "claimed", "cross_region", "violence_risk",
	"complex", "crowd", "extended_to", "failed", "recovered", "due", "overdue",
	"consult", "mass_risk", "summary", NULL,
};
#define NFIELDS (sizeof(field_keys) / sizeof(field_keys[0]) - 1)
static const char *const party_cols[] = { "case", "role", "name", "idno", "phone", NULL };
static const char *const event_cols[] = { "case", "at", "event", "level", "detail", NULL };
static const char *const deadline_cols[] = { "case", "deadline", "due", "done", "state", NULL };

static struct field fields[NFIELDS];
static size_t nfields;
static struct block parties = { "parties", party_cols, 4, NULL, 0, 0 };
static struct block timeline = { "timeline", event_cols, 4, NULL, 0, 0 };
static struct block deadlines = { "deadlines", deadline_cols, 4, NULL, 0, 0 };
static struct block *const blocks[] = { &parties, &timeline, &deadlines };
#define NBLOCKS (sizeof(blocks) / sizeof(blocks[0]))

/* --section: -1 for a case's record whole (table and json only), else
 * 0 for the fields, 1 + the index of a block. */
static int section = -1;

/* Free text may quote a party's numbers: masked as the audit masks. */
static char *
unless_reveal(char *s)
{
	char *m;

	if (beat_opt.reveal || s == NULL)
		return s;
	m = beat_mask_text(s);
	free(s);
	return m;
}

static const char case_sql[] =
    "SELECT d.number, d.status, d.outcome, d.opened_at, d.closed_at, v.name,"
    " o.name, o.badge, d.type, d.level, d.channel, d.source,"
    " d.claimed_fen, d.cross_region, d.violence_risk, d.complex, d.crowd,"
    " d.extended_to,"
    " (SELECT count(*) FROM session s WHERE s.dispute_id = d.id AND s.outcome = 'failed'),"
    " (SELECT coalesce(sum(recovered_fen), 0) FROM session s WHERE s.dispute_id = d.id),"
    " d.summary"
    " FROM dispute d JOIN village v ON v.id = d.village_id"
    " JOIN officer o ON o.id = d.officer_id WHERE d.id = ?";

/*
 * Each event: at, order among events at the same time, event, level, a,
 * b, c, text.  Registration comes first whatever the time: a step given
 * as a bare date on the day of registration is stored at midnight.
 */
static const char timeline_sql[] =
    "SELECT * FROM ("
    "SELECT opened_at AS at, 0 AS k, 'registered', NULL, source, NULL, NULL, NULL, id AS id"
    " FROM dispute WHERE id = ?1"
    " UNION ALL SELECT at, 1, CASE outcome WHEN 'refused' THEN 'refused' ELSE 'session' END,"
    " level, outcome, mediators, recovered_fen, note, id FROM session WHERE dispute_id = ?1"
    " UNION ALL SELECT at, 2, CASE WHEN to_level IS NULL THEN 'handed' ELSE 'escalated' END,"
    " to_level, from_level, coalesce(to_level, channel), auto,"
    " coalesce(body || '; ', '') || reason, id"
    " FROM escalation WHERE dispute_id = ?1"
    " UNION ALL SELECT at, 3, 'extended', NULL, until, NULL, NULL, note, id"
    " FROM extension WHERE dispute_id = ?1"
    " UNION ALL SELECT at, 4, 'agreement', NULL, form, perform_by, NULL, text, id"
    " FROM agreement WHERE dispute_id = ?1"
    " UNION ALL SELECT applied_at, 5, 'applied', NULL, NULL, NULL, NULL, NULL, id"
    " FROM agreement WHERE dispute_id = ?1 AND applied_at IS NOT NULL"
    " UNION ALL SELECT confirmed_at, 6, 'confirmed', NULL, NULL, NULL, NULL, NULL, id"
    " FROM agreement WHERE dispute_id = ?1 AND confirmed_at IS NOT NULL"
    " UNION ALL SELECT c.at, 7, 'channel', NULL, e.channel,"
    " c.event || coalesce(' ' || c.outcome, ''), c.days, c.note, c.id"
    " FROM channel_event AS c JOIN escalation AS e ON e.id = c.escalation_id"
    " WHERE e.dispute_id = ?1"
    " UNION ALL SELECT closed_at, 8, 'closed', NULL, outcome, prevented, prevented_persons,"
    " NULL, id"
    " FROM dispute WHERE id = ?1 AND closed_at IS NOT NULL"
    " UNION ALL SELECT at, 9, 'followup', NULL, NULL, NULL, NULL, note, id"
    " FROM followup WHERE dispute_id = ?1"
    ") AS t ORDER BY k > 0, at, k, id";

static const char *
col(struct beat_stmt *st, int i)
{
	return beat_stmt_text(st, i);
}

static char *
dup_or_null(const char *s)
{
	return s ? beat_xstrdup(s) : NULL;
}

static void
field(const char *key, char *val, enum kind kind)
{
	if (nfields == NFIELDS || strcmp(key, field_keys[nfields]) != 0)
		beat_errx(BEAT_EX_SOFTWARE, "case-show: field '%s' out of order", key);
	fields[nfields].key = key;
	fields[nfields].val = val;
	fields[nfields++].kind = kind;
}

static void
block_row(struct block *b, char **cells)
{
	size_t i;

	if (b->n + b->ncols > b->cap) {
		b->cap = b->cap ? 2 * b->cap : 16 * b->ncols;
		b->cells = beat_xrealloc(b->cells, b->cap * sizeof(*b->cells));
	}
	for (i = 0; i < b->ncols; i++)
		b->cells[b->n++] = cells[i];
}

static char *
deadline_text(const struct beat_deadline *d)
{
	char day[11];

	beat_day_text(d->due, day);
	return beat_xasprintf("%s %s", day, d->what);
}

static void
load_case(struct beat_conn *db, long long id)
{
	struct beat_deadline d[16];
	struct beat_stmt *st;
	char buf[32];
	int i;

	st = beat_prepare(db, case_sql);
	beat_bind(st, "l", id);
	if (!beat_step(st))
		beat_errx(BEAT_EX_SOFTWARE, "case %lld vanished", id);
	for (i = 0; i <= 11; i++)
		field(field_keys[i], dup_or_null(col(st, i)), K_TEXT);
	field("claimed", beat_stmt_isnull(st, 12) ? NULL :
	    beat_xstrdup(beat_money_text(beat_stmt_int(st, 12), buf)), K_NUM);
	for (i = 13; i <= 15; i++)
		field(field_keys[i], beat_xstrdup((int)beat_stmt_int(st, i) ? "1" : "0"), K_BOOL);
	field("crowd", dup_or_null(col(st, 16)), K_NUM);
	field("extended_to", dup_or_null(col(st, 17)), K_TEXT);
	field("failed", dup_or_null(col(st, 18)), K_NUM);
	field("recovered", beat_xstrdup(beat_money_text(beat_stmt_int(st, 19), buf)),
	    K_NUM);
	field("due", beat_case_deadlines(db, id, d, 16) > 0 ?
	    deadline_text(&d[0]) : NULL, K_DEADLINE);
	field("overdue", beat_case_overdue(db, id, beat_today(), &d[0]) ?
	    deadline_text(&d[0]) : NULL, K_DEADLINE);
	field("consult", beat_consult_reason(db, id), K_TEXT);
	field("mass_risk", beat_mass_risk(db, id), K_TEXT);
	field("summary", unless_reveal(dup_or_null(col(st, 20))), K_TEXT);
	beat_stmt_free(st);
}

static void
load_parties(struct beat_conn *db, long long id)
{
	struct beat_stmt *st;
	char *cells[4], buf[64];

	st = beat_prepare(db, "SELECT role, name, idno, phone FROM party "
	    "WHERE dispute_id = ? ORDER BY CASE role WHEN 'applicant' THEN 1 "
	    "WHEN 'respondent' THEN 2 ELSE 3 END, id");
	beat_bind(st, "l", id);
	while (beat_step(st)) {
		cells[0] = dup_or_null(col(st, 0));
		cells[1] = dup_or_null(col(st, 1));
		cells[2] = cells[3] = NULL;
		if (col(st, 2) != NULL && !beat_opt.reveal)
			beat_mask_idno(col(st, 2), buf, sizeof(buf));
		if (col(st, 2) != NULL)
			cells[2] = beat_xstrdup(beat_opt.reveal ? col(st, 2) : buf);
		if (col(st, 3) != NULL && !beat_opt.reveal)
			beat_mask_phone(col(st, 3), buf, sizeof(buf));
		if (col(st, 3) != NULL)
			cells[3] = beat_xstrdup(beat_opt.reveal ? col(st, 3) : buf);
		block_row(&parties, cells);
	}
	beat_stmt_free(st);
}

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

/*
 * What an event adds.  For scripts (tsv, csv, json, the table in English)
 * fixed English words and codes; for people (the table under a
 * translated locale) the catalogue's words and the codes' labels.
 */
static int people;

/* A word marked N_(): translated for people only. */
#define W(s)	(people ? _(s) : (s))

static const char *
label(struct beat_conn *db, const char *set, const char *code)
{
	return people && code != NULL ? beat_code_label(db, set, code) : code;
}

static char *
event_detail(struct beat_conn *db, struct beat_stmt *st, const char *event)
{
	const char *a = col(st, 4), *b = col(st, 5), *text = col(st, 7), *to;
	char *p1 = NULL, *p2 = NULL, *s, buf[32];

	if (strcmp(event, "registered") == 0)
		p1 = beat_xasprintf(W(N_("source %s")), label(db, "case_source", a));
	else if (strcmp(event, "session") == 0 || strcmp(event, "refused") == 0) {
		if (b != NULL)
			p1 = beat_xasprintf(W(N_("mediators %s")), b);
		if (beat_stmt_int(st, 6) > 0)
			p2 = beat_xasprintf(W(N_("recovered %s")),
			    beat_money_text(beat_stmt_int(st, 6), buf));
		/* refused is no outcome one gives case-mediate, but an event */
		s = join(label(db, strcmp(event, "refused") == 0 ? "case_event" :
		    "session_outcome", a), p1, p2);
		free(p1);
		free(p2);
		p1 = s;
		p2 = NULL;
	} else if (strcmp(event, "escalated") == 0 || strcmp(event, "handed") == 0) {
		/* a -> b: levels, or a level to a channel */
		to = strcmp(event, "handed") == 0 ? label(db, "channel", b) : label(db, "level", b);
		p1 = beat_xasprintf("%s -> %s", label(db, "level", a), to);
		if ((int)beat_stmt_int(st, 6)) {
			s = beat_xasprintf("%s%s", p1, W(N_(" (auto)")));
			free(p1);
			p1 = s;
		}
	} else if (strcmp(event, "extended") == 0)
		p1 = beat_xasprintf(W(N_("until %s")), a);
	else if (strcmp(event, "agreement") == 0) {
		p1 = beat_xstrdup(label(db, "agreement_form", a));
		if (b != NULL)
			p2 = beat_xasprintf(W(N_("perform by %s")), b);
	} else if (strcmp(event, "channel") == 0) {
		p1 = people ? channel_words(db, a, b) : beat_xasprintf("%s %s", a, b);
		if (!beat_stmt_isnull(st, 6))
			p2 = beat_xasprintf(W(N_("%lld days")), (long long)beat_stmt_int(st, 6));
	} else if (strcmp(event, "closed") == 0) {
		p1 = a == NULL ? NULL : beat_xstrdup(label(db, "case_outcome", a));
		if (b != NULL && !beat_stmt_isnull(st, 6))
			p2 = beat_xasprintf(W(N_("prevented %s, %lld persons")), label(db, "prevented", b),
			    (long long)beat_stmt_int(st, 6));
		else if (b != NULL)
			p2 = beat_xasprintf(W(N_("prevented %s")), label(db, "prevented", b));
	}
	s = join(p1, p2, text);
	free(p1);
	free(p2);
	return s;
}

/*
 * The level each event happened at: sessions record their own, the
 * rest take the level the case stood at then, replayed from the
 * escalations.
 */
static void
load_timeline(struct beat_conn *db, long long id)
{
	struct beat_stmt *st;
	char *cells[4], *level;
	const char *event;

	level = beat_query_text(db, "SELECT from_level FROM escalation WHERE dispute_id = ? "
	    "ORDER BY at, id LIMIT 1", "l", id);
	if (level == NULL)
		level = beat_query_text(db, "SELECT level FROM dispute WHERE id = ?", "l", id);
	st = beat_prepare(db, timeline_sql);
	beat_bind(st, "l", id);
	while (beat_step(st)) {
		event = col(st, 2);
		if (strcmp(event, "escalated") == 0) {
			free(level);
			level = beat_xstrdup(col(st, 3));
		}
		cells[0] = dup_or_null(col(st, 0));
		cells[1] = beat_xstrdup(event);
		cells[2] = beat_xstrdup(col(st, 3) != NULL ? col(st, 3) : level);
		cells[3] = unless_reveal(event_detail(db, st, event));
		block_row(&timeline, cells);
	}
	beat_stmt_free(st);
	free(level);
}

/*
 * Every obligation the rules see, met or owed, and those recorded as
 * missed that the rules no longer see (a setting changed since): state
 * is owed, overdue, met, late (met after the due day), lapsed (a court
 * window left unused) or missed (recorded, never met).
 */
static void
load_deadlines(struct beat_conn *db, long long id)
{
	struct beat_deadline all[64], gone[64];
	long today = beat_today();
	char *cells[4], day[11];
	int i, j, n, m, seen, seen_now;
	const char *state;

	n = seen_now = beat_case_obligations(db, id, today, all, 64);
	m = beat_case_missed(db, id, today, gone, 64);
	for (j = 0; j < m && n < 64; j++) {
		for (seen = i = 0; i < n && !seen; i++)
			seen = all[i].what == gone[j].what && all[i].due == gone[j].due;
		if (!seen)
			all[n++] = gone[j];
	}
	for (i = 0; i < n; i++) {
		if (all[i].lapsed)
			state = "lapsed";
		else if (all[i].done >= 0)
			state = all[i].done > all[i].due ? "late" : "met";
		else if (today > all[i].due)
			state = i < seen_now ? "overdue" : "missed";
		else
			state = "owed";
		cells[0] = beat_xstrdup(all[i].what);
		beat_day_text(all[i].due, day);
		cells[1] = beat_xstrdup(day);
		cells[2] = NULL;
		if (all[i].done >= 0) {
			beat_day_text(all[i].done, day);
			cells[2] = beat_xstrdup(day);
		}
		cells[3] = beat_xstrdup(state);
		block_row(&deadlines, cells);
	}
}

/* A case's record as a person reads it: its fields one per row, then
 * each block, an empty line before each. */
/* The fields that hold a code, and its set. */
static const char *
code_set(const char *key)
{
	static const char *const sets[][2] = {
		{ "status", "case_status" }, { "outcome", "case_outcome" },
		{ "type", "dispute_type" }, { "level", "level" },
		{ "channel", "channel" }, { "source", "case_source" },
	};
	size_t i;

	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
		if (strcmp(key, sets[i][0]) == 0)
			return sets[i][1];
	return NULL;
}

/* The columns of a block that hold codes, shown by label for people. */
static void
block_codes(struct beat_out *o, struct beat_conn *db, const struct block *b)
{
	if (b == &parties)
		beat_out_codes(o, db, "role", "party_role");
	else if (b == &timeline) {
		beat_out_codes(o, db, "event", "case_event");
		beat_out_codes(o, db, "level", "level");
	} else {
		beat_out_codes(o, db, "deadline", "deadline");
		beat_out_codes(o, db, "state", "deadline_state");
	}
}

/* Under a translated locale the table speaks it: names and codes. */
static void
print_blocks(struct beat_conn *db)
{
	struct beat_out *o;
	struct block *const *b = blocks;
	const char *set, *kind;
	size_t i, k;
	char *t;

	o = beat_out_new(stdout, field_cols);
	for (i = 0; i < nfields; i++) {
		set = code_set(fields[i].key);
		beat_out_str(o, beat_out_name(o, fields[i].key));
		if (set != NULL)
			beat_out_str(o, beat_out_label(o, db, set, fields[i].val));
		else if (fields[i].kind == K_DEADLINE && fields[i].val != NULL) {
			/* "DAY KIND": the kind by its name */
			kind = strchr(fields[i].val, ' ');
			t = beat_xasprintf("%.*s %s", (int)(kind - fields[i].val), fields[i].val,
			    beat_out_label(o, db, "deadline", kind + 1));
			beat_out_str(o, t);
			free(t);
		} else
			beat_out_str(o, fields[i].val);
		beat_out_end_row(o);
	}
	beat_out_finish(o);
	for (k = 0; k < NBLOCKS; k++) {
		putchar('\n');
		o = beat_out_new(stdout, b[k]->cols + 1);
		block_codes(o, db, b[k]);
		for (i = 0; i < b[k]->n; i++) {
			beat_out_str(o, b[k]->cells[i]);
			if ((i + 1) % b[k]->ncols == 0)
				beat_out_end_row(o);
		}
		beat_out_finish(o);
	}
}

/* A case's record as one JSON object, the blocks as arrays in it. */
static void
print_json(int first)
{
	struct block *const *b = blocks;
	size_t i, k;

	printf("%s{", first ? "\n" : ",\n");
	for (i = 0; i < nfields; i++) {
		printf("%s\n  ", i ? "," : "");
		beat_json_str(stdout, fields[i].key);
		printf(": ");
		if (fields[i].val == NULL || fields[i].kind == K_TEXT ||
		    fields[i].kind == K_DEADLINE)
			beat_json_str(stdout, fields[i].val);
		else if (fields[i].kind == K_BOOL)
			printf("%s", strcmp(fields[i].val, "0") ? "true" : "false");
		else
			printf("%s", fields[i].val);
	}
	for (k = 0; k < NBLOCKS; k++) {
		printf(",\n  \"%s\": [", b[k]->name);
		for (i = 0; i < b[k]->n; i++) {
			if (i % b[k]->ncols == 0)
				printf("%s\n    {", i ? "," : "");
			else
				printf(", ");
			beat_json_str(stdout, b[k]->cols[1 + i % b[k]->ncols]);
			printf(": ");
			beat_json_str(stdout, b[k]->cells[i]);
			if ((i + 1) % b[k]->ncols == 0)
				printf("}");
		}
		printf("%s]", b[k]->n ? "\n  " : "");
	}
	printf("\n}");
}

/* The case's rows of the one table --section asked for. */
static void
print_section(struct beat_out *o)
{
	struct block *b;
	size_t i;

	if (section == 0) {
		for (i = 0; i < nfields; i++)
			if (fields[i].kind == K_TEXT || fields[i].kind == K_DEADLINE)
				beat_out_str(o, fields[i].val);
			else
				beat_out_num(o, fields[i].val);
		beat_out_end_row(o);
		return;
	}
	b = blocks[section - 1];
	for (i = 0; i < b->n; i++) {
		if (i % b->ncols == 0)
			beat_out_str(o, fields[0].val);
		beat_out_str(o, b->cells[i]);
		if ((i + 1) % b->ncols == 0)
			beat_out_end_row(o);
	}
}

static void
unload(void)
{
	size_t i, k;

	for (i = 0; i < nfields; i++)
		free(fields[i].val);
	nfields = 0;
	for (k = 0; k < NBLOCKS; k++) {
		for (i = 0; i < blocks[k]->n; i++)
			free(blocks[k]->cells[i]);
		blocks[k]->n = 0;
	}
}

static int
section_arg(const char *s)
{
	size_t k;

	if (strcmp(s, "fields") == 0)
		return 0;
	for (k = 0; k < NBLOCKS; k++)
		if (strcmp(s, blocks[k]->name) == 0)
			return 1 + (int)k;
	beat_usage_error(_("--section: unknown section '%s' (fields, parties, timeline or deadlines)"), s);
}

int
main(int argc, char **argv)
{
	struct beat_out *o = NULL;
	char **cases;
	long long *ids;
	size_t i, n;
	struct beat_conn *db;
	int c;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1)
		if (c == OPT_SECTION)
			section = section_arg(optarg);
	argc -= optind;
	argv += optind;
	if (argc == 0)
		beat_usage_error(_("no case given (CASE..., or - to read them from stdin)"));
	cases = beat_operand_set(argc, argv, &n);
	if (n == 0)
		beat_usage_error(_("no case on standard input"));
	/* TSV and CSV hold one table: the fields, unless another is asked for. */
	if (section < 0 && (beat_opt.format == BEAT_FMT_TSV || beat_opt.format == BEAT_FMT_CSV))
		section = 0;

	/* --reveal is audited, and the audit row is a write. */
	db = beat_db_open(beat_opt.reveal ? BEAT_DB_WRITE : BEAT_DB_READ);
	ids = beat_case_ids_read(db, cases, n);
	people = beat_out_people(stdout);
	if (section == 0) {
		o = beat_out_new(stdout, field_keys);
		for (i = 0; i < NFIELDS; i++)
			if (code_set(field_keys[i]) != NULL)
				beat_out_codes(o, db, field_keys[i], code_set(field_keys[i]));
	} else if (section > 0) {
		o = beat_out_new(stdout, blocks[section - 1]->cols);
		block_codes(o, db, blocks[section - 1]);
	}
	else if (beat_opt.format == BEAT_FMT_JSON)
		putchar('[');
	for (i = 0; i < n; i++) {
		load_case(db, ids[i]);
		load_parties(db, ids[i]);
		load_timeline(db, ids[i]);
		load_deadlines(db, ids[i]);
		if (o != NULL)
			print_section(o);
		else if (beat_opt.format == BEAT_FMT_JSON)
			print_json(i == 0);
		else {
			if (i > 0)
				putchar('\n');
			print_blocks(db);
		}
		unload();
		free(cases[i]);
	}
	if (o != NULL)
		beat_out_finish(o);
	else if (beat_opt.format == BEAT_FMT_JSON)
		printf("\n]\n");
	beat_db_close(db);
	free(cases);
	free(ids);
	beat_exit(BEAT_EX_OK);
}
