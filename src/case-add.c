/* case-add: register a dispute case with its parties; print its number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum {
	OPT_VILLAGE = 256, OPT_TYPE, OPT_SUMMARY, OPT_PARTY, OPT_CLAIMED,
	OPT_CROSS, OPT_VIOLENCE, OPT_COMPLEX, OPT_CROWD, OPT_SOURCE, OPT_AT,
	OPT_OFFICER, OPT_FORCE,
};

static const struct beat_opt opts[] = {
	{ "village", OPT_VILLAGE, 1, "VILLAGE", N_("the village or community (name or code)") },
	{ "type", OPT_TYPE, 1, "TYPE", N_("dispute type: family, neighbor, wages, ... (or its Chinese label)") },
	{ "summary", OPT_SUMMARY, 1, "TEXT", N_("what the dispute is about") },
	{ "party", OPT_PARTY, 1, "ROLE:NAME[:IDNO[:PHONE]]", N_("a party: applicant, respondent or third (repeatable)") },
	{ "claimed", OPT_CLAIMED, 1, "YUAN", N_("the sum claimed, in yuan") },
	{ "cross-region", OPT_CROSS, 0, NULL, N_("the parties live in different regions") },
	{ "violence-risk", OPT_VIOLENCE, 0, NULL, N_("a party tends seriously to violence") },
	{ "complex", OPT_COMPLEX, 0, NULL, N_("mark the case complex") },
	{ "crowd", OPT_CROWD, 1, "N", N_("how many people the dispute involves") },
	{ "source", OPT_SOURCE, 1, "SRC", N_("how it came in: call, walkin (default), patrol, referral") },
	{ "at", OPT_AT, 1, "DATE", N_("when it was registered (default: now)") },
	{ "officer", OPT_OFFICER, 1, "OFFICER", N_("assign this officer instead of the village's beat officer") },
	{ "force", OPT_FORCE, 0, NULL, N_("accept an ID-card number with a wrong check digit, or --at more than a day ahead") },
	{ 0 }
};

static const struct beat_cli cli = {
	"--village V --type T --summary TEXT [--party ROLE:NAME[:IDNO[:PHONE]]]..."
	" [--claimed YUAN] [--cross-region] [--violence-risk] [--complex] [--crowd N]"
	" [--source SRC] [--at DATE] [--officer O] [--force] [-q] [-f FMT] [-d FILE]",
	N_("Register a dispute case and print its number, YYYY-NNNN."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET,
};

static const char *village, *type, *summary, *officer, *source = "walkin";
static struct beat_case_party *parties;
static size_t nparties;
static long long claimed = -1, crowd;
static int cross, violence, complex, force;
static char at[20];

static const char *const roles[][2] = {
	{ "applicant", "申请人" },
	{ "respondent", "被申请人" },
	{ "third", "第三人" },
};

/*
 * Splits a copy of ROLE:NAME[:IDNO[:PHONE]] (argv stays whole for the
 * audit trail, which masks it with the same splitter); an empty IDNO or
 * PHONE leaves it out.
 */
static void
add_party(const char *arg)
{
	char *spec = beat_xstrdup(arg), *masked = beat_mask_party(arg), *f[4], *m[4], id[19];
	struct beat_case_party *q;
	size_t i;
	int n;

	/* Messages quote the masked copy, split the same way. */
	n = beat_party_split(spec, f);
	if (n < 2 || *f[1] == '\0')
		beat_usage_error(_("--party: '%s' is not ROLE:NAME[:IDNO[:PHONE]]"), masked);
	beat_party_split(masked, m);
	parties = beat_xrealloc(parties, (nparties + 1) * sizeof(*parties));
	q = &parties[nparties++];
	memset(q, 0, sizeof(*q));
	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(f[0], roles[i][0]) == 0 || strcmp(f[0], roles[i][1]) == 0)
			q->role = roles[i][0];
	if (q->role == NULL)
		beat_usage_error(_("--party: unknown role '%s' (applicant, respondent or third)"),
		    f[0]);
	q->name = f[1];
	if (f[2] != NULL && *f[2] != '\0') {
		switch (beat_idno_check(f[2], id)) {
		case -1:
			beat_errx(BEAT_EX_DATA, _("--party: %s: '%s' is not an 18-character ID-card number"),
			    f[1], m[2]);
		case -2:
			if (!force)
				beat_errx(BEAT_EX_DATA, _("--party: %s: ID-card number '%s' has a wrong check digit (--force accepts it)"),
				    f[1], m[2]);
		}
		q->idno = beat_xstrdup(id);
	}
	if (f[3] != NULL && *f[3] != '\0') {
		if (beat_phone_check(f[3]) == -1)
			beat_errx(BEAT_EX_DATA, _("--party: %s: '%s' is not a phone number"),
			    f[1], m[3]);
		q->phone = f[3];
	}
}

static long long
assigned_officer(struct beat_conn *db, long long vid)
{
	long long oid;

	if (officer != NULL)
		return beat_officer_id(db, officer);
	oid = beat_case_beat_officer(db, vid);
	if (oid < 0)
		beat_errx(BEAT_EX_NOREC,
		    _("village '%s' has no beat officer; assign one with 'roster --assign OFFICER %s' or give --officer"),
		    village, village);
	return oid;
}

static void
add_case(struct beat_conn *db)
{
	struct beat_case_new c = { 0 };
	char *number;

	c.at = at;
	c.village_id = beat_village_id(db, village);
	c.officer_id = assigned_officer(db, c.village_id);
	c.type = beat_code_arg(db, "dispute_type", type, "--type");
	c.summary = summary;
	c.source = source;
	c.claimed_fen = claimed;
	c.crowd = crowd;
	c.cross_region = cross;
	c.violence_risk = violence;
	c.complex = complex;
	c.parties = parties;
	c.nparties = nparties;
	number = beat_case_add(db, &c);
	beat_touch(number);
	free(number);
}

int
main(int argc, char **argv)
{
	char **pspecs = NULL;
	size_t n = 0, i;
	struct beat_conn *db;
	int c;

	beat_init(argc, argv);
	beat_touch_column("case");
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_VILLAGE:
			village = optarg;
			break;
		case OPT_TYPE:
			type = optarg;
			break;
		case OPT_SUMMARY:
			summary = optarg;
			break;
		case OPT_PARTY:
			pspecs = beat_xrealloc(pspecs, (n + 1) * sizeof(*pspecs));
			pspecs[n++] = optarg;
			break;
		case OPT_CLAIMED:
			if (beat_parse_money(optarg, &claimed) == -1)
				beat_usage_error(_("--claimed: '%s' is not a sum in yuan"), optarg);
			break;
		case OPT_CROSS:
			cross = 1;
			break;
		case OPT_VIOLENCE:
			violence = 1;
			break;
		case OPT_COMPLEX:
			complex = 1;
			break;
		case OPT_CROWD:
			crowd = beat_num(optarg, 0, 1000000, "--crowd");
			break;
		case OPT_SOURCE:
			source = optarg;
			break;
		case OPT_AT:
			beat_arg_time(optarg, "--at", at);
			break;
		case OPT_OFFICER:
			officer = optarg;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0)
		beat_usage_error(_("unexpected operand '%s'"), argv[0]);
	if (village == NULL || type == NULL || summary == NULL)
		beat_usage_error(_("--village, --type and --summary are required"));
	if (*summary == '\0')
		beat_usage_error(_("--summary is empty"));
	if (strcmp(source, "call") != 0 && strcmp(source, "walkin") != 0 &&
	    strcmp(source, "patrol") != 0 && strcmp(source, "referral") != 0)
		beat_usage_error(_("--source: '%s' is not call, walkin, patrol or referral"), source);
	if (at[0] == '\0')
		beat_arg_time("now", "--at", at);
	if (beat_far_ahead(at) && !force)
		beat_errx(BEAT_EX_DATA, _("--at %s is more than a day ahead; a dispute is registered when it comes in (--force records it)"),
		    at);
	/* Parties after the loop, so --force counts wherever it stands. */
	for (i = 0; i < n; i++)
		add_party(pspecs[i]);

	db = beat_db_open(BEAT_DB_WRITE);
	beat_db_begin(db);
	add_case(db);
	beat_db_commit(db);
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
