/* case-close: close dispute cases with their outcome; record follow-up visits. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum {
	OPT_OUTCOME = 256, OPT_AGREEMENT, OPT_ORAL, OPT_PERFORM_BY, OPT_AT, OPT_FOLLOWUP,
	OPT_CONFIRMED, OPT_APPLIED, OPT_PREVENTED, OPT_PERSONS,
};

static const struct beat_opt opts[] = {
	{ "outcome", OPT_OUTCOME, 1, "CASE-OUTCOME", N_("close the cases: resolved, referred or withdrawn") },
	{ "agreement", OPT_AGREEMENT, 1, "TEXT", N_("the agreement that resolved the case (only with resolved)") },
	{ "oral", OPT_ORAL, 0, NULL, N_("the agreement was oral (default: written)") },
	{ "perform-by", OPT_PERFORM_BY, 1, "DATE", N_("the day by which the agreement is to be performed") },
	{ "at", OPT_AT, 1, "DATE", N_("when the case closed or the visit took place (default: now)") },
	{ "followup", OPT_FOLLOWUP, 1, "TEXT", N_("record a follow-up visit (回访) on CASE instead") },
	{ "prevented", OPT_PREVENTED, 1, "PREVENTED", N_("what the mediation prevented: suicide, criminal, fight or petition (with resolved)") },
	{ "persons", OPT_PERSONS, 1, "N", N_("with --prevented: how many persons it concerned") },
	{ "applied", OPT_APPLIED, 0, NULL, N_("record that the parties applied for judicial confirmation of CASE's agreement") },
	{ "confirmed", OPT_CONFIRMED, 0, NULL, N_("record the judicial confirmation of CASE's agreement instead") },
	{ 0 }
};

static const struct beat_cli cli = {
	"CASE... --outcome resolved|referred|withdrawn [--agreement TEXT] [--oral] "
	"[--perform-by DATE] [--prevented WHAT [--persons N]] [--at DATE] [-q] [-f FMT] [-d FILE]\n"
	"CASE --followup TEXT [--at DATE] [-q] [-f FMT] [-d FILE]\n"
	"CASE --applied [--at DATE] [-q] [-f FMT] [-d FILE]\n"
	"CASE --confirmed [--at DATE] [-q] [-f FMT] [-d FILE]",
	N_("Close dispute cases with their outcome; record a follow-up visit, an application for judicial confirmation or the confirmation."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET,
};

static const char *outcome, *agreement, *followup, *prevented;
static int oral, applied, confirmed;
static long long persons = -1;
static char at[20], perform_by[11];

/*
 * Nothing is recorded as happening before the case existed.  By day, as
 * case-mediate and case-escalate have it: a bare --at date is on the
 * day of registration, not before it.
 */
static void
check_after_opening(struct beat_conn *db, long long id, const char *number)
{
	char *opened;

	opened = beat_case_opened_at(db, id);
	if (opened != NULL && strncmp(at, opened, 10) < 0)
		beat_errx(BEAT_EX_DATA, _("%s: %s is before the case was opened (%s)"),
		    number, at, opened);
	free(opened);
}

static void
close_case(struct beat_conn *db, const char *number)
{
	long long id = beat_case_id(db, number);

	check_after_opening(db, id, number);
	if (beat_case_close(db, id, at, outcome, prevented, persons) == 0)
		beat_errx(BEAT_EX_DATA, _("%s: already closed"), number);
	if (agreement != NULL &&
	    beat_agreement_add(db, id, at, oral, agreement, perform_by) == -1)
		beat_errx(BEAT_EX_DATA, _("%s: already has an agreement"), number);
	beat_case_record_missed(db, id, beat_today());
	beat_touch(number);
}

static void
record_followup(struct beat_conn *db, const char *number)
{
	long long id = beat_case_id(db, number);

	check_after_opening(db, id, number);
	beat_followup_add(db, id, at, followup);
	beat_case_record_missed(db, id, beat_today());
	beat_touch(number);
}

/*
 * The parties applied for judicial confirmation, or the court confirmed
 * (人民调解法 art. 33): written agreements only.  A confirmation implies
 * the application.  Late is accepted, as a court may still hear it, but
 * said, and kept in the case's missed deadlines.
 */
static void
record_court(struct beat_conn *db, const char *number)
{
	long long id = beat_case_id(db, number);
	struct beat_agreement a;
	char window[11], *before;
	long agreed, due, day;

	if (beat_agreement_get(db, id, &a) == -1)
		beat_errx(BEAT_EX_DATA, _("%s: has no agreement to confirm"), number);
	before = a.applied_at;
	if (strcmp(a.form, "oral") == 0)
		beat_errx(BEAT_EX_DATA, _("%s: the agreement is oral; only a written one is confirmed by a court"),
		    number);
	if (strncmp(at, a.at, 10) < 0)
		beat_errx(BEAT_EX_DATA, _("%s: %s is before the agreement (%s)"),
		    number, at, a.at);
	if (applied && before != NULL)
		beat_errx(BEAT_EX_DATA, _("%s: the parties applied already, on %.10s"), number, before);
	if (applied)
		beat_agreement_applied(db, id, at);
	else if (beat_agreement_confirmed(db, id, at) == 0)
		beat_errx(BEAT_EX_DATA, _("%s: agreement already confirmed"), number);
	beat_text_day(a.at, &agreed);
	due = beat_judicial_window(db, agreed);
	beat_text_day(before != NULL ? before : at, &day);
	if (day > due) {
		beat_day_text(due, window);
		beat_warnx(_("%s: applied on %.10s, after the window closed on %s; kept as late"),
		    number, before != NULL ? before : at, window);
	}
	free(before);
	beat_case_record_missed(db, id, beat_today());
	beat_touch(number);
}

static void
check_options(void)
{
	if ((outcome != NULL) + (followup != NULL) + applied + confirmed != 1)
		beat_usage_error(_("give one of --outcome, --followup, --applied and --confirmed"));
	if (prevented != NULL && (outcome == NULL || strcmp(outcome, "resolved") != 0))
		beat_usage_error(_("--prevented goes with --outcome resolved"));
	if (persons >= 0 && prevented == NULL)
		beat_usage_error(_("--persons goes with --prevented"));
	if (outcome == NULL && (agreement != NULL || oral || *perform_by != '\0'))
		beat_usage_error(_("--agreement, --oral and --perform-by go with --outcome"));
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
	struct beat_conn *db;
	size_t i, n;
	int ch;

	beat_init(argc, argv);
	beat_touch_column("case");
	while ((ch = beat_getopt(argc, argv, &cli)) != -1) {
		switch (ch) {
		case OPT_AGREEMENT:
			agreement = optarg;
			break;
		case OPT_AT:
			beat_arg_time(optarg, "--at", at);
			break;
		case OPT_APPLIED:
			applied = 1;
			break;
		case OPT_PERSONS:
			persons = beat_num(optarg, 1, 1000000, "--persons");
			break;
		case OPT_PREVENTED:
			prevented = beat_code_arg(NULL, "prevented", optarg, "--prevented");
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
			outcome = beat_code_arg(NULL, "case_outcome", optarg, "--outcome");
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
		    followup ? "--followup" : applied ? "--applied" : "--confirmed", n);

	db = beat_db_open(BEAT_DB_WRITE);
	/* An empty pipe closes nothing, and that is no error. */
	if (n == 0) {
		beat_touched_print();
		beat_db_close(db);
		beat_exit(BEAT_EX_OK);
	}
	beat_db_begin(db);
	for (i = 0; i < n; i++) {
		if (followup != NULL)
			record_followup(db, cases[i]);
		else if (applied || confirmed)
			record_court(db, cases[i]);
		else
			close_case(db, cases[i]);
	}
	beat_db_commit(db);
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
