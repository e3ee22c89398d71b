/* lookup.c: find records named on the command line or in files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "beat.h"

/* Each selects the id of the record its one parameter names. */
static const struct {
	const char *sql;
	const char *what;
} records[] = {
	[BEAT_LOOKUP_VILLAGE] = { "SELECT id FROM village WHERE name = ?1 OR code = ?1", N_("village") },
	[BEAT_LOOKUP_BADGE] = { "SELECT id FROM officer WHERE badge = ?1", N_("officer") },
	[BEAT_LOOKUP_CASE] = { "SELECT id FROM dispute WHERE number = ?1", N_("case") },
	[BEAT_LOOKUP_TEAM] = { "SELECT id FROM team WHERE name = ?1", N_("team") },
	[BEAT_LOOKUP_ROUTE] = { "SELECT id FROM route WHERE name = ?1", N_("route") },
	[BEAT_LOOKUP_PLACE] = { "SELECT id FROM place WHERE CAST(id AS TEXT) = ?1 OR name = ?1", N_("place") },
};

long long
beat_lookup_at(struct beat_conn *db, enum beat_lookup kind, const char *name, const char *file,
    long line)
{
	long long id = beat_query_int(db, -1, records[kind].sql, "s", name);

	if (id < 0)
		beat_errx_at(BEAT_EX_NOREC, file, line, _("no such %s: '%s'"),
		    _(records[kind].what), name);
	return id;
}

long long
beat_village_id(struct beat_conn *db, const char *name)
{
	return beat_lookup_at(db, BEAT_LOOKUP_VILLAGE, name, NULL, 0);
}

long long
beat_officer_id(struct beat_conn *db, const char *who)
{
	long long n;

	n = beat_query_int(db, -1, records[BEAT_LOOKUP_BADGE].sql, "s", who);
	if (n >= 0)
		return n;
	if (beat_query_int(db, 0, "SELECT count(*) FROM officer WHERE name = ?", "s", who) > 1)
		beat_errx(BEAT_EX_DATA, _("'%s' names more than one officer; give the badge"), who);
	n = beat_query_int(db, -1, "SELECT id FROM officer WHERE name = ?", "s", who);
	if (n < 0)
		beat_errx(BEAT_EX_NOREC, _("no such %s: '%s'"), _("officer"), who);
	return n;
}

long long
beat_case_id(struct beat_conn *db, const char *number)
{
	return beat_lookup_at(db, BEAT_LOOKUP_CASE, number, NULL, 0);
}

long long *
beat_case_ids_read(struct beat_conn *db, char *const *cases, size_t n)
{
	long long *ids = beat_xmalloc(n * sizeof(*ids));
	char *what, *t;
	size_t i;

	/* Every case is found before anything is printed or audited. */
	for (i = 0; i < n; i++)
		ids[i] = beat_case_id(db, cases[i]);
	if (beat_opt.reveal) {
		what = beat_xstrdup("case");
		for (i = 0; i < n; i++) {
			t = beat_xasprintf("%s %s", what, cases[i]);
			free(what);
			what = t;
		}
		t = beat_xasprintf("%s reveal", what);
		beat_audit_read(db, t);
		free(t);
		free(what);
	}
	return ids;
}

long long
beat_team_id(struct beat_conn *db, const char *name)
{
	return beat_lookup_at(db, BEAT_LOOKUP_TEAM, name, NULL, 0);
}

long long
beat_route_id(struct beat_conn *db, const char *name)
{
	return beat_lookup_at(db, BEAT_LOOKUP_ROUTE, name, NULL, 0);
}

long long
beat_place_id(struct beat_conn *db, const char *s)
{
	return beat_lookup_at(db, BEAT_LOOKUP_PLACE, s, NULL, 0);
}

/* The table names are ours, never user input; still, only these pass. */
static const char *const code_tables[] = {
	"dispute_type", "level", "channel", "incident_category",
	"place_category", "place_kind", "camera_kind", NULL,
};

/*
 * Codes kept in the schema's CHECK constraints rather than in reference
 * tables (or in a command, as patrol-gaps' kinds of gap), with the one Chinese name a station writes for each: the same
 * words the zh_CN catalogue uses where it explains these codes.  A code
 * may belong to several sets (resolved, petition); a set's codes are
 * listed in the order its help text gives them.
 */
static const struct {
	const char *set, *code, *label;
} fixed_codes[] = {
	{ "ledger", "security", "治安" },
	{ "ledger", "traffic", "交通" },
	{ "ledger", "fire", "消防" },
	{ "inspection_result", "ok", "合格" },
	{ "inspection_result", "hazard", "隐患" },
	{ "session_outcome", "agreed", "达成协议" },
	{ "session_outcome", "partial", "部分达成" },
	{ "session_outcome", "failed", "调解不成" },
	{ "case_outcome", "resolved", "已化解" },
	{ "case_outcome", "referred", "移交" },
	{ "case_outcome", "withdrawn", "撤回" },
	{ "channel_outcome", "resolved", "已化解" },
	{ "channel_outcome", "unresolved", "未化解" },
	{ "prevented", "suicide", "自杀" },
	{ "prevented", "criminal", "民转刑案件" },
	{ "prevented", "fight", "械斗" },
	{ "prevented", "petition", "上访" },
	{ "case_status", "open", "未结" },
	{ "case_status", "closed", "已结" },
	{ "camera_status", "online", "在线" },
	{ "camera_status", "offline", "离线" },
	{ "party_role", "applicant", "申请人" },
	{ "party_role", "respondent", "被申请人" },
	{ "party_role", "third", "第三人" },
	{ "officer_kind", "officer", "民警" },
	{ "officer_kind", "auxiliary", "辅警" },
	{ "officer_kind", "mediator", "专职调解员" },
	{ "officer_kind", "cadre", "村干部" },
	{ "agreement_form", "written", "书面协议" },
	{ "agreement_form", "oral", "口头协议" },
	{ "channel_event", "accepted", "已受理" },
	{ "channel_event", "declined", "不予受理" },
	{ "channel_event", "extended", "延期" },
	{ "channel_event", "checked", "跟进" },
	{ "channel_event", "concluded", "办结" },
	{ "case_source", "call", "电话报警" },
	{ "case_source", "walkin", "来所反映" },
	{ "case_source", "patrol", "巡逻发现" },
	{ "case_source", "referral", "移交转办" },
	{ "case_event", "registered", "登记" },
	{ "case_event", "session", "调解" },
	{ "case_event", "refused", "拒绝调解" },
	{ "case_event", "escalated", "升级" },
	{ "case_event", "handed", "移交" },
	{ "case_event", "extended", "延长" },
	{ "case_event", "agreement", "调解协议" },
	{ "case_event", "applied", "申请司法确认" },
	{ "case_event", "confirmed", "司法确认" },
	{ "case_event", "channel", "移交渠道办理" },
	{ "case_event", "closed", "结案" },
	{ "case_event", "followup", "回访" },
	{ "deadline_state", "met", "按期" },
	{ "deadline_state", "late", "逾期完成" },
	{ "deadline_state", "overdue", "已逾期" },
	{ "deadline_state", "missed", "曾逾期" },
	{ "deadline_state", "lapsed", "已失效" },
	{ "deadline_state", "owed", "待办" },
	{ "camera_reason", "offline", "离线" },
	{ "camera_reason", "stale", "状态过期" },
	{ "camera_reason", "never", "从未上报" },
	{ "report_section", "incidents", "警情" },
	{ "report_section", "disputes", "矛盾纠纷" },
	{ "report_section", "patrols", "巡逻" },
	{ "report_section", "premises", "重点场所" },
	{ "report_section", "cameras", "视频监控" },
	{ "report_section", "category", "警情类别" },
	{ "report_section", "missed", "未按时完成的期限" },
	{ "report_figure", "calls", "接报警情" },
	{ "report_figure", "valid", "有效警情" },
	{ "report_figure", "repeats", "重复报警" },
	{ "report_figure", "invalid", "无效警情" },
	{ "report_figure", "registered", "登记" },
	{ "report_figure", "sessions", "调解次数" },
	{ "report_figure", "resolved", "已化解" },
	{ "report_figure", "closed_other", "其他方式结案" },
	{ "report_figure", "escalated", "逐级上升调解" },
	{ "report_figure", "handed_on", "分流处置" },
	{ "report_figure", "open_end", "期末未结" },
	{ "report_figure", "overdue_end", "期末超期" },
	{ "report_figure", "mass_risks", "群体性事件风险" },
	{ "report_figure", "recovered_yuan", "挽回金额（元）" },
	{ "report_figure", "patrols", "巡逻次数" },
	{ "report_figure", "minutes", "巡逻时长（分钟）" },
	{ "report_figure", "hours_covered", "覆盖时段" },
	{ "report_figure", "checkpoints", "必到点" },
	{ "report_figure", "checkpoints_visited", "巡到必到点" },
	{ "report_figure", "stopped", "制止纠纷" },
	{ "report_figure", "mediated", "调解纠纷" },
	{ "report_figure", "checked", "盘查可疑人员" },
	{ "report_figure", "publicity", "开展宣传" },
	{ "report_figure", "inspections", "检查" },
	{ "report_figure", "hazards_found", "发现隐患" },
	{ "report_figure", "due_ledgers", "到期应检台账" },
	{ "report_figure", "due_places", "到期应检场所" },
	{ "report_figure", "open_hazards", "未整改隐患" },
	{ "report_figure", "hazards_late", "逾期未整改隐患" },
	{ "report_figure", "cameras", "摄像机" },
	{ "report_figure", "online", "在线" },
	{ "gap_kind", "checkpoint", "必到点" },
	{ "gap_kind", "hour", "时段" },
};
#define NFIXED (sizeof(fixed_codes) / sizeof(fixed_codes[0]))

static const char *
checked_table(const char *table)
{
	size_t i;

	for (i = 0; code_tables[i] != NULL; i++)
		if (strcmp(code_tables[i], table) == 0)
			return code_tables[i];
	return NULL;
}

static int
fixed_set(const char *set)
{
	size_t i;

	for (i = 0; i < NFIXED; i++)
		if (strcmp(fixed_codes[i].set, set) == 0)
			return 1;
	return 0;
}

/*
 * A dispute type may come as its label with the 纠纷 a clerk writes after
 * it (邻里纠纷); the label alone (邻里) is what the table keeps.
 */
static char *
without_jiufen(const char *table, const char *text)
{
	static const char suffix[] = "纠纷";
	size_t n = strlen(text), m = sizeof(suffix) - 1;

	if (strcmp(table, "dispute_type") != 0 || n <= m ||
	    strcmp(text + n - m, suffix) != 0)
		return NULL;
	return beat_xasprintf("%.*s", (int)(n - m), text);
}

const char *
beat_code_find(struct beat_conn *db, const char *set, const char *text)
{
	char sql[160], *code, *bare;
	const char *table;
	size_t i;

	if ((table = checked_table(set)) == NULL) {
		if (!fixed_set(set))
			beat_errx(BEAT_EX_SOFTWARE, "beat_code_find: no code set '%s'", set);
		for (i = 0; i < NFIXED; i++)
			if (strcmp(fixed_codes[i].set, set) == 0 &&
			    (strcmp(fixed_codes[i].code, text) == 0 ||
			    strcmp(fixed_codes[i].label, text) == 0))
				return fixed_codes[i].code;
		return NULL;
	}
	/* A code wins over a label that happens to spell it. */
	snprintf(sql, sizeof(sql), "SELECT code FROM %s WHERE code = ?1 OR label = ?1"
	    " ORDER BY code = ?1 DESC, code LIMIT 1", table);
	code = beat_query_text(db, sql, "s", text);
	if (code == NULL && (bare = without_jiufen(table, text)) != NULL) {
		code = beat_query_text(db, sql, "s", bare);
		free(bare);
	}
	return code;
}

/* Adds "CODE LABEL" to the list of codes a usage error offers. */
static void
add_code(const char *code, const char *label, void *arg)
{
	char **list = arg, *more;

	more = beat_xasprintf("%s%s%s %s", *list ? *list : "", *list ? ", " : "",
	    code, label);
	free(*list);
	*list = more;
}

const char *
beat_code_arg(struct beat_conn *db, const char *set, const char *text, const char *option)
{
	const char *code;
	char *list = NULL;

	if ((code = beat_code_find(db, set, text)) != NULL)
		return code;
	/* joined here in the codes' order: SQLite's group_concat has no ORDER BY */
	beat_code_each(db, set, add_code, &list);
	beat_usage_error(_("%s: unknown code or label '%s' (one of: %s)"), option, text,
	    list ? list : "");
}

/*
 * The other way: the label of a code, for people (the table format under
 * a translated locale).  Deadline kinds take their catalogue names.  A
 * code no set knows comes back as it is.
 */
const char *
beat_code_label(struct beat_conn *db, const char *set, const char *code)
{
	/* Labels read from a table, kept till the process ends. */
	static struct { char *set, *code, *label; } *seen;
	static size_t nseen;
	char sql[96];
	const char *table, *t;
	struct beat_stmt *st;
	size_t i;

	if (code == NULL)
		return NULL;
	if (strcmp(set, "deadline") == 0)
		return beat_deadline_label(code);
	if ((table = checked_table(set)) == NULL) {
		for (i = 0; i < NFIXED; i++)
			if (strcmp(fixed_codes[i].set, set) == 0 &&
			    strcmp(fixed_codes[i].code, code) == 0)
				return fixed_codes[i].label;
		return code;
	}
	for (i = 0; i < nseen; i++)
		if (strcmp(seen[i].set, set) == 0 && strcmp(seen[i].code, code) == 0)
			return seen[i].label;
	snprintf(sql, sizeof(sql), "/* lookup.c */ SELECT label FROM %s WHERE code = ?", table);
	st = beat_kept(db, sql);
	beat_bind(st, "s", code);
	t = beat_step(st) ? beat_stmt_text(st, 0) : NULL;
	seen = beat_xrealloc(seen, (nseen + 1) * sizeof(*seen));
	seen[nseen].set = beat_xstrdup(set);
	seen[nseen].code = beat_xstrdup(code);
	seen[nseen].label = beat_xstrdup(t != NULL ? t : code);
	beat_kept_done(st);
	return seen[nseen++].label;
}

int
beat_code_each(struct beat_conn *db, const char *set,
    void (*fn)(const char *code, const char *label, void *arg), void *arg)
{
	struct beat_stmt *st;
	const char *table;
	char sql[96];
	size_t i;

	if ((table = checked_table(set)) == NULL) {
		if (!fixed_set(set))
			return -1;
		for (i = 0; i < NFIXED; i++)
			if (strcmp(fixed_codes[i].set, set) == 0)
				fn(fixed_codes[i].code, fixed_codes[i].label, arg);
		return 0;
	}
	if (db == NULL)
		return 0;
	snprintf(sql, sizeof(sql), "SELECT code, label FROM %s ORDER BY code", table);
	st = beat_prepare(db, sql);
	while (beat_step(st))
		fn(beat_stmt_text(st, 0),
		    beat_stmt_text(st, 1), arg);
	beat_stmt_free(st);
	return 0;
}
