#!/bin/sh
# place-add: registers premises; category, sub-kind, village and name rules.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 33

export BEAT_NOW='2024-06-15 10:00:00'
q() { sq "$1" ' '; }
audits() { q "SELECT count(*) FROM audit WHERE command LIKE 'place-add%'"; }

# No database yet: on PostgreSQL, one the server does not have.
nodb=$BEAT_DB
on_pg && nodb="postgresql:///${pgdb}_none?host=$BEAT_TEST_PGHOST&user=beat"
check_exit 'without a database place-add exits 66' 66 \
	'place-add -d "$nodb" --category school --name 红星小学 --village 红星村'
mini_station

check_out 'a school prints its number' '1' \
	'place-add --category school --name 红星小学 --village 红星村 --address "红星村3组"'
check_out 'and is stored with its village and the time of now' \
	'红星小学 school  红星村 红星村3组 2024-06-15 10:00:00' \
	"q \"SELECT p.name, p.category, coalesce(p.kind, ''), v.name, p.address, p.added_at
	    FROM place p JOIN village v ON v.id = p.village_id WHERE p.id = 1\""
check_out 'one of the nine small places with its sub-kind' '2' \
	'place-add --category small --kind shop --name 张三小卖部 --village 510781002 --at 2024-01-01'
check_out 'the village may be given by code; --at sets when it was added' \
	'small shop 青山村 2024-01-01 00:00:00' \
	"q \"SELECT p.category, p.kind, v.name, p.added_at FROM place p
	    JOIN village v ON v.id = p.village_id WHERE p.id = 2\""
check_out 'each write leaves one audit row naming the place' '2 1|2' \
	"q \"SELECT count(*), group_concat(records, '|') FROM
	    (SELECT records FROM audit WHERE command LIKE 'place-add%' ORDER BY id) AS t\""
check 'with -q a place is added' \
	'place-add -q --category fuel --name 青山加油站 --village 青山村'
check 'and nothing printed' '[ ! -s "$T/out" ]'

check_exit 'small without --kind is a usage error' 64 \
	'place-add --category small --name 李四饭店 --village 青山村'
check 'saying --kind is needed' 'grep -q "small needs --kind" "$T/err"'
check_exit '--kind with another category is refused' 64 \
	'place-add --category school --kind shop --name 青山小学 --village 青山村'
check 'saying it goes with small only' 'grep -q -- "--kind goes with --category small only" "$T/err"'
check_exit 'an unknown category is a usage error' 64 \
	'place-add --category bank --name 信用社 --village 青山村'
check 'listing the categories with their labels' \
	'grep -q "unknown code or label .bank. (one of: enterprise 大型企业, financial 金融网点, fuel 加油站" "$T/err"'
check_exit 'an unknown sub-kind is a usage error' 64 \
	'place-add --category small --kind casino --name 棋牌室 --village 青山村'
check 'listing the sub-kinds' 'grep -q "clinic 小医院（诊所）, entertainment 小歌舞娱乐场所, hotel 小旅馆" "$T/err"'
check_exit 'an unknown village is 69' 69 \
	'place-add --category school --name 白云小学 --village 白云村'
check 'naming the village' 'grep -q "no such village: .白云村." "$T/err"'
check_exit 'a name already registered is 65' 65 \
	'place-add --category fuel --name 红星小学 --village 青山村'
check 'saying so, with the number it has' \
	'grep -q "place .红星小学. exists already, number 1" "$T/err"'
check_exit 'a name of digits only is refused (it would read as a number)' 64 \
	'place-add --category fuel --name 12 --village 青山村'
check_exit 'an empty name is refused' 64 \
	'place-add --category fuel --name " " --village 青山村'
check_exit '--village is required' 64 'place-add --category fuel --name 油站'
check_exit 'a bad --at is a usage error' 64 \
	'place-add --category fuel --name 油站 --village 青山村 --at 2024-02-30'
check_exit 'an operand is a usage error' 64 \
	'place-add --category fuel --name 油站 --village 青山村 extra'
check_out 'the failures stored nothing' '3' 'q "SELECT count(*) FROM place"'
check_out 'and audited nothing' '3' 'audits'

check_out 'place-list shows what was added' \
	'place	category	kind	name	village	address
1	school		红星小学	红星村	红星村3组
2	small	shop	张三小卖部	青山村	
3	fuel		青山加油站	青山村	' 'place-list'
check 'the number is a name place-check takes' \
	'place-check -q 1 --ledger fire --result ok'
check_out 'a place name with spaces and Chinese goes in whole' '4' \
	'place-add --category logistics --name "中通 快递 青山点" --village 青山村'
check_out 'and is found by that name' '中通 快递 青山点' \
	"place-check -q '中通 快递 青山点' --ledger fire --result ok &&
	 q \"SELECT p.name FROM inspection i JOIN place p ON p.id = i.place_id ORDER BY i.id DESC LIMIT 1\""

check_out 'place-add -f csv prints the number under a header' 'place' \
	"place-add --category school --name 表格小学 --village 红星村 -f csv | head -n 1 | tr -d '\r'"
check_out 'and -f json one array' 'place' \
	"place-add --category school --name 表格二小 --village 红星村 -f json |
	 python3 -c 'import json,sys; print(*json.load(sys.stdin)[0])'"
done_testing
