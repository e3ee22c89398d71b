/* case-escalate: move cases up the mediation ladder or hand them to a channel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_TO = 256, OPT_CHANNEL, OPT_BODY, OPT_REASON, OPT_AUTO, OPT_DRY_RUN, OPT_AT };

static const struct beat_opt opts[] = {
	{ "to", OPT_TO, 1, "LEVEL", N_("the level to go to: township, resident or consultation (default: the next)") },
	{ "channel", OPT_CHANNEL, 1, "CHANNEL", N_("hand a case at consultation to people, administrative, judicial or petition") },
	{ "body", OPT_BODY, 1, "TEXT", N_("with --channel: the body that received the case (committee, office, court)") },
	{ "reason", OPT_REASON, 1, "TEXT", N_("why (required without --auto)") },
	{ "auto", OPT_AUTO, 0, NULL, N_("send every open case the 会商研判 rule holds for to consultation") },
	{ "dry-run", OPT_DRY_RUN, 0, NULL, N_("with --auto: print what would change, change nothing") },
	{ "at", OPT_AT, 1, "DATE", N_("when the move happened (default: now)") },
	{ 0 }
};

static const struct beat_cli cli = {
	"CASE... [--to LEVEL | --channel CHANNEL [--body TEXT]] --reason TEXT [--at DATE] [-q] [-f FMT] [-d FILE]\n"
	"--auto [--dry-run] [-q] [-f FMT] [-d FILE]",
	N_("Move dispute cases up the mediation ladder, hand them to a channel, or apply the 会商研判 rule."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET,
};

static const char *to, *channel, *body, *reason;
static int aflag, dryrun;
static char at[20];
static char **numbers;
static size_t nnumbers;

static void
escalate(struct beat_conn *db, const char *number)
{
	const char *target;
	char *level, *handed;
	long long id;

	level = beat_case_open(db, number, at, &id);
	handed = beat_case_channel(db, id);
	if (handed != NULL)
		beat_errx(BEAT_EX_DATA, _("%s: the case was already handed to the %s channel"),
		    number, handed);
	if (channel != NULL) {
		if (strcmp(level, "consultation") != 0)
			beat_errx(BEAT_EX_DATA, _("%s: the case is at level %s; only a case at consultation is handed to a channel"),
			    number, level);
		beat_case_hand(db, id, at, level, channel, body, reason);
	} else {
		if ((target = to) == NULL && (target = beat_level_next(level)) == NULL)
			beat_errx(BEAT_EX_DATA, _("%s: the case is at consultation already; hand it to a channel with --channel"),
			    number);
		if (beat_level_rank(target) <= beat_level_rank(level))
			beat_errx(BEAT_EX_DATA, _("%s: the case is at level %s; escalation goes only upward, not to %s"),
			    number, level, target);
		beat_case_raise(db, id, at, level, target, reason, 0);
	}
	/* What the case missed before this step stays in its history. */
	beat_case_record_missed(db, id, beat_today());
	free(level);
	beat_touch(number);
}

/* A case below consultation, read before any of them is changed. */
struct open_case {
	long long id;
	char *number, *level;
};

/*
 * The nightly run is where a deadline that passed unmet is seen even on
 * a case nobody touched that day: it goes into the case's history
 * (case-show), which escalating or closing never erases.  A closed case
 * had its history recorded when it closed, and can miss only what it
 * still owes (a follow-up visit, a court window).
 */
struct night {
	struct beat_conn *db;
	long today;
};

static void
missed_one(const struct beat_case_ref *c, void *arg)
{
	struct night *nt = arg;
	struct beat_deadline d;

	if ((c->open || beat_case_deadlines(nt->db, c->id, &d, 1) > 0) &&
	    beat_case_record_missed(nt->db, c->id, nt->today) > 0)
		beat_touch(c->number);
}

static void
record_missed(struct beat_conn *db)
{
	struct night nt = { db, beat_today() };

	beat_case_each(db, BEAT_CASES_ALL, missed_one, &nt);
}

struct open_cases {
	struct open_case *c;
	size_t n;
};

static void
gather(const struct beat_case_ref *r, void *arg)
{
	struct open_cases *oc = arg;

	oc->c = beat_xrealloc(oc->c, (oc->n + 1) * sizeof(*oc->c));
	oc->c[oc->n].id = r->id;
	oc->c[oc->n].number = beat_xstrdup(r->number);
	oc->c[oc->n].level = beat_xstrdup(r->level);
	oc->n++;
}

/* The 会商研判 rule over every open case, one line for each case moved. */
static void
autoescalate(struct beat_conn *db)
{
	static const char *const cols[] = { "case", "from", "to", "reason", NULL };
	struct open_cases oc = { NULL, 0 };
	struct beat_out *o = NULL;
	struct open_case *c = NULL;
	char **lines = NULL, *why;
	size_t n = 0, nlines = 0, i;
	int quiet;

	beat_case_each(db, BEAT_CASES_BELOW_CONSULT, gather, &oc);
	c = oc.c;
	n = oc.n;
	for (i = 0; i < n; i++) {
		if ((why = beat_consult_reason(db, c[i].id)) != NULL) {
			lines = beat_xrealloc(lines, (nlines + 3) * sizeof(*lines));
			lines[nlines++] = beat_xstrdup(c[i].number);
			lines[nlines++] = beat_xstrdup(c[i].level);
			lines[nlines++] = beat_xstrdup(why);
			if (!dryrun) {
				beat_case_raise(db, c[i].id, at, c[i].level, "consultation",
				    why, 1);
				beat_touch(c[i].number);
			}
			free(why);
		}
		free(c[i].number);
		free(c[i].level);
	}
	free(c);
	if (!dryrun)
		record_missed(db);
	/*
	 * The lines go out before the commit, as beat_db_commit prints
	 * identifiers: if they cannot be written, nothing is moved.
	 */
	if (!beat_opt.quiet && beat_opt.format_set)
		o = beat_out_new(stdout, cols);
	for (i = 0; i < nlines; i += 3) {
		if (o != NULL) {
			beat_out_str(o, lines[i]);
			beat_out_str(o, lines[i + 1]);
			beat_out_str(o, "consultation");
			beat_out_str(o, lines[i + 2]);
			beat_out_end_row(o);
		} else if (!beat_opt.quiet)
			printf("%s\t%s\tconsultation\t%s\n", lines[i], lines[i + 1], lines[i + 2]);
		free(lines[i]);
		free(lines[i + 1]);
		free(lines[i + 2]);
	}
	free(lines);
	if (o != NULL)
		beat_out_finish(o);
	/* No change, no audit row: a quiet night leaves the trail alone. */
	if (beat_touched() > 0) {
		/* The TSV lines stand for the touched numbers. */
		quiet = beat_opt.quiet;
		beat_opt.quiet = 1;
		beat_db_commit(db);
		beat_opt.quiet = quiet;
	} else
		beat_db_rollback(db);
}

/* Warnings for the nightly run; they never change the exit status. */
/* Warnings for the nightly run; they never change the exit status. */
static void
mass_risk(const struct beat_case_ref *c, void *arg)
{
	char *why;

	if ((why = beat_mass_risk(arg, c->id)) == NULL)
		return;
	beat_warnx(_("%s: mass-incident risk: %s"), c->number, why);
	free(why);
}

int
main(int argc, char **argv)
{
	struct beat_conn *db;
	size_t i;
	int c;

	beat_init(argc, argv);
	beat_touch_column("case");
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_AT:
			beat_arg_time(optarg, "--at", at);
			break;
		case OPT_AUTO:
			aflag = 1;
			break;
		case OPT_BODY:
			body = optarg;
			break;
		case OPT_CHANNEL:
			channel = optarg;
			break;
		case OPT_DRY_RUN:
			dryrun = 1;
			break;
		case OPT_REASON:
			reason = optarg;
			break;
		case OPT_TO:
			to = optarg;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (to != NULL && channel != NULL)
		beat_usage_error(_("--to and --channel do not go together"));
	if (body != NULL && channel == NULL)
		beat_usage_error(_("--body goes with --channel"));
	if (dryrun && !aflag)
		beat_usage_error(_("--dry-run goes with --auto"));
	/* The rule acts now; a move dated otherwise could precede a registration. */
	if (aflag && (to || channel || body || reason || at[0] || argc > 0))
		beat_usage_error(_("--auto takes no cases, --to, --channel, --body, --reason or --at"));
	if (!aflag && (reason == NULL || *reason == '\0'))
		beat_usage_error(_("--reason is required"));
	if (!aflag && argc == 0)
		beat_usage_error(_("which cases? give case numbers, or - to read them from stdin"));
	numbers = beat_operand_set(argc, argv, &nnumbers);
	if (at[0] == '\0')
		beat_arg_time("now", "--at", at);

	db = beat_db_open(dryrun ? BEAT_DB_READ : BEAT_DB_WRITE);
	/* An empty pipe (case-list found nothing) moves nothing, and that is no error. */
	if (!aflag && nnumbers == 0) {
		beat_touched_print();
		beat_db_close(db);
		beat_exit(BEAT_EX_OK);
	}
	if (!dryrun)
		beat_db_begin(db);
	if (aflag) {
		autoescalate(db);
		beat_case_each(db, BEAT_CASES_OPEN, mass_risk, db);
	} else {
		if (to != NULL)
			to = beat_code_arg(db, "level", to, "--to");
		if (channel != NULL)
			channel = beat_code_arg(db, "channel", channel, "--channel");
		for (i = 0; i < nnumbers; i++)
			escalate(db, numbers[i]);
		beat_db_commit(db);
	}
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
