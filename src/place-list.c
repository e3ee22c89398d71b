/* place-list: the premises registry, the inspections due and the open hazards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_CATEGORY = 256, OPT_DUE, OPT_HAZARDS };

static const struct beat_opt opts[] = {
	{ "category", OPT_CATEGORY, 1, "CATEGORY", N_("only premises of this category") },
	{ "due", OPT_DUE, 0, NULL, N_("list the ledgers whose inspection is due by today") },
	{ "hazards", OPT_HAZARDS, 0, NULL, N_("list open hazards past their fix-by day") },
	{ 0 }
};

static const struct beat_cli cli = {
	"[--category C] [--due | --hazards] [-f FMT] [--no-header] [--bom] [--raw] [--wide] [-d FILE]",
	N_("List supervised premises, the inspections due or the hazards not fixed in time."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT,
};

static const char *category;
static int dflag, hflag;

static const char *const place_cols[] = {
	"place", "category", "kind", "name", "village", "address", NULL,
};
static const char *const due_cols[] = {
	"place", "name", "village", "category", "ledger", "last_check", "due", NULL,
};
static const char *const hazard_cols[] = {
	"place", "name", "ledger", "found", "hazard", "fix_by", NULL,
};

static void
place_row(const struct beat_place *p, void *arg)
{
	struct beat_out *o = arg;

	beat_out_int(o, p->id);
	beat_out_str(o, p->category);
	beat_out_str(o, p->kind);
	beat_out_str(o, p->name);
	beat_out_str(o, p->village);
	beat_out_str(o, p->address);
	beat_out_end_row(o);
}

static size_t
list_places(struct beat_conn *db)
{
	struct beat_out *o;

	o = beat_out_new(stdout, place_cols);
	beat_out_codes(o, db, "category", "place_category");
	beat_out_codes(o, db, "kind", "place_kind");
	beat_place_each(db, category, place_row, o);
	return beat_out_finish(o);
}

static int
due_cmp(const void *a, const void *b)
{
	const struct beat_ledger_due *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return x->ledger - y->ledger;
}

/* The rule is the owner's (beat_place_due), as the monthly report counts them. */
static size_t
list_due(struct beat_conn *db)
{
	struct beat_out *o;
	struct beat_ledger_due *d;
	size_t n, i;
	char text[11];

	n = beat_place_due(db, category, beat_today(), &d);
	if (n > 0)
		qsort(d, n, sizeof(*d), due_cmp);
	o = beat_out_new(stdout, due_cols);
	beat_out_codes(o, db, "category", "place_category");
	beat_out_codes(o, db, "ledger", "ledger");
	for (i = 0; i < n; i++) {
		beat_out_int(o, d[i].place);
		beat_out_str(o, d[i].name);
		beat_out_str(o, d[i].village);
		beat_out_str(o, d[i].category);
		beat_out_str(o, beat_ledgers[d[i].ledger]);
		beat_out_str(o, d[i].last[0] ? d[i].last : NULL);
		beat_day_text(d[i].day, text);
		beat_out_str(o, text);
		beat_out_end_row(o);
	}
	beat_place_due_free(d, n);
	return beat_out_finish(o);
}

/* Those past their fix-by day, or with none. */
static void
hazard_row(const struct beat_hazard *h, void *arg)
{
	struct beat_out *o = arg;

	if (!h->late)
		return;
	beat_out_int(o, h->place);
	beat_out_str(o, h->name);
	beat_out_str(o, h->ledger);
	beat_out_str(o, h->found);
	beat_out_str(o, h->hazard);
	beat_out_str(o, h->fix_by);
	beat_out_end_row(o);
}

static size_t
list_hazards(struct beat_conn *db)
{
	struct beat_out *o;
	char today[11];

	beat_day_text(beat_today(), today);
	o = beat_out_new(stdout, hazard_cols);
	beat_out_codes(o, db, "ledger", "ledger");
	beat_place_hazards(db, category, today, hazard_row, o);
	return beat_out_finish(o);
}

int
main(int argc, char **argv)
{
	struct beat_conn *db;
	size_t rows;
	int c;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_CATEGORY:
			category = optarg;
			break;
		case OPT_DUE:
			dflag = 1;
			break;
		case OPT_HAZARDS:
			hflag = 1;
			break;
		}
	}
	if (optind < argc)
		beat_usage_error(_("unexpected operand '%s'"), argv[optind]);
	if (dflag && hflag)
		beat_usage_error(_("--due and --hazards do not go together"));

	db = beat_db_open(BEAT_DB_READ);
	if (category != NULL)
		category = beat_code_arg(db, "place_category", category, "--category");
	if (dflag)
		rows = list_due(db);
	else if (hflag)
		rows = list_hazards(db);
	else
		rows = list_places(db);
	beat_db_close(db);
	/* Like grep: a check that finds something, or a list that finds nothing. */
	if (dflag || hflag)
		beat_exit(rows > 0 ? BEAT_EX_NONE : BEAT_EX_OK);
	beat_exit(rows > 0 ? BEAT_EX_OK : BEAT_EX_NONE);
}
