/* cli.c: the options every command shares, help generated from one table. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "beat.h"

extern char *program_invocation_short_name;

struct beat_common beat_opt;

enum {
	OPT_NO_HEADER = 1000,
	OPT_BOM,
	OPT_RAW,
	OPT_WIDE,
	OPT_REVEAL,
	OPT_VERSION,
};

static const struct beat_opt shared_opts[] = {
	{ "db", 'd', 1, "FILE", N_("the database (default: $BEAT_DB, else $XDG_DATA_HOME/beat/beat.db)") },
	{ "format", 'f', 1, "FMT", N_("output format: table, tsv, csv or json") },
	{ "no-header", OPT_NO_HEADER, 0, NULL, N_("leave out the header line of tsv, csv and table") },
	{ "bom", OPT_BOM, 0, NULL, N_("begin csv output with a UTF-8 byte-order mark, for Excel") },
	{ "raw", OPT_RAW, 0, NULL, N_("csv cells starting with = + - @ as stored, not made inert for spreadsheets") },
	{ "wide", OPT_WIDE, 0, NULL, N_("on a terminal, show a table's last text column whole instead of cutting it") },
	{ "quiet", 'q', 0, NULL, N_("do not print the identifiers of changed records") },
	{ "reveal", OPT_REVEAL, 0, NULL, N_("show ID-card and phone numbers unmasked (audited)") },
	{ "help", 'h', 0, NULL, N_("print this help and exit") },
	{ "version", OPT_VERSION, 0, NULL, N_("print the version and exit") },
};

/* -f for a command that also writes its own HTML page (BEAT_CLI_HTML). */
static const struct beat_opt html_format = {
	"format", 'f', 1, "FMT", N_("output format: table, tsv, csv, json or html")
};

/* Which BEAT_CLI_* flag brings each shared option in; 0: always. */
static unsigned
shared_flag(int key)
{
	switch (key) {
	case 'd':
		return BEAT_CLI_DB;
	case 'f':
	case OPT_NO_HEADER:
	case OPT_BOM:
	case OPT_RAW:
	case OPT_WIDE:
		return BEAT_CLI_FORMAT;
	case 'q':
		return BEAT_CLI_QUIET;
	case OPT_REVEAL:
		return BEAT_CLI_REVEAL;
	}
	return 0;
}

void
beat_init(int argc, char **argv)
{
	const char *dir;

	/*
	 * Only what beat uses of the user's locale: the characters and the
	 * messages.  Numbers, dates and sorting stay C's, so that output is
	 * the same bytes in any locale; and each category set costs a start
	 * some system calls.
	 */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
	/* The build's or the prefix's catalogues, chosen when linking. */
	if ((dir = getenv("BEAT_LOCALEDIR")) == NULL || *dir == '\0')
		dir = beat_localedir;
	bindtextdomain("beat", dir);
	bind_textdomain_codeset("beat", "UTF-8");
	textdomain("beat");
	beat_opt.argc = argc;
	beat_opt.argv = argv;
}

void
beat_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	beat_vwarnx(fmt, ap);
	va_end(ap);
	fprintf(stderr, _("Try '%s --help' for more information.\n"),
	    program_invocation_short_name);
	exit(BEAT_EX_USAGE);
}

/* Where an option's help starts, and the widest a help line may be. */
#define HELP_COL	30
#define HELP_END	79

/* Whether the character at p, n bytes long, is one of set (UTF-8). */
static int
one_of(const char *p, int n, const char *set)
{
	return memmem(set, strlen(set), p, n) != NULL;
}

/*
 * Whether a line may end before the character at q, after the one at
 * prev: at a space, or beside a wide character (Chinese needs no space
 * to break at), but not before closing punctuation nor after opening.
 */
static int
may_break(const char *prev, int pn, int pw, const char *q, int qn, int qw)
{
	if (*q == ' ')
		return 1;
	if (*prev == ' ')
		return 0;
	if (pw < 2 && qw < 2)
		return 0;
	return !one_of(q, qn, "\xef\xbc\x8c\xe3\x80\x82\xe3\x80\x81\xef\xbc\x9b\xef\xbc\x9a"
	    "\xef\xbc\x81\xef\xbc\x9f\xef\xbc\x89\xe3\x80\x8d\xe3\x80\x8f\xe3\x80\x91"
	    "\xe3\x80\x8b\xe2\x80\x9d\xe2\x80\x99\xe2\x80\xa6,.;:!?)]}") &&
	    !one_of(prev, pn, "\xef\xbc\x88\xe3\x80\x8c\xe3\x80\x8e\xe3\x80\x90\xe3\x80\x8a"
	    "\xe2\x80\x9c\xe2\x80\x98([{");
}

/*
 * Text from column indent, wrapped before HELP_END; continuation lines
 * start at indent too, so that wrapped help never looks like an option.
 * A word longer than a line is broken where it must be.
 */
static void
wrap_text(const char *s, int indent)
{
	const char *p = s, *q, *prev, *end;
	int n, pn = 0, cw, pw = 0, w;

	while (*p != '\0') {
		end = NULL;
		w = 0;
		for (q = prev = p; *q != '\0'; prev = q, pn = n, pw = cw, q += n) {
			cw = beat_char_width(q, &n);
			if (q > p && may_break(prev, pn, pw, q, n, cw))
				end = q;
			if (w + cw > HELP_END - indent)
				break;
			w += cw;
		}
		if (*q == '\0')
			end = q;
		else if (end == NULL)
			end = q > p ? q : q + n;
		for (q = end; q > p && q[-1] == ' '; q--)
			;
		printf("%.*s\n", (int)(q - p), p);
		for (p = end; *p == ' '; p++)
			;
		if (*p != '\0')
			printf("%*s", indent, "");
	}
}

static void
help_line(const struct beat_opt *o)
{
	char lhs[64];
	int n, w;

	if (o->key < 256 && isalnum(o->key))
		n = snprintf(lhs, sizeof(lhs), "  -%c, --%s", o->key, o->name);
	else
		n = snprintf(lhs, sizeof(lhs), "      --%s", o->name);
	if (o->has_arg && n < (int)sizeof(lhs))
		snprintf(lhs + n, sizeof(lhs) - n, " %s", o->arg ? o->arg : "ARG");
	w = beat_width(lhs);
	printf("%s", lhs);
	if (w >= HELP_COL - 2) {
		printf("\n");
		w = 0;
	}
	printf("%*s", HELP_COL - w, "");
	wrap_text(_(o->help), HELP_COL);
}

/*
 * One form of the synopsis from column lead, wrapped before 80 columns at a space outside
 * brackets, so "[--checkpoint C]..." stays whole; continuation lines are
 * indented past the program name, so only a form's first line names it.
 */
static void
usage_form(int lead, const char *form, size_t len)
{
	const char *p = form, *e = form + len, *q;
	int indent, col, depth;

	col = indent = lead + beat_width(program_invocation_short_name) + 1;
	printf("%s", program_invocation_short_name);
	while (p < e) {
		while (p < e && *p == ' ')
			p++;
		for (q = p, depth = 0; q < e && (*q != ' ' || depth > 0); q++)
			depth += *q == '[' ? 1 : *q == ']' ? -1 : 0;
		if (q == p)
			break;
		if (col > indent && col + 1 + (q - p) > 79) {
			printf("\n%*s", indent - 1, "");
			col = indent - 1;
		}
		printf(" %.*s", (int)(q - p), p);
		col += 1 + (int)(q - p);
		p = q;
	}
	putchar('\n');
}

void
beat_help(const struct beat_cli *cli)
{
	const struct beat_opt *o;
	const char *p, *nl;
	int lead = beat_width(_("Usage:")) + 1;
	size_t i;

	for (p = cli->synopsis; ; p = nl + 1) {
		nl = strchr(p, '\n');
		if (p == cli->synopsis)
			printf("%s ", _("Usage:"));
		else
			printf("%*s", lead, "");
		usage_form(lead, p, nl ? (size_t)(nl - p) : strlen(p));
		if (nl == NULL)
			break;
	}
	wrap_text(_(cli->purpose), 0);
	printf("\n%s\n", _("Options:"));
	for (o = cli->opts; o && o->name; o++)
		help_line(o);
	for (i = 0; i < sizeof(shared_opts) / sizeof(shared_opts[0]); i++)
		if ((shared_flag(shared_opts[i].key) & ~cli->shared) != 0)
			continue;
		else if (shared_opts[i].key == 'f' && (cli->shared & BEAT_CLI_HTML))
			help_line(&html_format);
		else
			help_line(&shared_opts[i]);
	printf(_("\nSee %s(1) and beat(7).\n"), program_invocation_short_name);
	beat_exit(BEAT_EX_OK);
}

const struct beat_opt *
beat_shared_opt(const struct beat_cli *cli, size_t i)
{
	size_t k;

	for (k = 0; k < sizeof(shared_opts) / sizeof(shared_opts[0]); k++)
		if ((shared_flag(shared_opts[k].key) & ~cli->shared) == 0 && i-- == 0)
			return &shared_opts[k];
	return NULL;
}

static enum beat_format
parse_format(const char *s, unsigned shared)
{
	static const char *const names[] = { "", "table", "tsv", "csv", "json" };
	size_t i;

	for (i = 1; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (enum beat_format)i;
	if ((shared & BEAT_CLI_HTML) && strcmp(s, "html") == 0)
		return BEAT_FMT_HTML;
	if (shared & BEAT_CLI_HTML)
		beat_usage_error(_("unknown format '%s' (table, tsv, csv, json or html)"), s);
	beat_usage_error(_("unknown format '%s' (table, tsv, csv or json)"), s);
}

/* Shared options and the command's own, for getopt_long, built once. */
static struct option *longopts;
static char *shortopts;

static void
build_tables(const struct beat_cli *cli)
{
	const struct beat_opt *o;
	size_t n = 0, i, k = 0, s = 0;

	for (o = cli->opts; o && o->name; o++)
		n++;
	n += sizeof(shared_opts) / sizeof(shared_opts[0]);
	longopts = beat_xmalloc((n + 1) * sizeof(*longopts));
	shortopts = beat_xmalloc(3 * n + 2);
	shortopts[s++] = ':';
	for (i = 0; i < n; i++) {
		size_t own = n - sizeof(shared_opts) / sizeof(shared_opts[0]);

		o = i < own ? &cli->opts[i] : &shared_opts[i - own];
		if (i >= own && (shared_flag(o->key) & ~cli->shared) != 0)
			continue;
		longopts[k].name = o->name;
		longopts[k].has_arg = o->has_arg ? required_argument : no_argument;
		longopts[k].flag = NULL;
		longopts[k].val = o->key;
		k++;
		if (o->key < 256 && isalnum(o->key)) {
			shortopts[s++] = (char)o->key;
			if (o->has_arg)
				shortopts[s++] = ':';
		}
	}
	memset(&longopts[k], 0, sizeof(*longopts));
	shortopts[s] = '\0';
}

/*
 * A long option getopt_long refused: unknown, an abbreviation of more
 * than one (we list them, in our words and language, not glibc's), or
 * given a value it does not take.
 */
/*
 * Whether getopt_long refused the long option arg rather than a letter of
 * the next cluster (in "--ids -xq", optind stays on "-xq" while it reads
 * x): optopt is 0 for an unknown or ambiguous name, the option's value
 * for one given a value it does not take.
 */
static int
long_refused(const char *arg, int opt)
{
	const struct option *lo;
	size_t len;

	if (strncmp(arg, "--", 2) != 0)
		return 0;
	if (opt == 0 || opt >= 256)
		return 1;
	len = strcspn(arg + 2, "=");
	for (lo = longopts; lo->name != NULL; lo++)
		if (lo->val == opt && strncmp(lo->name, arg + 2, len) == 0)
			return 1;
	return 0;
}

static void BEAT_NORETURN
bad_long(const char *arg)
{
	const struct option *lo, *exact = NULL, *first = NULL;
	const char *name = arg + 2;
	size_t len = strcspn(name, "="), n = 0;
	char *list, *t;

	for (lo = longopts; lo->name != NULL; lo++) {
		if (strncmp(lo->name, name, len) != 0)
			continue;
		if (strlen(lo->name) == len)
			exact = lo;
		if (n++ == 0)
			first = lo;
	}
	if (n == 0)
		beat_usage_error(_("unknown option '%s'"), arg);
	if (exact != NULL || n == 1)
		beat_usage_error(_("option '--%s' takes no argument"),
		    (exact ? exact : first)->name);
	list = beat_xstrdup("");
	for (lo = longopts; lo->name != NULL; lo++)
		if (strncmp(lo->name, name, len) == 0) {
			t = beat_xasprintf("%s%s--%s", list, *list ? " " : "", lo->name);
			free(list);
			list = t;
		}
	beat_usage_error(_("option '--%.*s' is ambiguous; possibilities: %s"),
	    (int)len, name, list);
}

int
beat_getopt(int argc, char **argv, const struct beat_cli *cli)
{
	int c;

	if (longopts == NULL) {
		if (getenv("BEAT_COMPLETE") != NULL)
			beat_complete(cli, argc, argv);
		build_tables(cli);
		opterr = 0;
	}
	for (;;) {
		c = getopt_long(argc, argv, shortopts, longopts, NULL);
		switch (c) {
		case -1:
			if (beat_opt.bom && beat_opt.format != BEAT_FMT_CSV)
				beat_usage_error(_("--bom goes with --format csv"));
			if (beat_opt.raw && beat_opt.format != BEAT_FMT_CSV)
				beat_usage_error(_("--raw goes with --format csv"));
			if (beat_opt.format == BEAT_FMT_DEFAULT)
				beat_opt.format = isatty(STDOUT_FILENO) ?
				    BEAT_FMT_TABLE : BEAT_FMT_TSV;
			return -1;
		case 'd':
			beat_opt.db = optarg;
			break;
		case 'f':
			/* A command's own -f (report-monthly: text or html). */
			if ((cli->shared & BEAT_CLI_FORMAT) == 0)
				return c;
			beat_opt.format = parse_format(optarg, cli->shared);
			beat_opt.format_set = 1;
			break;
		case OPT_NO_HEADER:
			beat_opt.no_header = 1;
			break;
		case OPT_BOM:
			beat_opt.bom = 1;
			break;
		case OPT_RAW:
			beat_opt.raw = 1;
			break;
		case OPT_WIDE:
			beat_opt.wide = 1;
			break;
		case 'q':
			beat_opt.quiet = 1;
			break;
		case OPT_REVEAL:
			beat_opt.reveal = 1;
			break;
		case 'h':
			beat_help(cli);
			break;
		case OPT_VERSION:
			printf("%s (beat) %s\n", program_invocation_short_name, BEAT_VERSION);
			beat_exit(BEAT_EX_OK);
			break;
		case ':':
			beat_usage_error(_("option '%s' needs an argument"), argv[optind - 1]);
			break;
		case '?':
			if (long_refused(argv[optind - 1], optopt))
				bad_long(argv[optind - 1]);
			beat_usage_error(_("unknown option '-%c'"), optopt);
			break;
		default:
			return c;
		}
	}
}

long long
beat_num(const char *s, long long min, long long max, const char *what)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || errno == ERANGE || v < min || v > max)
		beat_usage_error(_("%s: '%s' is not a number from %lld to %lld"),
		    what, s, min, max);
	return v;
}

/* The first field of a line, blanks around it removed; NULL if blank. */
static char *
first_field(char *line)
{
	char *end;

	line += strspn(line, " \t\r\n");
	if (*line == '\0')
		return NULL;
	end = line + strcspn(line, " \t\r\n");
	*end = '\0';
	return line;
}

size_t
beat_operands(int argc, char **argv, void (*fn)(const char *, void *), void *arg)
{
	char *line = NULL, *id;
	size_t cap = 0, n = 0;
	int i, stdin_done = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-") != 0) {
			fn(argv[i], arg);
			n++;
			continue;
		}
		if (stdin_done++)
			continue;
		while (getline(&line, &cap, stdin) != -1) {
			if ((id = first_field(line)) == NULL)
				continue;
			fn(id, arg);
			n++;
		}
		if (ferror(stdin))
			beat_err(BEAT_EX_IO, _("standard input"));
	}
	free(line);
	return n;
}

struct set {
	char **v;
	size_t n, cap;
};

static void
set_add(const char *id, void *arg)
{
	struct set *s = arg;

	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = beat_xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = beat_xstrdup(id);
}

/* By text, then by place in the vector, so the first of equals leads. */
static int
by_text(const void *a, const void *b)
{
	char *const *x = *(char *const *const *)a, *const *y = *(char *const *const *)b;
	int c = strcmp(*x, *y);

	return c != 0 ? c : (x > y) - (x < y);
}

/*
 * Repeats are found by sorting, not by comparing each new item with all
 * before it: a bureau pipes 100k case numbers, and n^2 / 2 comparisons
 * took 18 s.
 */
char **
beat_operand_set(int argc, char **argv, size_t *n)
{
	struct set s = { NULL, 0, 0 };
	char ***order;
	size_t i, j;

	beat_operands(argc, argv, set_add, &s);
	if (s.n > 1) {
		order = beat_xmalloc(s.n * sizeof(*order));
		for (i = 0; i < s.n; i++)
			order[i] = &s.v[i];
		qsort(order, s.n, sizeof(*order), by_text);
		for (i = 1; i < s.n; i++)
			if (strcmp(*order[i], *order[i - 1]) == 0) {
				free(*order[i]);
				*order[i] = NULL;
				/* Keep the run's first as the one compared. */
				order[i] = order[i - 1];
			}
		free(order);
		for (i = j = 0; i < s.n; i++)
			if (s.v[i] != NULL)
				s.v[j++] = s.v[i];
		s.n = j;
	}
	*n = s.n;
	return s.v;
}
