/* case-list: select dispute cases by filters; print rows or just their numbers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum {
	OPT_STATUS = 256, OPT_LEVEL, OPT_VILLAGE, OPT_OFFICER, OPT_TYPE,
	OPT_SINCE, OPT_UNTIL, OPT_OVERDUE, OPT_ESCALATE_DUE, OPT_IDS,
};

static const struct beat_opt opts[] = {
	{ "status", OPT_STATUS, 1, "STATUS", N_("open, closed or all (default: open; all with --overdue)") },
	{ "level", OPT_LEVEL, 1, "LEVEL", N_("cases at this level: police, township, resident, consultation") },
	{ "village", OPT_VILLAGE, 1, "VILLAGE", N_("cases of this village (name or code)") },
	{ "officer", OPT_OFFICER, 1, "OFFICER", N_("cases of this officer (badge or name)") },
	{ "type", OPT_TYPE, 1, "TYPE", N_("cases of this dispute type") },
	{ "since", OPT_SINCE, 1, "DATE", N_("cases opened on or after DATE") },
	{ "until", OPT_UNTIL, 1, "DATE", N_("cases opened on or before DATE") },
	{ "overdue", OPT_OVERDUE, 0, NULL, N_("only cases that missed a deadline as of today") },
	{ "escalate-due", OPT_ESCALATE_DUE, 0, NULL, N_("only open cases the rules send to consultation") },
	{ "ids", OPT_IDS, 0, NULL, N_("print case numbers only, one per line") },
	{ 0 }
};

static const struct beat_cli cli = {
	"[--status open|closed|all] [--level L] [--village V] [--officer O] "
	"[--type T] [--since DATE] [--until DATE] [--overdue] [--escalate-due] "
	"[--ids] [-f FMT] [--no-header] [--bom] [-d FILE]",
	N_("Select dispute cases by filters; print them as rows or just their numbers."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT,
};

static const char *const cols[] = {
	"case", "opened", "village", "type", "level", "status", "officer",
	"failed", "due", "summary", NULL,
};

enum { C_ID, C_NUMBER, C_OPENED, C_VILLAGE, C_TYPE, C_LEVEL, C_STATUS, C_OFFICER,
	C_FAILED, C_SUMMARY };

static const char select_sql[] =
    "SELECT d.id, d.number, substr(d.opened_at, 1, 10), v.name, d.type, d.level,"
    " d.status, o.name,"
    " (SELECT count(*) FROM session s WHERE s.dispute_id = d.id AND s.outcome = 'failed'),"
    " d.summary"
    " FROM dispute d JOIN village v ON v.id = d.village_id"
    " JOIN officer o ON o.id = d.officer_id"
    " WHERE (?1 IS NULL OR d.status = ?1)"
    " AND (?2 IS NULL OR d.level = ?2)"
    " AND (?3 < 0 OR d.village_id = ?3)"
    " AND (?4 < 0 OR d.officer_id = ?4)"
    " AND (?5 IS NULL OR d.type = ?5)"
    " AND (?6 IS NULL OR d.opened_at >= ?6)"
    " AND (?7 IS NULL OR d.opened_at < ?7)"
    " ORDER BY d.opened_at, d.year, d.seq";

static const char *status, *level, *village, *officer, *type;
static char since[11], until_next[11];
static int overdue, escalate_due, ids;

static const char *
text(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

/*
 * Whether the row passes the rule-based filters; fills due with the
 * deadline to show: the missed one with --overdue, else the earliest
 * still to be met ("" when none).
 */
static int
rules_pass(sqlite3 *db, sqlite3_stmt *st, long today, char *due, size_t n)
{
	struct beat_deadline d[16];
	long long id = sqlite3_column_int64(st, C_ID);
	char day[11], *why;
	int k = 0;

	/* The rule itself knows that closed cases and consultation owe none. */
	if (escalate_due) {
		if ((why = beat_consult_reason(db, id)) == NULL)
			return 0;
		free(why);
	}
	if (overdue)
		k = beat_case_overdue(db, id, today, &d[0]);
	else
		k = beat_case_deadlines(db, id, d, 16);
	if (overdue && k == 0)
		return 0;
	*due = '\0';
	if (k > 0) {
		beat_day_text(d[0].due, day);
		snprintf(due, n, "%s %s", day, d[0].what);
	}
	return 1;
}

static size_t
list(sqlite3 *db, long long village_id, long long officer_id)
{
	struct beat_out *o = NULL;
	sqlite3_stmt *st;
	long today = beat_today();
	size_t matched = 0;
	char due[64];
	int i;

	st = beat_prepare(db, select_sql);
	beat_bind(st, "ssllsbb", strcmp(status, "all") == 0 ? NULL : status, level,
	    village_id, officer_id, type, since, until_next);
	while (beat_step(st)) {
		if (!rules_pass(db, st, today, due, sizeof(due)))
			continue;
		matched++;
		if (ids) {
			printf("%s\n", text(st, C_NUMBER));
			continue;
		}
		/* Made at the first match, so no match prints nothing at all. */
		if (o == NULL)
			o = beat_out_new(stdout, cols);
		for (i = C_NUMBER; i <= C_OFFICER; i++)
			beat_out_str(o, text(st, i));
		beat_out_int(o, sqlite3_column_int64(st, C_FAILED));
		beat_out_str(o, *due ? due : NULL);
		beat_out_str(o, text(st, C_SUMMARY));
		beat_out_end_row(o);
	}
	sqlite3_finalize(st);
	if (o != NULL)
		beat_out_finish(o);
	return matched;
}

int
main(int argc, char **argv)
{
	long long village_id = -1, officer_id = -1;
	char until[11] = "";
	sqlite3 *db;
	size_t n;
	long day;
	int c;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_ESCALATE_DUE:
			escalate_due = 1;
			break;
		case OPT_IDS:
			ids = 1;
			break;
		case OPT_LEVEL:
			level = optarg;
			break;
		case OPT_OFFICER:
			officer = optarg;
			break;
		case OPT_OVERDUE:
			overdue = 1;
			break;
		case OPT_SINCE:
			beat_arg_date(optarg, "--since", since);
			break;
		case OPT_STATUS:
			status = optarg;
			break;
		case OPT_TYPE:
			type = optarg;
			break;
		case OPT_UNTIL:
			beat_arg_date(optarg, "--until", until);
			break;
		case OPT_VILLAGE:
			village = optarg;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 0)
		beat_usage_error(_("unexpected operand '%s'"), argv[0]);
	if (status != NULL && strcmp(status, "open") != 0 &&
	    strcmp(status, "closed") != 0 && strcmp(status, "all") != 0)
		beat_usage_error(_("--status: '%s' is not open, closed or all"), status);
	if (escalate_due && status != NULL && strcmp(status, "open") != 0)
		beat_usage_error(_("--escalate-due lists open cases only"));
	/* Closed cases still owe a follow-up visit, so --overdue looks at all. */
	if (status == NULL)
		status = overdue ? "all" : "open";
	if (*until != '\0' && beat_text_day(until, &day) == 0)
		beat_day_text(day + 1, until_next);

	db = beat_db_open(BEAT_DB_READ);
	if (level != NULL)
		beat_code_check(db, "level", level, "--level");
	if (type != NULL)
		beat_code_check(db, "dispute_type", type, "--type");
	if (village != NULL)
		village_id = beat_village_id(db, village);
	if (officer != NULL)
		officer_id = beat_officer_id(db, officer);
	n = list(db, village_id, officer_id);
	beat_db_close(db);
	beat_exit(n > 0 ? BEAT_EX_OK : BEAT_EX_NONE);
}
