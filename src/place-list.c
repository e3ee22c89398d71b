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

static size_t
list_places(struct beat_conn *db)
{
	struct beat_out *o;
	struct beat_stmt *st;

	st = beat_prepare(db, "SELECT p.id, p.category, p.kind, p.name, v.name, p.address "
	    "FROM place p JOIN village v ON v.id = p.village_id "
	    "WHERE ?1 IS NULL OR p.category = ?1 ORDER BY p.id");
	beat_bind(st, "s", category);
	o = beat_out_new(stdout, place_cols);
	beat_out_codes(o, db, "category", "place_category");
	beat_out_codes(o, db, "kind", "place_kind");
	return beat_out_rows(o, st);
}

struct due {
	long long place;
	char *name, *village, *category;
	int ledger;		/* index in ledgers[] */
	char last[11];		/* "" when never inspected */
	long day;
};

static const char *const ledgers[] = { "security", "traffic", "fire" };

static int
due_cmp(const void *a, const void *b)
{
	const struct due *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->place != y->place)
		return x->place < y->place ? -1 : 1;
	return x->ledger - y->ledger;
}

static long
day_of(const char *text)
{
	long day;

	if (text == NULL || beat_text_day(text, &day) == -1)
		beat_errx(BEAT_EX_DATA, _("bad date in the database: '%s'"),
		    text ? text : "NULL");
	return day;
}

/*
 * A ledger falls due its category's interval after its last inspection;
 * one never inspected has been due since the premise was added.
 */
static size_t
list_due(struct beat_conn *db)
{
	struct beat_out *o;
	struct due *d = NULL;
	struct beat_stmt *st;
	size_t n = 0, cap = 0, i;
	long today = beat_today();
	char text[11];
	int l;

	st = beat_prepare(db, "SELECT p.id, p.category, p.added_at, "
	    "(SELECT max(i.at) FROM inspection i WHERE i.place_id = p.id AND i.ledger = ?2), "
	    "CASE ?2 WHEN 'security' THEN c.security_days WHEN 'traffic' THEN c.traffic_days "
	    "ELSE c.fire_days END, p.name, v.name "
	    "FROM place p JOIN place_category c ON c.code = p.category "
	    "JOIN village v ON v.id = p.village_id "
	    "WHERE ?1 IS NULL OR p.category = ?1 ORDER BY p.id");
	for (l = 0; l < 3; l++) {
		beat_bind(st, "ss", category, ledgers[l]);
		while (beat_step(st)) {
			const char *last = beat_stmt_text(st, 3);
			long day;

			if (last != NULL)
				day = day_of(last) + (int)beat_stmt_int(st, 4);
			else
				day = day_of(beat_stmt_text(st, 2));
			if (day > today)
				continue;
			if (n == cap) {
				cap = cap ? 2 * cap : 64;
				d = beat_xrealloc(d, cap * sizeof(*d));
			}
			d[n].place = beat_stmt_int(st, 0);
			d[n].category = beat_xstrdup(beat_stmt_text(st, 1));
			d[n].name = beat_xstrdup(beat_stmt_text(st, 5));
			d[n].village = beat_xstrdup(beat_stmt_text(st, 6));
			d[n].ledger = l;
			snprintf(d[n].last, sizeof(d[n].last), "%.10s", last ? last : "");
			d[n].day = day;
			n++;
		}
	}
	beat_stmt_free(st);
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
		beat_out_str(o, ledgers[d[i].ledger]);
		beat_out_str(o, d[i].last[0] ? d[i].last : NULL);
		beat_day_text(d[i].day, text);
		beat_out_str(o, text);
		beat_out_end_row(o);
		free(d[i].name);
		free(d[i].village);
		free(d[i].category);
	}
	free(d);
	return beat_out_finish(o);
}

/*
 * A hazard stays open until a later inspection of the same ledger finds
 * the premise ok; one without a fix-by day was to be fixed at once.
 */
static size_t
list_hazards(struct beat_conn *db)
{
	struct beat_out *o;
	struct beat_stmt *st;
	char today[11];

	beat_day_text(beat_today(), today);
	st = beat_prepare(db, "SELECT i.place_id, p.name, i.ledger, substr(i.at, 1, 10), "
	    "i.hazard, i.fix_by "
	    "FROM inspection i JOIN place p ON p.id = i.place_id "
	    "WHERE i.result = 'hazard' AND (?1 IS NULL OR p.category = ?1) "
	    "AND (i.fix_by IS NULL OR i.fix_by < ?2) "
	    "AND NOT EXISTS (SELECT 1 FROM inspection j WHERE j.place_id = i.place_id "
	    "AND j.ledger = i.ledger AND j.result = 'ok' "
	    "AND (j.at > i.at OR (j.at = i.at AND j.id > i.id))) "
	    "ORDER BY coalesce(i.fix_by, substr(i.at, 1, 10)), i.place_id, i.id");
	beat_bind(st, "ss", category, today);
	o = beat_out_new(stdout, hazard_cols);
	beat_out_codes(o, db, "ledger", "ledger");
	return beat_out_rows(o, st);
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
