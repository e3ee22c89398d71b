/* roster: villages, officers, the 1+N beats, patrol teams and routes. */
#include <stdio.h>
#include <string.h>

#include "beat.h"

enum {
	OPT_VILLAGES = 256, OPT_OFFICERS, OPT_ROUTES, OPT_TEAMS, OPT_ASSIGN,
	OPT_LIST, OPT_ENCODING, OPT_WORKLOAD, OPT_MONTH,
};

static const struct beat_opt opts[] = {
	{ "import-villages", OPT_VILLAGES, 1, "FILE", N_("add or update villages from CSV: name,township[,code]") },
	{ "import-officers", OPT_OFFICERS, 1, "FILE", N_("add or update people from CSV: badge,name,kind[,phone]") },
	{ "import-routes", OPT_ROUTES, 1, "FILE", N_("add or update routes from CSV: route,seq,checkpoint,kind") },
	{ "import-teams", OPT_TEAMS, 1, "FILE", N_("add or update patrol teams from CSV: team,leader,auxiliary") },
	{ "assign", OPT_ASSIGN, 1, "OFFICER", N_("make OFFICER the beat officer of the VILLAGE operands") },
	{ "list", OPT_LIST, 0, NULL, N_("list beats, officers, villages, teams or routes (the default)") },
	{ "encoding", OPT_ENCODING, 1, "ENC", N_("encoding of imported files: utf-8, gbk or gb18030") },
	{ "workload", OPT_WORKLOAD, 0, NULL, N_("per officer: villages, open, overdue and due-soon cases, sessions of the month") },
	{ "month", OPT_MONTH, 1, "YYYY-MM", N_("with --workload: the month whose sessions count (default: this month)") },
	{ 0 }
};

static const struct beat_cli cli = {
	"--import-villages FILE | --import-officers FILE [--encoding ENC] [-q] [-f FMT] [-d FILE]\n"
	"--import-routes FILE | --import-teams FILE [--encoding ENC] [-q] [-f FMT] [-d FILE]\n"
	"--assign OFFICER VILLAGE... [-q] [-f FMT] [-d FILE]\n"
	"[--list] [beats|officers|villages|teams|routes] [-f FMT] [--no-header] [--bom] [--raw] [--wide] [--reveal] [-d FILE]\n"
	"--workload [--month YYYY-MM] [-f FMT] [--no-header] [--bom] [--raw] [--wide] [-d FILE]",
	N_("Keep the station's villages, officers, 1+N beats, patrol teams and routes."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET | BEAT_CLI_REVEAL,
};

static const char *encoding, *month;
static int year, mon;	/* of --month */

/* The import options, in the order of the roster's lists. */
static const struct {
	int opt;
	enum beat_roster_import what;
} kinds[] = {
	{ OPT_VILLAGES, BEAT_ROSTER_IMPORT_VILLAGES },
	{ OPT_OFFICERS, BEAT_ROSTER_IMPORT_OFFICERS },
	{ OPT_ROUTES, BEAT_ROSTER_IMPORT_ROUTES },
	{ OPT_TEAMS, BEAT_ROSTER_IMPORT_TEAMS },
};

static void
assign(struct beat_conn *db, const char *who, int argc, char **argv)
{
	long long officer = beat_beat_officer(db, who);
	int i;

	for (i = 0; i < argc; i++)
		if (beat_beat_assign(db, beat_village_id(db, argv[i]), officer))
			beat_touch(argv[i]);
}

static const struct {
	const char *what;
	const char *const cols[7];
	enum beat_roster_list list;
} lists[] = {
	{ "beats", { "officer", "badge", "village", "township", NULL }, BEAT_ROSTER_BEATS },
	{ "officers", { "badge", "name", "kind", "phone", "villages", NULL }, BEAT_ROSTER_OFFICERS },
	{ "villages", { "village", "township", "code", "officer", NULL }, BEAT_ROSTER_VILLAGES },
	{ "teams", { "team", "leader", "leader_badge", "auxiliary", "auxiliary_badge", NULL },
	  BEAT_ROSTER_TEAMS },
	{ "routes", { "route", "seq", "checkpoint", "kind", NULL }, BEAT_ROSTER_ROUTES },
};

struct listing {
	struct beat_out *o;
	enum beat_roster_list list;
};

static void
list_row(const struct beat_roster_row *row, void *arg)
{
	struct listing *l = arg;
	char masked[32];
	int i;

	for (i = 0; i < row->ncells; i++) {
		if (l->list == BEAT_ROSTER_ROUTES && i == 1)
			beat_out_int(l->o, row->seq);
		else if (l->list == BEAT_ROSTER_OFFICERS && i == 3 && !beat_opt.reveal &&
		    row->cell[i] != NULL) {
			beat_mask_phone(row->cell[i], masked, sizeof(masked));
			beat_out_str(l->o, masked);
		} else
			beat_out_str(l->o, row->cell[i]);
	}
	beat_out_end_row(l->o);
}

static int
list(struct beat_conn *db, const char *what)
{
	struct listing l;
	size_t i, rows;
	int phone = strcmp(what, "officers") == 0;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (strcmp(what, lists[i].what) == 0)
			break;
	if (i == sizeof(lists) / sizeof(lists[0]))
		beat_usage_error(_("cannot list '%s' (beats, officers, villages, teams or routes)"), what);
	if (beat_opt.reveal && phone)
		beat_audit_read(db, "officers reveal");
	l.o = beat_out_new(stdout, lists[i].cols);
	l.list = lists[i].list;
	if (phone)
		beat_out_codes(l.o, db, "kind", "officer_kind");
	beat_roster_each(db, l.list, list_row, &l);
	rows = beat_out_finish(l.o);
	return rows ? BEAT_EX_OK : BEAT_EX_NONE;
}

/* The counts are beat_workload's, which report-monthly prints too. */
static void
workload(struct beat_conn *db)
{
	static const char *const cols[] = { "officer", "name", "villages", "open",
	    "overdue", "due_soon", "sessions", NULL };
	struct beat_workload *w;
	struct beat_out *o;
	size_t i, n;
	int c;

	n = beat_workload(db, year, mon, beat_today(), &w);
	o = beat_out_new(stdout, cols);
	for (i = 0; i < n; i++) {
		long long v[] = { w[i].villages, w[i].open, w[i].overdue, w[i].due_soon,
		    w[i].sessions };

		beat_out_str(o, w[i].badge);
		beat_out_str(o, w[i].name);
		for (c = 0; c < 5; c++)
			beat_out_int(o, v[c]);
		beat_out_end_row(o);
	}
	beat_out_finish(o);
	beat_workload_free(w, n);
}

int
main(int argc, char **argv)
{
	const enum beat_roster_import *k = NULL;
	const char *file = NULL, *who = NULL;
	int c, modes = 0, status = BEAT_EX_OK, load = 0;
	size_t i;
	struct beat_conn *db;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (kinds[i].opt == c) {
				k = &kinds[i].what;
				file = optarg;
			}
		if (c == OPT_ASSIGN)
			who = optarg;
		if (c == OPT_WORKLOAD)
			load = 1;
		if (c == OPT_ENCODING)
			encoding = optarg;
		else if (c == OPT_MONTH)
			month = optarg;
		else
			modes++;
	}
	argc -= optind;
	argv += optind;
	if (modes > 1)
		beat_usage_error(_("give one of --import-*, --assign, --list and --workload"));
	if ((k != NULL || load) && argc > 0)
		beat_usage_error(_("unexpected operand '%s'"), argv[0]);
	if (encoding != NULL && k == NULL)
		beat_usage_error(_("--encoding goes with --import-*"));
	if (month != NULL && !load)
		beat_usage_error(_("--month goes with --workload"));
	beat_civil(beat_today(), &year, &mon, &c);
	if (month != NULL && beat_parse_month(month, &year, &mon) == -1)
		beat_usage_error(_("--month: '%s' is not a month (YYYY-MM)"), month);
	if (who != NULL && argc == 0)
		beat_usage_error(_("--assign needs one or more VILLAGE operands"));
	if (k == NULL && who == NULL && argc > 1)
		beat_usage_error(_("list one thing at a time"));

	db = beat_db_open(k || who || beat_opt.reveal ? BEAT_DB_WRITE : BEAT_DB_READ);
	if (k != NULL || who != NULL) {
		beat_db_begin(db);
		beat_touch_column(k != NULL ? beat_roster_import_column(*k) : "village");
		if (k != NULL)
			beat_roster_import(db, *k, file, encoding);
		else
			assign(db, who, argc, argv);
		beat_db_commit(db);
	} else if (load)
		workload(db);
	else
		status = list(db, argc ? argv[0] : "beats");
	beat_db_close(db);
	beat_exit(status);
}
