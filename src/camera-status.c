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

static void
import_file(struct beat_conn *db, const char *path)
{
	struct beat_csv *r = beat_csv_open(path, encoding, csv_cols);
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
		kind = beat_camera_kind(db, s);
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
		if (beat_camera_put(db, code, kind, beat_csv_value(r, C_PLACE), village, status, seen))
			touch_once(code);
		free(kind);
	}
	beat_csv_close(r);
}

static void
camera_row(const struct beat_camera *c, void *arg)
{
	struct beat_out *o = arg;

	beat_out_str(o, c->code);
	beat_out_str(o, c->kind);
	beat_out_str(o, c->place);
	beat_out_str(o, c->village);
	beat_out_str(o, c->status);
	beat_out_str(o, c->seen_at);
	if (c->reason != NULL)
		beat_out_str(o, c->reason);
	beat_out_end_row(o);
}

/* Every camera, or with a cutoff the offline ones and why. */
static size_t
list_cameras(struct beat_conn *db, const char *cutoff)
{
	struct beat_out *o;

	o = beat_out_new(stdout, cutoff ? offline_cols : camera_cols);
	beat_out_codes(o, db, "kind", "camera_kind");
	beat_out_codes(o, db, "status", "camera_status");
	if (cutoff)
		beat_out_codes(o, db, "reason", "camera_reason");
	beat_camera_each(db, cutoff, camera_row, o);
	return beat_out_finish(o);
}

static void
kind_row(const char *kind, long long total, long long online, void *arg)
{
	struct beat_out *o = arg;
	char rate[32];

	beat_out_str(o, kind);
	beat_out_int(o, total);
	beat_out_int(o, online);
	beat_out_int(o, total - online);
	if (total > 0)
		beat_out_num(o, beat_tenths(100 * online, total, rate));
	else
		beat_out_null(o);
	beat_out_end_row(o);
}

static size_t
summary(struct beat_conn *db, const char *cutoff)
{
	struct beat_out *o = beat_out_new(stdout, summary_cols);
	size_t all;

	beat_out_codes(o, db, "kind", "camera_kind");
	all = beat_camera_kinds(db, cutoff, kind_row, o);
	beat_out_finish(o);
	return all;
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
