/* audit.c: the append-only, hash-chained trail of every write. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "beat.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

void
beat_sha256_hex(const void *p, size_t n, char out[65])
{
	struct sha256_ctx ctx;
	unsigned char d[SHA256_DIGEST_SIZE];
	size_t i;

	sha256_init(&ctx);
	sha256_update(&ctx, n, p);
	sha256_digest(&ctx, sizeof(d), d);
	for (i = 0; i < sizeof(d); i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

/* The chain covers every field, so editing any of them breaks it. */
static void
row_hash(const char *prev, const char *at, const char *user,
    const char *command, const char *records, char out[65])
{
	char *text;

	text = beat_xasprintf("%s\n%s\n%s\n%s\n%s", prev, at, user, command, records);
	beat_sha256_hex(text, strlen(text), out);
	free(text);
}

static const char *
os_user(void)
{
	static char buf[32];
	struct passwd *pw;

	if ((pw = getpwuid(geteuid())) != NULL)
		return pw->pw_name;
	snprintf(buf, sizeof(buf), "uid %ld", (long)geteuid());
	return buf;
}

/*
 * Full-width digits and X, as a Chinese input method types them, become
 * ASCII first, so that the masking below sees them as numbers too.
 */
static void
narrow_digits(char *s)
{
	unsigned char *p = (unsigned char *)s, *q = p;

	while (*p != '\0') {
		if (p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x90 && p[2] <= 0x99) {
			*q++ = (unsigned char)('0' + p[2] - 0x90);
			p += 3;
		} else if (p[0] == 0xef && ((p[1] == 0xbc && p[2] == 0xb8) ||
		    (p[1] == 0xbd && p[2] == 0x98))) {
			*q++ = p[1] == 0xbc ? 'X' : 'x';
			p += 3;
		} else
			*q++ = *p++;
	}
	*q = '\0';
}

/*
 * The audit trail must not become a register of the personal data it
 * guards.  A --party value (given as --party X, --party=X or any
 * abbreviation getopt_long takes) has its ID and phone fields masked
 * where they stand, as case-add splits it, whatever their spacing; then
 * the whole line is masked as free text, for numbers in a summary or a
 * note.
 */
static int
is_party_opt(const char *a, size_t n)
{
	return n > 2 && a[0] == '-' && a[1] == '-' && n - 2 <= 5 &&
	    strncmp(a + 2, "party", n - 2) == 0;
}

static char *
mask_arg(int k)
{
	const char *a = beat_opt.argv[k], *eq;
	char *m, *s;

	if (k > 1 && is_party_opt(beat_opt.argv[k - 1], strlen(beat_opt.argv[k - 1])))
		return beat_mask_party(a);
	if ((eq = strchr(a, '=')) != NULL && is_party_opt(a, (size_t)(eq - a))) {
		m = beat_mask_party(eq + 1);
		s = beat_xasprintf("%.*s%s", (int)(eq + 1 - a), a, m);
		free(m);
		return s;
	}
	return beat_uri_safe(a);
}

/* The command line as one shell-quoted string, so it can be read back. */
static char *
command_line(void)
{
	size_t len = 1, i;
	char *s, *p, *q;
	int k;

	for (k = 0; k < beat_opt.argc; k++)
		len += 4 * strlen(beat_opt.argv[k]) + 3;
	p = s = beat_xmalloc(len);
	for (k = 0; k < beat_opt.argc; k++) {
		char *a = k == 0 ? beat_xstrdup(program_invocation_short_name) : mask_arg(k);
		int plain = *a != '\0' && strspn(a, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=.,/:@+%") == strlen(a);

		if (k > 0)
			*p++ = ' ';
		if (plain) {
			p = stpcpy(p, a);
			free(a);
			continue;
		}
		*p++ = '\'';
		for (q = a, i = 0; q[i]; i++) {
			if (q[i] == '\'')
				p = stpcpy(p, "'\\''");
			else
				*p++ = q[i];
		}
		*p++ = '\'';
		free(a);
	}
	*p = '\0';
	narrow_digits(s);
	p = beat_mask_text(s);
	free(s);
	return p;
}

void
beat_audit(struct beat_conn *db, const char *records)
{
	char at[32], hash[65], *prev, *cmd;
	const char *user = os_user();
	time_t t = time(NULL);

	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	prev = beat_query_text(db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", "");
	cmd = command_line();
	row_hash(prev ? prev : GENESIS, at, user, cmd, records, hash);
	beat_exec(db, "INSERT INTO audit (at, \"user\", command, records, prev, hash) "
	    "VALUES (?, ?, ?, ?, ?, ?)", "ssssss", at, user, cmd, records,
	    prev ? prev : GENESIS, hash);
	free(prev);
	free(cmd);
}

long
beat_audit_verify(struct beat_conn *db)
{
	struct beat_stmt *st;
	char expect[65], prev[65] = GENESIS;
	long bad = 0;

	st = beat_prepare(db, "SELECT id, at, \"user\", command, records, prev, hash "
	    "FROM audit ORDER BY id");
	while (beat_step(st)) {
		const char *f[7];
		int i;

		for (i = 0; i < 7; i++)
			f[i] = beat_stmt_text(st, i);
		row_hash(prev, f[1], f[2], f[3], f[4], expect);
		if (strcmp(f[5], prev) != 0) {
			beat_warnx(_("audit row %s: the row before it was changed or removed"), f[0]);
			bad++;
		} else if (strcmp(f[6], expect) != 0) {
			beat_warnx(_("audit row %s: contents do not match its hash"), f[0]);
			bad++;
		}
		snprintf(prev, sizeof(prev), "%s", f[6]);
	}
	beat_stmt_free(st);
	return bad;
}

void
beat_audit_read(struct beat_conn *db, const char *records)
{
	beat_db_begin(db);
	beat_audit(db, records);
	if (beat_conn_commit(db) == -1)
		beat_db_fail(db, "COMMIT");
}

/*
 * The trail's last row: its id and hash, or 0 and the genesis hash when
 * it is empty.  A head kept outside the database lets a later --verify
 * prove that the rows up to it are still there, unchanged.
 */
long long
beat_audit_rows(struct beat_conn *db)
{
	return beat_query_int(db, 0, "SELECT count(*) FROM audit", "");
}

long long
beat_audit_head(struct beat_conn *db, char hash[65])
{
	struct beat_stmt *st;
	long long seq = 0;

	snprintf(hash, 65, "%s", GENESIS);
	st = beat_prepare(db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
	if (beat_step(st)) {
		seq = beat_stmt_int(st, 0);
		snprintf(hash, 65, "%s", beat_stmt_text(st, 1));
	}
	beat_stmt_free(st);
	return seq;
}

/*
 * The triggers that keep the trail append-only (and the others of the
 * schema) must be those the schema creates: a trail whose triggers were
 * dropped could have lost its last rows, which the chain alone cannot
 * show.  The schema's own text comes from building it in memory.
 */
/*
 * Each trigger of from looked up in in.  schema: from is the schema built
 * in memory and in the station's database, so a trigger in lacks is
 * missing and one whose text differs is not the schema's; else from is
 * the database, and a trigger the schema lacks is someone else's.
 */
static long
triggers_in(struct beat_conn *from, struct beat_conn *in, int schema)
{
	struct beat_stmt *st, *q;
	const char *name, *sql;
	long bad = 0;

	st = beat_prepare(from, "SELECT name, sql FROM sqlite_schema"
	    " WHERE type = 'trigger' ORDER BY name");
	q = beat_prepare(in, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?");
	while (beat_step(st)) {
		name = beat_stmt_text(st, 0);
		sql = beat_stmt_text(st, 1);
		beat_bind(q, "s", name);
		if (!beat_step(q)) {
			if (schema)
				beat_warnx(_("%s: trigger %s is missing: the records it guards"
				    " may have been changed"), beat_db_name(), name);
			else
				beat_warnx(_("%s: trigger %s is not in beat's schema"),
				    beat_db_name(), name);
			bad++;
		} else if (schema && strcmp(beat_stmt_text(q, 0), sql) != 0) {
			beat_warnx(_("%s: trigger %s is not the schema's"), beat_db_name(), name);
			bad++;
		}
		beat_stmt_reset(q);
	}
	beat_stmt_free(st);
	beat_stmt_free(q);
	return bad;
}

/*
 * On PostgreSQL: each trigger pg/schema.sql creates is there and
 * enabled (a disabled one guards nothing), and there is no other.
 * Their bodies are functions only the schema's owner may replace.
 */
static long
pg_triggers(struct beat_conn *db)
{
	const char *schema = beat_pg_schema(), *p;
	struct beat_stmt *st;
	char name[64];
	long bad = 0;
	size_t n;

	st = beat_prepare(db, "SELECT t.tgenabled FROM pg_trigger t"
	    " JOIN pg_class c ON c.oid = t.tgrelid"
	    " JOIN pg_namespace s ON s.oid = c.relnamespace"
	    " WHERE s.nspname = current_schema() AND t.tgname = ? AND NOT t.tgisinternal");
	for (p = schema; (p = strstr(p, "CREATE TRIGGER ")) != NULL; p += n) {
		p += 15;
		n = strcspn(p, " \n");
		snprintf(name, sizeof name, "%.*s", (int)n, p);
		beat_bind(st, "s", name);
		if (!beat_step(st)) {
			beat_warnx(_("%s: trigger %s is missing: the records it guards"
			    " may have been changed"), beat_db_name(), name);
			bad++;
		} else if (strcmp(beat_stmt_text(st, 0), "D") == 0) {
			beat_warnx(_("%s: trigger %s is not the schema's"), beat_db_name(), name);
			bad++;
		}
		beat_stmt_reset(st);
	}
	beat_stmt_free(st);
	st = beat_prepare(db, "SELECT t.tgname FROM pg_trigger t"
	    " JOIN pg_class c ON c.oid = t.tgrelid"
	    " JOIN pg_namespace s ON s.oid = c.relnamespace"
	    " WHERE s.nspname = current_schema() AND NOT t.tgisinternal ORDER BY 1");
	while (beat_step(st)) {
		snprintf(name, sizeof name, "CREATE TRIGGER %s ", beat_stmt_text(st, 0));
		if (strstr(schema, name) == NULL) {
			beat_warnx(_("%s: trigger %s is not in beat's schema"), beat_db_name(),
			    beat_stmt_text(st, 0));
			bad++;
		}
	}
	beat_stmt_free(st);
	return bad;
}

long
beat_audit_triggers(struct beat_conn *db)
{
	struct beat_conn *mem;
	long bad;

	if (beat_conn_engine(db) == BEAT_ENGINE_PG)
		return pg_triggers(db);
	mem = beat_conn_open(":memory:", BEAT_CONN_WRITE);
	if (mem == NULL || beat_conn_error(mem) != BEAT_DBERR_OK)
		beat_errx(BEAT_EX_SOFTWARE, ":memory:: %s", mem ? beat_conn_errmsg(mem) : "");
	beat_schema_upgrade(mem);
	bad = triggers_in(mem, db, 1);
	/* A trigger of someone else's could rewrite what the trail records. */
	bad += triggers_in(db, mem, 0);
	beat_conn_close(mem);
	return bad;
}

/*
 * A head recorded earlier (SEQ:HASH) is still in the chain: row SEQ is
 * there with that hash.  Together with a chain that verifies, every row
 * up to it is as it was when the head was recorded.  Warns and returns 0
 * when not.
 */
int
beat_audit_has_head(struct beat_conn *db, long long seq, const char *hash)
{
	char last[65], *now;
	long long top = beat_audit_head(db, last);

	if (seq == 0)
		now = beat_xstrdup(GENESIS);
	else
		now = beat_query_text(db, "SELECT hash FROM audit WHERE id = ?", "l", seq);
	if (now == NULL && seq > top) {
		beat_warnx(_("%s: audit head %lld recorded earlier is gone: the trail ends at row %lld, so rows were removed"),
		    beat_db_name(), seq, top);
		return 0;
	}
	if (now == NULL) {
		beat_warnx(_("%s: audit row %lld, recorded earlier as a head, is gone"),
		    beat_db_name(), seq);
		return 0;
	}
	if (strcmp(now, hash) != 0) {
		beat_warnx(_("%s: audit row %lld: hash %s is not %s recorded earlier: the trail was rewritten"),
		    beat_db_name(), seq, now, hash);
		free(now);
		return 0;
	}
	free(now);
	return 1;
}

/*
 * Parses SEQ:HASH (as --verify prints a head, with a colon); a HASH in
 * capitals is the same hash.  Returns -1 when S is not one.
 */
long long
beat_audit_parse_head(const char *s, char hash[65])
{
	long long seq = 0;
	const char *p;
	int i;

	for (p = s; *p >= '0' && *p <= '9' && p - s < 18; p++)
		seq = 10 * seq + (*p - '0');
	if (p == s || *p++ != ':')
		return -1;
	for (i = 0; i < 64; i++) {
		if (!isxdigit((unsigned char)p[i]))
			return -1;
		hash[i] = (char)tolower((unsigned char)p[i]);
	}
	hash[64] = '\0';
	return p[64] == '\0' ? seq : -1;
}

/*
 * Appends the head of the database at PATH (a backup just made) to the
 * file "audit-heads" in its directory, one line "SEQ:HASH TIME NAME":
 * a record outside the database of how far the trail reached, which a
 * later --verify --expect-heads checks.  Only ever appended to, never
 * through a symbolic link.
 */
void
beat_audit_record_head(const char *path)
{
	struct beat_conn *db;
	char hash[65], at[32], *file, *line, *name, *p;
	long long seq;
	time_t t = time(NULL);
	int fd;

	db = beat_conn_open(path, BEAT_CONN_READ);
	if (db == NULL || beat_conn_error(db) != BEAT_DBERR_OK)
		beat_errx(BEAT_EX_IO, "%s: %s", path, db ? beat_conn_errmsg(db) : "");
	seq = beat_audit_head(db, hash);
	beat_conn_close(db);
	if ((p = strrchr(path, '/')) != NULL) {
		name = beat_xstrdup(p + 1);
		file = beat_xasprintf("%.*saudit-heads", (int)(p + 1 - path), path);
	} else {
		name = beat_xstrdup(path);
		file = beat_xstrdup("audit-heads");
	}
	/* The name is for people; a newline in it must not make a line. */
	for (p = name; *p != '\0'; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			*p = '?';
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	line = beat_xasprintf("%lld:%s %s %s\n", seq, hash, at, name);
	if ((fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0644)) == -1)
		beat_err(BEAT_EX_CANTCREAT, "%s", file);
	if (write(fd, line, strlen(line)) != (ssize_t)strlen(line) || fsync(fd) == -1)
		beat_err(BEAT_EX_IO, "%s", file);
	if (close(fd) == -1)
		beat_err(BEAT_EX_IO, "%s", file);
	free(line);
	free(name);
	free(file);
}
