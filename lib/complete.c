/* complete.c: what shell completion offers, from each command's own option table. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/*
 * An option's metavariable (struct beat_opt arg) is the type of its
 * value, and an operand's is its word in the synopsis; this table says
 * where each type's values come from.  A type not listed (DATE, N, TEXT,
 * YUAN, ...) completes to nothing, never to file names.  A metavariable
 * written a|b|c is its own list; X[,X...] is a comma list of X.
 */
enum source {
	S_FILES,	/* file names, which the shell lists itself */
	S_LIST,		/* the words of what */
	S_CODES,	/* the codes of a code set of lookup.c, matched by label too */
	S_SQL,		/* column 1 of a query of the station's database, matched by
			   column 2 too; ?1 is the value of option bind on the line */
	S_FORMATS,	/* the shared -f: what cli.c's parse_format accepts */
	S_CASES,	/* case numbers: the open ones for a command that writes */
};

static const struct type {
	const char *name;
	enum source src;
	const char *what;
	const char *bind;
} types[] = {
	{ "FILE", S_FILES, NULL, NULL },
	{ "DEST", S_FILES, NULL, NULL },
	{ "FMT", S_FORMATS, NULL, NULL },
	{ "ENC", S_LIST, "utf-8 gbk gb18030", NULL },
	{ "SRC", S_LIST, "call walkin patrol referral", NULL },
	{ "EVENT", S_LIST, "accepted declined extended checked concluded", NULL },
	{ "STATUS", S_LIST, "open closed all", NULL },
	{ "FORM", S_LIST, "mediation police incidents", NULL },
	{ "KEY", S_LIST, "month week day hour weekday category village", NULL },
	{ "TYPE", S_CODES, "dispute_type", NULL },
	{ "LEVEL", S_CODES, "level", NULL },
	{ "CHANNEL", S_CODES, "channel", NULL },
	{ "CATEGORY", S_CODES, "place_category", NULL },
	{ "SUBKIND", S_CODES, "place_kind", NULL },
	{ "LEDGER", S_CODES, "ledger", NULL },
	{ "RESULT", S_CODES, "inspection_result", NULL },
	{ "SESSION-OUTCOME", S_CODES, "session_outcome", NULL },
	{ "CASE-OUTCOME", S_CODES, "case_outcome", NULL },
	{ "CHANNEL-OUTCOME", S_CODES, "channel_outcome", NULL },
	{ "PREVENTED", S_CODES, "prevented", NULL },
	{ "VILLAGE", S_SQL, "SELECT name, code FROM village ORDER BY name", NULL },
	{ "OFFICER", S_SQL, "SELECT badge, name FROM officer ORDER BY badge", NULL },
	{ "TEAM", S_SQL, "SELECT name, NULL FROM team ORDER BY name", NULL },
	{ "ROUTE", S_SQL, "SELECT name, NULL FROM route ORDER BY name", NULL },
	/* the checkpoints of the --route given, else of every route */
	{ "CHECKPOINT", S_SQL, "SELECT c.name, NULL FROM checkpoint c JOIN route r"
	    " ON r.id = c.route_id WHERE ?1 IS NULL OR r.name = ?1"
	    " GROUP BY c.name ORDER BY min(r.name), min(c.seq)", "route" },
	{ "PLACE", S_SQL, "SELECT name, CAST(id AS TEXT) FROM place ORDER BY name", NULL },
	{ "CASE", S_CASES, NULL, NULL },
};

/*
 * case-close acts on open cases, but these of its options on closed
 * ones: with one of them on the line, the closed cases are offered.
 */
static const char *const on_closed[] = { "followup", "applied", "confirmed", NULL };

/* The command line being completed, its options read as getopt would. */
struct line {
	const struct beat_cli *cli;
	char **w;		/* words; w[0] the command */
	int n, cur;		/* count; the word under the cursor */
	const struct beat_opt **given;	/* the options on the line */
	const char **value;	/* and their values (NULL for none) */
	int ngiven;
	const char **given_ops;	/* the operands before the cursor */
	int operands;
	int ended;		/* "--" came before the cursor */
	const struct beat_opt *pending;	/* the cursor is this option's value */
	const char *word;	/* what to complete: the value after '=' too */
};

/* Candidates offered: value, and the text it is matched by besides. */
struct cands {
	char **v, **alt;
	size_t n, cap;
};

static const struct beat_opt *
nth_opt(const struct beat_cli *cli, size_t i)
{
	size_t own = 0;

	while (cli->opts && cli->opts[own].name)
		own++;
	return i < own ? &cli->opts[i] : beat_shared_opt(cli, i - own);
}

/* By long name, or by a prefix only one option has (as getopt_long). */
static const struct beat_opt *
long_opt(const struct beat_cli *cli, const char *name, size_t len)
{
	const struct beat_opt *o, *found = NULL;
	size_t i;
	int many = 0;

	for (i = 0; (o = nth_opt(cli, i)) != NULL; i++) {
		if (strncmp(o->name, name, len) != 0)
			continue;
		if (o->name[len] == '\0')
			return o;
		many += found != NULL;
		found = o;
	}
	return many ? NULL : found;
}

static const struct beat_opt *
short_opt(const struct beat_cli *cli, int key)
{
	const struct beat_opt *o;
	size_t i;

	for (i = 0; (o = nth_opt(cli, i)) != NULL; i++)
		if (o->key == key)
			return o;
	return NULL;
}

static void
note(struct line *l, const struct beat_opt *o, const char *value)
{
	l->given[l->ngiven] = o;
	l->value[l->ngiven++] = value;
	if (value != NULL && strcmp(o->name, "db") == 0)
		beat_opt.db = value[0] == '~' && value[1] == '/' && getenv("HOME") ?
		    beat_xasprintf("%s%s", getenv("HOME"), value + 1) : value;
}

/*
 * Bash splits "--db=FILE" at the '=' into three words: they are joined
 * again, and a cursor on "=" or after it completes the value.
 */
static void
join_equals(struct line *l, int argc, char **argv, int cur)
{
	int i;

	l->w = beat_xmalloc((argc + 1) * sizeof(*l->w));
	l->n = 0;
	l->cur = -1;
	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) == 0 && i + 1 < argc &&
		    strcmp(argv[i + 1], "=") == 0) {
			int v = i + 2 < argc && cur != i + 1;

			if (cur >= i && cur <= i + 1 + v)
				l->cur = l->n;
			l->w[l->n++] = beat_xasprintf("%s=%s", argv[i], v ? argv[i + 2] : "");
			i += 1 + v;
			continue;
		}
		if (i == cur)
			l->cur = l->n;
		l->w[l->n++] = argv[i];
	}
	if (l->cur < 0) {	/* the cursor past the last word */
		l->cur = l->n;
		l->w[l->n++] = "";
	}
}

static void
read_line(struct line *l, const struct beat_cli *cli, int argc, char **argv, int cur)
{
	const struct beat_opt *o;
	const char *eq, *s;
	int i, ended = 0;

	l->cli = cli;
	join_equals(l, argc, argv, cur);
	l->given = beat_xmalloc(l->n * sizeof(*l->given));
	l->value = beat_xmalloc(l->n * sizeof(*l->value));
	l->given_ops = beat_xmalloc(l->n * sizeof(*l->given_ops));
	/* Options after the cursor count too (-d FILE at the end of the line). */
	for (i = 1; i < l->n; i++) {
		s = l->w[i];
		if (i == l->cur)
			continue;
		if (ended || s[0] != '-' || s[1] == '\0') {
			if (i < l->cur)
				l->given_ops[l->operands++] = s;
			continue;
		}
		if (strcmp(s, "--") == 0) {
			ended = i < l->cur;
			if (i > l->cur)
				break;
			continue;
		}
		if (s[1] == '-') {
			eq = strchr(s, '=');
			o = long_opt(cli, s + 2, eq ? (size_t)(eq - s - 2) : strlen(s + 2));
			if (o == NULL)
				continue;
			if (!o->has_arg || eq != NULL)
				note(l, o, eq ? eq + 1 : NULL);
			else if (i + 1 == l->cur)
				l->pending = o;
			else if (i + 1 < l->n)
				note(l, o, l->w[++i]);
			continue;
		}
		for (s++; *s != '\0'; s++) {	/* -qd FILE, -dFILE */
			if ((o = short_opt(cli, *s)) == NULL)
				break;
			if (!o->has_arg) {
				note(l, o, NULL);
				continue;
			}
			if (s[1] != '\0')
				note(l, o, s + 1);
			else if (i + 1 == l->cur)
				l->pending = o;
			else if (i + 1 < l->n)
				note(l, o, l->w[++i]);
			break;
		}
	}
	l->word = l->w[l->cur];
	if (l->pending == NULL && !ended && strncmp(l->word, "--", 2) == 0 &&
	    (eq = strchr(l->word, '=')) != NULL) {
		l->pending = long_opt(cli, l->word + 2, (size_t)(eq - l->word - 2));
		l->word = eq + 1;
		if (l->pending == NULL || !l->pending->has_arg) {
			l->pending = NULL;
			l->word = "\n";	/* matches nothing */
		}
	}
	l->ended = ended;
}

static const char *
given(const struct line *l, const char *name)
{
	int i;

	for (i = 0; i < l->ngiven; i++)
		if (strcmp(l->given[i]->name, name) == 0)
			return l->value[i] ? l->value[i] : "";
	return NULL;
}

static void
offer(struct cands *c, const char *v, const char *alt)
{
	if (v == NULL)
		return;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 32;
		c->v = beat_xrealloc(c->v, c->cap * sizeof(*c->v));
		c->alt = beat_xrealloc(c->alt, c->cap * sizeof(*c->alt));
	}
	c->v[c->n] = beat_xstrdup(v);
	c->alt[c->n++] = alt ? beat_xstrdup(alt) : NULL;
}

static void
offer_code(const char *code, const char *label, void *arg)
{
	offer(arg, code, label);
}

static void
offer_words(struct cands *c, const char *words, int sep)
{
	const char *p, *e;
	char *w;

	for (p = words; *p != '\0'; p = *e ? e + 1 : e) {
		e = strchr(p, sep);
		if (e == NULL)
			e = p + strlen(p);
		w = beat_xasprintf("%.*s", (int)(e - p), p);
		if (*w != '\0')
			offer(c, w, NULL);
		free(w);
	}
}

/* A pragma's number, or -1 (not a database, busy): not beat_query_int,
 * which would exit. */
static long long
pragma_int(struct beat_conn *db, const char *sql)
{
	struct beat_stmt *st;
	long long v = -1;

	if ((st = beat_stmt_prepare(db, sql)) == NULL)
		return -1;
	if (beat_stmt_step(st) == 1)
		v = beat_stmt_int(st, 0);
	beat_stmt_free(st);
	return v;
}

/*
 * The station's database, opened read-only here and never created:
 * NULL when there is none or it is not a beat database of this schema,
 * so completion stays silent rather than say why.
 */
static struct beat_conn *
station(void)
{
	static struct beat_conn *db;
	static int tried;
	const char *path;
	struct stat sb;
	int pg;

	if (tried++)
		return db;
	if (beat_opt.db == NULL && getenv("BEAT_DB") == NULL && getenv("HOME") == NULL &&
	    getenv("XDG_DATA_HOME") == NULL)
		return NULL;
	path = beat_db_path();
	pg = beat_address_pg(path);
	if (!pg && (stat(path, &sb) == -1 || !S_ISREG(sb.st_mode)))
		return NULL;
	db = beat_conn_open(path, BEAT_CONN_READ);
	if (db == NULL || beat_conn_error(db) != BEAT_DBERR_OK)
		goto fail;
	beat_conn_busy_timeout(db, 200);
	if (pragma_int(db, pg ? "SELECT CAST(value AS BIGINT) FROM beat_meta"
	    " WHERE key = 'application_id'" : "PRAGMA application_id") != BEAT_APP_ID ||
	    pragma_int(db, pg ? "SELECT CAST(value AS BIGINT) FROM beat_meta"
	    " WHERE key = 'schema_version'" : "PRAGMA user_version") != beat_schema_version())
		goto fail;
	return db;
fail:
	beat_conn_close(db);
	return db = NULL;
}

static void
offer_sql(struct cands *c, const char *sql, const char *bound)
{
	struct beat_conn *db = station();
	struct beat_stmt *st;

	if (db == NULL)
		return;
	st = beat_prepare(db, sql);
	if (strstr(sql, "?1") != NULL)
		beat_bind(st, "s", bound);
	while (beat_step(st))
		offer(c, beat_stmt_text(st, 0),
		    beat_stmt_text(st, 1));
	beat_stmt_free(st);
}

static void
offer_cases(struct cands *c, const struct line *l)
{
	const char *status = NULL;
	size_t i;

	/* A command that writes (prints what it changed) acts on open cases. */
	if (l->cli->shared & BEAT_CLI_QUIET) {
		status = "open";
		for (i = 0; on_closed[i] != NULL; i++)
			if (given(l, on_closed[i]) != NULL)
				status = "closed";
	}
	offer_sql(c, "SELECT number, NULL FROM dispute WHERE ?1 IS NULL OR status = ?1"
	    " ORDER BY number", status);
}

/* Offers the values of type; returns 1 when they are file names. */
static int
offer_type(struct cands *c, const struct line *l, const char *type, size_t len)
{
	const struct type *t;
	char *lit;
	size_t i;

	if (memchr(type, '|', len) != NULL) {
		lit = beat_xasprintf("%.*s", (int)len, type);
		offer_words(c, lit, '|');
		free(lit);
		return 0;
	}
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		t = &types[i];
		if (strlen(t->name) != len || strncmp(t->name, type, len) != 0)
			continue;
		switch (t->src) {
		case S_FILES:
			return 1;
		case S_LIST:
			offer_words(c, t->what, ' ');
			break;
		case S_CODES:
			beat_code_each(station(), t->what, offer_code, c);
			break;
		case S_SQL:
			offer_sql(c, t->what, t->bind ? given(l, t->bind) : NULL);
			break;
		case S_FORMATS:
			offer_words(c, "table tsv csv json", ' ');
			if (l->cli->shared & BEAT_CLI_HTML)
				offer(c, "html", NULL);
			break;
		case S_CASES:
			offer_cases(c, l);
			break;
		}
	}
	return 0;
}

/* One word of a synopsis form, without brackets, parentheses and "...". */
struct token {
	const char *s;
	size_t len;
	int optional;	/* inside [ ] or ( ), or beside a | */
	int many;	/* "CASE...": this operand and all after it */
};

static size_t
tokens(const char *form, size_t flen, struct token *t, size_t max)
{
	const char *p, *q, *e = form + flen, *end;
	size_t n = 0, i;
	int depth = 0, before;

	for (p = form; p < e && n < max; p = end) {
		while (p < e && *p == ' ')
			p++;
		before = depth;
		for (end = p; end < e && *end != ' '; end++)
			depth += *end == '[' || *end == '(' ? 1 : *end == ']' || *end == ')' ? -1 : 0;
		if (end == p)
			break;
		t[n].optional = before > 0 || *p == '[' || *p == '(';
		t[n].many = 0;
		while (p < end && (*p == '[' || *p == '('))
			p++;
		for (q = end; ; ) {
			if (q - p >= 3 && strncmp(q - 3, "...", 3) == 0) {
				q -= 3;
				t[n].many = 1;
			} else if (q > p && (q[-1] == ']' || q[-1] == ')'))
				q--;
			else
				break;
		}
		t[n].s = p;
		t[n].len = (size_t)(q - p);
		n++;
	}
	/* A word beside a '|' is one of several, so not required. */
	for (i = 0; i < n; i++)
		if (t[i].len == 1 && t[i].s[0] == '|') {
			if (i > 0)
				t[i - 1].optional = 1;
			if (i > 1 && t[i - 2].s[0] == '-')
				t[i - 2].optional = 1;	/* --opt ARG | */
			if (i + 1 < n)
				t[i + 1].optional = 1;
		}
	return n;
}

/* The option a synopsis word names, by its whole name. */
static const struct beat_opt *
token_opt(const struct line *l, const struct token *t)
{
	const struct beat_opt *o;

	if (t->len < 2 || t->s[0] != '-')
		return NULL;
	if (t->s[1] == '-') {
		o = long_opt(l->cli, t->s + 2, t->len - 2);
		return o != NULL && strlen(o->name) == t->len - 2 ? o : NULL;
	}
	return t->len == 2 ? short_opt(l->cli, t->s[1]) : NULL;
}

/*
 * What operand number pos of one synopsis form is (its word, or NULL),
 * when the form goes with the line: it names every option of the
 * command's own that the line gives; with strict, the line also gives
 * every option the form requires.
 */
static const struct token *
form_operand(const struct line *l, const struct token *t, size_t n, int pos, int strict)
{
	const struct beat_opt *o, *own_end = l->cli->opts;
	const struct token *last = NULL;
	size_t i;
	int j, named;

	while (own_end && own_end->name)
		own_end++;
	for (j = 0; j < l->ngiven; j++) {
		if (l->given[j] < l->cli->opts || l->given[j] >= own_end)
			continue;	/* shared options go with every form */
		for (i = 0, named = 0; i < n && !named; i++)
			named = token_opt(l, &t[i]) == l->given[j];
		if (!named)
			return NULL;
	}
	for (i = 0; i < n; i++) {
		if (t[i].len == 0 || (t[i].len == 1 && (t[i].s[0] == '|' || t[i].s[0] == '-')))
			continue;
		if (t[i].s[0] == '-') {
			o = token_opt(l, &t[i]);
			if (strict && o != NULL && !t[i].optional && given(l, o->name) == NULL)
				return NULL;
			if (o != NULL && o->has_arg)
				i++;	/* its metavariable */
			continue;
		}
		last = &t[i];
		if (pos-- == 0)
			return last;
	}
	return last != NULL && last->many ? last : NULL;
}

/*
 * The operand under the cursor, as the synopsis names it: from the first
 * form that goes with the line and requires nothing it lacks, else from
 * the first that goes with it.
 */
static int
offer_operand(struct cands *c, const struct line *l)
{
	const struct token *op;
	const char *form, *nl;
	struct token t[64];
	size_t n;
	int strict;

	for (strict = 1; strict >= 0; strict--)
		for (form = l->cli->synopsis; form != NULL; form = nl ? nl + 1 : NULL) {
			nl = strchr(form, '\n');
			n = tokens(form, nl ? (size_t)(nl - form) : strlen(form), t, 64);
			if ((op = form_operand(l, t, n, l->operands, strict)) != NULL)
				return offer_type(c, l, op->s, op->len);
		}
	return 0;
}

/*
 * Prints the candidates that begin with word (after its last comma in a
 * comma list), else those whose other text does; none of skip, and in a
 * comma list none already in it.
 */
static void
print_cands(const struct cands *c, const char *word, int comma, const char **skip,
    int nskip)
{
	const char *tail = word, *p, *e;
	size_t i, n = 0, hl;
	int pass, k;

	if (comma && (p = strrchr(word, ',')) != NULL)
		tail = p + 1;
	hl = (size_t)(tail - word);
	for (pass = 0; pass < 2 && n == 0; pass++)
		for (i = 0; i < c->n; i++) {
			const char *m = pass ? c->alt[i] : c->v[i];

			if (m == NULL || strncmp(m, tail, strlen(tail)) != 0)
				continue;
			/* In a comma list, each value once. */
			for (p = word; comma && p < tail; p = e + 1) {
				e = strchr(p, ',');
				if ((size_t)(e - p) == strlen(c->v[i]) &&
				    strncmp(p, c->v[i], (size_t)(e - p)) == 0)
					break;
			}
			if (comma && p < tail)
				continue;
			for (k = 0; k < nskip && strcmp(skip[k], c->v[i]) != 0; k++)
				;
			if (k < nskip)
				continue;
			printf("%.*s%s\n", (int)hl, word, c->v[i]);
			n++;
		}
}

void
beat_complete(const struct beat_cli *cli, int argc, char **argv)
{
	struct line l = { 0 };
	struct cands c = { 0 };
	const struct beat_opt *o;
	const char *type, *br;
	size_t i, len;
	int files = 0, comma = 0, operand = 0;

	/* The shell shows our stdout as candidates; nothing else may reach it. */
	if (freopen("/dev/null", "w", stderr) == NULL)
		exit(BEAT_EX_OK);
	read_line(&l, cli, argc, argv, atoi(getenv("BEAT_COMPLETE")));
	if (l.pending != NULL) {
		type = l.pending->arg ? l.pending->arg : "";
		len = strlen(type);
		/* KEY[,KEY...]: a comma list of KEY */
		if ((br = strstr(type, "[,")) != NULL) {
			len = (size_t)(br - type);
			comma = 1;
		}
		files = offer_type(&c, &l, type, len);
	} else if (!l.ended && l.word[0] == '-' && l.word[1] != '\0') {
		for (i = 0; (o = nth_opt(cli, i)) != NULL; i++) {
			char *w = beat_xasprintf("--%s", o->name);

			offer(&c, w, NULL);
			free(w);
		}
	} else {
		files = offer_operand(&c, &l);
		operand = 1;
	}
	printf("%s\n", files ? "files" : "words");
	/* An operand given once is not offered again (a case, a village). */
	if (!files)
		print_cands(&c, l.word, comma, l.given_ops, operand ? l.operands : 0);
	if (station() != NULL)
		beat_conn_close(station());
	beat_exit(BEAT_EX_OK);
}
