/* case-dossier: the archive file (卷宗) of dispute cases as one HTML page for A4 printing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

static const struct beat_opt opts[] = {
	{ "output", 'o', 1, "FILE", N_("write to FILE, replaced atomically (default: stdout)") },
	{ 0 }
};

static const struct beat_cli cli = {
	"CASE... | - [--reveal] [-f FMT] [-o FILE] [-d FILE]",
	N_("Print the archive file of dispute cases (cover, contents, registration, session records, hand-off letters, agreement, judicial confirmation, follow-up) as one HTML page for A4 printing."),
	opts, BEAT_CLI_DB | BEAT_CLI_FORMAT | BEAT_CLI_HTML | BEAT_CLI_REVEAL,
};

static const char *const contents_cols[] = {
	"case", "seq", "document", "date", "sheet", "sheets", NULL,
};

int
main(int argc, char **argv)
{
	struct beat_atomic *a = NULL;
	struct beat_out *o;
	const char *output = NULL;
	char **cases, *what;
	long long *ids;
	size_t i, n;
	struct beat_conn *db;
	FILE *fp = stdout;
	int c;

	beat_init(argc, argv);
	while ((c = beat_getopt(argc, argv, &cli)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		beat_usage_error(_("no case given (CASE..., or - to read them from stdin)"));
	cases = beat_operand_set(argc, argv, &n);
	if (n == 0)
		beat_usage_error(_("no case on standard input"));

	/* Before the database is opened, which tightens the umask. */
	if (output != NULL && strcmp(output, "-") != 0) {
		a = beat_atomic_open(output);
		fp = beat_atomic_fp(a);
	}
	/* --reveal is audited, and the audit row is a write. */
	db = beat_db_open(beat_opt.reveal ? BEAT_DB_WRITE : BEAT_DB_READ);
	ids = beat_case_ids_read(db, cases, n);

	/* The page unless -f asks for its contents as a table. */
	if (beat_opt.format_set && beat_opt.format != BEAT_FMT_HTML) {
		o = beat_out_new(fp, contents_cols);
		for (i = 0; i < n; i++)
			beat_dossier_contents(o, db, ids[i]);
		beat_out_finish(o);
	} else {
		what = n == 1 ? beat_xasprintf("矛盾纠纷调解卷宗 %s", cases[0]) :
		    beat_xasprintf("矛盾纠纷调解卷宗 %s 等 %zu 卷", cases[0], n);
		beat_dossier_begin(fp, what);
		free(what);
		for (i = 0; i < n; i++)
			beat_dossier_case(fp, db, ids[i], beat_opt.reveal);
		beat_dossier_end(fp);
	}
	if (a != NULL)
		beat_atomic_commit(a);
	beat_db_close(db);
	for (i = 0; i < n; i++)
		free(cases[i]);
	free(cases);
	free(ids);
	beat_exit(BEAT_EX_OK);
}
