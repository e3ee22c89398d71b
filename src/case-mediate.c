/* case-mediate: record a mediation session, a refusal, or an agreed extension. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum {
	OPT_OUTCOME = 256, OPT_LEVEL, OPT_MEDIATOR, OPT_RECOVERED, OPT_NOTE,
	OPT_AT, OPT_REFUSED, OPT_EXTEND, OPT_APPRAISED, OPT_FORCE,
};

static const struct beat_opt opts[] = {
	{ "outcome", OPT_OUTCOME, 1, "SESSION-OUTCOME", N_("how the session ended: agreed, partial or failed") },
	{ "refused", OPT_REFUSED, 0, NULL, N_("a party refused mediation: ends mediation at this level") },
	{ "level", OPT_LEVEL, 1, "LEVEL", N_("the level of the session (default: the case's level)") },
	{ "mediator", OPT_MEDIATOR, 1, "NAME", N_("who mediated (repeatable)") },
	{ "recovered", OPT_RECOVERED, 1, "YUAN", N_("money recovered in this session, in yuan") },
	{ "note", OPT_NOTE, 1, "TEXT", N_("a note on the session") },
	{ "at", OPT_AT, 1, "DATE", N_("when the session was held (default: now)") },
	{ "extend", OPT_EXTEND, 1, "DATE", N_("both parties agree to mediate until DATE") },
	{ "appraised", OPT_APPRAISED, 1, "DATE", N_("an injury or value appraisal was issued on DATE: the police level's 3 working days count from it") },
	{ "force", OPT_FORCE, 0, NULL, N_("record a police-level session past the two the rule allows, or one dated more than a day ahead") },
	{ 0 }
};

static const struct beat_cli cli = {
	"CASE --outcome agreed|partial|failed [--level L] [--mediator NAME]..."
	" [--recovered YUAN] [--note TEXT] [--at DATE] [--extend DATE] [--appraised DATE]"
	" [--force] [-q] [-f FMT] [-d FILE]\n"
	"CASE --refused [--level L] [--mediator NAME]... [--note TEXT] [--at DATE] [-q] [-f FMT] [-d FILE]\n"
	"CASE --extend DATE [--note TEXT] [--at DATE] [-q] [-f FMT] [-d FILE]\n"
	"CASE --appraised DATE [-q] [-f FMT] [-d FILE]",
	N_("Record one mediation session of a dispute case, a party's refusal, or an agreed extension."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET,
};

static const char *outcome, *level, *note, *number;
static char *mediators;
static long long recovered = -1;
static char at[20], until[11], appraised[11];
static int refused, force;

static void
one_case(const char *id, void *arg)
{
	if (number != NULL)
		beat_usage_error(_("one case at a time ('%s' and '%s')"), number, id);
	number = beat_xstrdup(id);
}

static void
add_mediator(const char *name)
{
	char *s;

	if (*name == '\0')
		beat_usage_error(_("--mediator is empty"));
	s = mediators ? beat_xasprintf("%s、%s", mediators, name) : beat_xstrdup(name);
	free(mediators);
	mediators = s;
}

/* A session at a level the case has reached, where nobody has refused. */
static void
session(struct beat_conn *db, long long id, const char *current)
{
	char *when;

	level = level == NULL ? current : beat_code_arg(db, "level", level, "--level");
	if (beat_level_rank(level) > beat_level_rank(current))
		beat_errx(BEAT_EX_DATA, _("%s: the case is at level %s, not yet %s; escalate it first"),
		    number, current, level);
	when = beat_session_refused_at(db, id, level);
	if (when != NULL)
		beat_errx(BEAT_EX_DATA, _("%s: a party refused mediation at level %s on %.10s; escalate or close the case"),
		    number, level, when);
	if (beat_far_ahead(at) && !force)
		beat_errx(BEAT_EX_DATA, _("%s: --at %s is more than a day ahead; a session is recorded once held (--force records it)"),
		    number, at);
	/* 治安调解工作规范 art. 9: a first session and at most one more; a
	 * party's refusal is no session held. */
	if (strcmp(level, "police") == 0 && !force && !refused) {
		long long held = beat_session_police_held(db, id);
		long long most = beat_setting_int(db, "police_sessions");

		if (held >= most)
			beat_errx(BEAT_EX_DATA, _("%s: %lld police-level sessions are held already, the most the rule allows; escalate the case with case-escalate (or --force)"),
			    number, held);
	}
	beat_session_add(db, id, at, level, refused ? "refused" : outcome, mediators,
	    recovered < 0 ? 0 : recovered, note);
}

/* Both parties' consent to go past the mediation month (SPEC 1.1). */
static void
extension(struct beat_conn *db, long long id, int with_session)
{
	struct beat_deadline d[8];
	char old[11];
	long day;
	int i, n;

	n = beat_case_deadlines(db, id, d, 8);
	for (i = 0; i < n && strcmp(d[i].what, "mediation_month") != 0; i++)
		;
	if (i == n)
		beat_errx(BEAT_EX_DATA, _("%s: the case was handed to a channel; its mediation deadline no longer applies"),
		    number);
	beat_text_day(until, &day);
	if (day <= d[i].due) {
		beat_day_text(d[i].due, old);
		beat_errx(BEAT_EX_DATA, _("%s: --extend %s is not after the current deadline %s"),
		    number, until, old);
	}
	beat_case_extend(db, id, at, until, with_session ? NULL : note);
}

static void
mediate(struct beat_conn *db)
{
	long long id;
	char *current;

	current = beat_case_open(db, number, at, &id);
	if (outcome != NULL || refused)
		session(db, id, current);
	if (until[0] != '\0')
		extension(db, id, outcome != NULL || refused);
	if (appraised[0] != '\0')
		beat_case_appraised(db, id, appraised);
	beat_case_record_missed(db, id, beat_today());
	free(current);
	beat_touch(number);
}

int
main(int argc, char **argv)
{
	struct beat_conn *db;
	int c;

	beat_init(argc, argv);
	beat_touch_column("case");
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_APPRAISED:
			beat_arg_date(optarg, "--appraised", appraised);
			break;
		case OPT_AT:
			beat_arg_time(optarg, "--at", at);
			break;
		case OPT_FORCE:
			force = 1;
			break;
		case OPT_EXTEND:
			beat_arg_date(optarg, "--extend", until);
			break;
		case OPT_LEVEL:
			level = optarg;
			break;
		case OPT_MEDIATOR:
			add_mediator(optarg);
			break;
		case OPT_NOTE:
			note = optarg;
			break;
		case OPT_OUTCOME:
			outcome = beat_code_arg(NULL, "session_outcome", optarg, "--outcome");
			break;
		case OPT_RECOVERED:
			if (beat_parse_money(optarg, &recovered) == -1)
				beat_usage_error(_("--recovered: '%s' is not a sum in yuan"), optarg);
			break;
		case OPT_REFUSED:
			refused = 1;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (outcome != NULL && refused)
		beat_usage_error(_("--outcome and --refused do not go together"));
	if (outcome == NULL && !refused && until[0] == '\0' && appraised[0] == '\0')
		beat_usage_error(_("give --outcome, --refused, --extend or --appraised"));
	if (force && outcome == NULL && !refused)
		beat_usage_error(_("--force goes with a session (--outcome or --refused)"));
	if (outcome == NULL && !refused && (level || mediators || recovered >= 0))
		beat_usage_error(_("--level, --mediator and --recovered need --outcome or --refused"));
	if (refused && recovered >= 0)
		beat_usage_error(_("--recovered does not go with --refused"));
	/* A party who refuses mediation has not agreed to prolong it. */
	if (refused && until[0] != '\0')
		beat_usage_error(_("--extend does not go with --refused"));
	if (beat_operands(argc, argv, one_case, NULL) == 0)
		beat_usage_error(_("which case? give its number"));
	if (at[0] == '\0')
		beat_arg_time("now", "--at", at);

	db = beat_db_open(BEAT_DB_WRITE);
	beat_db_begin(db);
	mediate(db);
	beat_db_commit(db);
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
