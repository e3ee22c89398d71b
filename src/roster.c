/* roster: villages, officers, the 1+N beats, patrol teams and routes. */
#include <stdio.h>
#include <stdlib.h>
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

/* One kind of import: its columns, its upsert, and what it prints. */
struct kind {
	int opt;
	const struct beat_csv_col *cols;
	void (*row)(struct beat_conn *, struct beat_csv *);
	const char *id;		/* the column of what it prints, with -f */
};

static const struct beat_csv_col village_cols[] = {
	{ "name|村社|村名|村（社区）|名称|村社名称", 1 },
	{ "township|乡镇|所属乡镇|镇", 1 },
	{ "code|编码|代码|行政区划代码", 0 },
	{ 0 }
};
static const struct beat_csv_col officer_cols[] = {
	{ "badge|警号|编号|工号", 1 },
	{ "name|姓名", 1 },
	{ "kind|类别|身份|人员类别", 1 },
	{ "phone|电话|手机|联系电话|手机号码", 0 },
	{ 0 }
};
static const struct beat_csv_col route_cols[] = {
	{ "route|路线|巡逻路线", 1 },
	{ "seq|序号|顺序", 1 },
	{ "checkpoint|点位|必到点|巡逻点|巡逻点位", 1 },
	{ "kind|类型|类别|点位类型", 0 },
	{ 0 }
};
static const struct beat_csv_col team_cols[] = {
	{ "team|巡逻队|队名|队伍", 1 },
	{ "leader|队长|带队民警|民警", 1 },
	{ "auxiliary|辅警", 0 },
	{ 0 }
};

static const char *
need(struct beat_csv *r, int i, const char *what)
{
	const char *s = beat_csv_value(r, i);

	if (s == NULL)
		beat_errx_at(BEAT_EX_DATA, beat_csv_name(r), beat_csv_line(r),
		    _("empty %s"), what);
	return s;
}

static void
plain(struct beat_csv *r, const char *what, const char *s)
{
	beat_plain_text(beat_csv_name(r), beat_csv_line(r), what, s);
}

/* Officer kinds as codes or as the Chinese words a roster uses. */
static const char *
officer_kind(struct beat_csv *r, const char *s)
{
	static const char *const kinds[][4] = {
		{ "officer", "民警", "警察", NULL },
		{ "auxiliary", "辅警", "协警", NULL },
		{ "mediator", "调解员", "专职调解员", "人民调解员" },
		{ "cadre", "村干部", "干部", "社区干部" },
	};
	size_t i, j;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		for (j = 0; j < 4 && kinds[i][j] != NULL; j++)
			if (strcasecmp(s, kinds[i][j]) == 0)
				return kinds[i][0];
	beat_errx_at(BEAT_EX_DATA, beat_csv_name(r), beat_csv_line(r),
	    _("unknown kind '%s' (officer, auxiliary, mediator or cadre)"), s);
}

static long long
officer_at(struct beat_conn *db, struct beat_csv *r, const char *badge)
{
	return beat_lookup_at(db, BEAT_LOOKUP_BADGE, badge, beat_csv_name(r), beat_csv_line(r));
}

/*
 * One file is one list of villages: the same village under two
 * townships in it is a mistake in the list, not an update to keep the
 * last of.  A few thousand villages at most, so a plain list will do.
 */
static struct seen {
	char *name, *township;
	long line;
} *seen;
static size_t nseen;

static void
village_once(struct beat_csv *r, const char *name, const char *township)
{
	size_t i;

	for (i = 0; i < nseen; i++) {
		if (strcmp(seen[i].name, name) != 0)
			continue;
		if (strcmp(seen[i].township, township) != 0)
			beat_errx_at(BEAT_EX_DATA, beat_csv_name(r), beat_csv_line(r),
			    _("village '%s' is listed twice with different townships ('%s' on line %ld, '%s' here)"),
			    name, seen[i].township, seen[i].line, township);
		return;
	}
	seen = beat_xrealloc(seen, (nseen + 1) * sizeof *seen);
	seen[nseen].name = beat_xstrdup(name);
	seen[nseen].township = beat_xstrdup(township);
	seen[nseen++].line = beat_csv_line(r);
}

static void
village_row(struct beat_conn *db, struct beat_csv *r)
{
	const char *name = need(r, 0, _("village name"));

	plain(r, _("village name"), name);
	plain(r, _("township"), beat_csv_value(r, 1));
	plain(r, _("village code"), beat_csv_value(r, 2));

	village_once(r, name, beat_csv_get(r, 1));
	if (beat_village_put(db, name, beat_csv_value(r, 1), beat_csv_value(r, 2)))
		beat_touch(name);
}

static void
officer_row(struct beat_conn *db, struct beat_csv *r)
{
	const char *badge = need(r, 0, _("badge")), *name = need(r, 1, _("name"));
	const char *kind = officer_kind(r, need(r, 2, _("kind")));
	const char *phone = beat_csv_value(r, 3);

	plain(r, _("badge"), badge);
	plain(r, _("name"), name);
	if (phone != NULL && beat_phone_check(phone) == -1)
		beat_errx_at(BEAT_EX_DATA, beat_csv_name(r), beat_csv_line(r),
		    _("'%s' is not a phone number"), phone);

	if (beat_officer_put(db, badge, name, kind, phone))
		beat_touch(badge);
}

static void
route_row(struct beat_conn *db, struct beat_csv *r)
{
	const char *route = need(r, 0, _("route")), *seq = need(r, 1, _("seq"));
	const char *name = need(r, 2, _("checkpoint"));
	char *end, *id;
	long n = strtol(seq, &end, 10);

	plain(r, _("route"), route);
	plain(r, _("checkpoint"), name);
	plain(r, _("checkpoint kind"), beat_csv_value(r, 3));
	if (*end != '\0' || n < 1 || n > 9999)
		beat_errx_at(BEAT_EX_DATA, beat_csv_name(r), beat_csv_line(r),
		    _("seq '%s' is not a number from 1 to 9999"), seq);
	if (beat_checkpoint_put(db, route, (int)n, name, beat_csv_value(r, 3))) {
		id = beat_xasprintf("%s/%ld", route, n);
		beat_touch(id);
		free(id);
	}
}

static void
team_row(struct beat_conn *db, struct beat_csv *r)
{
	const char *team = need(r, 0, _("team"));
	long long leader, aux;

	plain(r, _("team"), team);
	leader = officer_at(db, r, need(r, 1, _("leader")));
	aux = beat_csv_value(r, 2) ? officer_at(db, r, beat_csv_value(r, 2)) : -1;

	if (beat_team_put(db, team, leader, aux))
		beat_touch(team);
}

static const struct kind kinds[] = {
	{ OPT_VILLAGES, village_cols, village_row, "village" },
	{ OPT_OFFICERS, officer_cols, officer_row, "badge" },
	{ OPT_ROUTES, route_cols, route_row, "checkpoint" },
	{ OPT_TEAMS, team_cols, team_row, "team" },
};

/* The whole file or nothing: the first bad row ends the command. */
static void
import(struct beat_conn *db, const struct kind *k, const char *path)
{
	struct beat_csv *r = beat_csv_open(path, encoding, k->cols);

	while (beat_csv_row(r))
		k->row(db, r);
	beat_csv_close(r);
}

static void
assign(struct beat_conn *db, const char *who, int argc, char **argv)
{
	long long officer = beat_officer_id(db, who);
	char *kind;
	int i;

	kind = beat_officer_kind(db, officer);
	if (strcmp(kind, "officer") != 0)
		beat_errx(BEAT_EX_DATA, _("%s is %s, not an officer; a beat needs an officer"),
		    who, kind);
	free(kind);
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
	const struct kind *k = NULL;
	const char *file = NULL, *who = NULL;
	int c, modes = 0, status = BEAT_EX_OK, load = 0;
	size_t i;
	struct beat_conn *db;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (kinds[i].opt == c) {
				k = &kinds[i];
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
		beat_touch_column(k != NULL ? k->id : "village");
		if (k != NULL)
			import(db, k, file);
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
