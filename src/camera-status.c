/* camera-status: load the camera registry and status; list what is offline. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "beat.h"

enum { OPT_ENCODING = 256, OPT_HOURS, OPT_IMPORT, OPT_OFFLINE, OPT_SUMMARY };

static const struct beat_opt opts[] = {
	{ "import", OPT_IMPORT, 1, "FILE", N_("load cameras from CSV: code,kind,place,village[,status,seen_at]") },
	{ "encoding", OPT_ENCODING, 1, "ENC", N_("encoding of the file: utf-8, gbk or gb18030 (default: detected)") },
	{ "offline", OPT_OFFLINE, 0, NULL, N_("list cameras offline or not seen within the window") },
	{ "hours", OPT_HOURS, 1, "N", N_("the window in hours (default: setting camera_offline_hours)") },
	{ "summary", OPT_SUMMARY, 0, NULL, N_("the online rate of each kind of camera") },
	{ 0 }
};

static const struct beat_cli cli = {
	"--import FILE [--encoding ENC] [-q] [-f FMT] [-d FILE]\n"
	"[--offline | --summary] [--hours N] [-f FMT] [--no-header] [--bom] [--raw] [--wide] [-d FILE]",
	N_("Load the camera registry and status, or list cameras and what is offline."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_QUIET,
};

static const char *import, *encoding;
static const char *hours_arg;
static int oflag, sflag;

enum { C_CODE, C_KIND, C_PLACE, C_VILLAGE, C_STATUS, C_SEEN };

static const struct beat_csv_col csv_cols[] = {
	{ "code|编号|设备编号|摄像机编号", 1 },
	{ "kind|类型|类别|设备类型", 1 },
	{ "place|点位|安装位置|点位名称", 1 },
	{ "village|村社|所属村社", 1 },
	{ "status|状态|在线状态", 0 },
	{ "seen_at|最后在线时间", 0 },
	{ 0 }
};

static const char *const camera_cols[] = {
	"code", "kind", "place", "village", "status", "seen_at", NULL,
};
static const char *const offline_cols[] = {
	"code", "kind", "place", "village", "status", "seen_at", "reason", NULL,
};
static const char *const summary_cols[] = {
	"kind", "total", "online", "offline", "rate", NULL,
};

static const char *
parse_status(const char *s)
{
	if (strcasecmp(s, "online") == 0 || strcmp(s, "在线") == 0)
		return "online";
	if (strcasecmp(s, "offline") == 0 || strcmp(s, "离线") == 0)
		return "offline";
	return NULL;
}

/* Codes printed once, however often a file repeats a camera. */
static void
touch_once(const char *code)
{
	static char **seen;
	static size_t n, cap;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(seen[i], code) == 0)
			return;
	if (n == cap) {
		cap = cap ? 2 * cap : 64;
		seen = beat_xrealloc(seen, cap * sizeof(*seen));
	}
	seen[n++] = beat_xstrdup(code);
	beat_touch(code);
}

/* Only values that differ count as a change, so re-imports print nothing. */
static const char upsert_sql[] =
    "INSERT INTO camera (code, kind, place, village_id, status, seen_at) "
    "VALUES (?1, ?2, ?3, nullif(?4, -1), ?5, ?6) "
    "ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, place = excluded.place, "
    "village_id = excluded.village_id, "
    "status = coalesce(excluded.status, camera.status), "
    "seen_at = coalesce(excluded.seen_at, camera.seen_at) "
    "WHERE camera.kind IS DISTINCT FROM excluded.kind OR camera.place IS DISTINCT FROM excluded.place "
    "OR camera.village_id IS DISTINCT FROM excluded.village_id "
    "OR (excluded.status IS NOT NULL AND camera.status IS DISTINCT FROM excluded.status) "
    "OR (excluded.seen_at IS NOT NULL AND camera.seen_at IS DISTINCT FROM excluded.seen_at)";

static void
import_file(struct beat_conn *db, const char *path)
{
	struct beat_csv *r = beat_csv_open(path, encoding, csv_cols);
	struct beat_stmt *up = beat_prepare(db, upsert_sql);
	const char *file = beat_csv_name(r), *code, *s, *status;
	char now[20], seen[20], *kind;
	long long village;
	long line;

	beat_time_text(beat_now(), now);
	while (beat_csv_row(r)) {
		line = beat_csv_line(r);
		if ((code = beat_csv_value(r, C_CODE)) == NULL)
			beat_errx_at(BEAT_EX_DATA, file, line, _("no camera code"));
		beat_plain_text(file, line, _("camera code"), code);
		beat_plain_text(file, line, _("camera place"), beat_csv_value(r, C_PLACE));
		if ((s = beat_csv_value(r, C_KIND)) == NULL)
			beat_errx_at(BEAT_EX_DATA, file, line, _("no camera kind"));
		kind = beat_query_text(db, "SELECT code FROM camera_kind "
		    "WHERE code = ?1 OR label = ?1", "s", s);
		if (kind == NULL)
			beat_errx_at(BEAT_EX_DATA, file, line,
			    _("unknown camera kind '%s' (skynet 天网, sharpeyes 雪亮工程, social 社会视频)"), s);
		if (beat_csv_value(r, C_PLACE) == NULL)
			beat_errx_at(BEAT_EX_DATA, file, line, _("no place"));
		village = (s = beat_csv_value(r, C_VILLAGE)) != NULL ?
		    beat_lookup_at(db, BEAT_LOOKUP_VILLAGE, s, file, line) : -1;
		status = NULL;
		if ((s = beat_csv_value(r, C_STATUS)) != NULL && (status = parse_status(s)) == NULL)
			beat_errx_at(BEAT_EX_DATA, file, line,
			    _("status '%s' is neither online (在线) nor offline (离线)"), s);
		if ((s = beat_csv_value(r, C_SEEN)) != NULL) {
			if (beat_parse_time(s, seen) == -1)
				beat_errx_at(BEAT_EX_DATA, file, line, _("'%s' is not a time"), s);
		} else if (status != NULL && strcmp(status, "online") == 0)
			memcpy(seen, now, sizeof(seen));	/* online now: seen now */
		else
			seen[0] = '\0';
		beat_bind(up, "ssslsb", code, kind, beat_csv_value(r, C_PLACE), village, status, seen);
		while (beat_step(up))
			;
		if (beat_conn_changes(db) > 0)
			touch_once(code);
		free(kind);
	}
	beat_stmt_free(up);
	beat_csv_close(r);
}

#define CAMERA_SQL(reason) "SELECT c.code, c.kind, c.place, v.name, c.status, c.seen_at" \
	reason " FROM camera c LEFT JOIN village v ON v.id = c.village_id " \
	"WHERE ?1 IS NULL OR NOT " BEAT_SQL_ONLINE " ORDER BY c.code"

/*
 * Every camera, or with a cutoff the offline ones and why: reported
 * offline, never reported (no status), or reported online but not seen
 * since the cutoff (stale).
 */
static size_t
list_cameras(struct beat_conn *db, const char *cutoff)
{
	struct beat_out *o;
	struct beat_stmt *st;

	if (cutoff == NULL)
		st = beat_prepare(db, CAMERA_SQL(""));
	else
		st = beat_prepare(db, CAMERA_SQL(", CASE WHEN c.status = 'offline' "
		    "THEN 'offline' WHEN c.status IS NULL THEN 'never' ELSE 'stale' END"));
	beat_bind(st, "s", cutoff);
	o = beat_out_new(stdout, cutoff ? offline_cols : camera_cols);
	beat_out_codes(o, db, "kind", "camera_kind");
	beat_out_codes(o, db, "status", "camera_status");
	if (cutoff)
		beat_out_codes(o, db, "reason", "camera_reason");
	return beat_out_rows(o, st);
}

static size_t
summary(struct beat_conn *db, const char *cutoff)
{
	struct beat_out *o = beat_out_new(stdout, summary_cols);
	struct beat_stmt *st;
	long long total, online, all = 0;
	char rate[32];

	beat_out_codes(o, db, "kind", "camera_kind");
	st = beat_prepare(db, "SELECT k.code, count(c.id), "
	    "coalesce(sum(CASE WHEN " BEAT_SQL_ONLINE " THEN 1 ELSE 0 END), 0) "
	    "FROM camera_kind k LEFT JOIN camera c ON c.kind = k.code "
	    "GROUP BY k.code ORDER BY k.code");
	beat_bind(st, "s", cutoff);
	while (beat_step(st)) {
		total = beat_stmt_int(st, 1);
		online = beat_stmt_int(st, 2);
		all += total;
		beat_out_str(o, beat_stmt_text(st, 0));
		beat_out_int(o, total);
		beat_out_int(o, online);
		beat_out_int(o, total - online);
		if (total > 0)
			beat_out_num(o, beat_tenths(100 * online, total, rate));
		else
			beat_out_null(o);
		beat_out_end_row(o);
	}
	beat_stmt_free(st);
	beat_out_finish(o);
	return (size_t)all;
}

int
main(int argc, char **argv)
{
	char cutoff[20];
	long long hours;
	struct beat_conn *db;
	size_t rows;
	int c;

	beat_init(argc, argv);
	beat_touch_column("code");
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_ENCODING:
			encoding = optarg;
			break;
		case OPT_HOURS:
			hours_arg = optarg;
			break;
		case OPT_IMPORT:
			import = optarg;
			break;
		case OPT_OFFLINE:
			oflag = 1;
			break;
		case OPT_SUMMARY:
			sflag = 1;
			break;
		}
	}
	if (optind < argc)
		beat_usage_error(_("unexpected operand '%s'"), argv[optind]);
	if (import != NULL && (oflag || sflag || hours_arg))
		beat_usage_error(_("--import does not go with --offline, --summary or --hours"));
	if (encoding != NULL && import == NULL)
		beat_usage_error(_("--encoding goes with --import"));
	if (oflag && sflag)
		beat_usage_error(_("--offline and --summary do not go together"));
	if (hours_arg != NULL && !oflag && !sflag)
		beat_usage_error(_("--hours goes with --offline or --summary"));
	hours = hours_arg ? beat_num(hours_arg, 1, 100000, "--hours") : 0;

	if (import != NULL) {
		db = beat_db_open(BEAT_DB_WRITE);
		beat_db_begin(db);
		import_file(db, import);
		beat_db_commit(db);
		beat_db_close(db);
		beat_exit(BEAT_EX_OK);
	}
	db = beat_db_open(BEAT_DB_READ);
	if (hours == 0)
		hours = beat_setting_int(db, "camera_offline_hours");
	beat_time_text(beat_now() - hours * 3600, cutoff);
	if (sflag)
		rows = summary(db, cutoff);
	else
		rows = list_cameras(db, oflag ? cutoff : NULL);
	beat_db_close(db);
	if (oflag)
		beat_exit(rows > 0 ? BEAT_EX_NONE : BEAT_EX_OK);
	beat_exit(rows > 0 ? BEAT_EX_OK : BEAT_EX_NONE);
}
