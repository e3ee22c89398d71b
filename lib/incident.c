/* incident.c: dispatch rows read into incidents, repeat-call links, Poisson z. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "beat.h"

#define REPEAT_WINDOW	(2 * 3600)	/* SPEC 1.5: a repeat within two hours */

const struct beat_csv_col beat_incident_cols[] = {
	{ "dispatch_no|警情编号|接警编号|警情号|事件编号|警情单号|接警单编号|编号", 1 },
	{ "received_at|接警时间|报警时间|受理时间|接警日期|报警日期|时间", 1 },
	{ "category|警情类别|警情类型|类别|警情分类|案件类别|类型", 1 },
	{ "valid|是否有效|有效警情|有效性|是否有效警情", 0 },
	{ "village|所属村社|村社|所属社区|村（社区）|村(社区)|所属村|村社区|社区|村", 0 },
	{ "address|发生地点|地址|事发地址|发生地址|事发地点|案发地点|地点", 0 },
	{ "summary|简要案情|警情内容|报警内容|案情|简要警情|警情摘要", 0 },
	{ "officer|处警民警|处警人|民警|处警人员|出警民警", 0 },
	{ "related|关联警情|关联警情编号|重复警情|关联编号|原警情编号", 0 },
	{ "invalid_reason|无效原因|备注|无效警情原因", 0 },
	{ 0 }
};

/*
 * Names dispatch systems use for the categories besides our codes and
 * the labels of incident_category.  Labels followed by 案件, 警情, 事件
 * or 类 need no entry: the suffix is dropped before matching.
 */
static const struct {
	const char *name, *code;
} aliases[] = {
	{ "刑事犯罪", "criminal" },
	{ "治安事件", "public_order" },
	{ "矛盾纠纷", "dispute" },
	{ "民间纠纷", "dispute" },
	{ "民事纠纷", "dispute" },
	{ "交通事故", "traffic" },
	{ "道路交通事故", "traffic" },
	{ "交通违法", "traffic" },
	{ "火警", "fire" },
	{ "火灾事故", "fire" },
	{ "消防", "fire" },
	{ "消防救援", "fire" },
	{ "群众求助", "help" },
	{ "求救", "help" },
	{ "救助", "help" },
	{ "举报线索", "tip" },
	{ "线索", "tip" },
	{ "其它", "other" },
};

static const char *suffixes[] = { "案件", "警情", "事件", "类" };

static const struct {
	const char *text;
	int valid;
} validity[] = {
	{ "1", 1 }, { "0", 0 },
	{ "是", 1 }, { "否", 0 },
	{ "有效", 1 }, { "无效", 0 },
	{ "有效警情", 1 }, { "无效警情", 0 },
	{ "true", 1 }, { "false", 0 },
	{ "y", 1 }, { "n", 0 },
	{ "yes", 1 }, { "no", 0 },
};

/* The category table, read once: every row of an import asks for it. */
static struct {
	struct beat_conn *db;
	size_t n;
	char **code, **label;
} cats;

static void
load_categories(struct beat_conn *db)
{
	struct beat_stmt *st;
	size_t cap = 0;

	if (cats.db == db)
		return;
	while (cats.n > 0) {
		cats.n--;
		free(cats.code[cats.n]);
		free(cats.label[cats.n]);
	}
	st = beat_prepare(db, "SELECT code, label FROM incident_category ORDER BY code");
	while (beat_step(st)) {
		if (cats.n == cap) {
			cap = cap ? 2 * cap : 16;
			cats.code = beat_xrealloc(cats.code, cap * sizeof *cats.code);
			cats.label = beat_xrealloc(cats.label, cap * sizeof *cats.label);
		}
		cats.code[cats.n] = beat_xstrdup(beat_stmt_text(st, 0));
		cats.label[cats.n++] = beat_xstrdup(beat_stmt_text(st, 1));
	}
	beat_stmt_free(st);
	cats.db = db;
}

static const char *
known_code(const char *code)
{
	size_t i;

	for (i = 0; i < cats.n; i++)
		if (strcmp(cats.code[i], code) == 0)
			return cats.code[i];
	return NULL;
}

/* A code as typed by people: "Public-Order", "public order". */
static const char *
match_code(const char *s)
{
	char buf[64];
	size_t i;

	for (i = 0; s[i] != '\0' && i < sizeof buf - 1; i++)
		buf[i] = s[i] == '-' || s[i] == ' ' ? '_' : tolower((unsigned char)s[i]);
	if (s[i] != '\0')
		return NULL;
	buf[i] = '\0';
	return known_code(buf);
}

static const char *
match_name(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < cats.n; i++)
		if (strlen(cats.label[i]) == n && memcmp(cats.label[i], s, n) == 0)
			return cats.code[i];
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strlen(aliases[i].name) == n && memcmp(aliases[i].name, s, n) == 0)
			return known_code(aliases[i].code);
	return NULL;
}

const char *
beat_incident_category(struct beat_conn *db, const char *text)
{
	const char *code;
	size_t n, k, i;

	load_categories(db);
	if ((code = match_code(text)) != NULL)
		return code;
	n = strlen(text);
	if ((code = match_name(text, n)) != NULL)
		return code;
	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		k = strlen(suffixes[i]);
		if (n > k && strcmp(text + n - k, suffixes[i]) == 0 &&
		    (code = match_name(text, n - k)) != NULL)
			return code;
	}
	return NULL;
}

int
beat_incident_validity(const char *text)
{
	size_t i;

	for (i = 0; i < sizeof validity / sizeof validity[0]; i++)
		if (strcasecmp(text, validity[i].text) == 0)
			return validity[i].valid;
	return -1;
}

static const char *
opt(const char *s)
{
	return s == NULL || *s == '\0' ? NULL : s;
}

int
beat_incident_parse(struct beat_conn *db, const char *const *f, struct beat_incident *inc,
    char *why, size_t whylen)
{
	const char *s;

	memset(inc, 0, sizeof *inc);
	if ((inc->dispatch_no = opt(f[BEAT_INC_NO])) == NULL) {
		snprintf(why, whylen, "%s", _("no dispatch number"));
		return -1;
	}
	/*
	 * "now" or a bare date would parse, but an export always has the
	 * moment of the call, and a lost time of day skews counts by hour.
	 */
	s = f[BEAT_INC_AT] != NULL ? f[BEAT_INC_AT] : "";
	if (!isdigit((unsigned char)*s) || strchr(s, ':') == NULL ||
	    beat_parse_time(s, inc->received_at) == -1) {
		snprintf(why, whylen, _("bad time '%s' (expected YYYY-MM-DD HH:MM[:SS])"), s);
		return -1;
	}
	s = f[BEAT_INC_CATEGORY] != NULL ? f[BEAT_INC_CATEGORY] : "";
	if ((inc->category = beat_incident_category(db, s)) == NULL) {
		snprintf(why, whylen, _("unknown category '%s'"), s);
		return -1;
	}
	inc->valid = 1;
	if ((s = f[BEAT_INC_VALID]) != NULL &&
	    (inc->valid = beat_incident_validity(s)) == -1) {
		snprintf(why, whylen, _("validity '%s' is not one of 1/0, 是/否, 有效/无效, true/false, Y/N"), s);
		return -1;
	}
	inc->village = opt(f[BEAT_INC_VILLAGE]);
	inc->address = opt(f[BEAT_INC_ADDRESS]);
	inc->summary = opt(f[BEAT_INC_SUMMARY]);
	inc->officer = opt(f[BEAT_INC_OFFICER]);
	inc->invalid_reason = opt(f[BEAT_INC_REASON]);
	inc->related_no = opt(f[BEAT_INC_RELATED]);
	/* Some exports fill the column with the call's own number. */
	if (inc->related_no != NULL && strcmp(inc->related_no, inc->dispatch_no) == 0)
		inc->related_no = NULL;
	return 0;
}

static long link(struct beat_conn *, const char *, const char *, int, char *, char *);

long
beat_incident_link(struct beat_conn *db, const char *from, const char *to)
{
	return link(db, from, to, 0, NULL, NULL);
}

/* Widens the span [lo, hi] to hold at. */
static void
widen(char *lo, char *hi, const char *at)
{
	if (strcmp(at, lo) < 0)
		snprintf(lo, 20, "%s", at);
	if (strcmp(at, hi) > 0)
		snprintf(hi, 20, "%s", at);
}

/*
 * The first call must come before the repeat (received_at, then id),
 * so links can never form a cycle.
 */
#define LINK_RELATED "UPDATE incident SET duplicate_of = (" \
	"  SELECT f.id FROM incident f WHERE f.dispatch_no = incident.related_no)" \
	" WHERE related_no IS NOT NULL AND duplicate_of IS NULL" \
	" AND EXISTS (SELECT 1 FROM incident f WHERE f.dispatch_no = incident.related_no" \
	"  AND (f.received_at < incident.received_at" \
	"   OR (f.received_at = incident.received_at AND f.id < incident.id)))"

/*
 * noted: the candidates are the rows of temp.incident_repeat (see the load).
 * lo, hi (PostgreSQL only, or NULL): a span widened to the times of the
 * rows linked, for a load whose tallies are paused to recount them.
 */
static long
link(struct beat_conn *db, const char *from, const char *to, int noted, char *lo, char *hi)
{
	struct beat_stmt *cand, *first, *set;
	long long *pair = NULL, self;
	size_t n = 0, cap = 0, i;
	char until[20], since[20], *ids, *firsts;
	size_t idlen = 0, firstlen = 0;
	const char *at;
	long long t;
	long links;
	int pg = beat_conn_engine(db) == BEAT_ENGINE_PG;

	if (lo != NULL) {
		set = beat_prepare(db, "WITH u AS (" LINK_RELATED " RETURNING received_at)"
		    " SELECT count(*), min(received_at), max(received_at) FROM u");
		beat_step(set);
		links = (long)beat_stmt_int(set, 0);
		if (links > 0) {
			widen(lo, hi, beat_stmt_text(set, 1));
			widen(lo, hi, beat_stmt_text(set, 2));
		}
		beat_stmt_free(set);
	} else
		links = beat_exec(db, LINK_RELATED, "");

	if (beat_text_time(to, &t) == -1)
		beat_errx(BEAT_EX_SOFTWARE, "beat_incident_link: bad time '%s'", to);
	beat_time_text(t + REPEAT_WINDOW, until);
	cand = beat_prepare(db, noted ?
	    "SELECT id, village, received_at FROM incident_repeat"
	    " WHERE received_at >= ? AND received_at <= ? ORDER BY received_at, id" :
	    "SELECT id, village, received_at FROM incident"
	    " WHERE received_at >= ? AND received_at <= ? AND valid = 0"
	    " AND duplicate_of IS NULL AND related_no IS NULL AND village IS NOT NULL"
	    " AND (invalid_reason LIKE '%重复报警%' OR summary LIKE '%重复报警%')"
	    " ORDER BY received_at, id");
	first = beat_prepare(db,
	    "SELECT coalesce(duplicate_of, id) FROM incident"
	    " WHERE village = ? AND valid = 1 AND received_at >= ? AND received_at <= ?"
	    " ORDER BY received_at DESC, id");
	beat_bind(cand, "ss", from, until);
	/* Found first, linked after: the scan is not disturbed by its own updates. */
	while (beat_step(cand)) {
		self = beat_stmt_int(cand, 0);
		at = beat_stmt_text(cand, 2);
		if (beat_text_time(at, &t) == -1)
			beat_errx(BEAT_EX_DATA, _("bad time in the database: '%s'"), at);
		beat_time_text(t - REPEAT_WINDOW, since);
		beat_bind(first, "sss", beat_stmt_text(cand, 1), since, at);
		if (!beat_step(first))
			continue;
		if (n + 2 > cap) {
			cap = cap ? 2 * cap : 64;
			pair = beat_xrealloc(pair, cap * sizeof *pair);
		}
		pair[n++] = self;
		pair[n++] = beat_stmt_int(first, 0);
		if (lo != NULL)
			widen(lo, hi, at);
	}
	beat_stmt_free(cand);
	beat_stmt_free(first);
	if (n == 0) {
		free(pair);
		return links;
	}
	if (pg) {
		/*
		 * A statement per link costs a round trip and, unless the
		 * tallies are paused, a trigger run: one statement instead,
		 * the pairs sent as two arrays.
		 */
		ids = beat_xmalloc(n / 2 * 21 + 3);
		firsts = beat_xmalloc(n / 2 * 21 + 3);
		ids[idlen++] = '{';
		firsts[firstlen++] = '{';
		for (i = 0; i < n; i += 2) {
			idlen += (size_t)sprintf(ids + idlen, "%s%lld", i ? "," : "", pair[i]);
			firstlen += (size_t)sprintf(firsts + firstlen, "%s%lld", i ? "," : "",
			    pair[i + 1]);
		}
		memcpy(ids + idlen, "}", 2);
		memcpy(firsts + firstlen, "}", 2);
		links += beat_exec(db, "UPDATE incident i SET duplicate_of = p.first"
		    " FROM unnest(CAST($1 AS BIGINT[]), CAST($2 AS BIGINT[])) AS p (id, first)"
		    " WHERE i.id = p.id", "ss", ids, firsts);
		free(ids);
		free(firsts);
		free(pair);
		return links;
	}
	set = beat_prepare(db, "UPDATE incident SET duplicate_of = ? WHERE id = ?");
	for (i = 0; i < n; i += 2) {
		beat_bind(set, "ll", pair[i + 1], pair[i]);
		beat_step(set);
		links++;
	}
	beat_stmt_free(set);
	free(pair);
	return links;
}

/*
 * An import's rows are staged, sorted by dispatch number, and stored in
 * that order: each B-tree then fills from one end instead of at random
 * places, so a bounded page cache serves a file of any size, and the
 * rows of one number meet, to be added, updated or found duplicates.
 * A staged row: the dispatch number, NUL, its place in the file (8 bytes,
 * big-endian, so byte order sorts it), then the other fields, each NUL
 * ended, the optional ones after a byte saying whether they are there.
 */
#define SORT_MEM	(10 * 1024 * 1024)
#define LOAD_CACHE_KIB	6144	/* the writer's page cache during a load */
#define BULK_MIN	100000	/* rows from which a load may rebuild the indexes */
#define PROBE_ROWS	1024	/* rows written before judging their order */
#define PAUSE_ROWS	20000	/* rows from which a load pauses the tallies (or
				   BEAT_IMPORT_BULK's, when fewer) */

struct beat_incident_load {
	struct beat_conn *db;
	struct beat_sort *sort;
	long long seq;
	char first[20], last[20];	/* the span of the rows' times */
	char *buf;
	size_t cap;
};

int
beat_import_seen(struct beat_conn *db, const char *kind, const char *sha256,
    struct beat_import *seen)
{
	struct beat_stmt *st;
	int found;

	st = beat_prepare(db, "SELECT name, at, rows FROM import_file"
	    " WHERE kind = $1 AND sha256 = $2");
	beat_bind(st, "ss", kind, sha256);
	if ((found = beat_step(st))) {
		seen->name = beat_xstrdup(beat_stmt_text(st, 0));
		seen->at = beat_xstrdup(beat_stmt_text(st, 1));
		seen->rows = beat_stmt_int(st, 2);
	}
	beat_stmt_free(st);
	return found;
}

void
beat_import_free(struct beat_import *seen)
{
	free(seen->name);
	free(seen->at);
}

long long
beat_import_begin(struct beat_conn *db, const char *kind, const char *name, const char *at)
{
	beat_exec(db, "INSERT INTO import_file (sha256, kind, name, at, rows, station)"
	    " VALUES ('', $1, $2, $3, 0, $4)", "ssss", kind, name, at, beat_station_code(db));
	return beat_conn_last_id(db);
}

void
beat_import_end(struct beat_conn *db, long long id, const char *sha256, long long rows)
{
	beat_exec(db, "UPDATE import_file SET sha256 = $1, rows = $2 WHERE id = $3",
	    "sll", sha256, rows, id);
}

struct beat_incident_load *
beat_incident_load_new(struct beat_conn *db)
{
	struct beat_incident_load *l = beat_xmalloc(sizeof *l);

	memset(l, 0, sizeof *l);
	l->db = db;
	l->sort = beat_sort_new(SORT_MEM);
	return l;
}

static size_t
put(char *p, const char *s, int tagged)
{
	size_t n = s != NULL ? strlen(s) : 0, k = 0;

	if (tagged)
		p[k++] = s != NULL;
	if (s != NULL)
		memcpy(p + k, s, n);
	p[k + n] = '\0';
	return k + n + 1;
}

/* The staged form of inc (see above) in l->buf; returns its length. */
static size_t
encode(struct beat_incident_load *l, const struct beat_incident *inc, long long seq)
{
	const char *opt[6] = { inc->village, inc->address, inc->summary, inc->officer,
	    inc->related_no, inc->invalid_reason };
	size_t need = 64, n = 0;
	int i;

	need += strlen(inc->dispatch_no) + strlen(inc->received_at) + strlen(inc->category);
	for (i = 0; i < 6; i++)
		need += opt[i] != NULL ? strlen(opt[i]) + 2 : 2;
	if (need > l->cap) {
		l->cap = need * 2;
		l->buf = beat_xrealloc(l->buf, l->cap);
	}
	n += put(l->buf, inc->dispatch_no, 0);
	for (i = 7; i >= 0; i--)
		l->buf[n++] = (char)((unsigned long long)seq >> (8 * i));
	n += put(l->buf + n, inc->received_at, 0);
	n += put(l->buf + n, inc->category, 0);
	l->buf[n++] = (char)inc->valid;
	for (i = 0; i < 6; i++)
		n += put(l->buf + n, opt[i], 1);
	return n;
}

static const char *
take(const char **p, int tagged)
{
	const char *s;

	if (tagged && *(*p)++ == 0) {
		(*p)++;
		return NULL;
	}
	s = *p;
	*p += strlen(s) + 1;
	return s;
}

/* The fields of a staged row, pointing into it. */
static void
decode(const char *p, struct beat_incident *inc)
{
	memset(inc, 0, sizeof *inc);
	inc->dispatch_no = take(&p, 0);
	p += 8;
	memcpy(inc->received_at, p, sizeof inc->received_at);
	inc->received_at[sizeof inc->received_at - 1] = '\0';
	take(&p, 0);
	inc->category = take(&p, 0);
	inc->valid = *p++;
	inc->village = take(&p, 1);
	inc->address = take(&p, 1);
	inc->summary = take(&p, 1);
	inc->officer = take(&p, 1);
	inc->related_no = take(&p, 1);
	inc->invalid_reason = take(&p, 1);
}

void
beat_incident_load_add(struct beat_incident_load *l, const struct beat_incident *inc)
{
	if (l->first[0] == '\0' || strcmp(inc->received_at, l->first) < 0)
		memcpy(l->first, inc->received_at, sizeof l->first);
	if (strcmp(inc->received_at, l->last) > 0)
		memcpy(l->last, inc->received_at, sizeof l->last);
	beat_sort_add(l->sort, l->buf, encode(l, inc, l->seq++));
}

long long
beat_incident_load_rows(struct beat_incident_load *l)
{
	return beat_sort_count(l->sort);
}

void
beat_incident_load_free(struct beat_incident_load *l)
{
	if (l == NULL)
		return;
	beat_sort_free(l->sort);
	free(l->buf);
	free(l);
}

static int
same(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static int
same_row(const struct beat_incident *a, const struct beat_incident *b)
{
	return strcmp(a->received_at, b->received_at) == 0 &&
	    strcmp(a->category, b->category) == 0 && a->valid == b->valid &&
	    same(a->invalid_reason, b->invalid_reason) && same(a->village, b->village) &&
	    same(a->address, b->address) && same(a->summary, b->summary) &&
	    same(a->officer, b->officer) && same(a->related_no, b->related_no);
}

/*
 * The rows of one dispatch number, in file order: the first is added, or
 * compared with the stored row; each later one with the values before
 * it.  Only the last values are written, once.
 */
struct group {
	enum { G_NONE, G_ADD, G_UPDATE } write;
	long long id;			/* of the stored row, for G_UPDATE */
	struct beat_incident state;	/* the values the next row is compared with */
	char *buf;			/* state's staged form */
	size_t cap;
	struct beat_incident old;	/* the stored row, for G_UPDATE */
	int olddup;			/* it is a linked repeat */
	char *oldbuf;
	size_t oldcap;
};

static void
keep(struct group *g, const void *rec, size_t len)
{
	if (len > g->cap) {
		g->cap = 2 * len;
		g->buf = beat_xrealloc(g->buf, g->cap);
	}
	memcpy(g->buf, rec, len);
	decode(g->buf, &g->state);
}

/*
 * A row of the number of the group being read (the rows come sorted by
 * number): a duplicate, counted and dropped, or a revision, which the
 * group keeps and which returns 1.  Any other row returns 0.
 */
static int
same_number(struct group *g, int have, const struct beat_incident *cur,
    const void *rec, size_t len, struct beat_incident_counts *c)
{
	if (!have || strcmp(cur->dispatch_no, g->state.dispatch_no) != 0)
		return 0;
	if (same_row(cur, &g->state))
		c->dups++;
	else {
		c->updated++;
		keep(g, rec, len);
	}
	return 1;
}

static const char *
text(struct beat_stmt *st, int i)
{
	return beat_stmt_text(st, i);
}

/*
 * The indexes of the incident table besides the unique one and those that
 * hold repeats only, dropped during a large load whose rows come in an
 * order unlike theirs, and made again by sorting once the rows are in:
 * cheaper than filling them at random places row by row.  Their SQL is
 * kept to make them again as they were, whatever a later schema adds.
 */
static char **
drop_indexes(struct beat_conn *db)
{
	struct beat_stmt *st;
	char **sql, **name = NULL;
	size_t n = 0, i;

	st = beat_prepare(db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
	    " AND tbl_name = 'incident' AND sql IS NOT NULL"
	    " AND name NOT IN ('incident_duplicate', 'incident_unlinked') ORDER BY name");
	sql = beat_xmalloc(sizeof *sql);
	while (beat_step(st)) {
		sql = beat_xrealloc(sql, (n + 2) * sizeof *sql);
		name = beat_xrealloc(name, (n + 1) * sizeof *name);
		sql[n] = beat_xstrdup(text(st, 1));
		name[n++] = beat_xasprintf("DROP INDEX %s", text(st, 0));
	}
	beat_stmt_free(st);
	sql[n] = NULL;
	for (i = 0; i < n; i++) {
		beat_exec(db, name[i], "");
		free(name[i]);
	}
	free(name);
	return sql;
}

static void
make_indexes(struct beat_conn *db, char **sql)
{
	size_t i;

	for (i = 0; sql[i] != NULL; i++) {
		beat_exec(db, sql[i], "");
		free(sql[i]);
	}
	free(sql);
}

/*
 * Rebuilding the indexes reads the whole table, so it may pay only when
 * the load is large beside what is stored; and only when the rows, in
 * dispatch number order, are not in time order too (dispatch systems
 * number calls as they come in, so they mostly are, and the indexes then
 * fill at one end anyway).  Returns how many rows to write before judging
 * their order, or 0 when the indexes stay.  BEAT_IMPORT_BULK sets the rows
 * from which a load may rebuild (tests set it low for small files).
 */
static long long
bulk_min(void)
{
	const char *s = getenv("BEAT_IMPORT_BULK");
	long long min;
	char *end;

	if (s == NULL || *s == '\0')
		return BULK_MIN;
	min = strtoll(s, &end, 10);
	if (*end != '\0' || min < 0)
		beat_errx(BEAT_EX_USAGE, _("BEAT_IMPORT_BULK=%s: not a number of rows"), s);
	return min;
}

/* Rows from which a load pauses the tallies. */
static long long
pause_rows(void)
{
	return bulk_min() < PAUSE_ROWS ? bulk_min() : PAUSE_ROWS;
}

static long
bulk(struct beat_conn *db, long long rows)
{
	long long min = bulk_min(), stored;

	if (rows < min || rows == 0)
		return 0;
	stored = beat_query_int(db, 0, "SELECT max(id) FROM incident", "");
	if (rows * 4 < stored)
		return 0;
	return min < 2 ? 2 : min < PROBE_ROWS ? (long)min : PROBE_ROWS;
}

/* Rows written so far, and how many came before the one written before them. */
struct order {
	long written, back;
	char prev[20];
};

static void
count_order(struct order *o, const char *at)
{
	if (o->written++ > 0 && strcmp(at, o->prev) < 0)
		o->back++;
	memcpy(o->prev, at, sizeof o->prev);
}

/* An invalid call that only its words mark as a repeat (SPEC 1.5). */
static int
repeat_candidate(const struct beat_incident *n)
{
	return !n->valid && n->related_no == NULL && n->village != NULL &&
	    ((n->invalid_reason != NULL && strstr(n->invalid_reason, "重复报警") != NULL) ||
	    (n->summary != NULL && strstr(n->summary, "重复报警") != NULL));
}

/*
 * A large load pauses the tallies' triggers, which cost it four upserts
 * a row, and counts the rows it adds here instead, by key, writing the
 * sums when the keys fill the table and at the end.  Its rows come in
 * number order, mostly time order, so one batch holds a few months and
 * a tally row is written about once a load, not once a call; recounting
 * the months from the table instead read it three times (5 s of 19 for
 * a million rows).  A stored row changed is taken out as it was and put
 * in as it is now.
 */
#define TALLY_KEYS	32768	/* keys held before they are written */

struct tkey {
	char kind;		/* 0 day, 1 hour, 2 tally, 3 place; -1 a free slot */
	char when[11];		/* the day, or the month */
	char hour[3];
	const char *category;	/* cats', so compared by address */
	char *village;		/* NULL when the call has none */
	long long n, c, r;
};

struct tally {
	struct tkey *slot;	/* 2 * TALLY_KEYS, open addressing */
	size_t used;
	struct beat_stmt *put[4];
};

static struct tally *
tally_new(struct beat_conn *db)
{
	struct tally *t = beat_xmalloc(sizeof *t);
	size_t i;

	memset(t, 0, sizeof *t);
	t->slot = beat_xmalloc(2 * TALLY_KEYS * sizeof *t->slot);
	for (i = 0; i < 2 * TALLY_KEYS; i++)
		t->slot[i].kind = -1;
	t->put[0] = beat_prepare(db, "INSERT INTO incident_tally_day VALUES (?, ?, ?, ?, ?)"
	    " ON CONFLICT (day, category) DO UPDATE SET n = incident_tally_day.n + excluded.n,"
	    " c = incident_tally_day.c + excluded.c, r = incident_tally_day.r + excluded.r");
	t->put[1] = beat_prepare(db, "INSERT INTO incident_tally_hour VALUES (?, ?, ?, ?, ?)"
	    " ON CONFLICT (month, hour, category) DO UPDATE SET n = incident_tally_hour.n + excluded.n,"
	    " c = incident_tally_hour.c + excluded.c");
	t->put[2] = beat_prepare(db, "INSERT INTO incident_tally VALUES (?, ?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT (month, village, novillage, hour, category) DO UPDATE"
	    " SET n = incident_tally.n + excluded.n, c = incident_tally.c + excluded.c");
	t->put[3] = beat_prepare(db, "INSERT INTO incident_tally_place VALUES (?, ?, ?, ?, ?, ?)"
	    " ON CONFLICT (village, novillage, hour, category) DO UPDATE"
	    " SET n = incident_tally_place.n + excluded.n, c = incident_tally_place.c + excluded.c");
	return t;
}

static int
tkey_cmp(const void *a, const void *b)
{
	const struct tkey *x = a, *y = b;
	int d;

	if (x->kind != y->kind)
		return x->kind - y->kind;
	if ((d = strcmp(x->when, y->when)) != 0)
		return d;
	if (x->village == NULL || y->village == NULL)
		d = (x->village == NULL) - (y->village == NULL);
	else
		d = strcmp(x->village, y->village);
	if (d != 0)
		return d;
	if ((d = strcmp(x->hour, y->hour)) != 0)
		return d;
	return strcmp(x->category, y->category);
}

/* The sums out to their tables, in key order so each B-tree is written from one end. */
static void
tally_flush(struct tally *t)
{
	struct tkey *k;
	size_t i, n = 0;

	for (i = 0; i < 2 * TALLY_KEYS; i++)
		if (t->slot[i].kind != -1)
			t->slot[n++] = t->slot[i];
	qsort(t->slot, n, sizeof *t->slot, tkey_cmp);
	for (i = 0; i < n; i++) {
		k = &t->slot[i];
		switch (k->kind) {
		case 0:
			beat_bind(t->put[0], "sslll", k->when, k->category, k->n, k->c, k->r);
			break;
		case 1:
			beat_bind(t->put[1], "sssll", k->when, k->hour, k->category, k->n, k->c);
			break;
		case 2:
			beat_bind(t->put[2], "ssissll", k->when, k->village ? k->village : "",
			    k->village == NULL, k->hour, k->category, k->n, k->c);
			break;
		default:
			beat_bind(t->put[3], "sissll", k->village ? k->village : "",
			    k->village == NULL, k->hour, k->category, k->n, k->c);
			break;
		}
		beat_step(t->put[(int)k->kind]);
		free(k->village);
	}
	for (i = 0; i < 2 * TALLY_KEYS; i++)
		t->slot[i].kind = -1;
	t->used = 0;
}

static void
tally_count(struct tally *t, int kind, const char *when, size_t wlen, const char *hour,
    const char *category, const char *village, int sign, int counted, int repeat)
{
	unsigned long long h = 1469598103934665603ULL;
	const unsigned char *p;
	struct tkey *k;
	size_t i;

	h = (h ^ (unsigned char)kind) * 1099511628211ULL;
	for (i = 0; i < wlen; i++)
		h = (h ^ (unsigned char)when[i]) * 1099511628211ULL;
	if (kind != 0) {	/* the day's key has no hour */
		h = (h ^ (unsigned char)hour[0]) * 1099511628211ULL;
		h = (h ^ (unsigned char)hour[1]) * 1099511628211ULL;
	}
	h = (h ^ (unsigned long long)(uintptr_t)category) * 1099511628211ULL;
	for (p = (const unsigned char *)village; p != NULL && *p != '\0'; p++)
		h = (h ^ *p) * 1099511628211ULL;
	if (village == NULL)
		h = (h ^ 0xff) * 1099511628211ULL;
	for (i = (size_t)(h ^ (h >> 32)) & (2 * TALLY_KEYS - 1);; i = (i + 1) & (2 * TALLY_KEYS - 1)) {
		k = &t->slot[i];
		if (k->kind == -1)
			break;
		if (k->kind == kind && k->category == category &&
		    strncmp(k->when, when, wlen) == 0 && k->when[wlen] == '\0' &&
		    (kind == 0 || (k->hour[0] == hour[0] && k->hour[1] == hour[1])) &&
		    (kind < 2 || same(k->village, village))) {
			k->n += sign;
			k->c += sign * counted;
			k->r += sign * repeat;
			return;
		}
	}
	memset(k, 0, sizeof *k);
	k->kind = (char)kind;
	memcpy(k->when, when, wlen);
	if (kind != 0)
		memcpy(k->hour, hour, 2);
	k->category = category;
	k->village = kind >= 2 && village != NULL ? beat_xstrdup(village) : NULL;
	k->n = sign;
	k->c = sign * counted;
	k->r = sign * repeat;
	t->used++;
}

/*
 * A row, a repeat (dup) or not, put in (sign 1) or taken out (-1): what
 * the triggers count.
 */
static void
tally_add(struct tally *t, const struct beat_incident *n, int dup, int sign)
{
	int counted = n->valid == 1 && !dup;

	const char *cat = known_code(n->category), *at = n->received_at;

	if (cat == NULL)
		beat_errx(BEAT_EX_SOFTWARE, "tally_add: category '%s'", n->category);
	if (t->used + 4 > TALLY_KEYS)
		tally_flush(t);
	tally_count(t, 0, at, 10, "", cat, NULL, sign, counted, dup);
	tally_count(t, 1, at, 7, at + 11, cat, NULL, sign, counted, 0);
	tally_count(t, 2, at, 7, at + 11, cat, n->village, sign, counted, 0);
	tally_count(t, 3, "", 0, at + 11, cat, n->village, sign, counted, 0);
}

static void
tally_free(struct tally *t)
{
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < 4; i++)
		beat_stmt_free(t->put[i]);
	free(t->slot);
	free(t);
}

/*
 * The statements that write a load's rows: cand, where the written
 * repeat candidates go, or NULL; t, the paused tallies, or NULL.
 */
struct writer {
	struct beat_stmt *add, *change, *cand, *first;
	struct tally *t;
	long long file_id;
	const char *station;
};

/*
 * The id of the first call a new row names as its own (related_no), if
 * that call is stored and came first, as link() would find it.  Rows are
 * written in number order, so when the first call's number is lower it
 * is in already and the row goes in linked, instead of being updated
 * after the load (a page written twice, and the triggers each time).
 */
static long long
first_call(struct writer *w, const struct beat_incident *n)
{
	long long id = 0;

	if (n->related_no == NULL || strcmp(n->related_no, n->dispatch_no) > 0)
		return 0;
	beat_bind(w->first, "s", n->related_no);
	if (beat_step(w->first) && strcmp(beat_stmt_text(w->first, 1), n->received_at) <= 0)
		id = beat_stmt_int(w->first, 0);
	beat_stmt_reset(w->first);
	return id;
}

static void
write_group(struct group *g, struct writer *w)
{
	const struct beat_incident *n = &g->state;
	long long dup;

	if (g->write == G_ADD) {
		dup = first_call(w, n);
		beat_bind(w->add, "sssissssssl", n->dispatch_no, n->received_at, n->category,
		    n->valid, n->invalid_reason, n->village, n->address, n->summary,
		    n->officer, n->related_no, w->file_id);
		if ((dup != 0 && beat_stmt_bind_int(w->add, 12, dup) != 0) ||
		    beat_stmt_bind_text(w->add, 13, w->station) != 0)
			beat_db_fail(beat_stmt_conn(w->add), beat_stmt_sql(w->add));
		beat_step(w->add);
		if (w->t != NULL)
			tally_add(w->t, n, dup != 0, 1);
	} else if (g->write == G_UPDATE) {
		/* The link is made afresh from the new row's values. */
		beat_bind(w->change, "ssissssssll", n->received_at, n->category, n->valid,
		    n->invalid_reason, n->village, n->address, n->summary, n->officer,
		    n->related_no, w->file_id, g->id);
		beat_step(w->change);
		/* The update unlinks it: link() links it again, the triggers on. */
		if (w->t != NULL) {
			tally_add(w->t, &g->old, g->olddup, -1);
			tally_add(w->t, n, 0, 1);
		}
	}
	if (w->cand != NULL && g->write != G_NONE && repeat_candidate(n)) {
		beat_bind(w->cand, "ssl", n->received_at, n->village,
		    g->write == G_ADD ? beat_conn_last_id(beat_stmt_conn(w->add)) : g->id);
		beat_step(w->cand);
	}
	g->write = G_NONE;
}

/* The stored row of the number into g, as the state to compare with; 0 if none. */
static int
stored(struct beat_incident_load *l, struct beat_stmt *find, const char *no, struct group *g)
{
	struct beat_incident inc;
	size_t len;

	beat_bind(find, "s", no);
	if (!beat_step(find))
		return 0;
	memset(&inc, 0, sizeof inc);
	inc.dispatch_no = no;
	snprintf(inc.received_at, sizeof inc.received_at, "%s", text(find, 1));
	inc.category = text(find, 2);
	inc.valid = (int)beat_stmt_int(find, 3);
	inc.invalid_reason = text(find, 4);
	inc.village = text(find, 5);
	inc.address = text(find, 6);
	inc.summary = text(find, 7);
	inc.officer = text(find, 8);
	inc.related_no = text(find, 9);
	g->id = beat_stmt_int(find, 0);
	g->olddup = beat_stmt_type(find, 10) != BEAT_COL_NULL;
	len = encode(l, &inc, 0);
	beat_stmt_reset(find);
	keep(g, l->buf, len);
	/* What the stored row counts in the tallies, taken out if it is changed. */
	if (len > g->oldcap) {
		g->oldcap = 2 * len;
		g->oldbuf = beat_xrealloc(g->oldbuf, g->oldcap);
	}
	memcpy(g->oldbuf, l->buf, len);
	decode(g->oldbuf, &g->old);
	return 1;
}

/*
 * PostgreSQL: a statement per row costs a round trip to the server, so
 * the rows go there in one COPY and are merged by two statements.  Each
 * dispatch number of the file is staged once, its first row (part 0),
 * which the stored row is compared with, and when later rows of the
 * file changed it, its last values too (part 1); the rows of one number
 * in the file are compared here, as the SQLite path does.
 */
static const char *const stage_cols[] = { "seq", "part", "dispatch_no", "received_at",
	"category", "valid", "invalid_reason", "village", "address", "summary", "officer",
	"related_no", NULL };

#define STAGED_ROW "(s.received_at, s.category, s.valid, s.invalid_reason, s.village," \
	" s.address, s.summary, s.officer, s.related_no)"
#define STORED_ROW "(i.received_at, i.category, i.valid, i.invalid_reason, i.village," \
	" i.address, i.summary, i.officer, i.related_no)"
/*
 * The values to write of each number: its last ones.  A number's rows
 * share its seq, so one sort by seq (integers, not text in the
 * database's collation) both picks them and gives the order to insert in.
 */
#define STAGED_LAST "(SELECT DISTINCT ON (seq) * FROM incident_stage" \
	" ORDER BY seq, part DESC) AS s"

static void
stage(struct beat_conn *db, long long seq, int part, const struct beat_incident *n)
{
	char sq[24], valid[2] = { n->valid ? '1' : '0', '\0' };
	const char *v[12];

	snprintf(sq, sizeof sq, "%lld", seq);
	v[0] = sq;
	v[1] = part ? "1" : "0";
	v[2] = n->dispatch_no;
	v[3] = n->received_at;
	v[4] = n->category;
	v[5] = valid;
	v[6] = n->invalid_reason;
	v[7] = n->village;
	v[8] = n->address;
	v[9] = n->summary;
	v[10] = n->officer;
	v[11] = n->related_no;
	if (beat_conn_copy_row(db, v) == -1)
		beat_db_fail(db, "COPY incident_stage");
}

static void
store_pg(struct beat_incident_load *l, long long file_id, int dry,
    struct beat_incident_counts *c)
{
	struct beat_conn *db = l->db;
	struct beat_incident cur;
	struct beat_stmt *st;
	struct group g;
	const void *rec;
	long long groups = 0, lasts = 0, stored, differ, rows = beat_sort_count(l->sort);
	size_t len;
	int have = 0, changed = 0, paused;
	long long updated;
	char lo[20], hi[20];

	memset(&g, 0, sizeof g);
	beat_exec(db, "CREATE TEMP TABLE IF NOT EXISTS incident_stage (seq BIGINT, part BIGINT,"
	    " dispatch_no TEXT, received_at TEXT, category TEXT, valid BIGINT,"
	    " invalid_reason TEXT, village TEXT, address TEXT, summary TEXT, officer TEXT,"
	    " related_no TEXT)", "");
	beat_exec(db, "TRUNCATE incident_stage", "");
	if (beat_conn_copy_begin(db, "incident_stage", stage_cols) == -1)
		beat_db_fail(db, "COPY incident_stage");
	updated = c->updated;
	while (beat_sort_next(l->sort, &rec, &len)) {
		decode(rec, &cur);
		if (same_number(&g, have, &cur, rec, len, c)) {
			changed |= c->updated > updated;
			updated = c->updated;
			continue;
		}
		if (changed)
			stage(db, groups, 1, &g.state);
		lasts += changed;
		changed = 0;
		have = 1;
		keep(&g, rec, len);
		stage(db, ++groups, 0, &g.state);
	}
	if (changed)
		stage(db, groups, 1, &g.state);
	lasts += changed;
	if (beat_conn_copy_end(db) == -1)
		beat_db_fail(db, "COPY incident_stage");
	free(g.buf);
	beat_sort_free(l->sort);
	l->sort = NULL;
	beat_exec(db, "ANALYZE incident_stage", "");

	/* The first rows against the stored ones; the span the writes touch. */
	memcpy(lo, l->first, sizeof lo);
	memcpy(hi, l->last, sizeof hi);
	st = beat_prepare(db, "SELECT count(*), sum(CASE WHEN " STAGED_ROW
	    " IS DISTINCT FROM " STORED_ROW " THEN 1 ELSE 0 END),"
	    " min(i.received_at), max(i.received_at)"
	    " FROM incident_stage s JOIN incident i ON i.dispatch_no = s.dispatch_no"
	    " WHERE s.part = 0");
	beat_step(st);
	stored = beat_stmt_int(st, 0);
	differ = beat_stmt_int(st, 1);
	if (stored > 0 && strcmp(beat_stmt_text(st, 2), lo) < 0)
		snprintf(lo, sizeof lo, "%s", beat_stmt_text(st, 2));
	if (stored > 0 && strcmp(beat_stmt_text(st, 3), hi) > 0)
		snprintf(hi, sizeof hi, "%s", beat_stmt_text(st, 3));
	beat_stmt_free(st);
	c->added = (long)(groups - stored);
	c->updated += (long)differ;
	c->dups += (long)(stored - differ);
	if (dry)
		return;

	paused = rows >= pause_rows();
	if (paused)
		beat_tally_pause(db, 1);
	/* As on SQLite, a number changed within the file is written even if it ends as stored. */
	if (stored > 0 && (differ > 0 || lasts > 0))
		beat_exec(db, "UPDATE incident i SET received_at = s.received_at,"
		    " category = s.category, valid = s.valid, invalid_reason = s.invalid_reason,"
		    " village = s.village, address = s.address, summary = s.summary,"
		    " officer = s.officer, related_no = s.related_no, duplicate_of = NULL,"
		    " file_id = $1 FROM " STAGED_LAST " WHERE i.dispatch_no = s.dispatch_no"
		    " AND (s.part = 1 OR " STAGED_ROW " IS DISTINCT FROM " STORED_ROW ")",
		    "l", file_id);
	/* In the order of the numbers, so the keys come as on SQLite. */
	beat_exec(db, "INSERT INTO incident (dispatch_no, received_at, category, valid,"
	    " invalid_reason, village, address, summary, officer, related_no, file_id, station)"
	    " SELECT s.dispatch_no, s.received_at, s.category, s.valid, s.invalid_reason,"
	    " s.village, s.address, s.summary, s.officer, s.related_no, $1, $2"
	    " FROM " STAGED_LAST " WHERE NOT EXISTS"
	    " (SELECT 1 FROM incident i WHERE i.dispatch_no = s.dispatch_no) ORDER BY s.seq",
	    "ls", file_id, beat_station_code(db));
	/*
	 * Linked while the tallies are paused (a trigger run per link cost
	 * a million rows 9 s of 55), and counted by the recount: the span
	 * it recounts is widened to the rows linked.
	 */
	if (c->added + c->updated > 0)
		link(db, l->first, l->last, 0, paused ? lo : NULL, paused ? hi : NULL);
	if (paused) {
		beat_tally_pause(db, 0);
		if (c->added + c->updated > 0)
			beat_tally_recount(db, lo, hi);
	}
}

void
beat_incident_load_store(struct beat_incident_load *l, long long file_id, int dry,
    struct beat_incident_counts *c)
{
	struct beat_conn *db = l->db;
	struct beat_stmt *find;
	struct writer w;
	struct beat_incident cur;
	struct group g;
	const void *rec;
	char **indexes = NULL, *cache;
	size_t len;
	int empty, have = 0, paused;
	long long old_cache, updated;
	struct order order;
	long probe;

	memset(c, 0, sizeof *c);
	memset(&g, 0, sizeof g);
	memset(&order, 0, sizeof order);
	memset(&w, 0, sizeof w);
	w.file_id = file_id;
	w.station = beat_station_code(db);
	if (l->sort == NULL)
		beat_errx(BEAT_EX_SOFTWARE, "beat_incident_load_store: called twice");
	beat_sort_done(l->sort);
	/* From here on, SQLite's: PRAGMA, sqlite_schema, a statement per row. */
	if (beat_conn_engine(db) == BEAT_ENGINE_PG) {
		store_pg(l, file_id, dry, c);
		return;
	}
	old_cache = beat_query_int(db, -2000, "PRAGMA cache_size", "");
	cache = beat_xasprintf("PRAGMA cache_size = -%d", LOAD_CACHE_KIB);
	beat_exec(db, cache, "");
	free(cache);
	empty = beat_query_int(db, 0, "SELECT count(*) FROM (SELECT 1 FROM incident LIMIT 1)", "") == 0;
	probe = dry ? 0 : bulk(db, beat_sort_count(l->sort));
	/*
	 * The tallies' triggers cost a shuffled million rows most of their
	 * time: a large load pauses them and counts what it writes itself.
	 */
	paused = !dry && beat_sort_count(l->sort) >= pause_rows();
	if (paused) {
		beat_tally_pause(db, 1);
		w.t = tally_new(db);
	}
	find = beat_prepare(db, "SELECT id, received_at, category, valid, invalid_reason,"
	    " village, address, summary, officer, related_no, duplicate_of FROM incident"
	    " WHERE dispatch_no = ?");
	if (!dry) {
		w.add = beat_prepare(db, "INSERT INTO incident (dispatch_no, received_at, category,"
		    " valid, invalid_reason, village, address, summary, officer, related_no,"
		    " file_id, duplicate_of, station) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
		w.first = beat_prepare(db, "SELECT id, received_at FROM incident WHERE dispatch_no = ?");
		w.change = beat_prepare(db, "UPDATE incident SET received_at = ?, category = ?,"
		    " valid = ?, invalid_reason = ?, village = ?, address = ?, summary = ?,"
		    " officer = ?, related_no = ?, duplicate_of = NULL, file_id = ? WHERE id = ?");
		/*
		 * Into an empty table, the repeats to link are among the rows
		 * written: noted here, they spare a scan of the whole span.
		 */
		if (empty) {
			beat_exec(db, "CREATE TEMP TABLE IF NOT EXISTS incident_repeat"
			    " (received_at TEXT, village TEXT, id BIGINT)", "");
			beat_exec(db, "DELETE FROM incident_repeat", "");
			w.cand = beat_prepare(db, "INSERT INTO incident_repeat VALUES (?, ?, ?)");
		}
	}
	updated = c->updated;
	while (beat_sort_next(l->sort, &rec, &len)) {
		decode(rec, &cur);
		if (same_number(&g, have, &cur, rec, len, c)) {
			if (c->updated > updated && g.write == G_NONE)
				g.write = G_UPDATE;
			updated = c->updated;
			continue;
		}
		if (have && !dry) {
			if (g.write != G_NONE)
				count_order(&order, g.state.received_at);
			write_group(&g, &w);
			/* One row in eight out of time order: the indexes go. */
			if (probe > 0 && order.written >= probe) {
				if (order.back * 8 > order.written - 1) {
					beat_stmt_reset(find);
					indexes = drop_indexes(db);
				}
				probe = 0;
			}
		}
		have = 1;
		if (!empty && stored(l, find, cur.dispatch_no, &g)) {
			g.write = G_NONE;
			if (same_row(&cur, &g.state)) {
				c->dups++;
				continue;
			}
			c->updated++;
			g.write = G_UPDATE;
		} else {
			c->added++;
			g.write = G_ADD;
		}
		keep(&g, rec, len);
	}
	if (have && !dry)
		write_group(&g, &w);
	beat_stmt_free(find);
	beat_stmt_free(w.add);
	beat_stmt_free(w.change);
	beat_stmt_free(w.cand);
	beat_stmt_free(w.first);
	free(g.buf);
	free(g.oldbuf);
	/* Its memory is the sorter's now, to make the indexes. */
	beat_sort_free(l->sort);
	l->sort = NULL;
	if (indexes != NULL)
		make_indexes(db, indexes);
	if (paused) {
		tally_flush(w.t);
		beat_tally_pause(db, 0);
		tally_free(w.t);
	}
	/* Nothing written, nothing new to link: every import links what it wrote. */
	if (!dry && c->added + c->updated > 0)
		link(db, l->first, l->last, empty, NULL, NULL);
	cache = beat_xasprintf("PRAGMA cache_size = %lld", old_cache);
	beat_exec(db, cache, "");
	free(cache);
}

long
beat_incident_count(struct beat_conn *db, const char *from, const char *to, int all)
{
	/*
	 * Repeats linked to their first call count with it (SPEC 1.5): c of
	 * the tally (share/sql/003-tally.sql).  A day holds the times that
	 * begin with it, so from and to must be days.
	 */
	if (strlen(from) != 10 || strlen(to) != 10)
		beat_errx(BEAT_EX_SOFTWARE, "beat_incident_count: '%s', '%s' are not days",
		    from, to);
	return (long)beat_query_int(db, 0, all ?
	    "SELECT sum(n) FROM incident_tally_day WHERE day >= ? AND day < ?" :
	    "SELECT sum(c) FROM incident_tally_day WHERE day >= ? AND day < ?",
	    "ss", from, to);
}

/*
 * The tallies' triggers cost a bulk load its most (three upserts a row,
 * in random order when the file is shuffled): a loader may pause them
 * for its own connection and recount the months it touched before it
 * commits, in the same transaction.
 */
void
beat_tally_pause(struct beat_conn *db, int paused)
{
	static struct beat_conn *off;	/* the connection whose trigger we disabled */

	if (beat_conn_engine(db) != BEAT_ENGINE_PG) {
		if (beat_conn_triggers(db, !paused) == -1)
			beat_db_fail(db, "triggers");
		return;
	}
	/*
	 * The driver leaves PostgreSQL's triggers on, and there they cost
	 * a load of 100k rows 27 s of its 29 (a function run per row).
	 * Disabling the one trigger is undone by a rollback, and its lock
	 * (SHARE ROW EXCLUSIVE) lets readers on and holds other writers
	 * until the commit, as SQLite's write lock does.  Only the table's
	 * owner may: anyone else loads with the triggers on, which the
	 * recount leaves exact as well.
	 */
	if (paused && off == NULL) {
		beat_db_savepoint(db, "tally_pause", BEAT_SP_SET);
		if (beat_conn_exec(db, "ALTER TABLE incident DISABLE TRIGGER incident_tally") == 0)
			off = db;
		beat_db_savepoint(db, "tally_pause", off == db ? BEAT_SP_RELEASE : BEAT_SP_UNDO);
	} else if (!paused && off == db) {
		beat_exec(db, "ALTER TABLE incident ENABLE TRIGGER incident_tally", "");
		off = NULL;
	}
}

/* 1 for a row the counts (c) hold: a valid first call. */
#define COUNTED "CASE WHEN " BEAT_SQL_VALID " THEN 1 ELSE 0 END"

void
beat_tally_recount(struct beat_conn *db, const char *from, const char *to)
{
	char a[8], b[8], lo[11], hi[11];
	int y, m;

	/* The tallies by month hold whole months: from the first of from's. */
	snprintf(a, sizeof a, "%.7s", from);
	snprintf(b, sizeof b, "%.7s", to);
	if (beat_parse_month(a, &y, &m) == -1 || beat_parse_month(b, &y, &m) == -1)
		beat_errx(BEAT_EX_SOFTWARE, "beat_tally_recount: bad times '%s', '%s'", from, to);
	beat_day_text(beat_add_months(beat_day(y, m, 1), 1), hi);
	snprintf(lo, sizeof lo, "%s-01", a);
	/* All time by place: the months' old counts out, their new ones in. */
	beat_exec(db, "INSERT INTO incident_tally_place"
	    " SELECT village, novillage, hour, category, -sum(n), -sum(c) FROM incident_tally"
	    " WHERE month >= ? AND month <= ? GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
	    " ON CONFLICT (village, novillage, hour, category) DO UPDATE"
	    " SET n = incident_tally_place.n + excluded.n, c = incident_tally_place.c + excluded.c",
	    "ss", a, b);
	beat_exec(db, "DELETE FROM incident_tally_day WHERE day >= ? AND day < ?", "ss", lo, hi);
	beat_exec(db, "DELETE FROM incident_tally_hour WHERE month >= ? AND month <= ?", "ss", a, b);
	beat_exec(db, "DELETE FROM incident_tally WHERE month >= ? AND month <= ?", "ss", a, b);
	beat_exec(db, "INSERT INTO incident_tally_day"
	    " SELECT substr(received_at, 1, 10), category, count(*),"
	    " sum(" COUNTED "), sum(CASE WHEN duplicate_of IS NOT NULL THEN 1 ELSE 0 END)"
	    " FROM incident WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2",
	    "ss", lo, hi);
	beat_exec(db, "INSERT INTO incident_tally_hour"
	    " SELECT substr(received_at, 1, 7), substr(received_at, 12, 2), category, count(*),"
	    " sum(" COUNTED ")"
	    " FROM incident WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2, 3",
	    "ss", lo, hi);
	beat_exec(db, "INSERT INTO incident_tally"
	    " SELECT substr(received_at, 1, 7), coalesce(village, ''),"
	    " CASE WHEN village IS NULL THEN 1 ELSE 0 END,"
	    " substr(received_at, 12, 2), category, count(*),"
	    " sum(" COUNTED ")"
	    " FROM incident WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2, 3, 4, 5",
	    "ss", lo, hi);
	beat_exec(db, "INSERT INTO incident_tally_place"
	    " SELECT village, novillage, hour, category, sum(n), sum(c) FROM incident_tally"
	    " WHERE month >= ? AND month <= ? GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
	    " ON CONFLICT (village, novillage, hour, category) DO UPDATE"
	    " SET n = incident_tally_place.n + excluded.n, c = incident_tally_place.c + excluded.c",
	    "ss", a, b);
}

/* Incidents of the months [y-m, y-m + months). */
static long
count_months(struct beat_conn *db, int y, int m, int months, int all)
{
	char a[11], b[11];
	long first = beat_day(y, m, 1);

	beat_day_text(first, a);
	beat_day_text(beat_add_months(first, months), b);
	return beat_incident_count(db, a, b, all);
}

void
beat_incident_compare(struct beat_conn *db, int y, int m, int all, struct beat_compare c[3])
{
	c[0].measure = "month_vs_previous";
	c[0].current = count_months(db, y, m, 1, all);
	c[0].previous = m > 1 ? count_months(db, y, m - 1, 1, all) :
	    count_months(db, y - 1, 12, 1, all);
	c[1].measure = "month_vs_last_year";
	c[1].current = c[0].current;
	c[1].previous = count_months(db, y - 1, m, 1, all);
	c[2].measure = "ytd_vs_last_year";
	c[2].current = count_months(db, y, 1, m, all);
	c[2].previous = count_months(db, y - 1, 1, m, all);
}

void
beat_iso_week(long day, char out[9])
{
	long thu = day - beat_weekday(day) + 4;
	int y, m, d;

	/* ISO 8601: a week belongs to the year of its Thursday. */
	beat_civil(thu, &y, &m, &d);
	snprintf(out, 9, "%04u-W%02u", (unsigned)y % 10000,
	    (unsigned)((thu - beat_day(y, 1, 1)) / 7 + 1) % 100);
}

void
beat_period_key(enum beat_period p, long day, char out[16])
{
	int y, m, d;

	switch (p) {
	case BEAT_PERIOD_MONTH:
		beat_civil(day, &y, &m, &d);
		snprintf(out, 16, "%04d-%02d", y, m);
		break;
	case BEAT_PERIOD_WEEK:
		beat_iso_week(day, out);
		break;
	case BEAT_PERIOD_WEEKDAY:
		snprintf(out, 16, "%d", beat_weekday(day));
		break;
	default:
		beat_day_text(day, out);
		break;
	}
}

long
beat_period_next(enum beat_period p, long day)
{
	int y, m, d;

	switch (p) {
	case BEAT_PERIOD_MONTH:
		beat_civil(day, &y, &m, &d);
		return beat_add_months(day - d + 1, 1);
	case BEAT_PERIOD_WEEK:
		return day + 8 - beat_weekday(day);
	default:
		return day + 1;
	}
}

/* Our own square root: Newton's method from above, so we need no libm. */
static double
root(long n)
{
	double x, y;

	if (n <= 0)
		return 0;
	x = (double)n;
	for (;;) {
		y = (x + (double)n / x) / 2;
		if (y >= x)
			return x;
		x = y;
	}
}

double
beat_poisson_z(long now, long before)
{
	return 2 * (root(now) - root(before));
}

/* Not printf's %f: a locale with a decimal comma would change the TSV. */
char *
beat_z_text(double z, char out[32])
{
	return beat_fixed(z, 2, out);
}

char *
beat_pct_change(long now, long before, char out[32])
{
	long long num, den;
	char abs[32];
	int neg;

	if (before == 0) {
		out[0] = '\0';
		return out;
	}
	num = 100LL * ((long long)now - before);
	den = before;
	neg = (num < 0) != (den < 0);
	beat_tenths(num < 0 ? -num : num, den < 0 ? -den : den, abs);
	/* abs is at most 21 characters: 19 digits, a point and one more. */
	snprintf(out, 32, "%s%.30s", neg && strcmp(abs, "0.0") != 0 ? "-" : "", abs);
	return out;
}

char *
beat_tenths(long long num, long long den, char out[32])
{
	/* In integers, so 12.25 rounds the same everywhere. */
	long long q = (20 * num + den) / (2 * den);

	snprintf(out, 32, "%lld.%lld", q / 10, q % 10);
	return out;
}
