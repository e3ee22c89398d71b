/* db-init: create the database or upgrade its schema; load reference data and holiday notices. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "beat.h"

enum { OPT_CALENDAR = 256, OPT_EXPECT_HEAD, OPT_EXPECT_HEADS, OPT_GROUP, OPT_STATION,
	OPT_STATION_CODE, OPT_VERIFY };

static const struct beat_opt opts[] = {
	{ "calendar", OPT_CALENDAR, 1, "FILE", N_("load a holiday notice (CSV date,kind[,name]); it replaces the years it covers") },
	{ "expect-head", OPT_EXPECT_HEAD, 1, "SEQ:HASH", N_("with --verify: fail unless this head, recorded earlier, is still in the audit trail") },
	{ "expect-heads", OPT_EXPECT_HEADS, 1, "FILE", N_("with --verify: the same for each head in FILE (as db-backup appends them)") },
	{ "group", OPT_GROUP, 0, NULL, N_("make a new database readable and writable by its group (0660)") },
	{ "station", OPT_STATION, 1, "NAME", N_("the station's name, printed in the title of reports") },
	{ "station-code", OPT_STATION_CODE, 1, "CODE", N_("the station's code, carried by every record (letters, digits, '-')") },
	{ "verify", OPT_VERIFY, 0, NULL, N_("check integrity and the audit trail; change nothing") },
	{ 0 }
};

static const struct beat_cli cli = {
	"[-q] [--group] [--calendar FILE] [--station NAME] [--station-code CODE] [-d FILE]\n"
	"--verify [--expect-head SEQ:HASH]... [--expect-heads FILE]... [-f FMT] [-d FILE]",
	N_("Create the beat database, or upgrade its schema in place, and load reference data."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET,
};

static int gflag, vflag;
static const char *calfile, *station, *code;

/* Heads recorded earlier, to be found in the trail: "SEQ:HASH" and where from. */
struct head {
	long long seq;
	char hash[65];
};
static struct head *heads;
static size_t nheads;

static void
add_head(const char *s, const char *file, long line)
{
	heads = beat_xrealloc(heads, (nheads + 1) * sizeof(*heads));
	if ((heads[nheads].seq = beat_audit_parse_head(s, heads[nheads].hash)) < 0) {
		if (file == NULL)
			beat_usage_error(_("--expect-head: '%s' is not SEQ:HASH"), s);
		beat_errx_at(BEAT_EX_DATA, file, line, _("'%s' is not SEQ:HASH"), s);
	}
	nheads++;
}

/* A file of heads: the first word of each line; blank and # lines skipped. */
static void
read_heads(const char *file)
{
	FILE *fp;
	char *buf = NULL, *w;
	size_t cap = 0;
	long line = 0;

	if ((fp = fopen(file, "r")) == NULL)
		beat_err(BEAT_EX_NOINPUT, "%s", file);
	while (getline(&buf, &cap, fp) != -1) {
		line++;
		buf[strcspn(buf, "\r\n")] = '\0';
		w = buf + strspn(buf, " \t");
		if (*w == '\0' || *w == '#')
			continue;
		w[strcspn(w, " \t")] = '\0';
		add_head(w, file, line);
	}
	if (ferror(fp))
		beat_err(BEAT_EX_IO, "%s", file);
	fclose(fp);
	free(buf);
}

/* The default place under $XDG_DATA_HOME may not exist yet. */
static void
make_parents(const char *path)
{
	char *dir = beat_xstrdup(path), *p;

	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			beat_err(BEAT_EX_CANTCREAT, "%s", dir);
		*p = '/';
	}
	free(dir);
}

static void
warn_problem(const char *problem, void *arg)
{
	beat_warnx("%s: %s", beat_db_name(), problem);
}

static int
verify(void)
{
	static const char *const verify_cols[] = {
		"database", "audit_rows", "bad", "problems", "head", NULL,
	};
	struct beat_conn *db = beat_db_open(BEAT_DB_READ);
	struct beat_out *o;
	char hash[65], *head;
	long long seq, rows;
	long bad;
	size_t i;
	int problems = 0;

	problems = beat_schema_check(db, 1, warn_problem, NULL);
	bad = beat_audit_verify(db);
	problems += beat_audit_triggers(db);
	for (i = 0; i < nheads; i++)
		if (!beat_audit_has_head(db, heads[i].seq, heads[i].hash))
			bad++;
	seq = beat_audit_head(db, hash);
	rows = beat_audit_rows(db);
	if (beat_opt.format_set) {
		o = beat_out_new(stdout, verify_cols);
		beat_out_str(o, beat_db_name());
		beat_out_int(o, rows);
		beat_out_int(o, bad);
		beat_out_int(o, problems);
		head = beat_xasprintf("%lld:%s", seq, hash);
		beat_out_str(o, head);
		free(head);
		beat_out_end_row(o);
		beat_out_finish(o);
	} else {
		printf(_("%s: %lld audit rows, %ld bad; %d other problems\n"),
		    beat_db_name(), rows, bad, problems);
		/* Not translated: scripts keep it, as they keep a TSV header. */
		printf("audit head: %lld %s\n", seq, hash);
	}
	beat_db_close(db);
	return bad || problems ? BEAT_EX_NONE : BEAT_EX_OK;
}

int
main(int argc, char **argv)
{
	static const char *const year_cols[] = { "year", NULL };
	struct beat_notice *nt = NULL;
	struct beat_out *o;
	struct stat sb;
	const char *path;
	const int *years = NULL;
	char *records, *p, *old = NULL;
	size_t nyears = 0, i;
	struct beat_conn *db;
	int c, from, existed, refchanged, pg;
	long long stamped = 0;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_CALENDAR:
			calfile = optarg;
			break;
		case OPT_EXPECT_HEAD:
			add_head(optarg, NULL, 0);
			break;
		case OPT_EXPECT_HEADS:
			read_heads(optarg);
			break;
		case OPT_GROUP:
			gflag = 1;
			break;
		case OPT_STATION:
			station = optarg;
			break;
		case OPT_STATION_CODE:
			code = optarg;
			break;
		case OPT_VERIFY:
			vflag = 1;
			break;
		}
	}
	if (optind < argc)
		beat_usage_error(_("unexpected operand '%s'"), argv[optind]);
	if (vflag && (gflag || calfile != NULL || station != NULL || code != NULL))
		beat_usage_error(_("--verify and %s do not go together"),
		    gflag ? "--group" : calfile != NULL ? "--calendar" :
		    station != NULL ? "--station" : "--station-code");
	if (station != NULL && station[strspn(station, " \t")] == '\0')
		beat_usage_error(_("--station: the name is empty"));
	if (station != NULL)
		beat_plain_text(NULL, 0, "--station", station);
	if (code != NULL && !beat_station_code_valid(code))
		beat_usage_error(_("--station-code: '%s' is not 1 to 32 letters, digits and '-'"), code);
	if (nheads > 0 && !vflag)
		beat_usage_error(_("--expect-head and --expect-heads go with --verify"));
	if (vflag)
		beat_exit(verify());

	/* A bad notice is refused before any database is created or opened. */
	if (calfile != NULL)
		nt = beat_calendar_read(calfile);
	path = beat_db_path();
	pg = beat_address_pg(path);
	if (pg && gflag)
		beat_usage_error(_("--group: on PostgreSQL, roles say who may read and write"));
	if (beat_opt.db == NULL && getenv("BEAT_DB") == NULL)
		make_parents(path);
	existed = !pg && stat(path, &sb) == 0;
	db = beat_db_open(BEAT_DB_CREATE | (gflag ? BEAT_DB_GROUP : 0));
	if (gflag && chmod(path, 0660) == -1)
		beat_err(BEAT_EX_CANTCREAT, "%s", path);
	beat_db_begin(db);
	from = beat_schema_upgrade(db);
	existed |= pg && from > 0;
	path = beat_db_name();
	refchanged = beat_load_reference(db) > 0;
	if (nt != NULL)
		nyears = beat_calendar_load(db, nt, &years);
	/* Audited only when it changes, as reference data is. */
	if (station != NULL && ((old = beat_station_name(db)) == NULL || strcmp(old, station) != 0))
		beat_station_set(db, station);
	else
		station = NULL;
	free(old);
	if (code != NULL && strcmp(beat_station_code(db), code) != 0)
		stamped = beat_station_code_set(db, code);
	else
		code = NULL;
	/*
	 * One audit row: the upgrade (which loads the data) or new reference
	 * data, and the years of a notice loaded.
	 */
	p = records = beat_xmalloc(96 + 16 * nyears);
	*p = '\0';
	if (from < beat_schema_version())
		p += sprintf(p, "schema %d", beat_schema_version());
	else if (refchanged)
		p += sprintf(p, "reference data");
	for (i = 0; i < nyears; i++)
		p += sprintf(p, "%scalendar %d", p == records ? "" : ", ", years[i]);
	if (station != NULL)
		p += sprintf(p, "%ssetting station", p == records ? "" : ", ");
	if (code != NULL)
		p += sprintf(p, "%ssetting station_code, %lld records", p == records ? "" : ", ",
		    stamped);
	if (*records != '\0')
		beat_audit(db, records);
	free(records);
	/* The years loaded, as write commands print what they changed. */
	if (beat_opt.format_set && !beat_opt.quiet) {
		o = beat_out_new(stdout, year_cols);
		for (i = 0; i < nyears; i++) {
			beat_out_int(o, years[i]);
			beat_out_end_row(o);
		}
		beat_out_finish(o);
	}
	for (i = 0; i < nyears && !beat_opt.quiet && !beat_opt.format_set; i++)
		printf("%d\n", years[i]);
	/* Nothing is touched: the years above are all it prints. */
	beat_opt.format_set = 0;
	beat_db_commit(db);
	beat_calendar_free(nt);
	beat_db_close(db);
	if (!beat_opt.quiet && !existed)
		fprintf(stderr, _("db-init: %s: created, schema version %d\n"),
		    path, beat_schema_version());
	else if (!beat_opt.quiet && from < beat_schema_version())
		fprintf(stderr, _("db-init: %s: upgraded from schema version %d to %d\n"),
		    path, from, beat_schema_version());
	else if (!beat_opt.quiet && refchanged)
		fprintf(stderr, _("db-init: %s: reference data updated\n"), path);
	if (!beat_opt.quiet && code != NULL)
		fprintf(stderr, _("db-init: %s: station code %s, %lld records stamped\n"),
		    path, code, stamped);
	beat_exit(BEAT_EX_OK);
}
