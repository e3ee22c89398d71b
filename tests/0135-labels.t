#!/bin/sh
# Options that take a code take its Chinese label too, in every command:
# types, levels, channels, categories, sub-kinds, ledgers, results,
# outcomes, prevented harms; an unknown one is 64 and lists them all.
# Under zh_CN the table format's headers are Chinese; tsv, csv and json
# keep the English column names scripts read.
. "${BEAT_TOP:-.}/tests/lib.sh"
. "${BEAT_TOP:-.}/tests/cases.sh"
plan 52

export BEAT_NOW='2024-09-30 10:00'
station
q() { sq "$1" ' '; }
dispute() { q "SELECT $2 FROM dispute WHERE number = '$1'"; }

# Dispute types (a reference table), with and without 纠纷.
c1=$(newcase 红星村 邻里 '2024-09-02 10:00' 漏水)
check_out 'case-add --type 邻里 stores neighbor' 'neighbor' "dispute $c1 type"
c2=$(newcase 红星村 邻里纠纷 '2024-09-03 10:00' 占道)
check_out 'case-add --type 邻里纠纷 stores neighbor' 'neighbor' "dispute $c2 type"
c3=$(newcase 青山村 宅基地房屋 '2024-09-04 10:00' 界址)
c4=$(newcase 青山村 拖欠工资 '2024-09-05 10:00' 欠薪)
check_same 'case-list --type 拖欠工资 lists what --type wages lists' \
	'case-list --type wages -f tsv' 'case-list --type 拖欠工资 -f tsv'
check_out 'case-list --type 拖欠工资' "$c4" 'case-list --type 拖欠工资 --ids'

# Session outcomes and levels.
check_out 'case-mediate --outcome 调解不成 --level 警情先期调解' 'police failed' \
	"case-mediate -q $c1 --outcome 调解不成 --level 警情先期调解 --at '2024-09-03 10:00' &&
	 q \"SELECT level, outcome FROM session ORDER BY id DESC LIMIT 1\""
check_out 'case-mediate --outcome 部分达成' 'partial' \
	"case-mediate -q $c2 --outcome 部分达成 --at '2024-09-04 10:00' &&
	 q \"SELECT outcome FROM session ORDER BY id DESC LIMIT 1\""
check_out 'case-mediate --outcome 达成协议' 'agreed' \
	"case-mediate -q $c3 --outcome 达成协议 --at '2024-09-05 10:00' &&
	 q \"SELECT outcome FROM session ORDER BY id DESC LIMIT 1\""

# Levels and channels in case-escalate, then the channel's outcome.
check_out 'case-escalate --to 乡镇就地调解' 'township' \
	"case-escalate -q $c1 --to 乡镇就地调解 --reason 升级 --at '2024-09-06 10:00' &&
	 dispute $c1 level"
check_out 'case-list --level 乡镇就地调解' "$c1" 'case-list --level 乡镇就地调解 --ids'
check_out 'case-escalate --to 重大疑难矛盾纠纷会商研判' 'consultation' \
	"case-escalate -q $c1 --to 重大疑难矛盾纠纷会商研判 --reason 会商 --at '2024-09-07 10:00' &&
	 dispute $c1 level"
check_out 'case-escalate --channel 人民调解' 'people' \
	"case-escalate -q $c1 --channel 人民调解 --body 调委会 --reason 移交 --at '2024-09-09 10:00' &&
	 dispute $c1 channel"
check_out 'case-channel --outcome 未化解' 'unresolved' \
	"case-channel -q $c1 --event accepted --at '2024-09-10 10:00' &&
	 case-channel -q $c1 --event concluded --outcome 未化解 --at '2024-09-20 10:00' &&
	 q \"SELECT outcome FROM channel_event ORDER BY id DESC LIMIT 1\""

# Case outcomes and prevented harms.
check_out 'case-close --outcome 已化解 --prevented 械斗' 'closed resolved fight' \
	"case-close -q $c3 --outcome 已化解 --prevented 械斗 --at '2024-09-06 10:00' &&
	 dispute $c3 \"status || ' ' || outcome || ' ' || prevented\""
check_out 'case-close --outcome 撤回' 'withdrawn' \
	"case-close -q $c4 --outcome 撤回 --at '2024-09-06 10:00' && dispute $c4 outcome"

# Premises: category and sub-kind, ledger and result.
check_out 'place-add --category 九小场所 --kind 小旅馆' 'small hotel' \
	"place-add -q --category 九小场所 --kind 小旅馆 --name 青山旅馆 --village 青山村 &&
	 q \"SELECT category, kind FROM place WHERE name = '青山旅馆'\""
place-add -q --category school --name 红星小学 --village 红星村
check_same 'place-list --category 九小场所 lists what --category small lists' \
	'place-list --category small -f tsv' 'place-list --category 九小场所 -f tsv'
check 'and lists the hotel' 'place-list --category 九小场所 -f tsv | grep -q 青山旅馆'
check_out 'place-check --ledger 消防 --result 合格' 'fire ok' \
	"place-check -q 青山旅馆 --ledger 消防 --result 合格 &&
	 q \"SELECT ledger, result FROM inspection ORDER BY id DESC LIMIT 1\""
check_out 'place-check --ledger 治安 --result 隐患' 'security hazard' \
	"place-check -q 红星小学 --ledger 治安 --result 隐患 --hazard 围墙破损 --fix-by 2024-10-15 &&
	 q \"SELECT ledger, result FROM inspection ORDER BY id DESC LIMIT 1\""

# A code still wins, and an unknown word is a usage error listing codes and labels.
check_out 'the code itself still works' "$c4" 'case-list --status all --type wages --ids'
check_err 'an unknown type: 64, every code with its label' 64 \
	"case-list: --type: unknown code or label '吵架' (one of: business 生产经营, compensation 损害赔偿, contract 合同, demolition 征地拆迁安置, environment 环境污染, family 婚姻家庭, forest 山林, homestead 宅基地房屋, land 土地承包流转, medical 医疗, neighbor 邻里, other 其他, restructuring 企业改制, traffic 交通事故, wages 拖欠工资)
Try 'case-list --help' for more information." \
	'case-list --type 吵架'
check_exit 'an unknown channel: 64' 64 "case-escalate $c2 --channel 法院 --reason x"
check 'listing the channels with their labels' \
	'grep -q "administrative 行政调解, judicial 司法调解, people 人民调解, petition 信访" "$T/err"'
check_exit 'an unknown level: 64' 64 "case-escalate $c2 --to 县级 --reason x"
check 'listing the levels with their labels' 'grep -q "consultation 重大疑难矛盾纠纷会商研判" "$T/err"'
check_exit 'an unknown session outcome: 64' 64 "case-mediate $c2 --outcome 成功"
check 'listing the session outcomes' \
	'grep -q "(one of: agreed 达成协议, partial 部分达成, failed 调解不成)" "$T/err"'
check_exit 'an unknown case outcome: 64' 64 "case-close $c2 --outcome 结案"
check 'listing the case outcomes' \
	'grep -q "(one of: resolved 已化解, referred 移交, withdrawn 撤回)" "$T/err"'
check_exit 'an unknown prevented harm: 64' 64 "case-close $c2 --outcome resolved --prevented 斗殴"
check 'listing them' 'grep -q "(one of: suicide 自杀, criminal 民转刑案件, fight 械斗, petition 上访)" "$T/err"'
check_exit 'an unknown ledger: 64' 64 'place-check 1 --ledger 卫生 --result ok'
check 'listing the ledgers' 'grep -q "(one of: security 治安, traffic 交通, fire 消防)" "$T/err"'
check_exit 'a label of another set is not taken: 64' 64 'place-add --category 小旅馆 --name x --village 红星村'
check_out 'and nothing was written' '0' "q \"SELECT count(*) FROM place WHERE name = 'x'\""

# Headers: translated in table format only.
check_out 'under zh_CN, case-list -f table has Chinese headers' \
	'案件编号 登记日期 村（社区） 纠纷类型 调解层级 状态 民警 调解不成次数 期限 期限事项 案情摘要' \
	'LANGUAGE=zh_CN case-list -f table | head -n 1 | tr -s " " " "'
check_out 'and so has roster --list officers' '警号 名称 类型 电话 包片村' \
	'LANGUAGE=zh_CN roster --list officers -f table | head -n 1 | tr -s " " " "'
check_out 'tsv keeps the English names' \
	"$(printf 'case\topened\tvillage\ttype\tlevel\tstatus\tofficer\tfailed\tdue\tdeadline\tsummary')" \
	'LANGUAGE=zh_CN case-list -f tsv | head -n 1'
check_out 'csv too' 'place,category,kind,name,village,address' \
	'LANGUAGE=zh_CN place-list -f csv | head -n 1 | tr -d "\r"'
check 'json keeps its keys' \
	'LANGUAGE=zh_CN case-list -f json | grep -q "^{\"case\":\"$c2\",\"opened\":"'
# Cells: codes shown as labels in table format only.
row() { awk -v c="$c2" '$1 == c { print $4, $5, $6 }'; }
check_out 'under zh_CN, table cells show the labels of codes' '邻里 警情先期调解 未结' \
	'LANGUAGE=zh_CN case-list -f table | row'
check_out 'tsv keeps the codes' 'neighbor police open' \
	'LANGUAGE=zh_CN case-list -f tsv | row'
check_out 'and so does the table in English' 'neighbor police open' \
	'case-list -f table | row'
check_out 'case-show -f table: field names and codes in Chinese' '纠纷类型 邻里 状态 未结' \
	'LANGUAGE=zh_CN case-show $c2 -f table | awk "\$1 == \"纠纷类型\" || \$1 == \"状态\"" | tr -s " " " " | sort -r | paste -sd " "'
check_out 'and its timeline names the events' '登记' \
	'LANGUAGE=zh_CN case-show $c2 -f table | awk "/^时间/ { getline; print \$3 }"'
check 'a timeline for people says where a case came from in Chinese' \
	'LANGUAGE=zh_CN case-show $c2 --section timeline -f table | sed -n 2p | grep -q " 登记 .*来源："'
check 'and names the levels of an escalation' \
	'LANGUAGE=zh_CN case-show $c1 --section timeline -f table | grep -q "警情先期调解 -> 乡镇就地调解"'
check 'for scripts it keeps its English words and codes' \
	'LANGUAGE=zh_CN case-show $c1 --section timeline -f tsv | grep -q "	escalated	township	police -> township"'
check_out 'case-show --section fields -f tsv keeps codes' 'neighbor' \
	'LANGUAGE=zh_CN case-show $c2 --section fields -f tsv | cut -f 9 | tail -n 1'
check_out 'report-monthly -f table names sections and figures' '矛盾纠纷 登记' \
	'LANGUAGE=zh_CN report-monthly --month 2024-09 -f table | awk "\$2 == \"矛盾纠纷\" { print \$2, \$3; exit }"'
check_out 'roster --list officers -f table names the kind' '辅警' \
	'LANGUAGE=zh_CN roster --list officers -f table | sed -n 2p | awk "{ print \$3 }"'
check_out 'without LANGUAGE the table headers are English' 'badge name kind phone villages' \
	'roster --list officers -f table | head -n 1 | tr -s " " " "'
done_testing
