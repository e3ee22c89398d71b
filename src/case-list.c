/* case-list: select dispute cases by filters; print rows or just their numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum {
	OPT_STATUS = 256, OPT_LEVEL, OPT_VILLAGE, OPT_OFFICER, OPT_TYPE,
	OPT_SINCE, OPT_UNTIL, OPT_OVERDUE, OPT_DUE_SOON, OPT_DAYS, OPT_ESCALATE_DUE, OPT_IDS,
};

static const struct beat_opt opts[] = {
	{ "status", OPT_STATUS, 1, "STATUS", N_("open, closed or all (default: open; all with --overdue and --due-soon)") },
	{ "level", OPT_LEVEL, 1, "LEVEL", N_("cases at this level: police, township, resident, consultation") },
	{ "village", OPT_VILLAGE, 1, "VILLAGE", N_("cases of this village (name or code)") },
	{ "officer", OPT_OFFICER, 1, "OFFICER", N_("cases of this officer (badge or name)") },
	{ "type", OPT_TYPE, 1, "TYPE", N_("cases of this dispute type") },
	{ "since", OPT_SINCE, 1, "DATE", N_("cases opened on or after DATE") },
	{ "until", OPT_UNTIL, 1, "DATE", N_("cases opened on or before DATE") },
	{ "overdue", OPT_OVERDUE, 0, NULL, N_("only cases that missed a deadline as of today") },
	{ "due-soon", OPT_DUE_SOON, 0, NULL, N_("every obligation falling due within the next days, one row each") },
	{ "days", OPT_DAYS, 1, "N", N_("with --due-soon: how many days ahead (default: the due_soon_days setting)") },
	{ "escalate-due", OPT_ESCALATE_DUE, 0, NULL, N_("only open cases the rules send to consultation") },
	{ "ids", OPT_IDS, 0, NULL, N_("print case numbers only, one per line") },
	{ 0 }
};

static const struct beat_cli cli = {
	"[--status open|closed|all] [--level L] [--village V] [--officer O] "
	"[--type T] [--since DATE] [--until DATE] [--overdue | --due-soon [--days N]] [--escalate-due] "
	"[--ids] [-f FMT] [--no-header] [--bom] [--raw] [--wide] [--reveal] [-d FILE]",
	N_("Select dispute cases by filters; print them as rows or just their numbers."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_REVEAL,
};

static const char *const cols[] = {
	"case", "opened", "village", "type", "level", "status", "officer",
	"failed", "due", "deadline", "summary", NULL,
};

static const char *status, *level, *village, *officer, *type;
static char since[11], until_next[11];
static int overdue, due_soon, escalate_due, ids;
static long long soon_days = -1;

/*
 * The obligations a case is listed with: the earliest missed one with
 * --overdue, each one falling due from today to last with --due-soon,
 * else the earliest still owed (none is still a row).  Returns how
 * many rows the case makes.
 */
static int
obligations(struct beat_conn *db, long long id, long today, long last, struct beat_deadline *d,
    int max)
{
	char *why;

	/* The rule itself knows that closed cases and consultation owe none. */
	if (escalate_due) {
		if ((why = beat_consult_reason(db, id)) == NULL)
			return 0;
		free(why);
	}
	if (overdue)
		return beat_case_overdue(db, id, today, &d[0]);
	if (due_soon)
		return beat_case_due_soon(db, id, today, last, d, max);
	if (beat_case_deadlines(db, id, d, 1) == 0)
		d[0].what = NULL;
	return 1;
}

/* A row held back to be sorted by its due day (--due-soon). */
struct row {
	long due;
	size_t seq;
	char *cell[11];
};

static int
by_due(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Made before the first match, so that none still prints the header or []. */
static struct beat_out *
start(struct beat_conn *db)
{
	struct beat_out *o = beat_out_new(stdout, cols);

	beat_out_codes(o, db, "type", "dispute_type");
	beat_out_codes(o, db, "level", "level");
	beat_out_codes(o, db, "status", "case_status");
	beat_out_codes(o, db, "deadline", "deadline");
	return o;
}

static void
put(struct beat_out *o, char **cell)
{
	int i;

	for (i = 0; i < 11; i++) {
		if (i == 7)
			beat_out_num(o, cell[i]);
		else
			beat_out_str(o, cell[i]);
		free(cell[i]);
	}
	beat_out_end_row(o);
}

/* The cells of a case's row for obligation d (d->what NULL: none). */
static void
fill(struct row *r, const struct beat_case_row *c, const struct beat_deadline *d, size_t seq)
{
	const char *text[7] = { c->number, c->opened, c->village, c->type, c->level, c->status,
		c->officer };
	char day[11];
	int i;

	r->due = d->what ? d->due : 0;
	r->seq = seq;
	for (i = 0; i < 7; i++)
		r->cell[i] = beat_xstrdup(text[i]);
	r->cell[7] = beat_xasprintf("%lld", c->failed);
	if (d->what != NULL)
		beat_day_text(d->due, day);
	r->cell[8] = d->what ? beat_xstrdup(day) : NULL;
	r->cell[9] = d->what ? beat_xstrdup(d->what) : NULL;
	/* A summary may quote a party's numbers: masked as the audit masks. */
	r->cell[10] = beat_opt.reveal ? beat_xstrdup(c->summary) : beat_mask_text(c->summary);
}

/* What list gathers as the cases go by. */
struct listing {
	struct beat_conn *db;
	struct beat_out *o;
	struct row *rows;
	size_t matched, nrows;
	long today;
};

static void
one(const struct beat_case_row *c, void *arg)
{
	struct listing *l = arg;
	struct beat_deadline d[16];
	struct row one;
	int j, k;

	k = obligations(l->db, c->id, l->today, l->today + (long)soon_days, d, 16);
	l->matched += k;
	/* Each case once, though it owes two things soon. */
	if (ids && k > 0)
		printf("%s\n", c->number);
	for (j = 0; j < k && !ids; j++) {
		/* Out at once but with --due-soon, so a long list streams. */
		if (!due_soon) {
			fill(&one, c, &d[j], 0);
			put(l->o, one.cell);
			continue;
		}
		l->rows = beat_xrealloc(l->rows, (l->nrows + 1) * sizeof(*l->rows));
		fill(&l->rows[l->nrows], c, &d[j], l->nrows);
		l->nrows++;
	}
}

static size_t
list(struct beat_conn *db, long long village_id, long long officer_id)
{
	struct beat_case_filter f;
	struct listing l = { db, NULL, NULL, 0, 0, 0 };
	size_t i;

	l.o = ids ? NULL : start(db);
	l.today = beat_today();
	f.status = strcmp(status, "all") == 0 ? NULL : status;
	f.level = level;
	f.type = type;
	f.village_id = village_id;
	f.officer_id = officer_id;
	f.since = since;
	f.until_next = until_next;
	/* Of 100k cases, the rules are asked about those that can be overdue. */
	f.overdue_only = overdue;
	beat_case_select(db, &f, one, &l);
	if (l.nrows > 0)
		qsort(l.rows, l.nrows, sizeof(*l.rows), by_due);
	for (i = 0; i < l.nrows; i++)
		put(l.o, l.rows[i].cell);
	free(l.rows);
	if (l.o != NULL)
		beat_out_finish(l.o);
	return l.matched;
}

int
main(int argc, char **argv)
{
	long long village_id = -1, officer_id = -1;
	char until[11] = "";
	struct beat_conn *db;
	size_t n;
	long day;
	int c;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_DAYS:
			soon_days = beat_num(optarg, 0, 3660, "--days");
			break;
		case OPT_DUE_SOON:
			due_soon = 1;
			break;
		case OPT_ESCALATE_DUE:
			escalate_due = 1;
			break;
		case OPT_IDS:
			ids = 1;
			break;
		case OPT_LEVEL:
			level = optarg;
			break;
		case OPT_OFFICER:
			officer = optarg;
			break;
		case OPT_OVERDUE:
			overdue = 1;
			break;
		case OPT_SINCE:
			beat_arg_date(optarg, "--since", since);
			break;
		case OPT_STATUS:
			status = optarg;
			break;
		case OPT_TYPE:
			type = optarg;
			break;
		case OPT_UNTIL:
			beat_arg_date(optarg, "--until", until);
			break;
		case OPT_VILLAGE:
			village = optarg;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0)
		beat_usage_error(_("unexpected operand '%s'"), argv[0]);
	if (status != NULL && strcmp(status, "open") != 0 &&
	    strcmp(status, "closed") != 0 && strcmp(status, "all") != 0)
		beat_usage_error(_("--status: '%s' is not open, closed or all"), status);
	if (overdue && due_soon)
		beat_usage_error(_("--overdue and --due-soon do not go together"));
	if (soon_days >= 0 && !due_soon)
		beat_usage_error(_("--days goes with --due-soon"));
	if (escalate_due && status != NULL && strcmp(status, "open") != 0)
		beat_usage_error(_("--escalate-due lists open cases only"));
	/* Closed cases still owe a follow-up visit, so --overdue looks at all. */
	if (status == NULL)
		status = overdue || due_soon ? "all" : "open";
	if (*until != '\0' && beat_text_day(until, &day) == 0)
		beat_day_text(day + 1, until_next);

	/* --reveal is audited, and the audit row is a write. */
	db = beat_db_open(beat_opt.reveal ? BEAT_DB_WRITE : BEAT_DB_READ);
	if (beat_opt.reveal)
		beat_audit_read(db, "case-list reveal");
	if (level != NULL)
		level = beat_code_arg(db, "level", level, "--level");
	if (type != NULL)
		type = beat_code_arg(db, "dispute_type", type, "--type");
	if (due_soon && soon_days < 0)
		soon_days = beat_setting_int(db, "due_soon_days");
	if (village != NULL)
		village_id = beat_village_id(db, village);
	if (officer != NULL)
		officer_id = beat_officer_id(db, officer);
	n = list(db, village_id, officer_id);
	beat_db_close(db);
	beat_exit(n > 0 ? BEAT_EX_OK : BEAT_EX_NONE);
}
