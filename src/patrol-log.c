/* patrol-log: record patrols, one from options or many from a CSV file of paper forms. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum {
	OPT_TEAM = 256, OPT_ROUTE, OPT_START, OPT_END, OPT_CHECKPOINT,
	OPT_STOPPED, OPT_MEDIATED, OPT_CHECKED, OPT_PUBLICITY, OPT_NOTE, OPT_IMPORT,
	OPT_FORCE
};

static const struct beat_opt opts[] = {
	{ "team", OPT_TEAM, 1, "TEAM", N_("the patrol team, by name") },
	{ "route", OPT_ROUTE, 1, "ROUTE", N_("the route patrolled, by name") },
	{ "start", OPT_START, 1, "DATE", N_("when the patrol set out") },
	{ "end", OPT_END, 1, "DATE", N_("when it came back (after the start)") },
	{ "checkpoint", OPT_CHECKPOINT, 1, "CHECKPOINT", N_("a checkpoint visited, by name or number on the route (repeatable)") },
	{ "stopped", OPT_STOPPED, 1, "N", N_("disputes stopped") },
	{ "mediated", OPT_MEDIATED, 1, "N", N_("disputes mediated") },
	{ "checked", OPT_CHECKED, 1, "N", N_("suspicious persons checked") },
	{ "publicity", OPT_PUBLICITY, 1, "N", N_("publicity sessions held") },
	{ "note", OPT_NOTE, 1, "TEXT", N_("a free note") },
	{ "import", OPT_IMPORT, 1, "FILE", N_("record the patrols of a CSV file, all or none") },
	{ "force", OPT_FORCE, 0, NULL, N_("record a patrol that ends more than a day ahead or overlaps another of its team") },
	{ 0 }
};

static const struct beat_cli cli = {
	"[-q] [-f FMT] [-d FILE] --team T --route R --start DATE --end DATE [--checkpoint C]..."
	" [--stopped N] [--mediated N] [--checked N] [--publicity N] [--note TEXT] [--force]\n"
	"[-q] [-f FMT] [-d FILE] --import FILE [--force]",
	N_("Record patrols with the checkpoints they visited and what they did."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET,
};

/* The counts, in the order of the patrol table's columns. */
static const char *const count_names[] = { "stopped", "mediated", "checked", "publicity" };
#define NCOUNT 4

/* One patrol as given; texts point into argv or a row copy. */
struct patrol {
	const char *team, *route, *start, *end, *note;
	char **cps;
	size_t ncp;
	long long count[NCOUNT];
	long line;		/* 0 for the command line */
};

/* The CSV columns; the first NCOUNT after "checkpoints" are the counts. */
enum { C_TEAM, C_ROUTE, C_START, C_END, C_CPS, C_STOPPED, C_MEDIATED, C_CHECKED,
	C_PUBLICITY, C_NOTE };
static const struct beat_csv_col cols[] = {
	{ "team|巡逻队|巡逻队伍|队伍|队名", 1 },
	{ "route|路线|巡逻路线|线路", 1 },
	{ "start|开始时间|出发时间|巡逻开始时间|开始", 1 },
	{ "end|结束时间|返回时间|巡逻结束时间|结束", 1 },
	{ "checkpoints|巡逻点位|必到点|巡逻点位/必到点|点位|巡逻点|checkpoint", 0 },
	{ "stopped|制止纠纷|制止纠纷数", 0 },
	{ "mediated|调解纠纷|调解纠纷数", 0 },
	{ "checked|盘查可疑人员|盘查人员|盘查", 0 },
	{ "publicity|宣传次数|宣传|开展宣传", 0 },
	{ "note|备注|说明", 0 },
	{ 0 }
};

static const char *fname;	/* the file of --import, for messages */
static int force;

/*
 * The checkpoint a patrol names, by name or by its number on the route.
 * A name known only on other routes is a mistake in the form (65); one
 * known nowhere is an unknown record (69).
 */
static long long
checkpoint_id(struct beat_conn *db, const struct patrol *p, long long route, const char *c)
{
	long long id;
	char *other;

	id = beat_checkpoint_named(db, route, c);
	if (id >= 0)
		return id;
	if (*c != '\0' && strlen(c) < 10 && c[strspn(c, "0123456789")] == '\0') {
		id = beat_checkpoint_numbered(db, route, strtoll(c, NULL, 10));
		if (id >= 0)
			return id;
		beat_errx_at(BEAT_EX_NOREC, fname, p->line,
		    _("route '%s' has no checkpoint number %s"), p->route, c);
	}
	other = beat_checkpoint_route(db, c);
	if (other != NULL)
		beat_errx_at(BEAT_EX_DATA, fname, p->line,
		    _("checkpoint '%s' is not on route '%s' (it is on route '%s')"),
		    c, p->route, other);
	beat_errx_at(BEAT_EX_NOREC, fname, p->line, _("no such checkpoint: '%s'"), c);
}

/* A bad date: a usage error on the command line, bad data in a file. */
static void BEAT_NORETURN
bad_date(const struct patrol *p, const char *what, const char *value)
{
	if (p->line == 0)
		beat_usage_error(_("%s: not a date: '%s'"), what, value);
	beat_errx_at(BEAT_EX_DATA, fname, p->line, _("%s: not a date: '%s'"), what, value);
}

/*
 * Checks one patrol against the database and stores it.  The same team,
 * route, start and end as a stored patrol is the same form entered twice
 * (or a file that grew since its last import): skipped with a notice, so
 * that importing the longer file adds only its new rows.
 */
static void
store(struct beat_conn *db, const struct patrol *p)
{
	struct beat_patrol rec;
	long long team, route, id, *cp;
	char start[20], end[20], buf[32];
	size_t i;

	if (beat_parse_time(p->start, start) == -1)
		bad_date(p, "start", p->start);
	if (beat_parse_time(p->end, end) == -1)
		bad_date(p, "end", p->end);
	/* both are "YYYY-MM-DD HH:MM:SS", so text order is time order */
	if (strcmp(end, start) <= 0)
		beat_errx_at(BEAT_EX_DATA, fname, p->line,
		    _("the patrol must end after it starts (start %s, end %s)"), start, end);
	if (beat_far_ahead(end) && !force)
		beat_errx_at(BEAT_EX_DATA, fname, p->line,
		    _("the patrol ends %s, more than a day ahead (--force records it)"), end);
	team = beat_lookup_at(db, BEAT_LOOKUP_TEAM, p->team, fname, p->line);
	route = beat_lookup_at(db, BEAT_LOOKUP_ROUTE, p->route, fname, p->line);
	cp = beat_xmalloc((p->ncp + 1) * sizeof(*cp));
	for (i = 0; i < p->ncp; i++)
		cp[i] = checkpoint_id(db, p, route, p->cps[i]);
	id = beat_patrol_same(db, team, route, start, end);
	if (id >= 0) {
		if (!beat_opt.quiet)
			beat_warn_at(fname, p->line, _("already recorded as patrol %lld; skipped"), id);
		free(cp);
		return;
	}
	/* A team is on one patrol at a time. */
	id = beat_patrol_overlap(db, team, start, end);
	if (id >= 0 && !force) {
		char *span = beat_patrol_span(db, id);

		beat_errx_at(BEAT_EX_DATA, fname, p->line,
		    _("team '%s' is on patrol %lld (%s) then; a team patrols once at a time (--force records it)"),
		    p->team, id, span);
	}
	rec.team = team;
	rec.route = route;
	rec.start = start;
	rec.end = end;
	rec.note = p->note;
	memcpy(rec.count, p->count, sizeof(rec.count));
	rec.cps = cp;
	rec.ncp = p->ncp;
	id = beat_patrol_add(db, &rec);
	free(cp);
	snprintf(buf, sizeof(buf), "%lld", id);
	beat_touch(buf);
}

/* Splits a form's checkpoint cell at ; 、 | (and their full-width forms). */
static void
split_checkpoints(struct patrol *p, const char *cell)
{
	static const char *const seps[] = { ";", "；", "、", "|", "｜", "，", NULL };
	const char *s = cell, *next;
	size_t i, len, seplen;

	while (s != NULL && *s != '\0') {
		next = NULL;
		seplen = 0;
		for (i = 0; seps[i] != NULL; i++) {
			const char *q = strstr(s, seps[i]);

			if (q != NULL && (next == NULL || q < next)) {
				next = q;
				seplen = strlen(seps[i]);
			}
		}
		len = next ? (size_t)(next - s) : strlen(s);
		while (len > 0 && (*s == ' ' || *s == '\t'))
			s++, len--;
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len > 0) {
			p->cps = beat_xrealloc(p->cps, (p->ncp + 1) * sizeof(*p->cps));
			p->cps[p->ncp] = beat_xmalloc(len + 1);
			memcpy(p->cps[p->ncp], s, len);
			p->cps[p->ncp++][len] = '\0';
		}
		s = next ? next + seplen : NULL;
	}
}

static const char *
cell(struct beat_csv *r, int i)
{
	const char *s = beat_csv_value(r, i);

	return s != NULL ? beat_xstrdup(s) : NULL;
}

/* Reads the whole file first: whether it was imported before is known only at its end. */
static struct patrol *
read_file(struct beat_csv *r, size_t *n)
{
	struct patrol *v = NULL, *p;
	const char *s;
	char *end;
	size_t cap = 0;
	int i;

	*n = 0;
	while (beat_csv_row(r)) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			v = beat_xrealloc(v, cap * sizeof(*v));
		}
		p = &v[(*n)++];
		memset(p, 0, sizeof(*p));
		p->line = beat_csv_line(r);
		p->team = cell(r, C_TEAM);
		p->route = cell(r, C_ROUTE);
		p->start = cell(r, C_START);
		p->end = cell(r, C_END);
		p->note = cell(r, C_NOTE);
		if (p->team == NULL || p->route == NULL || p->start == NULL || p->end == NULL)
			beat_errx_at(BEAT_EX_DATA, fname, p->line,
			    _("team, route, start and end are required"));
		if ((s = beat_csv_get(r, C_CPS)) != NULL)
			split_checkpoints(p, s);
		for (i = 0; i < NCOUNT; i++) {
			if ((s = beat_csv_value(r, C_STOPPED + i)) == NULL)
				continue;
			p->count[i] = strtoll(s, &end, 10);
			if (*end != '\0' || p->count[i] < 0 || p->count[i] > INT_MAX)
				beat_errx_at(BEAT_EX_DATA, fname, p->line,
				    _("%s: not a count: '%s'"), count_names[i], s);
		}
	}
	return v;
}

static void
import(struct beat_conn *db, const char *path)
{
	struct beat_csv *r;
	struct patrol *v;
	struct beat_import seen;
	char at[20];
	size_t i, n;

	r = beat_csv_open(path, NULL, cols);
	fname = beat_csv_name(r);
	v = read_file(r, &n);
	beat_db_begin(db);
	if (beat_import_seen(db, "patrol", beat_csv_sha256(r), &seen)) {
		beat_db_rollback(db);
		beat_touched_print();
		if (!beat_opt.quiet)
			beat_warnx(_("%s: already imported on %s; nothing added"), fname, seen.at);
		beat_import_free(&seen);
		beat_csv_close(r);
		return;
	}
	for (i = 0; i < n; i++)
		store(db, &v[i]);
	/* a file that adds nothing is not remembered: nothing was written */
	if (beat_touched() == 0) {
		beat_db_rollback(db);
		beat_touched_print();
		beat_csv_close(r);
		return;
	}
	beat_time_text(beat_now(), at);
	beat_import_end(db, beat_import_begin(db, "patrol", fname, at), beat_csv_sha256(r),
	    (long long)n);
	beat_csv_close(r);
	beat_db_commit(db);
}

int
main(int argc, char **argv)
{
	struct patrol p = { 0 };
	const char *file = NULL;
	struct beat_conn *db;
	int c, single = 0;

	beat_init(argc, argv);
	beat_touch_column("patrol");
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		single |= c != OPT_IMPORT && c != OPT_FORCE;
		switch (c) {
		case OPT_CHECKED:
		case OPT_MEDIATED:
		case OPT_PUBLICITY:
		case OPT_STOPPED:
			p.count[c - OPT_STOPPED] = beat_num(optarg, 0, INT_MAX,
			    count_names[c - OPT_STOPPED]);
			break;
		case OPT_CHECKPOINT:
			p.cps = beat_xrealloc(p.cps, (p.ncp + 1) * sizeof(*p.cps));
			p.cps[p.ncp++] = optarg;
			break;
		case OPT_END:
			p.end = optarg;
			break;
		case OPT_FORCE:
			force = 1;
			break;
		case OPT_IMPORT:
			file = optarg;
			break;
		case OPT_NOTE:
			p.note = optarg;
			break;
		case OPT_ROUTE:
			p.route = optarg;
			break;
		case OPT_START:
			p.start = optarg;
			break;
		case OPT_TEAM:
			p.team = optarg;
			break;
		}
	}
	if (optind < argc)
		beat_usage_error(_("unexpected operand '%s'"), argv[optind]);
	if (file != NULL && single)
		beat_usage_error(_("--import takes the patrols from the file; give no other patrol options"));
	if (file == NULL && (p.team == NULL || p.route == NULL || p.start == NULL || p.end == NULL))
		beat_usage_error(_("--team, --route, --start and --end are required"));
	db = beat_db_open(BEAT_DB_WRITE);
	if (file != NULL)
		import(db, file);
	else {
		beat_db_begin(db);
		store(db, &p);
		if (beat_touched() > 0)
			beat_db_commit(db);
		else {
			beat_db_rollback(db);
			beat_touched_print();
		}
	}
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
