/* place-check: record an inspection of premises in one of their ledgers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_AT = 256, OPT_FIX_BY, OPT_HAZARD, OPT_INSPECTOR, OPT_LEDGER, OPT_RESULT };

static const struct beat_opt opts[] = {
	{ "ledger", OPT_LEDGER, 1, "LEDGER", N_("security, traffic or fire") },
	{ "result", OPT_RESULT, 1, "RESULT", N_("ok, or hazard when a hazard was found") },
	{ "hazard", OPT_HAZARD, 1, "TEXT", N_("the hazard found (with --result hazard)") },
	{ "fix-by", OPT_FIX_BY, 1, "DATE", N_("the day by which the hazard is to be fixed") },
	{ "inspector", OPT_INSPECTOR, 1, "OFFICER", N_("the inspecting officer's badge or name") },
	{ "at", OPT_AT, 1, "DATE", N_("when the inspection took place (default: now)") },
	{ 0 }
};

static const struct beat_cli cli = {
	"PLACE... --ledger security|traffic|fire --result ok|hazard"
	" [--hazard TEXT] [--fix-by DATE] [--inspector O] [--at DATE] [-q] [-f FMT] [-d FILE]\n"
	"- --ledger LEDGER --result RESULT ...",
	N_("Record an inspection of each premise named, by number or name."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET,
};

static const char *ledger, *result, *hazard, *fix_by_arg, *inspector, *at;
static char when[20], fix_by[11];
static long long inspector_id = -1;

static void
validate(int argc)
{
	if (argc == 0)
		beat_usage_error(_("no place given (give numbers or names, or - to read them)"));
	if (ledger == NULL || result == NULL)
		beat_usage_error(_("--ledger and --result are required"));
	ledger = beat_code_arg(NULL, "ledger", ledger, "--ledger");
	result = beat_code_arg(NULL, "inspection_result", result, "--result");
	if (strcmp(result, "hazard") == 0 && (hazard == NULL || *hazard == '\0'))
		beat_usage_error(_("--result hazard needs --hazard TEXT"));
	if (strcmp(result, "ok") == 0 && (hazard != NULL || fix_by_arg != NULL))
		beat_usage_error(_("--hazard and --fix-by go with --result hazard only"));
	beat_arg_time(at ? at : "now", "--at", when);
	if (fix_by_arg != NULL) {
		beat_arg_date(fix_by_arg, "--fix-by", fix_by);
		if (strncmp(fix_by, when, 10) < 0)
			beat_usage_error(_("--fix-by %s is before the inspection (%.10s)"),
			    fix_by, when);
	}
}

struct places {
	char **v;
	size_t n, cap;
};

/* Operands are read before the write lock is taken: stdin may be slow. */
static void
add_place(const char *place, void *arg)
{
	struct places *p = arg;

	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->v = beat_xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	p->v[p->n++] = beat_xstrdup(place);
}

static void
inspect(struct beat_conn *db, const char *place)
{
	char idtext[32];

	snprintf(idtext, sizeof(idtext), "%lld", beat_inspection_add(db, beat_place_id(db, place),
	    when, ledger, inspector_id, result, hazard, fix_by_arg ? fix_by : NULL));
	beat_touch(idtext);
}

int
main(int argc, char **argv)
{
	struct places p = { 0 };
	struct beat_conn *db;
	size_t i;
	int c;

	beat_init(argc, argv);
	beat_touch_column("inspection");
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_AT:
			at = optarg;
			break;
		case OPT_FIX_BY:
			fix_by_arg = optarg;
			break;
		case OPT_HAZARD:
			hazard = optarg;
			break;
		case OPT_INSPECTOR:
			inspector = optarg;
			break;
		case OPT_LEDGER:
			ledger = optarg;
			break;
		case OPT_RESULT:
			result = optarg;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	validate(argc);
	/* An empty list from a pipe is nothing to do, not an error. */
	if (beat_operands(argc, argv, add_place, &p) == 0) {
		beat_touched_print();
		beat_exit(BEAT_EX_OK);
	}

	db = beat_db_open(BEAT_DB_WRITE);
	beat_db_begin(db);
	if (inspector != NULL)
		inspector_id = beat_officer_id(db, inspector);
	for (i = 0; i < p.n; i++)
		inspect(db, p.v[i]);
	beat_db_commit(db);
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
