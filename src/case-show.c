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
	struct beat_case_record r;
	struct beat_deadline d[16];
	char buf[32];

	if (beat_case_get(db, id, &r) == -1)
		beat_errx(BEAT_EX_SOFTWARE, "case %lld vanished", id);
	field("case", r.number, K_TEXT);
	field("status", r.status, K_TEXT);
	field("outcome", r.outcome, K_TEXT);
	field("opened", r.opened, K_TEXT);
	field("closed", r.closed, K_TEXT);
	field("village", r.village, K_TEXT);
	field("officer", r.officer, K_TEXT);
	field("badge", r.badge, K_TEXT);
	field("type", r.type, K_TEXT);
	field("level", r.level, K_TEXT);
	field("channel", r.channel, K_TEXT);
	field("source", r.source, K_TEXT);
	field("claimed", r.claimed_fen < 0 ? NULL :
	    beat_xstrdup(beat_money_text(r.claimed_fen, buf)), K_NUM);
	field("cross_region", beat_xstrdup(r.cross_region ? "1" : "0"), K_BOOL);
	field("violence_risk", beat_xstrdup(r.violence_risk ? "1" : "0"), K_BOOL);
	field("complex", beat_xstrdup(r.complex ? "1" : "0"), K_BOOL);
	field("crowd", r.crowd < 0 ? NULL : beat_xasprintf("%lld", r.crowd), K_NUM);
	field("extended_to", r.extended_to, K_TEXT);
	field("failed", beat_xasprintf("%lld", r.failed), K_NUM);
	field("recovered", beat_xstrdup(beat_money_text(r.recovered_fen, buf)), K_NUM);
	field("due", beat_case_deadlines(db, id, d, 16) > 0 ?
	    deadline_text(&d[0]) : NULL, K_DEADLINE);
	field("overdue", beat_case_overdue(db, id, beat_today(), &d[0]) ?
	    deadline_text(&d[0]) : NULL, K_DEADLINE);
	field("consult", beat_consult_reason(db, id), K_TEXT);
	field("mass_risk", beat_mass_risk(db, id), K_TEXT);
	field("summary", unless_reveal(r.summary), K_TEXT);
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
	block_row(&parties, cells);
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
	block_row(&timeline, cells);
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
		beat_case_parties(db, ids[i], party_row, NULL);
		beat_case_timeline(db, ids[i], event_row, db);
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
