/* patrol-gaps: checkpoints and hours of the day that no patrol covered within a window. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_HOURS = 256, OPT_AT };

static const struct beat_opt opts[] = {
	{ "hours", OPT_HOURS, 1, "N", N_("the window: this many hours before --at (default: setting patrol_window_hours)") },
	{ "at", OPT_AT, 1, "DATE", N_("the end of the window (default: now)") },
	{ 0 }
};

static const struct beat_cli cli = {
	"[--hours N] [--at DATE] [-f FMT] [--no-header] [--bom] [--raw] [--wide] [-d FILE]",
	N_("List the checkpoints not visited and the hours of the day not patrolled within a window."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT,
};

#define HOUR 3600LL
#define NEVER LLONG_MIN

static const char *const columns[] = { "kind", "what", "last_seen", NULL };
static struct beat_out *out;

static void
gap(const char *kind, const char *what, const char *last_seen)
{
	beat_out_str(out, kind);
	beat_out_str(out, what);
	beat_out_str(out, last_seen);
	beat_out_end_row(out);
}

static void
unvisited(const char *route, const char *checkpoint, const char *last_seen, void *arg)
{
	char *what = beat_xasprintf("%s/%s", route, checkpoint);

	gap("checkpoint", what, last_seen);
	free(what);
}

/* Hours of the day in the window [from, to) with no patrol under way. */
static void
hours(struct beat_conn *db, long long from, long long to)
{
	int inwin[24] = { 0 }, want[24] = { 0 }, h, any = 0;
	long long covered[24], last[24];
	char a[20], hh[3];

	/* a window shorter than a day checks only the hours it contains */
	beat_hours_touched(from, to, inwin);
	beat_patrol_hours(db, from, to, covered);
	for (h = 0; h < 24; h++) {
		want[h] = inwin[h] && covered[h] == 0;
		any |= want[h];
		last[h] = NEVER;
	}
	if (!any)
		return;
	beat_patrol_last_seen(db, to, want, last);
	for (h = 0; h < 24; h++) {
		if (!want[h])
			continue;
		snprintf(hh, sizeof(hh), "%02d", h);
		if (last[h] != NEVER)
			beat_time_text(last[h], a);
		gap("hour", hh, last[h] != NEVER ? a : NULL);
	}
}

int
main(int argc, char **argv)
{
	const char *at = NULL, *hopt = NULL;
	char buf[20], from_text[20], to_text[20];
	long long n, to, from;
	struct beat_conn *db;
	int c;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case OPT_AT:
			at = optarg;
			break;
		case OPT_HOURS:
			hopt = optarg;
			break;
		}
	}
	if (optind < argc)
		beat_usage_error(_("unexpected operand '%s'"), argv[optind]);
	/* ten years is more than any window a station keeps */
	n = hopt ? beat_num(hopt, 1, 24 * 366 * 10, "--hours") : 0;
	to = beat_now();
	if (at != NULL) {
		beat_arg_time(at, "--at", buf);
		beat_text_time(buf, &to);	/* a time beat_arg_time made */
	}
	db = beat_db_open(BEAT_DB_READ);
	if (hopt == NULL && ((n = beat_setting_int(db, "patrol_window_hours")) < 1))
		beat_errx(BEAT_EX_DATA, _("setting 'patrol_window_hours' must be at least 1"));
	from = to - n * HOUR;
	beat_time_text(from, from_text);
	beat_time_text(to, to_text);
	/* no gaps still prints the header (json: []), as every list does */
	out = beat_out_new(stdout, columns);
	beat_out_codes(out, NULL, "kind", "gap_kind");
	beat_patrol_unvisited(db, from_text, to_text, unvisited, NULL);
	hours(db, from, to);
	beat_db_close(db);
	beat_exit(beat_out_finish(out) > 0 ? BEAT_EX_NONE : BEAT_EX_OK);
}
