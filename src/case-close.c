/* case-close: close dispute cases with their outcome; record follow-up visits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum {
	OPT_OUTCOME = 256, OPT_AGREEMENT, OPT_ORAL, OPT_PERFORM_BY, OPT_AT, OPT_FOLLOWUP,
	OPT_CONFIRMED,
};

static const struct beat_opt opts[] = {
	{ "outcome", OPT_OUTCOME, 1, "OUTCOME", N_("close the cases: resolved, referred or withdrawn") },
	{ "agreement", OPT_AGREEMENT, 1, "TEXT", N_("the agreement that resolved the case (only with resolved)") },
	{ "oral", OPT_ORAL, 0, NULL, N_("the agreement was oral (default: written)") },
	{ "perform-by", OPT_PERFORM_BY, 1, "DATE", N_("the day by which the agreement is to be performed") },
	{ "at", OPT_AT, 1, "DATE", N_("when the case closed or the visit took place (default: now)") },
	{ "followup", OPT_FOLLOWUP, 1, "TEXT", N_("record a follow-up visit (回访) on CASE instead") },
	{ "confirmed", OPT_CONFIRMED, 0, NULL, N_("record the judicial confirmation of CASE's agreement instead") },
	{ 0 }
};

static const struct beat_cli cli = {
	"CASE... --outcome resolved|referred|withdrawn [--agreement TEXT] [--oral] "
	"[--perform-by DATE] [--at DATE] [-q] [-d FILE]\n"
	"CASE --followup TEXT [--at DATE] [-q] [-d FILE]\n"
	"CASE --confirmed [--at DATE] [-q] [-d FILE]",
	N_("Close dispute cases with their outcome; record a follow-up visit or a judicial confirmation."),
	opts, BEAT_CLI_DB | BEAT_CLI_QUIET,
};

static const char *outcome, *agreement, *followup;
static int oral, confirmed;
static char at[20], perform_by[11];

/*
 * Nothing is recorded as happening before the case existed.  By day, as
 * case-mediate and case-escalate have it: a bare --at date is on the
 * day of registration, not before it.
 */
static void
check_after_opening(sqlite3 *db, long long id, const char *number)
{
	char *opened;

	opened = beat_query_text(db, "SELECT opened_at FROM dispute WHERE id = ?", "l", id);
	if (opened != NULL && strncmp(at, opened, 10) < 0)
		beat_errx(BEAT_EX_DATA, _("%s: %s is before the case was opened (%s)"),
		    number, at, opened);
	free(opened);
}

static void
close_case(sqlite3 *db, const char *number)
{
	long long id = beat_case_id(db, number);

	check_after_opening(db, id, number);
	if (beat_exec(db, "UPDATE dispute SET status = 'closed', outcome = ?, closed_at = ? "
	    "WHERE id = ? AND status = 'open'", "ssl", outcome, at, id) == 0)
		beat_errx(BEAT_EX_DATA, _("%s: already closed"), number);
	if (agreement != NULL) {
		if (beat_query_int(db, 0, "SELECT count(*) FROM agreement WHERE dispute_id = ?",
		    "l", id) > 0)
			beat_errx(BEAT_EX_DATA, _("%s: already has an agreement"), number);
		beat_exec(db, "INSERT INTO agreement (dispute_id, at, form, text, perform_by) "
		    "VALUES (?, ?, ?, ?, ?)", "lsssb", id, at, oral ? "oral" : "written",
		    agreement, perform_by);
	}
	beat_touch(number);
}

static void
record_followup(sqlite3 *db, const char *number)
{
	long long id = beat_case_id(db, number);

	check_after_opening(db, id, number);
	beat_exec(db, "INSERT INTO followup (dispute_id, at, note) VALUES (?, ?, ?)",
	    "lss", id, at, followup);
	beat_touch(number);
}

/* A court confirmed the agreement (人民调解法 art. 33): that window is met. */
static void
record_confirmation(sqlite3 *db, const char *number)
{
	long long id = beat_case_id(db, number);
	char *made;

	made = beat_query_text(db, "SELECT at FROM agreement WHERE dispute_id = ?", "l", id);
	if (made == NULL)
		beat_errx(BEAT_EX_DATA, _("%s: has no agreement to confirm"), number);
	if (strncmp(at, made, 10) < 0)
		beat_errx(BEAT_EX_DATA, _("%s: %s is before the agreement (%s)"),
		    number, at, made);
	if (beat_exec(db, "UPDATE agreement SET confirmed_at = ? "
	    "WHERE dispute_id = ? AND confirmed_at IS NULL", "sl", at, id) == 0)
		beat_errx(BEAT_EX_DATA, _("%s: agreement already confirmed"), number);
	free(made);
	beat_touch(number);
}

static void
check_options(void)
{
	if ((outcome != NULL) + (followup != NULL) + confirmed != 1)
		beat_usage_error(_("give one of --outcome, --followup and --confirmed"));
	if (outcome == NULL && (agreement != NULL || oral || *perform_by != '\0'))
		beat_usage_error(_("--agreement, --oral and --perform-by go with --outcome"));
	if (outcome != NULL && strcmp(outcome, "resolved") != 0 &&
	    strcmp(outcome, "referred") != 0 && strcmp(outcome, "withdrawn") != 0)
		beat_usage_error(_("--outcome: '%s' is not resolved, referred or withdrawn"),
		    outcome);
	if (agreement != NULL && strcmp(outcome, "resolved") != 0)
		beat_usage_error(_("--agreement goes only with --outcome resolved"));
	if (agreement == NULL && (oral || *perform_by != '\0'))
		beat_usage_error(_("--oral and --perform-by describe an --agreement"));
	if (agreement != NULL && *agreement == '\0')
		beat_usage_error(_("--agreement: the text is empty"));
	if (followup != NULL && *followup == '\0')
		beat_usage_error(_("--followup: the text is empty"));
	if (*at == '\0')
		beat_arg_time("now", "--at", at);
	if (*perform_by != '\0' && strncmp(perform_by, at, 10) < 0)
		beat_usage_error(_("--perform-by %s is before the agreement (%.10s)"),
		    perform_by, at);
}

int
main(int argc, char **argv)
{
	char **cases;
	sqlite3 *db;
	size_t i, n;
	int ch;

	beat_init(argc, argv);
	while ((ch = beat_getopt(argc, argv, &cli)) != -1) {
		switch (ch) {
		case OPT_AGREEMENT:
			agreement = optarg;
			break;
		case OPT_AT:
			beat_arg_time(optarg, "--at", at);
			break;
		case OPT_CONFIRMED:
			confirmed = 1;
			break;
		case OPT_FOLLOWUP:
			followup = optarg;
			break;
		case OPT_ORAL:
			oral = 1;
			break;
		case OPT_OUTCOME:
			outcome = optarg;
			break;
		case OPT_PERFORM_BY:
			beat_arg_date(optarg, "--perform-by", perform_by);
			break;
		}
	}
	argc -= optind;
	argv += optind;
	check_options();
	if (argc == 0)
		beat_usage_error(_("no case given (CASE..., or - to read them from stdin)"));
	cases = beat_operand_set(argc, argv, &n);
	if (outcome == NULL && n != 1)
		beat_usage_error(_("%s takes exactly one case, not %zu"),
		    followup ? "--followup" : "--confirmed", n);

	db = beat_db_open(BEAT_DB_WRITE);
	/* An empty pipe closes nothing, and that is no error. */
	if (n == 0) {
		beat_db_close(db);
		beat_exit(BEAT_EX_OK);
	}
	beat_db_begin(db);
	for (i = 0; i < n; i++) {
		if (followup != NULL)
			record_followup(db, cases[i]);
		else if (confirmed)
			record_confirmation(db, cases[i]);
		else
			close_case(db, cases[i]);
	}
	beat_db_commit(db);
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
