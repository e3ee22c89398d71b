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

/* The fields in the order they are shown: the columns of --section fields. */
static const char *const field_keys[] = {
	"case", "status", "outcome", "opened", "closed", "village", "officer", "badge",
	"type", "level", "channel", "source", "claimed", "cross_region", "violence_risk",
	"complex", "crowd", "extended_to", "failed", "recovered", "due", "overdue",
	"consult", "mass_risk", "summary", NULL,
};
/* The fields and columns that hold a code, and its set. */
static const char *const field_codes[] = {
	"status", "case_status", "outcome", "case_outcome", "type", "dispute_type",
	"level", "level", "channel", "channel", "source", "case_source", NULL,
};
static const char *const party_cols[] = { "case", "role", "name", "idno", "phone", NULL };
static const char *const party_codes[] = { "role", "party_role", NULL };
static const char *const event_cols[] = { "case", "at", "event", "level", "detail", NULL };
static const char *const event_codes[] = { "event", "case_event", "level", "level", NULL };
static const char *const deadline_cols[] = { "case", "deadline", "due", "done", "state", NULL };
static const char *const deadline_codes[] = {
	"deadline", "deadline", "state", "deadline_state", NULL,
};

/*
 * Parties, timeline or deadlines: rows of text cells under fixed
 * columns.  cols[0] is "case", the column that --section puts first so
 * that the rows of several cases make one table; a case's own blocks
 * and JSON objects go without it.
 */
static struct beat_rec_block parties = { "parties", party_cols, party_codes, 4, NULL, 0, 0 };
static struct beat_rec_block timeline = { "timeline", event_cols, event_codes, 4, NULL, 0, 0 };
static struct beat_rec_block deadlines = {
	"deadlines", deadline_cols, deadline_codes, 4, NULL, 0, 0,
};
static struct beat_rec_block *const blocks[] = { &parties, &timeline, &deadlines };
static struct beat_rec rec = { field_keys, field_codes, blocks, 3, NULL, 0, 0 };

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

static char *
dup_or_null(const char *s)
{
	return s ? beat_xstrdup(s) : NULL;
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
	struct beat_case_record r;
	struct beat_deadline d[16];
	char buf[32];

	if (beat_case_get(db, id, &r) == -1)
		beat_errx(BEAT_EX_SOFTWARE, "case %lld vanished", id);
	beat_rec_field(&rec, "case", r.number, BEAT_REC_TEXT);
	beat_rec_field(&rec, "status", r.status, BEAT_REC_TEXT);
	beat_rec_field(&rec, "outcome", r.outcome, BEAT_REC_TEXT);
	beat_rec_field(&rec, "opened", r.opened, BEAT_REC_TEXT);
	beat_rec_field(&rec, "closed", r.closed, BEAT_REC_TEXT);
	beat_rec_field(&rec, "village", r.village, BEAT_REC_TEXT);
	beat_rec_field(&rec, "officer", r.officer, BEAT_REC_TEXT);
	beat_rec_field(&rec, "badge", r.badge, BEAT_REC_TEXT);
	beat_rec_field(&rec, "type", r.type, BEAT_REC_TEXT);
	beat_rec_field(&rec, "level", r.level, BEAT_REC_TEXT);
	beat_rec_field(&rec, "channel", r.channel, BEAT_REC_TEXT);
	beat_rec_field(&rec, "source", r.source, BEAT_REC_TEXT);
	beat_rec_field(&rec, "claimed", r.claimed_fen < 0 ? NULL :
	    beat_xstrdup(beat_money_text(r.claimed_fen, buf)), BEAT_REC_NUM);
	beat_rec_field(&rec, "cross_region", beat_xstrdup(r.cross_region ? "1" : "0"),
	    BEAT_REC_BOOL);
	beat_rec_field(&rec, "violence_risk", beat_xstrdup(r.violence_risk ? "1" : "0"),
	    BEAT_REC_BOOL);
	beat_rec_field(&rec, "complex", beat_xstrdup(r.complex ? "1" : "0"), BEAT_REC_BOOL);
	beat_rec_field(&rec, "crowd", r.crowd < 0 ? NULL : beat_xasprintf("%lld", r.crowd),
	    BEAT_REC_NUM);
	beat_rec_field(&rec, "extended_to", r.extended_to, BEAT_REC_TEXT);
	beat_rec_field(&rec, "failed", beat_xasprintf("%lld", r.failed), BEAT_REC_NUM);
	beat_rec_field(&rec, "recovered", beat_xstrdup(beat_money_text(r.recovered_fen, buf)),
	    BEAT_REC_NUM);
	beat_rec_field(&rec, "due", beat_case_deadlines(db, id, d, 16) > 0 ?
	    deadline_text(&d[0]) : NULL, BEAT_REC_DEADLINE);
	beat_rec_field(&rec, "overdue", beat_case_overdue(db, id, beat_today(), &d[0]) ?
	    deadline_text(&d[0]) : NULL, BEAT_REC_DEADLINE);
	beat_rec_field(&rec, "consult", beat_consult_reason(db, id), BEAT_REC_TEXT);
	beat_rec_field(&rec, "mass_risk", beat_mass_risk(db, id), BEAT_REC_TEXT);
	beat_rec_field(&rec, "summary", unless_reveal(r.summary), BEAT_REC_TEXT);
	/* The strings are the fields' now. */
}

static void
party_row(const struct beat_case_party *p, void *arg)
{
	char *cells[4], buf[64];

	(void)arg;
	cells[0] = dup_or_null(p->role);
	cells[1] = dup_or_null(p->name);
	cells[2] = cells[3] = NULL;
	if (p->idno != NULL && !beat_opt.reveal)
		beat_mask_idno(p->idno, buf, sizeof(buf));
	if (p->idno != NULL)
		cells[2] = beat_xstrdup(beat_opt.reveal ? p->idno : buf);
	if (p->phone != NULL && !beat_opt.reveal)
		beat_mask_phone(p->phone, buf, sizeof(buf));
	if (p->phone != NULL)
		cells[3] = beat_xstrdup(beat_opt.reveal ? p->phone : buf);
	beat_rec_row(&parties, cells);
}

/*
 * For scripts (tsv, csv, json, the table in English) fixed English
 * words and codes; for people (the table under a translated locale)
 * the catalogue's words and the codes' labels.
 */
static int people;

static void
event_row(const struct beat_case_event *e, void *arg)
{
	char *cells[4];

	cells[0] = dup_or_null(e->at);
	cells[1] = beat_xstrdup(e->event);
	cells[2] = beat_xstrdup(e->level);
	cells[3] = unless_reveal(beat_case_event_detail(arg, e, people));
	beat_rec_row(&timeline, cells);
}

/* What the case owes and owed, each with its state. */
static void
load_deadlines(struct beat_conn *db, long long id)
{
	struct beat_deadline all[64];
	const char *state[64];
	char *cells[4], day[11];
	int i, n;

	n = beat_case_deadline_states(db, id, beat_today(), all, state, 64);
	for (i = 0; i < n; i++) {
		cells[0] = beat_xstrdup(all[i].what);
		beat_day_text(all[i].due, day);
		cells[1] = beat_xstrdup(day);
		cells[2] = NULL;
		if (all[i].done >= 0) {
			beat_day_text(all[i].done, day);
			cells[2] = beat_xstrdup(day);
		}
		cells[3] = beat_xstrdup(state[i]);
		beat_rec_row(&deadlines, cells);
	}
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
		if (c == OPT_SECTION && (section = beat_rec_section(&rec, optarg)) < 0)
			beat_usage_error(_("--section: unknown section '%s' (fields, parties, timeline or deadlines)"),
			    optarg);
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
	if (section >= 0)
		o = beat_rec_out(db, &rec, section);
	else if (beat_opt.format == BEAT_FMT_JSON)
		putchar('[');
	for (i = 0; i < n; i++) {
		load_case(db, ids[i]);
		beat_case_parties(db, ids[i], party_row, NULL);
		beat_case_timeline(db, ids[i], event_row, db);
		load_deadlines(db, ids[i]);
		if (o != NULL)
			beat_rec_rows(o, &rec, section);
		else if (beat_opt.format == BEAT_FMT_JSON)
			beat_rec_json(&rec, i == 0);
		else {
			if (i > 0)
				putchar('\n');
			beat_rec_print(db, &rec);
		}
		beat_rec_clear(&rec);
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
