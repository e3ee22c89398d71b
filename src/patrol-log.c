/* patrol-log: record patrols, one from options or many from a CSV file of paper forms. */
#include <limits.h>
#include <stdio.h>

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

static const char *fname;	/* the file of --import, for messages */
static int force;

/*
 * Stores one patrol.  The same form entered twice (or a file that grew
 * since its last import) is skipped with a notice, so that importing the
 * longer file adds only its new rows.
 */
static void
store(struct beat_conn *db, const struct beat_patrol_form *p)
{
	long long id, same;
	char buf[32];

	id = beat_patrol_store(db, p, fname, force, &same);
	if (id < 0) {
		if (!beat_opt.quiet)
			beat_warn_at(fname, p->line, _("already recorded as patrol %lld; skipped"), same);
		return;
	}
	snprintf(buf, sizeof(buf), "%lld", id);
	beat_touch(buf);
}

/* Reads the whole file first: whether it was imported before is known only at its end. */
static void
import(struct beat_conn *db, const char *path)
{
	struct beat_csv *r;
	struct beat_patrol_form *v;
	struct beat_import seen;
	char at[20];
	size_t i, n;

	r = beat_csv_open(path, NULL, beat_patrol_cols);
	fname = beat_csv_name(r);
	v = beat_patrol_read(r, &n);
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
	struct beat_patrol_form p = { 0 };
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
			    beat_patrol_counts[c - OPT_STOPPED]);
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
