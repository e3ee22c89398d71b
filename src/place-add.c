/* place-add: register a supervised premise; prints its number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_ADDRESS = 256, OPT_AT, OPT_CATEGORY, OPT_KIND, OPT_NAME, OPT_VILLAGE };

static const struct beat_opt opts[] = {
	{ "category", OPT_CATEGORY, 1, "CATEGORY", N_("school, financial, logistics, scrap, fuel, small or enterprise") },
	{ "name", OPT_NAME, 1, "NAME", N_("the premise's name, unique in the station") },
	{ "village", OPT_VILLAGE, 1, "VILLAGE", N_("the village or community it lies in") },
	{ "kind", OPT_KIND, 1, "SUBKIND", N_("sub-kind of the nine small places (only with --category small)") },
	{ "address", OPT_ADDRESS, 1, "TEXT", N_("street address") },
	{ "at", OPT_AT, 1, "DATE", N_("when it came under supervision (default: now)") },
	{ 0 }
};

static const struct beat_cli cli = {
	"--category C --name NAME --village V [--kind SUBKIND]"
	" [--address TEXT] [--at DATE] [-q] [-f FMT] [-d FILE]",
	N_("Register a supervised premise and print its number."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET,
};

static const char *category, *name, *village, *kind, *address, *at;

/*
 * Places are named on the command line by number or by name, so a name
 * made of digits could stand for another place's number.
 */
static int
all_digits(const char *s)
{
	return *s != '\0' && strspn(s, "0123456789") == strlen(s);
}

static void
validate(void)
{
	if (category == NULL || name == NULL || village == NULL)
		beat_usage_error(_("--category, --name and --village are required"));
	if (name[strspn(name, " \t")] == '\0')
		beat_usage_error(_("--name: the name is empty"));
	beat_plain_text(NULL, 0, "--name", name);
	if (all_digits(name))
		beat_usage_error(_("--name: '%s' is a number; a place name needs letters"), name);
}

int
main(int argc, char **argv)
{
	char when[20], idtext[32];
	long long id, other;
	struct beat_conn *db;
	int c;

	beat_init(argc, argv);
	beat_touch_column("place");
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_ADDRESS:
			address = optarg;
			break;
		case OPT_AT:
			at = optarg;
			break;
		case OPT_CATEGORY:
			category = optarg;
			break;
		case OPT_KIND:
			kind = optarg;
			break;
		case OPT_NAME:
			name = optarg;
			break;
		case OPT_VILLAGE:
			village = optarg;
			break;
		}
	}
	if (optind < argc)
		beat_usage_error(_("unexpected operand '%s'"), argv[optind]);
	validate();
	beat_arg_time(at ? at : "now", "--at", when);

	db = beat_db_open(BEAT_DB_WRITE);
	beat_db_begin(db);
	category = beat_code_arg(db, "place_category", category, "--category");
	if (kind != NULL)
		kind = beat_code_arg(db, "place_kind", kind, "--kind");
	/* Only now, as the category may have come as its label. */
	if (strcmp(category, "small") == 0 && kind == NULL)
		beat_usage_error(_("--category small needs --kind"));
	if (strcmp(category, "small") != 0 && kind != NULL)
		beat_usage_error(_("--kind goes with --category small only"));
	other = beat_place_named(db, name);
	if (other >= 0)
		beat_errx(BEAT_EX_DATA, _("place '%s' exists already, number %lld"), name, other);
	id = beat_place_add(db, name, category, kind, beat_village_id(db, village), address, when);
	snprintf(idtext, sizeof(idtext), "%lld", id);
	beat_touch(idtext);
	beat_db_commit(db);
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
