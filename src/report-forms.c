/* report-forms: the statistics forms of a month, quarter or year, as rows or a printable page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

enum { OPT_FORM = 256, OPT_PERIOD };

static const struct beat_opt opts[] = {
	{ "period", OPT_PERIOD, 1, "PERIOD", N_("YYYY-MM, YYYY-Qn or YYYY (required)") },
	{ "form", OPT_FORM, 1, "FORM", N_("mediation, police or incidents (required)") },
	{ "output", 'o', 1, "FILE", N_("write to FILE, replaced atomically (default: stdout)") },
	{ 0 }
};

static const struct beat_cli cli = {
	"--period YYYY-MM|YYYY-Qn|YYYY --form mediation|police|incidents\n"
	"[-f table|tsv|csv|json|html] [--no-header] [--bom] [--raw] [--wide] [-o FILE] [-d FILE]",
	N_("Print a statistics form: mediation by dispute type, police-level mediation, "
	    "or valid incidents by category and month."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_HTML,
};

/*
 * The rows through the shared writer: codes and numbers for scripts; the
 * table, which is for people, has the reference data's labels and
 * translated headings instead.
 */
static size_t
rows(FILE *fp, const struct beat_form *f)
{
	struct beat_out *o;
	const char **cols = (const char **)f->cols;
	char cell[32];
	size_t i, j;
	int table = beat_opt.format == BEAT_FMT_TABLE;

	if (table && f->heads != NULL) {
		cols = beat_xmalloc((f->ncols + 1) * sizeof(*cols));
		for (j = 0; j < f->ncols; j++)
			cols[j] = _(f->heads[j]);
		cols[j] = NULL;
	}
	o = beat_out_new(fp, cols);
	for (i = 0; i < f->nrows; i++) {
		beat_out_str(o, table ? f->rows[i].label : f->rows[i].code);
		for (j = 1; j < f->ncols; j++) {
			beat_form_cell(f, i, j, cell);
			if (*cell == '\0')
				beat_out_null(o);
			else
				beat_out_num(o, cell);
		}
		beat_out_end_row(o);
	}
	if (cols != (const char **)f->cols)
		free(cols);
	return beat_out_finish(o);
}

static void
page(FILE *fp, struct beat_conn *db, const struct beat_form *f, const struct beat_form_period *p)
{
	char made[20], a[11], b[11], *station, *period;

	beat_day_text(p->first, a);
	beat_day_text(p->next - 1, b);
	period = beat_xasprintf(_("%s (%s to %s)"), p->name, a, b);
	beat_time_text(beat_now(), made);
	made[16] = '\0';	/* to the minute */
	station = beat_station_name(db);
	beat_form_html(fp, f, station, period, made);
	free(station);
	free(period);
}

int
main(int argc, char **argv)
{
	struct beat_atomic *a = NULL;
	struct beat_form_period p;
	struct beat_form f;
	const char *period = NULL, *form = NULL, *output = NULL;
	FILE *fp = stdout;
	struct beat_conn *db;
	int c;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case OPT_FORM:
			form = optarg;
			break;
		case OPT_PERIOD:
			period = optarg;
			break;
		}
	}
	if (optind < argc)
		beat_usage_error(_("unexpected operand '%s'"), argv[optind]);
	if (period == NULL || form == NULL)
		beat_usage_error(_("--period and --form are required"));
	if (beat_form_period(period, &p) == -1)
		beat_usage_error(_("--period: '%s' is not YYYY-MM, YYYY-Qn or YYYY"), period);
	if (strcmp(form, "mediation") != 0 && strcmp(form, "police") != 0 &&
	    strcmp(form, "incidents") != 0)
		beat_usage_error(_("--form: '%s' is not mediation, police or incidents"), form);
	/* Before the database is opened, which tightens the umask. */
	if (output != NULL && strcmp(output, "-") != 0) {
		a = beat_atomic_open(output);
		fp = beat_atomic_fp(a);
	}
	db = beat_db_open(BEAT_DB_READ | BEAT_DB_QUERY_ONLY);
	beat_form_gather(db, form, &p, &f);
	if (beat_opt.format == BEAT_FMT_HTML)
		page(fp, db, &f, &p);
	else
		rows(fp, &f);
	if (a != NULL)
		beat_atomic_commit(a);
	beat_form_free(&f);
	beat_db_close(db);
	beat_exit(BEAT_EX_OK);
}
