/* beat.h: the one public header of libbeat, grouped by module. */
#ifndef BEAT_H
#define BEAT_H

#include <sys/types.h>

#include <getopt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include <libintl.h>
#include "drv.h"

#define _(s) gettext(s)
#define N_(s) (s)

#if defined(__GNUC__)
#define BEAT_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define BEAT_NORETURN __attribute__((noreturn))
#else
#define BEAT_PRINTF(f, a)
#define BEAT_NORETURN
#endif

/* ---- exit statuses (SPEC 2.1) ------------------------------------- */
#define BEAT_EX_OK 0
#define BEAT_EX_NONE 1        /* query found nothing, or check found problems */
#define BEAT_EX_USAGE 64
#define BEAT_EX_DATA 65       /* bad input data */
#define BEAT_EX_NOINPUT 66    /* input file or database missing */
#define BEAT_EX_NOREC 69      /* referenced record does not exist */
#define BEAT_EX_SOFTWARE 70   /* internal error */
#define BEAT_EX_CANTCREAT 73
#define BEAT_EX_IO 74
#define BEAT_EX_BUSY 75       /* database busy past the timeout */

/* ---- messages (err.c) ---------------------------------------------- */
/*
 * "PROGRAM: message" on stderr.  The fatal ones roll back any open
 * transaction first, so a failing command changes nothing.
 * beat_err appends ": strerror(errno)"; beat_errx does not.
 */
void beat_err(int status, const char *fmt, ...) BEAT_PRINTF(2, 3) BEAT_NORETURN;
void beat_errx(int status, const char *fmt, ...) BEAT_PRINTF(2, 3) BEAT_NORETURN;
void beat_warn(const char *fmt, ...) BEAT_PRINTF(1, 2);
void beat_warnx(const char *fmt, ...) BEAT_PRINTF(1, 2);
/* Bad input at FILE:LINE; line 0 leaves the line out. */
void beat_warn_at(const char *file, long line, const char *fmt, ...) BEAT_PRINTF(3, 4);
void beat_errx_at(int status, const char *file, long line, const char *fmt, ...)
	BEAT_PRINTF(4, 5) BEAT_NORETURN;
/* beat_warnx with a va_list (cli.c's usage errors print through it). */
void beat_vwarnx(const char *fmt, va_list ap) BEAT_PRINTF(1, 0);
/*
 * Every message is masked (beat_mask_text) and has its control
 * characters escaped (beat_sanitize) before it reaches stderr.
 * beat_plain_text refuses (65, at FILE:LINE when file is not NULL) a
 * name or code s that holds a C0 or C1 control character; what names it.
 */
void beat_plain_text(const char *file, long line, const char *what, const char *s);
/* Exit with status after checking that stdout was written (74 if not). */
void beat_exit(int status) BEAT_NORETURN;
/* Allocation that never fails (exits 70). */
void *beat_xmalloc(size_t n);
void *beat_xrealloc(void *p, size_t n);
char *beat_xstrdup(const char *s);
char *beat_xasprintf(const char *fmt, ...) BEAT_PRINTF(1, 2);

/* ---- command line (cli.c) ------------------------------------------ */
/*
 * One table describes a command's own options; --help is generated from
 * it, so help and options cannot drift.  beat_getopt() handles the
 * shared options itself and returns only the command's own.
 */
struct beat_opt {
	const char *name;	/* long name, without "--" */
	int key;		/* short option character, or a value >= 256 */
	int has_arg;		/* 0 none, 1 required */
	const char *arg;	/* argument name shown in help, e.g. "DATE" */
	const char *help;	/* one line */
};

/* Which shared options a command takes (besides --help, --version). */
#define BEAT_CLI_DB	0x01	/* -d/--db FILE */
#define BEAT_CLI_FORMAT	0x02	/* -f/--format, --no-header, --bom, --raw, --wide */
#define BEAT_CLI_QUIET	0x04	/* -q/--quiet */
#define BEAT_CLI_REVEAL	0x08	/* --reveal */
#define BEAT_CLI_HTML	0x10	/* with BEAT_CLI_FORMAT: -f html too (the command
				   writes that page itself, not through out.c) */

struct beat_cli {
	const char *synopsis;	/* after the program name; one form a line,
				   split by \n (help wraps long ones) */
	const char *purpose;	/* one sentence */
	const struct beat_opt *opts;	/* ends with { 0 } */
	unsigned shared;	/* BEAT_CLI_* */
};

enum beat_format { BEAT_FMT_DEFAULT, BEAT_FMT_TABLE, BEAT_FMT_TSV, BEAT_FMT_CSV, BEAT_FMT_JSON,
	BEAT_FMT_HTML };

/* Values of the shared options, set by beat_getopt. */
struct beat_common {
	const char *db;		/* -d, or NULL */
	enum beat_format format;	/* resolved: never BEAT_FMT_DEFAULT after parsing */
	int format_set;		/* -f was given: identifiers go out as a table */
	int no_header;
	int bom;
	int raw;		/* csv: no formula guard */
	int wide;		/* table: never cut to the terminal */
	int quiet;
	int reveal;
	int argc;		/* the whole command line, for the audit trail */
	char **argv;
};
extern struct beat_common beat_opt;

/* Sets locale and gettext; call first in main. */
void beat_init(int argc, char **argv);
/* The message catalogues, unless $BEAT_LOCALEDIR says (lib/localedir.c). */
extern const char beat_localedir[];
/*
 * Like getopt_long: returns the command's option key with optarg set, or
 * -1 at the end (then argv[optind] is the first operand; options may
 * follow operands).  Usage errors print "Try 'PROG --help'" and exit 64.
 */
int beat_getopt(int argc, char **argv, const struct beat_cli *cli);
void beat_usage_error(const char *fmt, ...) BEAT_PRINTF(1, 2) BEAT_NORETURN;
void beat_help(const struct beat_cli *cli);	/* prints help, exits 0 */
/* The i-th shared option cli takes (help order), NULL past the last. */
const struct beat_opt *beat_shared_opt(const struct beat_cli *cli, size_t i);
/*
 * Shell completion (complete.c).  With BEAT_COMPLETE=N in the
 * environment beat_getopt calls it instead of parsing: argv is the line
 * being completed, argv[N] the word under the cursor (bash's COMP_WORDS
 * and COMP_CWORD).  It prints "words" and the candidates, one a line, or
 * "files" when the shell should list file names, and exits 0.  An
 * option's value is typed by its metavariable (struct beat_opt arg), an
 * operand by its word in the synopsis; values from the database are read
 * read-only, and there is no message when there is no database.
 */
void beat_complete(const struct beat_cli *cli, int argc, char **argv) BEAT_NORETURN;
/* Checked number parsing: the value or a usage error naming the option. */
long long beat_num(const char *s, long long min, long long max, const char *what);
/*
 * Operands that name records: each operand, or with "-" each line of stdin
 * (first field only, blank lines skipped).  Calls fn for each; returns the
 * number of items.
 */
size_t beat_operands(int argc, char **argv, void (*fn)(const char *id, void *arg), void *arg);
/* The same, gathered: each item once, in the order first given (a case
 * named twice, say by two pipes into one, is acted on once).  Returns a
 * malloc'd vector of *n copies. */
char **beat_operand_set(int argc, char **argv, size_t *n);

/* ---- database (db.c) ----------------------------------------------- */
#define BEAT_APP_ID 0x62656174	/* "beat" */

enum { BEAT_DB_READ = 0, BEAT_DB_WRITE = 1, BEAT_DB_CREATE = 2 };
#define BEAT_DB_GROUP 4	/* with BEAT_DB_CREATE: mode 0660, not 0600 */
#define BEAT_DB_QUERY_ONLY 8	/* with BEAT_DB_READ: no write even by mistake */

/* The path from -d, $BEAT_DB, $XDG_DATA_HOME/beat/beat.db, ~/.local/share/beat/beat.db. */
const char *beat_db_path(void);
/* The same without a password, for messages. */
const char *beat_db_name(void);
/* A copy of s with the password of a PostgreSQL URI in it left out. */
char *beat_uri_safe(const char *s);
/*
 * Opens the database: never creates it unless BEAT_DB_CREATE (66 if it
 * is missing), checks application_id and schema version (65 with a
 * message naming db-init), sets busy timeout, foreign keys, WAL,
 * defensive mode.  Only one database is open per process.
 */
struct beat_conn *beat_db_open(int mode);
void beat_db_close(struct beat_conn *db);
/* BEGIN IMMEDIATE; busy past the timeout exits 75. */
void beat_db_begin(struct beat_conn *db);
/* Writes the audit row for the records touched (none when nothing was),
 * prints the touched identifiers one per line unless -q (with -f, as a
 * table of one column: beat_touch_column), then commits; identifiers
 * that cannot be written roll it all back (74). */
void beat_db_commit(struct beat_conn *db);
void beat_db_rollback(struct beat_conn *db);	/* NULL: the open database */
/* A savepoint inside the transaction: set, released (kept), or undone
 * (rolled back to, then released). */
enum { BEAT_SP_SET, BEAT_SP_RELEASE, BEAT_SP_UNDO };
void beat_db_savepoint(struct beat_conn *db, const char *name, int op);
/* Notes a record this invocation changed (for audit and stdout). */
void beat_touch(const char *id);
size_t beat_touched(void);
/* The header of the identifiers' column ("case", "place"), for -f. */
void beat_touch_column(const char *name);
/* The identifiers touched, out as beat_db_commit prints them, and
 * forgotten (for a command that prints them without committing). */
void beat_touched_print(void);

/*
 * Statement helpers.  Types: 's' text (NULL pointer binds NULL), 'i' int,
 * 'l' long long, 'n' NULL, 'b' text or NULL if empty string.  Errors
 * exit: busy 75, constraint 65, anything else 70.
 */
struct beat_stmt *beat_prepare(struct beat_conn *db, const char *sql);
void beat_bind(struct beat_stmt *st, const char *types, ...);
void beat_vbind(struct beat_stmt *st, const char *types, va_list ap);
/* 1 for a row, 0 when done. */
int beat_step(struct beat_stmt *st);
/* Runs a statement with no result rows; returns the rows it changed. */
int beat_exec(struct beat_conn *db, const char *sql, const char *types, ...);
/* First column of the first row, or dflt when there is no row or it is NULL. */
long long beat_query_int(struct beat_conn *db, long long dflt, const char *sql, const char *types, ...);
/* Same for text: a malloc'd copy, or NULL. */
char *beat_query_text(struct beat_conn *db, const char *sql, const char *types, ...);
/*
 * A statement kept prepared with the connection for queries asked once
 * per record (the rules over 100k cases), found again by its text; mark
 * the text with a comment naming the caller.  Give it back with
 * beat_kept_done (reset, bindings cleared); beat_db_close finalizes it.
 */
struct beat_stmt *beat_kept(struct beat_conn *db, const char *sql);
void beat_kept_done(struct beat_stmt *st);
/* A setting from the setting table, as a number (exits 70 if missing). */
long long beat_setting_int(struct beat_conn *db, const char *key);
/* Reports a SQLite error code from outside the helpers (exits). */
void beat_db_fail(struct beat_conn *db, const char *what) BEAT_NORETURN;

/* ---- schema and reference data (schema.c) ------------------------- */
struct beat_blob {
	const char *name;
	const char *text;
};
extern const struct beat_blob beat_embedded_sql[];	/* NNN-*.sql, in order */
extern const struct beat_blob beat_embedded_data[];	/* reference CSVs */
extern const struct beat_blob beat_embedded_pgsql[];	/* pg/NNN-*.sql, pg/schema.sql */
/* PostgreSQL's whole schema at this version (pg/schema.sql). */
const char *beat_pg_schema(void);
/* The application id and schema version; returns the objects in the database. */
long long beat_schema_identity(struct beat_conn *db, long long *app, long long *ver);
/*
 * SQLite's checks of a file: each problem its integrity check finds, and
 * each row whose foreign key refers to nothing, is handed to fn as a
 * message; returns their number.  None on PostgreSQL, which keeps its
 * keys itself (pg_amcheck checks its pages).
 */
int beat_schema_check(struct beat_conn *db, int keys,
    void (*fn)(const char *problem, void *arg), void *arg);
/* A SQLite file made self-contained: its journal back in the file. */
int beat_schema_self_contained(struct beat_conn *db);
/* The schema version these binaries know: the number of migrations. */
int beat_schema_version(void);
/* Applies the missing migrations; returns the version before. */
int beat_schema_upgrade(struct beat_conn *db);
/* Loads (upserts) the reference data; settings the station changed are kept;
 * the calendar goes through its owner (beat_calendar_shipped).
 * Rows already as shipped are left alone.  Returns the rows (and calendar
 * years) written. */
long long beat_load_reference(struct beat_conn *db);

/* ---- records by name (lookup.c) ----------------------------------- */
/*
 * The id of a record named on the command line or in a file; an unknown
 * one exits 69 with a message naming it.
 */
long long beat_village_id(struct beat_conn *db, const char *name);
long long beat_officer_id(struct beat_conn *db, const char *badge_or_name);	/* ambiguous name: 65 */
long long beat_case_id(struct beat_conn *db, const char *number);		/* "2024-0007" */
/*
 * The ids of the cases named, all found before anything is printed (69 at
 * the first unknown one); with --reveal, one audit row names them all.
 */
long long *beat_case_ids_read(struct beat_conn *db, char *const *cases, size_t n);
long long beat_team_id(struct beat_conn *db, const char *name);
long long beat_route_id(struct beat_conn *db, const char *name);
long long beat_place_id(struct beat_conn *db, const char *number_or_name);
/*
 * The same for a name read at FILE:LINE of an input file (file NULL: as
 * above): an unknown one exits 69 with "FILE:LINE: no such village: 'X'".
 * BEAT_LOOKUP_BADGE finds an officer by badge only.
 */
enum beat_lookup {
	BEAT_LOOKUP_VILLAGE, BEAT_LOOKUP_BADGE, BEAT_LOOKUP_CASE, BEAT_LOOKUP_TEAM,
	BEAT_LOOKUP_ROUTE, BEAT_LOOKUP_PLACE
};
long long beat_lookup_at(struct beat_conn *db, enum beat_lookup kind, const char *name,
    const char *file, long line);
/*
 * Codes given on the command line, by code or by Chinese label.  A set is
 * a reference table (dispute_type, level, channel, incident_category,
 * place_category, place_kind, camera_kind: their label column) or one of
 * the fixed sets of lookup.c (ledger, inspection_result, session_outcome,
 * case_outcome, channel_outcome, prevented).  A dispute type may also be
 * written with 纠纷 after its label.  beat_code_find returns the code, or
 * NULL if text is neither; beat_code_arg makes that a usage error (64)
 * naming option and listing each code with its label.  db may be NULL for
 * a fixed set.  The code returned lives until the process exits.
 */
const char *beat_code_find(struct beat_conn *db, const char *set, const char *text);
const char *beat_code_arg(struct beat_conn *db, const char *set, const char *text,
    const char *option);
/*
 * A code's label (set as above, or "deadline" for the deadline kinds), or
 * the code itself when the set does not know it; kept till the process ends.
 */
const char *beat_code_label(struct beat_conn *db, const char *set, const char *code);
/* Calls fn with each code of a set and its label (a reference table's
 * only when db is not NULL); -1 when there is no such set. */
int beat_code_each(struct beat_conn *db, const char *set,
    void (*fn)(const char *code, const char *label, void *arg), void *arg);

/* ---- dispute rules (rules.c) --------------------------------------- */
/*
 * The mediation ladder, the 会商研判 rule and the deadlines of SPEC 1.1,
 * in one place for every command and report.  Numbers come from the
 * setting table.  "today" is a day number (when.c).
 */
int beat_level_rank(const char *level);		/* police 1 .. consultation 4; 0 unknown */
const char *beat_level_next(const char *level);	/* NULL after consultation */
/* Why an open case must go to consultation ("3 failed sessions; cross-region"),
 * malloc'd, or NULL when no trigger holds. */
char *beat_consult_reason(struct beat_conn *db, long long dispute_id);
/* Why a case risks a mass incident (crowd >= mass_crowd, or wages owed to
 * many workers), malloc'd, or NULL. */
char *beat_mass_risk(struct beat_conn *db, long long dispute_id);
/*
 * An obligation of a case (SPEC 1.1 and 4.1), past or pending.  what is
 * one of "police_first", "police_second", "mediation_month",
 * "petition_answer", "petition_handle", "people_month", "channel_check",
 * "followup", "judicial_confirm".  done is the day it was met or ended
 * (a session held, the case escalated, handed on or closed, the channel
 * answered), -1 while it is pending.  A judicial-confirmation window
 * that closed unused ends, lapsed, at the follow-up visit.
 */
struct beat_deadline {
	const char *what;
	long due;		/* day number */
	long done;		/* day number, or -1 while pending */
	int lapsed;		/* ended without being met */
};
/* The kinds, in their order of ties (NULL-terminated), and each in words. */
extern const char *const *const beat_deadline_kinds;
const char *beat_deadline_label(const char *what);
/* Whether d was missed as of today: met late, or pending past due (a
 * lapsed court window is not). */
int beat_deadline_missed(const struct beat_deadline *d, long today);
/*
 * Every obligation of a case as of today, pending and past, by due day
 * (ties in a fixed order of kinds); returns how many were written (at
 * most max).  The pending ones are what the case still owes.
 */
int beat_case_obligations(struct beat_conn *db, long long dispute_id, long today,
    struct beat_deadline *d, int max);
/* The pending obligations only, earliest first. */
int beat_case_deadlines(struct beat_conn *db, long long dispute_id, struct beat_deadline *d, int max);
/* The obligations pending as of today that fall due from today to last,
 * earliest first (case-list --due-soon, roster --workload). */
int beat_case_due_soon(struct beat_conn *db, long long dispute_id, long today, long last,
    struct beat_deadline *d, int max);
/*
 * While on, what a case owes as of a day is worked out once and kept, for
 * a reader that asks the same cases more than once (report-monthly: its
 * list of overdue cases, then the workload).  Only for a reader: nothing
 * may change the cases while it is on.  Off frees what was kept.
 */
void beat_deadline_memo(struct beat_conn *db, int on);
/* The earliest pending deadline missed as of today: 1 and *d filled, or 0. */
int beat_case_overdue(struct beat_conn *db, long long dispute_id, long today, struct beat_deadline *d);
/* Both at once, for a count over many cases (roster --workload): whether
 * the case is overdue as of today, and whether it has one due from today
 * to last, as the two above would say. */
void beat_case_owing(struct beat_conn *db, long long dispute_id, long today, long last,
    int *overdue, int *soon);
/*
 * The deadlines a case missed as of today, by due day: those the rules
 * see missed, and those recorded in the missed table that the rules no
 * longer see (a setting or the calendar changed since), with the day
 * each was finally met.
 */
int beat_case_missed(struct beat_conn *db, long long dispute_id, long today,
    struct beat_deadline *d, int max);
/* Records in the missed table what beat_case_missed finds as of today
 * (a write command calls it for each case it touches, in its
 * transaction); returns the number of rows added or changed. */
int beat_case_record_missed(struct beat_conn *db, long long dispute_id, long today);
/* The hand-off a case is in (escalation id), 0 when it is in none;
 * *channel (if not NULL) gets its channel code, malloc'd. */
long long beat_case_handoff(struct beat_conn *db, long long dispute_id, char **channel);
/* The judicial-confirmation window of a written agreement made on day
 * agreed: 30 days (the setting), the first day not counted, a last day
 * off work moved to the next working day (民事诉讼法 art. 85). */
long beat_judicial_window(struct beat_conn *db, long agreed);
/*
 * The open case a step dated at (a command's --at) is taken on: sets *id
 * and returns its level, malloc'd.  A closed case, or a step on a day
 * before the case was registered, exits 65 naming the case.
 */
char *beat_case_open(struct beat_conn *db, const char *number, const char *at, long long *id);

/* ---- dispute cases (case.c) ---------------------------------------- */
/*
 * The owner of the case tables (dispute, party, session, escalation,
 * extension, agreement, followup, channel_event): their SQL, for the
 * case commands to call with plain values.  Writers work inside the
 * command's transaction.  Text handed to a callback lives until it
 * returns.
 */
struct beat_case_party {
	const char *role;	/* applicant, respondent or third */
	const char *name, *idno, *phone;	/* idno, phone: NULL when none */
};
struct beat_case_new {
	const char *at;		/* "YYYY-MM-DD HH:MM:SS": its year numbers the case */
	long long village_id, officer_id;
	const char *type, *summary, *source;
	long long claimed_fen;	/* -1: none */
	long long crowd;
	int cross_region, violence_risk, complex;
	const struct beat_case_party *parties;
	size_t nparties;
};
/* The officer of a village's beat, or -1. */
long long beat_case_beat_officer(struct beat_conn *db, long long village_id);
/* Registers a case with its parties; returns its number, "YYYY-NNNN", malloc'd. */
char *beat_case_add(struct beat_conn *db, const struct beat_case_new *c);
/* When a case was registered; its channel (NULL when it is with none); malloc'd. */
char *beat_case_opened_at(struct beat_conn *db, long long id);
char *beat_case_channel(struct beat_conn *db, long long id);
/* A case's record as case-show shows it; strings malloc'd, NULL when none. */
struct beat_case_record {
	char *number, *status, *outcome, *opened, *closed, *village, *officer, *badge;
	char *type, *level, *channel, *source, *extended_to, *summary;
	long long claimed_fen, crowd;	/* -1: none */
	long long failed;		/* sessions that failed */
	long long recovered_fen;	/* by all sessions */
	int cross_region, violence_risk, complex;
};
/* 0, or -1 when there is no such case. */
int beat_case_get(struct beat_conn *db, long long id, struct beat_case_record *r);
void beat_case_record_free(struct beat_case_record *r);
/* The parties: applicants, respondents, third parties, each as registered. */
void beat_case_parties(struct beat_conn *db, long long id,
    void (*fn)(const struct beat_case_party *p, void *arg), void *arg);
/*
 * A case's history, registration first, then by time.  event is one of
 * registered, session, refused, escalated, handed, extended, agreement,
 * applied, confirmed, channel, closed, followup; level is the level it
 * happened at (a session's own, else the case's then).  a, b, n and
 * text by event: registered a source; session and refused a outcome,
 * b mediators, n recovered fen, text note; escalated and handed a the
 * level from, b the level or channel to, n 1 when automatic, text
 * "body; reason"; extended a until, text note; agreement a form, b
 * perform-by day, text the agreement; channel a channel, b "EVENT
 * [OUTCOME]", n days (has_n), text note; closed a outcome, b prevented,
 * n persons (has_n); followup text note.
 */
struct beat_case_event {
	const char *at, *event, *level, *a, *b, *text;
	long long n;
	int has_n;
};
void beat_case_timeline(struct beat_conn *db, long long id,
    void (*fn)(const struct beat_case_event *e, void *arg), void *arg);
/* What an event adds, its pieces joined by "; " (malloc'd): codes and
 * fixed English words for scripts; with people, the locale's words and
 * the codes' labels. */
char *beat_case_event_detail(struct beat_conn *db, const struct beat_case_event *e, int people);
/* Cases by year and number: all, the open ones, the open ones below consultation. */
enum beat_case_set { BEAT_CASES_ALL, BEAT_CASES_OPEN, BEAT_CASES_BELOW_CONSULT };
struct beat_case_ref {
	long long id;
	const char *number, *level;
	int open;
};
void beat_case_each(struct beat_conn *db, enum beat_case_set set,
    void (*fn)(const struct beat_case_ref *c, void *arg), void *arg);
/* case-list's filters (NULL, or -1 for the ids: any), and its rows in
 * order of registration. */
struct beat_case_filter {
	const char *status, *level, *type;
	long long village_id, officer_id;
	const char *since;		/* "YYYY-MM-DD": opened on or after; "" any */
	const char *until_next;		/* opened before; "" any */
	int overdue_only;		/* only cases that can be overdue (BEAT_SQL_UNVISITED) */
};
struct beat_case_row {
	long long id, failed;
	const char *number, *opened, *village, *type, *level, *status, *officer, *summary;
};
void beat_case_select(struct beat_conn *db, const struct beat_case_filter *f,
    void (*fn)(const struct beat_case_row *r, void *arg), void *arg);
/* The first refusal of mediation at a level (malloc'd), or NULL. */
char *beat_session_refused_at(struct beat_conn *db, long long id, const char *level);
/* Sessions held at the police level, refusals not counted. */
long long beat_session_police_held(struct beat_conn *db, long long id);
void beat_session_add(struct beat_conn *db, long long id, const char *at, const char *level,
    const char *outcome, const char *mediators, long long recovered_fen, const char *note);
/* Both parties' consent to mediate until day until. */
void beat_case_extend(struct beat_conn *db, long long id, const char *at, const char *until,
    const char *note);
void beat_case_appraised(struct beat_conn *db, long long id, const char *day);
/* A case moved up the ladder, from level from to level to. */
void beat_case_raise(struct beat_conn *db, long long id, const char *at, const char *from,
    const char *to, const char *reason, int automatic);
/* A case at level handed to a channel (body may be NULL). */
void beat_case_hand(struct beat_conn *db, long long id, const char *at, const char *level,
    const char *channel, const char *body, const char *reason);
/* A hand-off (beat_case_handoff): when it was made, malloc'd; how many
 * events of a kind its channel recorded; one more such event (outcome
 * NULL and days -1 when none). */
char *beat_handoff_at(struct beat_conn *db, long long handoff);
long long beat_handoff_events(struct beat_conn *db, long long handoff, const char *event);
void beat_handoff_event(struct beat_conn *db, long long handoff, const char *at,
    const char *event, const char *outcome, long long days, const char *note);
/* The channel gives case id back (resolved_at NULL), or resolved it then. */
void beat_handoff_end(struct beat_conn *db, long long id, const char *resolved_at);
/* Closes an open case (persons -1: none); 0 when it was closed already. */
int beat_case_close(struct beat_conn *db, long long id, const char *at, const char *outcome,
    const char *prevented, long long persons);
/* A case's agreement: 0 and *a filled, or -1 when it has none. */
struct beat_agreement {
	char at[20], form[16];
	char *applied_at;	/* malloc'd, NULL when not applied for */
};
int beat_agreement_get(struct beat_conn *db, long long id, struct beat_agreement *a);
/* Records the agreement (perform_by "" or NULL: none); -1 when the case has one already. */
int beat_agreement_add(struct beat_conn *db, long long id, const char *at, int oral,
    const char *text, const char *perform_by);
void beat_agreement_applied(struct beat_conn *db, long long id, const char *at);
/* 0 when it was confirmed already. */
int beat_agreement_confirmed(struct beat_conn *db, long long id, const char *at);
void beat_followup_add(struct beat_conn *db, long long id, const char *at, const char *note);

/* ---- a case's deadlines as case-show lists them (deadline.c) ------- */
/*
 * Every obligation the rules see as of today, met or owed (as
 * beat_case_obligations), then those recorded as missed that the rules
 * no longer see (a setting changed since); at most max.  state[i] is
 * owed, overdue, met, late (met after the due day), lapsed (a court
 * window left unused) or missed (recorded, never met).
 */
int beat_case_deadline_states(struct beat_conn *db, long long id, long today,
    struct beat_deadline *d, const char **state, int max);

/* ---- one record shown whole (record.c) ----------------------------- */
/*
 * A record (case-show's case) as fields, then blocks: tables of text
 * cells under fixed columns.  A block's cols[0] names the record ("case")
 * and is printed only by beat_rec_rows, so that the rows of several
 * records make one table.  Codes (pairs of a field's key or a column's
 * name and its code set, NULL-terminated) are shown by their labels in
 * the table for people (beat_out_codes).
 */
enum beat_rec_kind {
	BEAT_REC_TEXT, BEAT_REC_NUM, BEAT_REC_BOOL,	/* BOOL: "0" or "1" */
	BEAT_REC_DEADLINE	/* text, "DAY KIND" with KIND a deadline kind */
};
struct beat_rec_field {
	const char *key;
	char *val;		/* malloc'd, NULL: none */
	enum beat_rec_kind kind;
};
struct beat_rec_block {
	const char *name;	/* a section's and a JSON key's */
	const char *const *cols;	/* NULL-terminated */
	const char *const *codes;	/* or NULL */
	size_t ncols;		/* without cols[0] */
	char **cells;		/* malloc'd, row after row */
	size_t n, cap;
};
struct beat_rec {
	const char *const *keys;	/* the fields in order, NULL-terminated */
	const char *const *codes;	/* or NULL */
	struct beat_rec_block *const *blocks;
	size_t nblocks;
	struct beat_rec_field *fields;
	size_t nfields, cap;
};
/* The next field (in the order of keys, else exits 70), and a block's
 * next row of ncols cells; the record owns val and the cells. */
void beat_rec_field(struct beat_rec *r, const char *key, char *val, enum beat_rec_kind kind);
void beat_rec_row(struct beat_rec_block *b, char **cells);
/* On stdout: as a person reads it, the fields one per row, then each
 * block after an empty line; as one JSON object, the blocks as arrays
 * (first: the first in an array). */
void beat_rec_print(struct beat_conn *db, const struct beat_rec *r);
void beat_rec_json(const struct beat_rec *r, int first);
/* A section: 0 the fields, 1 + a block's index; -1 for no such name. */
int beat_rec_section(const struct beat_rec *r, const char *name);
/* The table of one section, and a record's rows in it. */
struct beat_out *beat_rec_out(struct beat_conn *db, const struct beat_rec *r, int section);
void beat_rec_rows(struct beat_out *o, const struct beat_rec *r, int section);
/* Frees the fields and cells, for the next record. */
void beat_rec_clear(struct beat_rec *r);

/* ---- workload by officer (workload.c) ----------------------------- */
/*
 * One row per officer of kind 'officer' and per other person a case or a
 * beat is registered to, by badge: the villages of their beat; as of day
 * asof their open cases, the cases (any status) with a deadline missed
 * (beat_case_overdue) and those with an obligation due from asof to
 * asof + due_soon_days (beat_case_due_soon); and the mediation sessions
 * held in month year-month on their cases.  roster --workload and
 * report-monthly print it.
 */
struct beat_workload {
	char *badge, *name;
	long long villages, open, overdue, due_soon, sessions;
};
size_t beat_workload(struct beat_conn *db, int year, int month, long asof, struct beat_workload **w);
/* The same rows with their villages and the month's sessions only, the
 * rest 0: for the sessions of a longer period, month by month. */
size_t beat_workload_sessions(struct beat_conn *db, int year, int month, struct beat_workload **w);
void beat_workload_free(struct beat_workload *w, size_t n);

/* ---- statistics forms (forms.c) ----------------------------------- */
/*
 * The forms of SPEC 4.2 (report-forms) over a month, quarter or year,
 * each figure counted by the event that makes it dated in the period;
 * the columns are defined in report-forms(1).
 */
struct beat_form_period {
	char name[8];		/* as given: "2024-12", "2024-Q4", "2024" */
	long first, next;	/* first day; first day after the period */
	int months;
};
/* Parses YYYY-MM, YYYY-Qn or YYYY; 0, or -1 when it is none of them. */
int beat_form_period(const char *s, struct beat_form_period *p);
struct beat_form_row {
	char *code, *label;	/* the code (or "total") and its label */
	long long *v;		/* one per column, v[0] unused */
	char pct[32];		/* the percentage column, "" when undefined */
};
struct beat_form {
	const char *title;		/* translated */
	const char *const *cols;	/* fixed names (TSV header), NULL-terminated */
	const char *const *heads;	/* headers to translate, or NULL */
	size_t ncols, nrows;
	struct beat_form_row *rows;	/* the last is the total row */
	int pctcol, moneycol;		/* -1 when the form has none */
	int owned;			/* cols are malloc'd */
};
/* Gathers form "mediation", "police" or "incidents"; -1 for another name. */
int beat_form_gather(struct beat_conn *db, const char *form, const struct beat_form_period *p,
    struct beat_form *f);
/* The text of a cell (numbers; money as "3500.50"; "" for no percentage). */
void beat_form_cell(const struct beat_form *f, size_t row, size_t col, char out[32]);
/* The form as one printable HTML page (A4 landscape, its own CSS);
 * station may be NULL. */
void beat_form_html(FILE *fp, const struct beat_form *f, const char *station,
    const char *period, const char *made);
void beat_form_free(struct beat_form *f);

/* ---- the station (station.c) --------------------------------------- */
/* The station's name (db-init --station), malloc'd, or NULL when unset. */
char *beat_station_name(struct beat_conn *db);
/* Stores it (an upsert into setting); inside the caller's transaction. */
void beat_station_set(struct beat_conn *db, const char *name);
/*
 * The station's code (db-init --station-code), which every record the
 * commands add carries in its station column: "" until it is set.  Read
 * once per connection.
 */
const char *beat_station_code(struct beat_conn *db);
/* A code is 1 to 32 ASCII letters, digits and hyphens. */
int beat_station_code_valid(const char *code);
/*
 * Sets the code and stamps every record with it (those of no station
 * yet and those of the old code); returns the records stamped.  Inside
 * the caller's transaction.
 */
long long beat_station_code_set(struct beat_conn *db, const char *code);

/* ---- output writer (out.c) ----------------------------------------- */
/*
 * Rows out in the format of beat_opt: table (aligned, CJK wide characters
 * two columns, control characters escaped), tsv (\t \n \\ escaped), csv
 * (RFC 4180, --bom, formula cells made inert unless --raw), json (one
 * array of objects, [] when empty).  On a terminal a table's last text
 * column is cut to the terminal's width unless --wide.
 */
struct beat_out;
struct beat_out *beat_out_new(FILE *fp, const char *const *cols);	/* NULL-terminated */
void beat_out_str(struct beat_out *o, const char *s);	/* NULL: empty (json null) */
void beat_out_int(struct beat_out *o, long long v);
void beat_out_num(struct beat_out *o, const char *num);	/* preformatted number, e.g. "30.5" */
void beat_out_fen(struct beat_out *o, long long fen);	/* money as yuan "3500.50" */
void beat_out_null(struct beat_out *o);
/* Every column of the statement's current row, typed as SQLite has them. */
void beat_out_stmt(struct beat_out *o, struct beat_stmt *st);
void beat_out_end_row(struct beat_out *o);
/* Flushes (table), closes (json), frees; returns the number of rows. */
size_t beat_out_finish(struct beat_out *o);
/* One CSV cell, quoted when it must be; formulas: a cell a spreadsheet
 * would run is made plain text with a leading '. */
void beat_csv_cell(FILE *fp, const char *s, int formulas);
/* Every row of a prepared and bound statement out to fp as with
 * beat_out_stmt; finalizes st; returns the number of rows. */
size_t beat_out_query(FILE *fp, const char *const *cols, struct beat_stmt *st);
/* The same for an o already made (and told its codes); finishes o. */
size_t beat_out_rows(struct beat_out *o, struct beat_stmt *st);
/*
 * The cells of column col hold codes of set (as for beat_code_label):
 * the table format under a translated locale shows their labels, for
 * people; other formats, and the table in English, keep the codes.
 */
void beat_out_codes(struct beat_out *o, struct beat_conn *db, const char *col, const char *set);
/* The same for one cell, where a row's key says what it holds: a name as
 * a header is shown, and a code's label; as given in any other case. */
const char *beat_out_name(const struct beat_out *o, const char *name);
/* Whether output to fp is for people: the table, under a translated locale. */
int beat_out_people(FILE *fp);
const char *beat_out_label(const struct beat_out *o, struct beat_conn *db, const char *set,
    const char *code);
/* Display width of UTF-8 text: CJK wide and full-width characters count 2. */
int beat_width(const char *s);
/* The width of the character at s (not NUL), its length in bytes in *len. */
int beat_char_width(const char *s, int *len);
/* Writes s as a JSON string literal, quotes included. */
void beat_json_str(FILE *fp, const char *s);
/* Copies s with control characters shown as \n, \t, \x1b ...; malloc'd. */
char *beat_sanitize(const char *s);

/* ---- CSV reader (csvin.c) ------------------------------------------ */
/*
 * Streams a CSV file through libcsv: header names mapped to columns
 * through aliases, encoding detected (UTF-8 BOM, valid UTF-8 but for at
 * most 4 bad sequences amid ten times as many good non-ASCII characters,
 * else GB18030; UTF-16 refused) or forced, converted to UTF-8 in chunks,
 * fields capped at 1 MiB, line numbers kept for messages.
 */
struct beat_csv_col {
	const char *names;	/* canonical name first, then aliases: "dispatch_no|警情编号|接警编号" */
	int required;
};
struct beat_csv;
/* path "-" is stdin; encoding NULL detects, else "utf-8", "gbk" or
 * "gb18030" (any case; gbk reads as GB18030).  Reads the header (first
 * non-blank record); header cells match names after trimming, ASCII case
 * ignored, and again without a trailing "(...)" or full-width note;
 * unknown columns are ignored; a column found under two of its names
 * takes the one listed first, under one name twice is refused (65).  On failure prints a message naming the
 * file and exits (66 missing, 65 empty file, missing required column,
 * bad header or encoding, 64 unknown encoding name). */
struct beat_csv *beat_csv_open(const char *path, const char *encoding,
    const struct beat_csv_col *cols);	/* cols ends with { 0 } */
/* 1: a record is ready; 0: end of file; -1: bad record (message in
 * beat_csv_error; the reader goes on with the next record when possible).
 * Records whose fields are all blank are skipped.  -1 means bad quoting,
 * a field over 1 MiB, bytes invalid in the encoding, a record with more
 * or fewer fields than the header, or a NUL byte in a field (the fields
 * of those last two stay readable); after bad quoting
 * or bad bytes the rest of that line is dropped and reading goes on with
 * the next line, but after a field over 1 MiB (most often a stray quote)
 * or a quote left open at the end, the next call returns 0. */
int beat_csv_next(struct beat_csv *r);
/* Field of column i (index in cols), trimmed of spaces, tabs and U+3000;
 * NULL if the file lacks the column. */
const char *beat_csv_get(struct beat_csv *r, int i);
/* The same, but NULL for an empty cell too: optional columns store NULL. */
const char *beat_csv_value(struct beat_csv *r, int i);
/* beat_csv_next for imports that are all or nothing: a bad record ends
 * the command (65) with the reader's message naming file and line. */
int beat_csv_row(struct beat_csv *r);
/* Line (1-based, header 1) where the current record starts, or after -1
 * the line the error is reported at. */
long beat_csv_line(struct beat_csv *r);
/* After -1: "FILE:LINE: reason", ready for beat_warnx("%s", ...). */
const char *beat_csv_error(struct beat_csv *r);
const char *beat_csv_name(struct beat_csv *r);	/* file name for messages */
const char *beat_csv_encoding(struct beat_csv *r);	/* "UTF-8" or "GB18030" */
/* Raw fields of the current record (after conversion), for rejects files;
 * none after -1; beat_csv_field is NULL past the last.  Right after
 * beat_csv_open they are the header's fields. */
size_t beat_csv_nfields(struct beat_csv *r);
const char *beat_csv_field(struct beat_csv *r, size_t i);
/* Whether the first bytes of a file look like UTF-16, which
 * beat_csv_open refuses (65): a byte-order mark, or NULs on one side of
 * a quarter of the bytes or more. */
int beat_csv_utf16(const void *p, size_t n);
/* SHA-256 (hex) of the file's bytes; NULL until beat_csv_next returned 0
 * (which reads to the end of the input even after a fatal error). */
const char *beat_csv_sha256(struct beat_csv *r);
/* The same of a regular file, known before reading it; -1 for "-", a
 * pipe or a file that cannot be read (the reader will say why). */
int beat_file_sha256(const char *path, char hex[65]);
/* Bytes read so far and the total (0 if unknown), for progress. */
void beat_csv_progress(struct beat_csv *r, long long *done, long long *total);
void beat_csv_close(struct beat_csv *r);

/* ---- CSV read ahead by a thread (csvahead.c) ---------------------- */
/*
 * A thread reads the file while the caller checks what was read before,
 * on the second core; from beat_csv_ahead_start until
 * beat_csv_ahead_next returns NULL the reader is the thread's, and only
 * beat_csv_ahead_end may follow.  tick, if not NULL, is called by that
 * thread after each batch of records (end 1 after the last), for
 * progress.
 */
struct beat_csv_ahead;
struct beat_csv_rec {
	long line;		/* as beat_csv_line */
	int rc;			/* as beat_csv_next: 1, or -1 for a bad record */
	const char *error;	/* after -1: beat_csv_error's message */
	const char **col;	/* beat_csv_get of each of the ncols columns */
	const char **field;	/* the raw fields, when asked for */
	size_t nfields;
};
struct beat_csv_ahead *beat_csv_ahead_start(struct beat_csv *r, size_t ncols, int fields,
    void (*tick)(struct beat_csv *r, int end, void *arg), void *arg);
/* The next record, valid until the next call; NULL after the last. */
const struct beat_csv_rec *beat_csv_ahead_next(struct beat_csv_ahead *a);
void beat_csv_ahead_end(struct beat_csv_ahead *a);

/* ---- external sort (extsort.c) ------------------------------------ */
/*
 * Byte records sorted in byte order (a shorter record before a longer one
 * it begins), in about MEM bytes however many: sorted runs go to an
 * unlinked file in $TMPDIR and are merged.  Add records, call done, then
 * next until it returns 0; the record it gives is valid until the next call.
 */
struct beat_sort;
struct beat_sort *beat_sort_new(size_t mem);
void beat_sort_add(struct beat_sort *s, const void *rec, size_t len);
long long beat_sort_count(struct beat_sort *s);
void beat_sort_done(struct beat_sort *s);
int beat_sort_next(struct beat_sort *s, const void **rec, size_t *len);
void beat_sort_free(struct beat_sort *s);

/* ---- dates and working days (when.c) ------------------------------ */
/*
 * A day is a count of days since 1970-01-01 (negative before).  "Now" is
 * the clock, or $BEAT_NOW ("YYYY-MM-DD HH:MM[:SS]") so tests and replays
 * are reproducible.
 */
long beat_day(int y, int m, int d);
void beat_civil(long day, int *y, int *m, int *d);
int beat_weekday(long day);	/* 1 Monday .. 7 Sunday */
long beat_today(void);
/* Seconds since the epoch of a local time, as a plain count (no zones). */
long long beat_now(void);
/* 1 when a stored "YYYY-MM-DD[ HH:MM:SS]" is more than a day after now:
 * registrations, sessions and patrols are refused then unless --force. */
int beat_far_ahead(const char *s);
/*
 * Parses YYYY-MM-DD, YYYY/MM/DD, YYYY/M/D, "today", "yesterday", "now",
 * optionally followed by HH:MM[:SS] (a 'T' or space between).  Fills out
 * with "YYYY-MM-DD HH:MM:SS" (00:00:00 when no time was given) and returns
 * 0, or -1 when the text is not a valid date (2019-02-30 is not).
 */
int beat_parse_time(const char *s, char out[20]);
/* Same, date only: out is "YYYY-MM-DD"; a time part is refused. */
int beat_parse_date(const char *s, char out[11]);
/* The same for an option's argument: a bad one is a usage error (64)
 * naming the option ("--at: '2024-02-30' is not a date"). */
void beat_arg_time(const char *s, const char *option, char out[20]);
void beat_arg_date(const char *s, const char *option, char out[11]);
/* YYYY-MM; returns 0 and fills y, m, or -1. */
int beat_parse_month(const char *s, int *y, int *m);
/* "YYYY-MM-DD..." to a day number; -1 on failure leaves *day alone. */
int beat_text_day(const char *s, long *day);
/* A stored "YYYY-MM-DD[ HH:MM:SS]" to seconds as beat_now counts them, and back. */
int beat_text_time(const char *s, long long *t);
void beat_time_text(long long t, char out[20]);
/* A day to "YYYY-MM-DD". */
void beat_day_text(long day, char out[11]);
/* Calendar months later, clamped to the month's end (Jan 31 + 1 = Feb 28/29). */
long beat_add_months(long day, int months);

/* ---- holiday calendar (calendar.c) --------------------------------- */
/*
 * Working days: a weekday is a working day unless the calendar table
 * lists it as 'holiday'; a weekend day is not unless listed as 'workday'
 * (the adjusted working days of a State Council holiday notice).  In a
 * year with no notice loaded (no calendar_notice row) the statutory
 * holidays of 《全国年节及纪念日放假办法》 (2024 revision) are counted
 * too, from the festival table (only the fixed-date ones for a year it
 * lacks), with a warning on stderr once per year per process.  Each
 * year is read once per connection; the calendar's own writers below
 * make the connection read it afresh.
 */
int beat_is_workday(struct beat_conn *db, long day);
/* The n-th working day after day (n >= 1). */
long beat_add_workdays(struct beat_conn *db, long day, int n);
/*
 * A holiday notice (CSV: date,kind[,name]; kind holiday or workday, or
 * 放假/休 and 上班/班) read whole before the database is touched: a bad
 * row exits 65 with FILE:LINE, a missing file 66.  A notice year runs
 * from 25 December of the year before (New Year's days moved into late
 * December belong to the next year's notice).
 */
struct beat_notice;
struct beat_notice *beat_calendar_read(const char *path);
/* Replaces the days of each notice year the notice covers, and records
 * the file as that year's notice (which shipped data never overrides);
 * sets *years to those years, ascending, and returns how many.  Call
 * inside a write transaction. */
size_t beat_calendar_load(struct beat_conn *db, struct beat_notice *nt, const int **years);
void beat_calendar_free(struct beat_notice *nt);
/* Loads the shipped notices (calendar.csv, its text) for each year no
 * notice of the station's holds; a year already as shipped is left
 * alone.  Returns the number of years written. */
int beat_calendar_shipped(struct beat_conn *db, const char *csv);

/* ---- money (money.c) ----------------------------------------------- */
/* "12000", "3500.5", "3500.50", "¥1,200" to fen; -1 on bad text. */
int beat_parse_money(const char *s, long long *fen);
/* fen to "3500.50"; buf of at least 32 bytes; returns buf. */
char *beat_money_text(long long fen, char *buf);

/* ---- ID-card and phone numbers (idno.c) ---------------------------- */
/*
 * Normalises (full-width digits, lower-case x, spaces) into out[19] and
 * checks the GB 11643 MOD 11-2 check digit.  Returns 0 good, -1 not an
 * 18-character ID number, -2 wrong check digit (out is still filled).
 */
int beat_idno_check(const char *s, char out[19]);
/* Masked copies: ID first 6 and last 4 shown, phone first 3 and last 4. */
void beat_mask_idno(const char *id, char *out, size_t n);
void beat_mask_phone(const char *phone, char *out, size_t n);
/*
 * 0 when s looks like a phone number, -1 if not: digits (full-width
 * too) with spaces or '-' between them and an optional leading '+', as
 * many as a mobile (11 from 1), a landline with its area code (0 and 9
 * to 11 more), a local number (7 or 8) or an international one has.
 */
int beat_phone_check(const char *s);
/*
 * Splits ROLE:NAME[:IDNO[:PHONE]] in place at its colons into f (fields
 * missing are NULL); returns the number of fields, -1 with more than 4.
 * case-add reads --party with it and the audit masks with it.
 */
int beat_party_split(char *spec, char *f[4]);
/* A --party value with its IDNO and PHONE fields masked whatever their
 * spacing (stars for hidden characters, the rest as written); malloc'd. */
char *beat_mask_party(const char *spec);
/*
 * A copy of free text (a summary, a message, a command line) with the
 * personal numbers in it masked as above: ID-card numbers of 15 to 18
 * characters or written 6-8-4; mobiles of 11 digits from 1 or written
 * 3-4-4, also after +86 or 0086; landlines with their area code.  Digits
 * may be full-width, groups split by one space, '-' or U+3000; malloc'd
 * (NULL for NULL).
 */
char *beat_mask_text(const char *s);

/* ---- audit (audit.c) ----------------------------------------------- */
/*
 * One row per write command, in the same transaction as the change: UTC
 * time, OS user, command line, records touched, chained by SHA-256.
 * beat_db_commit calls beat_audit; commands do not.
 */
void beat_audit(struct beat_conn *db, const char *records);
/* Recomputes the chain; prints each bad row on stderr; returns their count. */
long beat_audit_verify(struct beat_conn *db);
/* The last row's id and hash (0 and the genesis hash when empty). */
long long beat_audit_head(struct beat_conn *db, char hash[65]);
/* The rows of the trail. */
long long beat_audit_rows(struct beat_conn *db);
/* Compares the database's triggers with the schema's; warns for each
 * one missing, changed or foreign; returns their count. */
long beat_audit_triggers(struct beat_conn *db);
/* 1 when row SEQ is still there with HASH; else warns why and returns 0. */
int beat_audit_has_head(struct beat_conn *db, long long seq, const char *hash);
/* SEQ:HASH into HASH (lower case); returns SEQ, or -1 when malformed. */
long long beat_audit_parse_head(const char *s, char hash[65]);
/* Appends "SEQ:HASH TIME NAME" for the database at PATH (a backup) to
 * the file audit-heads beside it; exits 73 or 74 when it cannot. */
void beat_audit_record_head(const char *path);
/* Audits a read that shows personal data (--reveal): its own transaction. */
void beat_audit_read(struct beat_conn *db, const char *records);
/* Hex SHA-256 of a buffer (out: 65 bytes). */
void beat_sha256_hex(const void *p, size_t n, char out[65]);


/* ---- patrols (patrol.c) -------------------------------------------- */
/* A checkpoint of the route by name, or by its number on the route; -1 if none. */
long long beat_checkpoint_named(struct beat_conn *db, long long route, const char *name);
long long beat_checkpoint_numbered(struct beat_conn *db, long long route, long long seq);
/* The first route (by name) with a checkpoint of that name, malloc'd, or NULL. */
char *beat_checkpoint_route(struct beat_conn *db, const char *name);
/* The patrol with just this team, route, start and end, or -1. */
long long beat_patrol_same(struct beat_conn *db, long long team, long long route,
    const char *start, const char *end);
/* The team's first patrol under way some time in (start, end), or -1. */
long long beat_patrol_overlap(struct beat_conn *db, long long team, const char *start,
    const char *end);
/* "START - END" of a patrol, malloc'd. */
char *beat_patrol_span(struct beat_conn *db, long long id);
struct beat_patrol {
	long long team, route;
	const char *start, *end, *note;	/* "YYYY-MM-DD HH:MM:SS"; note NULL or "" for none */
	long long count[4];		/* stopped, mediated, checked, publicity */
	const long long *cps;		/* checkpoints visited */
	size_t ncp;
};
/* Stores a patrol with its visits; returns its id. */
long long beat_patrol_add(struct beat_conn *db, const struct beat_patrol *p);
/* Calls fn with each checkpoint no patrol under way in [from, to) visited,
 * by route and number, with the end of the last patrol that did before
 * "to" (NULL: never); returns how many. */
size_t beat_patrol_unvisited(struct beat_conn *db, const char *from, const char *to,
    void (*fn)(const char *route, const char *checkpoint, const char *last_seen, void *arg),
    void *arg);
/*
 * The seconds patrols were out in each hour of the day within [from, to)
 * (seconds as beat_text_time counts them), counting every patrol under
 * way in it: an hour is covered when its count is not 0.  For
 * patrol-gaps and the monthly report.  A bad time stored exits 65.
 */
void beat_patrol_hours(struct beat_conn *db, long long from, long long to, long long secs[24]);
/* Marks the hours of the day that [s, e) touches (a day at most). */
void beat_hours_touched(long long s, long long e, int hours[24]);
/* For each hour h with want[h], the latest moment before "to" that a
 * patrol was under way in it, if later than last[h]. */
void beat_patrol_last_seen(struct beat_conn *db, long long to, const int want[24],
    long long last[24]);
/* One patrol as given, on the command line (line 0) or a row of a CSV
 * file of paper forms: names and times as written. */
struct beat_patrol_form {
	const char *team, *route, *start, *end, *note;	/* note NULL for none */
	char **cps;			/* checkpoints by name or number on the route */
	size_t ncp;
	long long count[4];		/* as beat_patrol_counts names them */
	long line;
};
/* The counts' names, in the order of struct beat_patrol's count. */
extern const char *const beat_patrol_counts[4];
/* The columns of a file of patrols, for beat_csv_open. */
extern const struct beat_csv_col beat_patrol_cols[];
/* Every row of r opened with beat_patrol_cols, *n of them (malloc'd, with
 * their texts); a row without team, route, start or end, or with a count
 * that is not one, exits 65. */
struct beat_patrol_form *beat_patrol_read(struct beat_csv *r, size_t *n);
/*
 * Checks one patrol against the database and stores it with its visits
 * (file: for messages at p->line; NULL for the command line).  A bad date,
 * an end not after the start, an unknown checkpoint, and without force an
 * end more than a day ahead or a team already out then, exit.  The same
 * team, route, start and end as a stored patrol is the same form entered
 * twice: returns -1 with that patrol in *same, and stores nothing.
 * Otherwise returns the new patrol's id.
 */
long long beat_patrol_store(struct beat_conn *db, const struct beat_patrol_form *p,
    const char *file, int force, long long *same);

/* ---- premises and inspections (place.c) ---------------------------- */
extern const char *const beat_ledgers[3];	/* security, traffic, fire */
/* The id of the premise of that name, or -1. */
long long beat_place_named(struct beat_conn *db, const char *name);
/* Adds a premise (kind NULL, address NULL or "" for none); returns its id. */
long long beat_place_add(struct beat_conn *db, const char *name, const char *category,
    const char *kind, long long village, const char *address, const char *added_at);
/* Records an inspection (inspector -1, hazard and fix_by NULL or "" for
 * none); returns its id. */
long long beat_inspection_add(struct beat_conn *db, long long place, const char *at,
    const char *ledger, long long inspector, const char *result, const char *hazard,
    const char *fix_by);
struct beat_place {
	long long id;
	const char *category, *kind, *name, *village, *address;	/* kind, address may be NULL */
};
/* Calls fn with each premise (of category, or all when NULL) by number;
 * returns how many. */
size_t beat_place_each(struct beat_conn *db, const char *category,
    void (*fn)(const struct beat_place *p, void *arg), void *arg);
struct beat_ledger_due {
	long long place;
	char *name, *village, *category;
	int ledger;		/* index in beat_ledgers */
	char last[11];		/* day of the last inspection, "" when never */
	long day;		/* the day it fell due */
};
/*
 * The ledgers due by the day asof (a day number), as known at its end:
 * a ledger falls due its category's interval after its last inspection,
 * one never inspected on the day the premise was added.  For place-list
 * --due and the monthly report.  By premise, then ledger; *d malloc'd.
 */
size_t beat_place_due(struct beat_conn *db, const char *category, long asof,
    struct beat_ledger_due **d);
void beat_place_due_free(struct beat_ledger_due *d, size_t n);
struct beat_hazard {
	long long place;
	const char *name, *ledger, *found, *hazard, *fix_by;	/* fix_by may be NULL */
	int late;		/* no fix-by day, or one before the day asked about */
};
/*
 * The hazards (of premises of category, NULL all) open at the end of day
 * ("YYYY-MM-DD"), as known then: found by an inspection up to that day
 * and not followed by an ok one of the same ledger up to it.  The
 * earliest to be fixed first.  For place-list --hazards and the report.
 */
size_t beat_place_hazards(struct beat_conn *db, const char *category, const char *day,
    void (*fn)(const struct beat_hazard *h, void *arg), void *arg);

/* ---- cameras (camera.c) -------------------------------------------- */
/* The code of a camera kind given by code or label, malloc'd, or NULL. */
char *beat_camera_kind(struct beat_conn *db, const char *text);
/* Adds or updates a camera by code (village -1: none; status and seen_at
 * NULL or "": as they were); 1 when anything changed. */
int beat_camera_put(struct beat_conn *db, const char *code, const char *kind,
    const char *place, long long village, const char *status, const char *seen_at);
struct beat_camera {
	const char *code, *kind, *place, *village, *status, *seen_at;	/* may be NULL */
	const char *reason;	/* offline, never or stale; NULL when listing all */
};
/* Calls fn with every camera by code, or with a cutoff ("YYYY-MM-DD
 * HH:MM:SS") those not online (BEAT_SQL_ONLINE) and why; returns how many. */
size_t beat_camera_each(struct beat_conn *db, const char *cutoff,
    void (*fn)(const struct beat_camera *c, void *arg), void *arg);
/* Calls fn with each camera kind, its cameras and those online since
 * cutoff; returns the cameras in all. */
size_t beat_camera_kinds(struct beat_conn *db, const char *cutoff,
    void (*fn)(const char *kind, long long total, long long online, void *arg), void *arg);

/* ---- the roster (roster.c) ----------------------------------------- */
/*
 * Villages, officers, patrol teams and the checkpoints of routes, loaded
 * by key: each put changes only values that differ (so that loading the
 * same list again changes nothing) and returns 1 when it changed a row.
 * village, township, code, kind, phone: NULL for none.
 */
int beat_village_put(struct beat_conn *db, const char *name, const char *township,
    const char *code);
int beat_officer_put(struct beat_conn *db, const char *badge, const char *name,
    const char *kind, const char *phone);
/* Adds the route too when it is new. */
int beat_checkpoint_put(struct beat_conn *db, const char *route, int seq, const char *name,
    const char *kind);
int beat_team_put(struct beat_conn *db, const char *name, long long leader, long long auxiliary);	/* -1: none */
/* An officer's kind (officer, auxiliary, mediator, cadre), malloc'd. */
char *beat_officer_kind(struct beat_conn *db, long long officer);
/* The officer (by badge or name) who may keep a beat: one of kind
 * officer; anyone else on the roster exits 65. */
long long beat_beat_officer(struct beat_conn *db, const char *who);
/* Puts the village on the officer's beat; 1 when that changed it. */
int beat_beat_assign(struct beat_conn *db, long long village, long long officer);
enum beat_roster_list {
	BEAT_ROSTER_BEATS,	/* officer, badge, village, township */
	BEAT_ROSTER_OFFICERS,	/* badge, name, kind, phone, villages (joined by ',') */
	BEAT_ROSTER_VILLAGES,	/* village, township, code, officer */
	BEAT_ROSTER_TEAMS,	/* team, leader, leader_badge, auxiliary, auxiliary_badge */
	BEAT_ROSTER_ROUTES	/* route, seq, checkpoint, kind */
};
struct beat_roster_row {
	const char *cell[5];	/* as listed above; NULL for none */
	int ncells;
	long long seq;		/* routes: cell[1] as a number */
};
/* Calls fn with each row of a list, in its order; returns how many. */
size_t beat_roster_each(struct beat_conn *db, enum beat_roster_list what,
    void (*fn)(const struct beat_roster_row *row, void *arg), void *arg);
enum beat_roster_import {
	BEAT_ROSTER_IMPORT_VILLAGES,	/* name, township[, code] */
	BEAT_ROSTER_IMPORT_OFFICERS,	/* badge, name, kind[, phone] */
	BEAT_ROSTER_IMPORT_ROUTES,	/* route, seq, checkpoint[, kind] */
	BEAT_ROSTER_IMPORT_TEAMS	/* team, leader[, auxiliary] */
};
/* Puts every row of a CSV file (encoding NULL: detected) of that list,
 * inside the caller's transaction, touching what changed; the first bad
 * row exits 65 (or 69 for an officer not on the roster). */
void beat_roster_import(struct beat_conn *db, enum beat_roster_import what, const char *path,
    const char *encoding);
/* The header of what an import touches ("village", "badge", ...), for -f. */
const char *beat_roster_import_column(enum beat_roster_import what);

/* ---- incidents (incident.c) ---------------------------------------- */
/*
 * One row of a 110 dispatch export read into an incident, shared by
 * incident-import and the demo; the repeat-call rule of SPEC 1.5; the
 * Poisson z-score and percent change every comparison prints.
 */
enum beat_incident_col {
	BEAT_INC_NO, BEAT_INC_AT, BEAT_INC_CATEGORY, BEAT_INC_VALID,
	BEAT_INC_VILLAGE, BEAT_INC_ADDRESS, BEAT_INC_SUMMARY, BEAT_INC_OFFICER,
	BEAT_INC_RELATED, BEAT_INC_REASON, BEAT_INC_NCOLS
};
/* The columns of a dispatch export with their Chinese aliases, in the
 * order above; for beat_csv_open. */
extern const struct beat_csv_col beat_incident_cols[];
struct beat_incident {
	const char *dispatch_no;
	char received_at[20];	/* "YYYY-MM-DD HH:MM:SS" */
	const char *category;	/* a code of incident_category */
	int valid;		/* 1 when the column is missing */
	/* NULL when empty or missing; related_no also when it names the row itself. */
	const char *village, *address, *summary, *officer, *related_no, *invalid_reason;
};
/*
 * Reads one row: f[i] is the text of column i (BEAT_INC_*), NULL when the
 * file lacks the column.  Returns 0, or -1 with the reason in why.  The
 * strings of inc point into f, or to static storage for the category.
 */
int beat_incident_parse(struct beat_conn *db, const char *const *f, struct beat_incident *inc,
    char *why, size_t whylen);
/* The category code of a code, a Chinese label or a close variant
 * ("治安案件", "火警"), or NULL. */
const char *beat_incident_category(struct beat_conn *db, const char *text);
/* 1 valid, 0 invalid, -1 not understood: 1/0, 是/否, 有效/无效, true/false, Y/N. */
int beat_incident_validity(const char *text);
/*
 * Links repeat calls to their first call (duplicate_of): rows whose
 * related dispatch number names an earlier stored call, and invalid calls
 * marked 重复报警 received from `from` to two hours after `to` that follow a
 * valid call at the same village by at most two hours.  Returns the number
 * of links made.  Runs inside the caller's transaction.
 */
long beat_incident_link(struct beat_conn *db, const char *from, const char *to);
/*
 * An import of one file: its good rows are staged (in bounded memory,
 * sorted runs spilling to $TMPDIR) and stored together, in dispatch
 * number order, inside the caller's transaction.  Rows of a number
 * already stored, or seen before in the file, are duplicates when
 * identical and updates otherwise; the last values are kept.  A dry load
 * counts without writing.  A load of BEAT_IMPORT_BULK rows (100000) or
 * more, large beside the table, whose rows are not in time order by
 * number, drops the table's indexes and makes them
 * again once the rows are in.
 */
struct beat_incident_load;
struct beat_incident_counts {
	long added, updated, dups;
};
/*
 * The files imported (import_file), of kind "incident" or "patrol": 1
 * and the earlier import of a file of this kind and checksum in *seen
 * (free it with beat_import_free), or 0.
 */
struct beat_import {
	char *name, *at;
	long long rows;
};
int beat_import_seen(struct beat_conn *db, const char *kind, const char *sha256,
    struct beat_import *seen);
void beat_import_free(struct beat_import *seen);
/* A file being imported, of the station: its row, the checksum and rows
 * set by beat_import_end once known. */
long long beat_import_begin(struct beat_conn *db, const char *kind, const char *name,
    const char *at);
void beat_import_end(struct beat_conn *db, long long id, const char *sha256, long long rows);
struct beat_incident_load *beat_incident_load_new(struct beat_conn *db);
void beat_incident_load_add(struct beat_incident_load *l, const struct beat_incident *inc);
long long beat_incident_load_rows(struct beat_incident_load *l);
void beat_incident_load_store(struct beat_incident_load *l, long long file_id, int dry,
    struct beat_incident_counts *c);
void beat_incident_load_free(struct beat_incident_load *l);
/* Incidents received on the days from `from` up to, not including, `to`
 * ("YYYY-MM-DD"): valid first calls, or with all every call. */
long beat_incident_count(struct beat_conn *db, const char *from, const char *to, int all);
/*
 * The incident tallies (share/sql/003-tally.sql), kept by triggers.  A
 * bulk loader may pause them on its connection (paused 1, then 0) and
 * then, in the same transaction, recount the months of every row it
 * inserted, changed or deleted, old and new times: from and to are the
 * earliest and latest received_at ("YYYY-MM-DD..."), whole months are
 * recounted.
 */
void beat_tally_pause(struct beat_conn *db, int paused);
void beat_tally_recount(struct beat_conn *db, const char *from, const char *to);
/*
 * The CompStat comparison of month y-m (SPEC 2.2 incident-stats
 * --compare), in whole calendar months: c[0] month_vs_previous,
 * c[1] month_vs_last_year, c[2] ytd_vs_last_year.
 */
struct beat_compare {
	const char *measure;
	long current, previous;
};
void beat_incident_compare(struct beat_conn *db, int y, int m, int all, struct beat_compare c[3]);
/* The ISO 8601 week of a day, "2019-W01" (2018-12-31 is in it). */
void beat_iso_week(long day, char out[9]);
/*
 * Periods incidents are counted by: the key of the one a day is in,
 * "2024-03" (month), "2024-W09" (ISO week), "2024-03-01" (day) or "4"
 * (weekday, Monday 1); and the first day of the next period, so that a
 * series can list every period, those without incidents too.
 */
enum beat_period { BEAT_PERIOD_MONTH, BEAT_PERIOD_WEEK, BEAT_PERIOD_DAY, BEAT_PERIOD_WEEKDAY };
void beat_period_key(enum beat_period p, long day, char out[16]);
long beat_period_next(enum beat_period p, long day);
/* 2(sqrt(now) - sqrt(before)): |z| > 2 is worth attention, > 3 a signal. */
double beat_poisson_z(long now, long before);
/* z with two decimals ("-2.45"; never "-0.00"); returns out. */
char *beat_z_text(double z, char out[32]);
/* Percent change with one decimal, rounded half away from zero ("-12.5"),
 * or "" when before is 0; returns out. */
char *beat_pct_change(long now, long before, char out[32]);
/* num / den with one decimal, rounded half up (num >= 0, den > 0): the
 * rates and averages beside the counts ("33.3"); returns out. */
char *beat_tenths(long long num, long long den, char out[32]);

/* ---- incident statistics (stats.c) -------------------------------- */
/*
 * The valid first calls of SPEC 1.5, what a count of incidents counts
 * unless every call is asked for: a repeat call counts with its first
 * call.  The one definition in C; the tally triggers of
 * share/sql/003-tally.sql and share/sql/pg/schema.sql spell it in SQL,
 * kept in step by tests: tests/unit/stats.c counts with this one what
 * the triggers counted, tests/pg/0100-schema.t compares the two engines'.
 */
#define BEAT_SQL_VALID "valid = 1 AND duplicate_of IS NULL"
/*
 * The counts incident-stats prints, from the tally of schema 3
 * (share/sql/003-tally.sql) that has every key asked for, or else from
 * the incident table.  The time keys come first, as enum beat_period
 * has them.
 */
enum beat_stats_key {
	BEAT_STATS_MONTH = BEAT_PERIOD_MONTH, BEAT_STATS_WEEK = BEAT_PERIOD_WEEK,
	BEAT_STATS_DAY = BEAT_PERIOD_DAY, BEAT_STATS_WEEKDAY = BEAT_PERIOD_WEEKDAY,
	BEAT_STATS_HOUR, BEAT_STATS_CATEGORY, BEAT_STATS_VILLAGE, BEAT_STATS_NKEYS
};
/* Which incidents: received on the days from `from` up to, not
 * including, `to` ("YYYY-MM-DD", "" for no bound); the valid first
 * calls, or with all every call. */
struct beat_stats_sel {
	char from[11], to[11];
	int all;
};
struct beat_stats_group {
	char *k[BEAT_STATS_NKEYS];	/* the keys' texts, in the order asked;
					   NULL: no village */
	long long n;
};
/*
 * The counts grouped by the nk keys k (each once), in the order of their
 * texts, those without a village last.  A lone key of time is a series:
 * every period from the first counted to the last, every hour or every
 * weekday (1 to 7), 0 where there were none.  Returns the groups, none
 * when nothing was counted; free them with beat_stats_free.
 */
size_t beat_stats_count(struct beat_conn *db, const struct beat_stats_sel *sel,
    const enum beat_stats_key *k, int nk, struct beat_stats_group **g);
void beat_stats_free(struct beat_stats_group *g, size_t n);
/* Each calendar year from the first month counted to the last: its
 * count and its months inside that span, for the monthly average;
 * free *y. */
struct beat_stats_year {
	int year, months;
	long long n;
};
size_t beat_stats_trend(struct beat_conn *db, const struct beat_stats_sel *sel,
    struct beat_stats_year **y);
/* The n villages and hours of the day with most incidents, most first,
 * then by village and hour; the calls without a village are left out. */
struct beat_stats_spot {
	char *village, *hour;	/* hour: "07" */
	long long n;
};
size_t beat_stats_hotspots(struct beat_conn *db, const struct beat_stats_sel *sel,
    long long n, struct beat_stats_spot **s);
void beat_stats_spots_free(struct beat_stats_spot *s, size_t n);

/* ---- monthly report figures (report.c) ----------------------------- */
/*
 * The figures of one month, gathered with read-only SQL, for
 * report-monthly to render as text or HTML.  Counts of incidents are of
 * valid ones, a repeat call counting with its first call (BEAT_SQL_VALID).
 */
/*
 * The cases whose agreement has had no follow-up visit since it was
 * made.  Closing ends all a case owed but what its agreement opens, and
 * a visit meets the follow-up and ends the court window's claim
 * (deadline.c, gather() and agreement()): of the closed cases, only
 * these can be overdue, as of any day.  Found from the agreements and
 * the index followup_dispute_at, not by a pass over all the cases.
 */
#define BEAT_SQL_UNVISITED "SELECT a.dispute_id FROM agreement a WHERE NOT EXISTS (SELECT 1" \
	" FROM followup f WHERE f.dispute_id = a.dispute_id AND f.at >= substr(a.at, 1, 10))"
/*
 * A camera (table alias c) is online when it was reported online at or
 * after ?1, the start of the window; never NULL, so that NOT gives the
 * offline ones, the unreported among them.  For camera-status and report.
 */
#define BEAT_SQL_ONLINE "(c.status IS NOT NULL AND c.seen_at IS NOT NULL " \
	"AND c.status = 'online' AND c.seen_at >= ?1)"
#define BEAT_REPORT_MONTHS 24	/* months in the trend charts */

struct beat_report_cat {
	char *code, *label;
	long long month, year_ago;
};
struct beat_report_spot {
	char *village;
	int hour;
	long long count;
};
struct beat_report_case {
	/* why: the deadline missed (a code), or the risk in words */
	char *number, *village, *why;
	char due[11];		/* overdue cases: the day of the deadline */
};
struct beat_report_channel {	/* hand-offs by channel, in the month */
	char *code, *label;
	long long handed, accepted, concluded, resolved;
};
struct beat_report_missed {	/* deadlines due in the month and missed */
	const char *what;	/* a kind of struct beat_deadline */
	long long n;
};
struct beat_report_kind {	/* cameras by kind */
	char *code, *label;
	long long all, online;
};
struct beat_report {
	int year, month;	/* the period's first month */
	int nmonths;		/* 1, 3 (a quarter) or 12 (a year) */
	char name[8];		/* "YYYY-MM", "YYYY-Qn" or "YYYY" */
	char first[11], last[11];	/* first and last day of the period */
	char made[20];		/* when the report was made, "YYYY-MM-DD HH:MM" */
	char *station;		/* setting 'station', or NULL */
	/* incidents; none: the table is empty */
	long long incidents_all;
	long long calls, valid, repeats, invalid;	/* received in the month */
	/* A month: beat_incident_compare.  A quarter: against the quarter
	 * before, the same quarter a year before, the year to date against
	 * the last.  A year (ncmp 1): against the year before. */
	struct beat_compare cmp[3];
	int ncmp;
	char months[BEAT_REPORT_MONTHS][8];	/* oldest first, ending with the period's last */
	/* Valid per month, and the same months a year earlier; -1 for months
	 * before the first incident recorded. */
	long long series[BEAT_REPORT_MONTHS];
	long long series_ago[BEAT_REPORT_MONTHS];
	struct beat_report_cat *cats;
	size_t ncats;
	struct beat_report_spot spots[5];
	size_t nspots;
	/* disputes */
	long long disputes_all;
	long long registered, resolved, closed_other, escalated, handed_on;
	long long sessions, open_end, recovered_fen;
	struct beat_report_case *overdue, *risks;
	size_t noverdue, nrisks;
	struct beat_report_channel *channels;	/* every channel, 三调一访 order */
	size_t nchannels;
	/* Counted as of today: a deadline due on the month's last day is
	 * missed once that day is over; a lapsed court window is not. */
	struct beat_report_missed *missed;
	size_t nmissed;
	/* beat_workload for the month, as of its last day, or of today
	 * while the month is under way */
	char asof[11];
	struct beat_workload *workload;
	size_t nworkload;
	/* patrols */
	long long patrols_all;
	long long patrols, patrol_minutes, hours_covered;
	long long hour_minutes[24];	/* minutes out in each hour of the day */
	long long checkpoints, checkpoints_visited;
	long long stopped, mediated, checked, publicity;
	/* premises */
	long long places_all;
	long long inspections, hazards_found, due_ledgers, due_places;
	long long open_hazards, hazards_late;
	/* cameras now: online when reported online within cameras_hours */
	long long cameras_all, cameras_online, cameras_hours;
	struct beat_report_kind *kinds;
	size_t nkinds;
};
/* Gathers nmonths (1, 3 or 12) from (year, month); the database is only read. */
void beat_report_gather(struct beat_conn *db, int year, int month, int nmonths,
    struct beat_report *r);
struct beat_doc;
/* Writes the report as text or HTML (report-doc.c). */
void beat_report_write(struct beat_doc *d, const struct beat_report *r);
void beat_report_free(struct beat_report *r);
/*
 * Locale-independent decimal text: v rounded to the given decimals
 * (0 to 3), e.g. "-12.9"; returns buf (at least 32 bytes).
 */
char *beat_fixed(double v, int decimals, char *buf);

/* ---- text or HTML documents (doc.c) -------------------------------- */
/*
 * A document written either as plain text (80 columns, CJK counted as
 * two, control characters escaped) or as one self-contained HTML page
 * (inline CSS, A4 print style, all text escaped).
 */
struct beat_doc {
	FILE *fp;
	int html;
};
/* Table columns: text widths, negative for left-aligned text; the HTML
 * table right-aligns the columns with positive widths. */
struct beat_doc_table {
	int n;
	const int *w;
};
void beat_doc_begin(struct beat_doc *d, const char *title, const char *sub);
void beat_doc_end(struct beat_doc *d);
void beat_doc_section(struct beat_doc *d, const char *id, const char *title);
void beat_doc_section_end(struct beat_doc *d);
void beat_doc_note(struct beat_doc *d, const char *s);
void beat_doc_gap(struct beat_doc *d);	/* a blank line in text */
/* In HTML, what comes between these two stands side by side (a table
 * and its chart); in text, one after the other. */
void beat_doc_pair_begin(struct beat_doc *d);
void beat_doc_pair_end(struct beat_doc *d);
/* Figures: a label, its value, an optional remark after it. */
void beat_doc_kv_begin(struct beat_doc *d);
void beat_doc_kv(struct beat_doc *d, const char *label, const char *value, const char *remark);
void beat_doc_kv_num(struct beat_doc *d, const char *label, long long v, const char *remark);
/* "part/whole" and the percentage as remark. */
void beat_doc_kv_share(struct beat_doc *d, const char *label, long long part, long long whole);
void beat_doc_kv_end(struct beat_doc *d);
void beat_doc_table_begin(struct beat_doc *d, const struct beat_doc_table *t,
    const char *const *head);
void beat_doc_row(struct beat_doc *d, const struct beat_doc_table *t, const char *const *cells);
void beat_doc_table_end(struct beat_doc *d);

/* ---- files replaced atomically (atomic.c) -------------------------- */
/*
 * Output to path through a temporary file in the same directory: the
 * file appears complete (fsync, rename) or not at all.  A path that is
 * a symbolic link is refused (but for one to our own stdout or stderr);
 * a replaced file keeps its mode, and its owner when we are root.  The
 * temporary is removed on exit, SIGHUP, SIGINT and SIGTERM (the signal
 * is then raised again); one left by a killed run is removed by the next
 * run that writes the same path.  Failing to create the temporary file,
 * or a link, exits 73; failing to write it, 74.
 */
struct beat_atomic;
/* mode: of a new file, before the umask. */
struct beat_atomic *beat_atomic_create(const char *path, mode_t mode);
struct beat_atomic *beat_atomic_open(const char *path);	/* mode 0666 */
FILE *beat_atomic_fp(struct beat_atomic *a);
/* The temporary's name (NULL when written in place), for SQLite to open. */
const char *beat_atomic_tmp(struct beat_atomic *a);
/* Flushes, syncs, renames into place and frees. */
void beat_atomic_commit(struct beat_atomic *a);
/* Removes the temporary file (on a failure path) and frees. */
void beat_atomic_abort(struct beat_atomic *a);

/* ---- SVG charts (svg.c) -------------------------------------------- */
/*
 * Inline SVG for the HTML report: integer coordinates, text escaped, no
 * external references.  Labels are UTF-8.
 */
struct beat_svg_series {
	const char *name;	/* legend text */
	const long long *v;	/* a negative value leaves its point out */
	int dashed;
};
/*
 * A line chart of ns series of n points each, with a legend; every third
 * x label is shown under the axis, the last one always.
 */
void beat_svg_lines(FILE *fp, const char *title, const char *xlabel, const char *ylabel,
    const char *const *xlabels, size_t n, const struct beat_svg_series *s, size_t ns);
/* A column chart of n columns; v in 1/unit of the axis's unit (minutes
 * for an axis of hours: unit 60).  Every third label is shown. */
void beat_svg_columns(FILE *fp, const char *title, const char *xlabel, const char *ylabel,
    const char *const *labels, const long long *v, size_t n, int unit);
/* A horizontal bar chart: one bar per label. */
void beat_svg_bars(FILE *fp, const char *title, const char *const *labels,
    const long long *v, size_t n);
/* Writes s with & < > " ' escaped, control characters as blanks, and
 * bidirectional and line-separator characters shown as \uXXXX. */
void beat_html_text(FILE *fp, const char *s);

/* ---- the case file (dossier.c) ------------------------------------- */
/*
 * A dispute case's archive file (卷宗) as HTML for A4 printing: cover,
 * contents, registration, one record per session, hand-off letters with
 * the channel's answers, the agreement, judicial confirmation, follow-up
 * visits and the closing note, each on a sheet of its own.  The forms
 * are Chinese whatever the locale.  Personal numbers are masked (free
 * text through beat_mask_text) unless reveal; all text is escaped.
 */
void beat_dossier_begin(FILE *fp, const char *title);
/* One case, starting on a new sheet; returns the sheets it counts. */
int beat_dossier_case(FILE *fp, struct beat_conn *db, long long id, int reveal);
/* Its contents (卷内目录) as rows of o: case, seq, document (its Chinese
 * title), date, sheet (its first), sheets. */
struct beat_out;
void beat_dossier_contents(struct beat_out *o, struct beat_conn *db, long long id);
void beat_dossier_end(FILE *fp);

#endif
