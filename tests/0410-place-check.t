#!/bin/sh
# place-check: one inspection per place named; result, hazard and date rules.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 38

export BEAT_NOW='2024-06-15 10:00:00'
q() { sq "$1" ' '; }
count() { q "SELECT count(*) FROM inspection"; }
audits() { q "SELECT count(*) FROM audit WHERE command LIKE 'place-check%'"; }

mini_station
place-add -q --category school --name 红星小学 --village 红星村
place-add -q --category fuel --name 青山加油站 --village 青山村
place-add -q --category small --kind hotel --name 青山旅馆 --village 青山村

check_out 'an inspection prints its number' '1' \
	'place-check 1 --ledger security --result ok'
check_out 'and is stored at the time of now, without an inspector' \
	'1 2024-06-15 10:00:00 security ok - -' \
	"q \"SELECT place_id, at, ledger, result, coalesce(CAST(inspector_id AS TEXT), '-'),
	    coalesce(hazard, '-') FROM inspection WHERE id = 1\""
check_out 'a place by name, the inspector by badge, a given time' '2' \
	'place-check 青山加油站 --ledger fire --result ok --inspector P002 --at "2024-06-01 09:30"'
check_out 'are stored' '2 2024-06-01 09:30:00 fire P002' \
	"q \"SELECT i.place_id, i.at, i.ledger, o.badge FROM inspection i
	    JOIN officer o ON o.id = i.inspector_id WHERE i.id = 2\""
check_out 'the inspector may be named' '3' \
	'place-check 1 --ledger traffic --result ok --inspector 李明 --at yesterday'
check_out 'and is stored by badge' 'P001 2024-06-14 00:00:00' \
	"q \"SELECT o.badge, i.at FROM inspection i JOIN officer o ON o.id = i.inspector_id WHERE i.id = 3\""
check_out 'a hazard with its fix-by day' '4' \
	'place-check 3 --ledger fire --result hazard --hazard "灭火器过期" --fix-by 2024-06-30'
check_out 'is stored with both' 'hazard 灭火器过期 2024-06-30' \
	'q "SELECT result, hazard, fix_by FROM inspection WHERE id = 4"'
check_out 'a hazard without a fix-by day is allowed' '5' \
	'place-check 3 --ledger security --result hazard --hazard "未登记住客"'
check_out 'several places get one inspection each' '6
7
8' 'place-check 1 2 青山旅馆 --ledger traffic --result ok'
check_out 'places may come from standard input, blank lines skipped' '9
10' "printf '1\\tschool\\n\\n青山加油站\\n' | place-check - --ledger security --result ok"
check_out 'every write left one audit row with its inspections' \
	'7|1|2|3|4|5|6 7 8|9 10' \
	"q \"SELECT count(*) || '|' || group_concat(records, '|') FROM
	    (SELECT records FROM audit WHERE command LIKE 'place-check%' ORDER BY id) AS t\""
check 'an empty list on standard input does nothing' \
	"printf '\\n' | place-check - --ledger fire --result ok"
check_out 'and writes no audit row' '7' 'audits'

check_exit 'an unknown place is 69' 69 'place-check 9 --ledger fire --result ok'
check 'naming it' 'grep -q "no such place: .9." "$T/err"'
check_exit 'an unknown place among several stores nothing' 69 \
	'place-check 1 白云小学 --ledger fire --result ok'
check_exit 'an unknown inspector is 69' 69 \
	'place-check 1 --ledger fire --result ok --inspector P999'
check_exit 'a hazard needs --hazard' 64 'place-check 1 --ledger fire --result hazard'
check 'saying so' 'grep -q "result hazard needs --hazard" "$T/err"'
check_exit '--hazard with ok is refused' 64 \
	'place-check 1 --ledger fire --result ok --hazard 通道堵塞'
check_exit '--fix-by with ok is refused' 64 \
	'place-check 1 --ledger fire --result ok --fix-by 2024-07-01'
check_exit 'a fix-by day before the inspection is refused' 64 \
	'place-check 1 --ledger fire --result hazard --hazard 通道堵塞 --fix-by 2024-06-14'
check_exit 'a bad fix-by day is refused' 64 \
	'place-check 1 --ledger fire --result hazard --hazard 通道堵塞 --fix-by 2024-13-01'
check_exit 'an unknown ledger is a usage error' 64 'place-check 1 --ledger health --result ok'
check 'listing the ledgers' 'grep -q "(one of: security 治安, traffic 交通, fire 消防)" "$T/err"'
check_exit 'an unknown result is a usage error' 64 'place-check 1 --ledger fire --result fine'
check_exit '--ledger is required' 64 'place-check 1 --result ok'
check_exit '--result is required' 64 'place-check 1 --ledger fire'
check_exit 'a place is required' 64 'place-check --ledger fire --result ok'
check 'saying how to give one' 'grep -q "no place given" "$T/err"'
check_exit 'a bad --at is a usage error' 64 'place-check 1 --ledger fire --result ok --at tomorrowish'
check_out 'the failures stored nothing' '10' 'count'
check_out 'and audited nothing' '7' 'audits'
# No such database: on PostgreSQL, one the server does not have.
if on_pg; then
	none=${pgdb}_none
	check_exit 'without a database place-check exits 66' 66 \
		'place-check 1 --ledger fire --result ok -d "postgresql:///$none?host=$BEAT_TEST_PGHOST&user=beat"'
	check_out 'and creates none' '0' \
		'sq "SELECT count(*) FROM pg_database WHERE datname = '"'"'$none'"'"'"'
else
	check_exit 'without a database place-check exits 66' 66 \
		'place-check 1 --ledger fire --result ok -d "$T/none.db"'
	check 'and creates none' '[ ! -e "$T/none.db" ]'
fi

check_out 'place-check -f json: the inspections in one array' '2 inspection' \
	"place-check 1 1 --ledger fire --result ok -f json |
	 python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d), *d[0])'"
check_out 'an empty pipe with -f json is an empty array' '[]' \
	"printf '' | place-check - --ledger fire --result ok -f json"
done_testing
