/* case-channel: record what the body a case was handed to did with it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_EVENT = 256, OPT_OUTCOME, OPT_DAYS, OPT_NOTE, OPT_AT };

static const struct beat_opt opts[] = {
	{ "event", OPT_EVENT, 1, "EVENT", N_("accepted, declined, extended, checked or concluded") },
	{ "outcome", OPT_OUTCOME, 1, "CHANNEL-OUTCOME", N_("with concluded: resolved (closes the case) or unresolved (back to consultation)") },
	{ "days", OPT_DAYS, 1, "N", N_("with extended: how many days longer (default and most: the setting)") },
	{ "note", OPT_NOTE, 1, "TEXT", N_("a note on the event (the body's reference, what it decided)") },
	{ "at", OPT_AT, 1, "DATE", N_("when the body did it (default: now)") },
	{ 0 }
};

static const struct beat_cli cli = {
	"CASE... --event accepted|declined|checked [--note TEXT] [--at DATE] [-q] [-f FMT] [-d FILE]\n"
	"CASE... --event extended [--days N] [--note TEXT] [--at DATE] [-q] [-f FMT] [-d FILE]\n"
	"CASE... --event concluded --outcome resolved|unresolved [--note TEXT] [--at DATE] [-q] [-f FMT] [-d FILE]",
	N_("Record what the body a case was handed to did: accepted, declined, extended, checked in or concluded."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET,
};

static const char *const events[] = {
	"accepted", "declined", "extended", "checked", "concluded", NULL,
};

static const char *event, *outcome, *note;
static long long ndays = -1;
static char at[20];

/* The order of a hand-off's events (SPEC 4.1), as a station would expect it. */
static void
check_order(struct beat_conn *db, const char *number, long long handoff, const char *code)
{
	int petition = strcmp(code, "petition") == 0;
	long long accepted = beat_handoff_events(db, handoff, "accepted");
	char *since;

	since = beat_handoff_at(db, handoff);
	if (strncmp(at, since, 10) < 0)
		beat_errx(BEAT_EX_DATA, _("%s: --at %.10s is before the hand-off to the %s channel (%.10s)"),
		    number, at, code, since);
	free(since);
	if ((strcmp(event, "accepted") == 0 || strcmp(event, "declined") == 0) && accepted > 0)
		beat_errx(BEAT_EX_DATA, _("%s: the %s channel has already accepted the case"),
		    number, code);
	if (strcmp(event, "extended") == 0) {
		if (!petition)
			beat_errx(BEAT_EX_DATA, _("%s: only a petition's handling is extended, not the %s channel's"),
			    number, code);
		if (accepted == 0)
			beat_errx(BEAT_EX_DATA, _("%s: the petition has not been accepted; record --event accepted first"),
			    number);
		if (beat_handoff_events(db, handoff, "extended") > 0)
			beat_errx(BEAT_EX_DATA, _("%s: the petition's handling was extended already; it is extended once"),
			    number);
	}
	if (strcmp(event, "concluded") == 0 && petition && accepted == 0)
		beat_errx(BEAT_EX_DATA, _("%s: the petition has not been accepted; record --event accepted or declined first"),
		    number);
}

static void
one(struct beat_conn *db, const char *number)
{
	long long id, handoff, days = ndays;
	char *level, *code = NULL;

	level = beat_case_open(db, number, at, &id);
	if ((handoff = beat_case_handoff(db, id, &code)) == 0)
		beat_errx(BEAT_EX_DATA, _("%s: the case is with no channel; hand it on with case-escalate --channel"),
		    number);
	check_order(db, number, handoff, code);
	if (strcmp(event, "extended") == 0) {
		long long most = beat_setting_int(db, "petition_extend_days");

		if (days < 0)
			days = most;
		else if (days > most)
			beat_errx(BEAT_EX_DATA, _("%s: --days %lld is more than the %lld days a petition may be extended"),
			    number, days, most);
	}
	beat_handoff_event(db, handoff, at, event, outcome,
	    strcmp(event, "extended") == 0 ? days : -1, note);
	/* A channel that declines, or concludes without resolving, gives the case back. */
	if (strcmp(event, "declined") == 0 ||
	    (outcome != NULL && strcmp(outcome, "unresolved") == 0))
		beat_handoff_end(db, id, NULL);
	else if (outcome != NULL)
		beat_handoff_end(db, id, at);
	beat_case_record_missed(db, id, beat_today());
	free(level);
	free(code);
	beat_touch(number);
}

static void
check_options(void)
{
	int i;

	if (event == NULL)
		beat_usage_error(_("--event is required"));
	for (i = 0; events[i] != NULL && strcmp(events[i], event) != 0; i++)
		;
	if (events[i] == NULL)
		beat_usage_error(_("--event: '%s' is not accepted, declined, extended, checked or concluded"),
		    event);
	if ((outcome != NULL) != (strcmp(event, "concluded") == 0))
		beat_usage_error(_("--outcome goes with --event concluded, and it needs one"));
	if (outcome != NULL)
		outcome = beat_code_arg(NULL, "channel_outcome", outcome, "--outcome");
	if (ndays >= 0 && strcmp(event, "extended") != 0)
		beat_usage_error(_("--days goes with --event extended"));
	if (*at == '\0')
		beat_arg_time("now", "--at", at);
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
		case OPT_AT:
			beat_arg_time(optarg, "--at", at);
			break;
		case OPT_DAYS:
			ndays = beat_num(optarg, 1, 366, "--days");
			break;
		case OPT_EVENT:
			event = optarg;
			break;
		case OPT_NOTE:
			note = optarg;
			break;
		case OPT_OUTCOME:
			outcome = optarg;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	check_options();
	if (argc == 0)
		beat_usage_error(_("no case given (CASE..., or - to read them from stdin)"));
	cases = beat_operand_set(argc, argv, &n);

	db = beat_db_open(BEAT_DB_WRITE);
	/* An empty pipe records nothing, and that is no error. */
	if (n == 0) {
		beat_touched_print();
		beat_db_close(db);
		beat_exit(BEAT_EX_OK);
	}
	beat_db_begin(db);
	for (i = 0; i < n; i++)
		one(db, cases[i]);
	beat_db_commit(db);
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
