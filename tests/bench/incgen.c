/* incgen.c: writes a realistic 110 dispatch export of generated calls, shuffled, to stdout. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "beat.h"

/*
 * Call i of the whole history is a pure function of i (and of -r), so two
 * files generated over overlapping ranges hold the same rows where they
 * overlap: what a station's monthly exports, or a re-export, look like.
 * Calls are numbered in the order they came in, as dispatch systems do,
 * and written in a shuffled order over the years.
 */

#define DAY	86400L

static const char *villages[] = {
	"红星村", "青山村", "白云村", "绿水村", "石桥村", "新华社区", "东风村",
	"向阳村", "柳河村", "杨家坝村", "李家湾村", "黄泥塘村", "三合村", "五星村",
	"桃园社区", "金竹村", "龙泉村", "双河村", "高峰村", "大田村", "小河村",
	"马鞍村", "凤凰村", "太平村", "和平社区", "光明村", "团结村", "永安村",
	"长岭村", "清水村",
};
static const char *officers[] = {
	"李明", "王芳", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄勇", "周强",
	"吴敏", "徐涛", "孙丽",
};
static const char *surnames[] = {
	"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙",
	"马", "胡", "朱", "郭", "何", "罗",
};
/* Category labels as exports write them, and what the calls say. */
static const struct {
	int weight;
	const char *labels[3];
	const char *says[4];
} kinds[] = {
	{ 25, { "纠纷", "矛盾纠纷", "民间纠纷" }, {
	    "报警人@某称与邻居因宅基地界线发生争执，双方情绪激动，请求民警到场处理",
	    "@某报称其与家人因赡养老人问题发生口角, 要求调解",
	    "报警人称与@某因土地承包流转款项发生纠纷，对方拒不支付，\"要个说法\"",
	    "@某称工地老板拖欠工资三个月共计#元, 多次讨要未果" } },
	{ 20, { "治安", "治安案件", "治安事件" }, {
	    "报警人称在村口小卖部门前有人酒后滋事，砸坏玻璃，@某受轻伤",
	    "@某报称其家中鸡鸭被盗#只, 怀疑系夜间有人翻墙进入",
	    "群众反映有人在广场聚众赌博，约#人，@某举报",
	    "@某称被人殴打，对方已离开现场，要求处理" } },
	{ 20, { "求助", "群众求助", "求助" }, {
	    "@某称其父亲（#岁）走失，身穿蓝色外套, 患有老年痴呆",
	    "报警人@某称钥匙反锁在家中，孩子独自在屋内，请求帮助",
	    "@某称在路边捡到钱包一个，内有现金#元，请民警处理",
	    "群众求助：@某家门前道路被倒伏树木阻断, 车辆无法通行" } },
	{ 12, { "交通事故", "交通", "道路交通事故" }, {
	    "国道#公里处两车追尾，无人员伤亡，@某报警",
	    "@某称其电动车与一辆面包车相撞，本人腿部受伤, 对方未离开",
	    "村道上三轮车侧翻，驾驶人@某被压，已拨打120",
	    "报警人称一货车撞坏路边护栏后驶离, 车牌尾号#" } },
	{ 8, { "刑事", "刑事案件", "刑事犯罪" }, {
	    "@某称其存放在家中的现金#元被盗, 门锁有撬动痕迹",
	    "报警人@某称接到自称\"客服\"电话，被骗转账#元",
	    "@某报称其停放在院内的摩托车被盗",
	    "@某称被人持刀威胁抢走手机一部" } },
	{ 3, { "火警", "火灾", "火灾事故" }, {
	    "@某家柴房起火，火势较大，已通知消防",
	    "山林起火，面积约#平方米, @某发现后报警",
	    "@某称邻居家电线短路冒烟",
	    "村民@某焚烧秸秆引燃田埂杂草" } },
	{ 4, { "举报", "举报线索", "线索" }, {
	    "@某举报有人在河道非法采砂，每天夜间作业",
	    "群众举报某出租屋内有人吸毒, @某提供线索",
	    "@某举报有人无证经营废品收购，收购来历不明的电缆约#公斤",
	    "@某举报网吧接纳未成年人上网" } },
	{ 8, { "其他", "其它", "其他" }, {
	    "@某咨询户籍办理事宜",
	    "@某反映村里路灯损坏#盏, 夜间出行不便",
	    "报警人@某称听到异常响声，到场未发现异常",
	    "@某询问身份证补办流程" } },
};
/* What the officers found, appended to most summaries. */
static const char *outcomes[] = {
	"民警到场后经调查，系邻里之间因琐事引发口角，现场已劝解，双方表示不再争吵",
	"民警到场时对方已离开，已登记报警人信息并告知后续处理流程，报警人表示认可",
	"经现场调解，双方就赔偿金额达成一致，当场履行完毕，民警已做好记录",
	"民警到场后联系村委会干部共同做工作，约定次日到村委会进一步调解",
	"已移交交警大队处理，现场已疏导交通，未造成道路长时间拥堵",
	"已通知120到场，伤者送县医院救治，案件正在进一步调查中，已调取周边监控",
};
static const char *reasons[] = { "误拨", "恶意骚扰", "咨询", "报警人已自行离开", "无效报警" };
static const int hour_weight[24] = {
	1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 5, 4, 4, 5, 5, 5, 5, 6, 6, 5, 4, 3, 2,
};

static long long nrows = 1000000;
static long long span_days = 3653;	/* 2015-01-01 .. 2024-12-31 */
static int revise;

/* splitmix64: every decision about call i is a bit of h(i, k). */
static uint64_t
h(uint64_t i, uint64_t k)
{
	uint64_t z = i * 0x9e3779b97f4a7c15ULL + k * 0xbf58476d1ce4e5b9ULL + 0x94d049bb133111ebULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Call i repeats call i - 1 (which is not itself a repeat): 3 in 100. */
static int
is_repeat(long long i)
{
	return i > 0 && h(i, 1) % 100 < 3 && !(h(i - 1, 1) % 100 < 3);
}

/* Seconds since 2015-01-01 00:00 of call i: busier by day than at night. */
static long long
when(long long i)
{
	static int cum[25];
	long long slot, day, frac, u;
	int hr;

	if (is_repeat(i))
		return when(i - 1) + 60 + (long long)(h(i, 2) % 1800);
	if (cum[24] == 0)
		for (hr = 0; hr < 24; hr++)
			cum[hr + 1] = cum[hr] + hour_weight[hr];
	slot = i * span_days * DAY / nrows;
	day = slot / DAY;
	/* The position inside the day, warped by the hourly weights. */
	u = (slot % DAY) * cum[24];
	for (hr = 0; hr < 23 && u >= (long long)cum[hr + 1] * DAY; hr++)
		;
	frac = (u - (long long)cum[hr] * DAY) / hour_weight[hr] / 24;
	return day * DAY + hr * 3600 + frac;
}

static void
stamp(long long s, char out[32], int slashed)
{
	char day[11];

	beat_day_text(beat_day(2015, 1, 1) + s / DAY, day);
	s %= DAY;
	if (slashed)	/* some exports: 2018/12/3 8:05 */
		snprintf(out, 32, "%d/%d/%d %lld:%02lld", atoi(day), atoi(day + 5),
		    atoi(day + 8), s / 3600, s / 60 % 60);
	else
		snprintf(out, 32, "%s %02lld:%02lld:%02lld", day, s / 3600, s / 60 % 60, s % 60);
}

static void
number(long long i, char out[32])
{
	char t[32];

	stamp(when(i), t, 0);
	snprintf(out, 32, "J5107%.4s%09lld", t, i + 1);
}

static const char *
village(long long i)
{
	if (is_repeat(i))
		return village(i - 1);
	return villages[h(i, 3) % (sizeof villages / sizeof villages[0])];
}

/* A template's @ is a surname, # a number. */
static void
expand(char *out, size_t size, const char *t, const char *name, int n)
{
	size_t len = 0;

	for (; *t != '\0' && len + 16 < size; t++) {
		if (*t == '@')
			len += snprintf(out + len, size - len, "%s", name);
		else if (*t == '#')
			len += snprintf(out + len, size - len, "%d", n);
		else
			out[len++] = *t;
	}
	out[len] = '\0';
}

/* A CSV cell: quoted when it holds a comma, a quote or a line end. */
static void
cell(const char *s)
{
	if (s[strcspn(s, ",\"\r\n")] == '\0') {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void
row(long long i)
{
	char no[32], rel[32] = "", at[32], addr[96], say[512], text[600];
	const char *v = village(i), *reason = "", *valid = "是";
	uint64_t r = h(i, 4);
	int k, w, total = 0;
	size_t nk = sizeof kinds / sizeof kinds[0];

	for (k = 0; k < (int)nk; k++)
		total += kinds[k].weight;
	w = (int)(h(is_repeat(i) ? i - 1 : i, 5) % (uint64_t)total);
	for (k = 0; w >= kinds[k].weight; k++)
		w -= kinds[k].weight;
	number(i, no);
	stamp(when(i), at, r % 20 == 0);
	expand(say, sizeof say, kinds[k].says[r / 7 % 4],
	    surnames[r / 29 % (sizeof surnames / sizeof surnames[0])], (int)(r / 101 % 90 + 10));
	if (r / 47 % 20 != 0) {
		strcat(say, "。处警情况：");
		strcat(say, outcomes[r / 53 % (sizeof outcomes / sizeof outcomes[0])]);
	}
	if (r / 59 % 3 == 0)
		snprintf(say + strlen(say), sizeof say - strlen(say), "。报警电话：1%010llu",
		    (unsigned long long)(r % 10000000000ULL));
	if (r / 3 % 40 == 0) {	/* the dispatcher pressed Enter in the cell */
		strcat(say, "\n处警结果：");
		strcat(say, r / 11 % 2 ? "已调解，双方达成协议" : "已移交派出所值班室");
	}
	if (is_repeat(i)) {
		switch (h(i, 6) % 5) {
		case 0: case 1:	/* the related column names the first call */
			number(i - 1, rel);
			valid = "否";
			reason = "重复报警";
			snprintf(say, sizeof say, "报警人再次来电称%s，催促出警", "民警尚未到场");
			break;
		case 2: case 3:	/* only the text says so */
			valid = "否";
			reason = "重复报警";
			snprintf(say, sizeof say, "同一事件重复报警，%s", "已告知民警正在处置");
			break;
		default:	/* a real call: the situation got worse */
			number(i - 1, rel);
			strcat(say, "，事态升级");
		}
	} else if (r / 13 % 100 < 12) {
		valid = "否";
		reason = reasons[r / 17 % (sizeof reasons / sizeof reasons[0])];
	}
	snprintf(addr, sizeof addr, r / 19 % 4 == 0 ? "%s%d组, 村委会旁" : "%s%d组%d号",
	    v, (int)(r / 23 % 12 + 1), (int)(r / 31 % 80 + 1));
	snprintf(text, sizeof text, "%s%s", say,
	    revise && r / 37 % 50 == 0 ? "（已回访）" : "");
	fputs(no, stdout);
	putchar(',');
	fputs(at, stdout);
	putchar(',');
	fputs(kinds[k].labels[r / 41 % 3], stdout);
	putchar(',');
	fputs(valid, stdout);
	putchar(',');
	fputs(v, stdout);
	putchar(',');
	cell(addr);
	putchar(',');
	cell(text);
	putchar(',');
	fputs(officers[r / 43 % (sizeof officers / sizeof officers[0])], stdout);
	putchar(',');
	fputs(rel, stdout);
	putchar(',');
	fputs(reason, stdout);
	fputs("\r\n", stdout);
}

/* A permutation of [0, n): a Feistel network over 2k bits, cycle-walking. */
static uint64_t
shuffle(uint64_t x, uint64_t n, int bits)
{
	uint64_t mask = (1ULL << bits) - 1, l, r, t;
	int round;

	do {
		l = x >> bits;
		r = x & mask;
		for (round = 0; round < 4; round++) {
			t = r;
			r = l ^ (h(r, 100 + round) & mask);
			l = t;
		}
		x = l << bits | r;
	} while (x >= n);
	return x;
}

static void
usage(void)
{
	fprintf(stderr, "usage: incgen [-r] [-s FIRST] [-y YEARS] ROWS [TOTAL]\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	long long first = 0, n, k;
	static char buf[1 << 16];
	int c, bits;

	while ((c = getopt(argc, argv, "rs:y:")) != -1) {
		switch (c) {
		case 'r':
			revise = 1;	/* some calls since revisited: updates */
			break;
		case 's':
			first = atoll(optarg);
			break;
		case 'y':
			span_days = atoll(optarg) * 36525 / 100;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || (n = atoll(argv[0])) <= 0)
		usage();
	/* TOTAL: how many calls the whole history has (the time scale). */
	nrows = argc > 1 ? atoll(argv[1]) : first + n;
	if (nrows < first + n || span_days <= 0)
		usage();
	setvbuf(stdout, buf, _IOFBF, sizeof buf);
	fputs("\xef\xbb\xbf警情编号,接警时间,警情类别,是否有效,所属村社,发生地点,简要案情,"
	    "处警民警,关联警情,无效原因\r\n", stdout);
	for (bits = 1; (1ULL << (2 * bits)) < (uint64_t)n; bits++)
		;
	for (k = 0; k < n; k++)
		row(first + (long long)shuffle((uint64_t)k, (uint64_t)n, bits));
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("incgen");
		return 74;
	}
	return 0;
}
