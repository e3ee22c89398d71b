#!/bin/sh
# place-list: the registry, ledgers due by their category's interval, open hazards.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 38

export BEAT_NOW='2024-06-15 10:00:00'
q() { sq "$1" ' '; }
ok() { place-check -q "$1" --ledger "$2" --result ok --at "$3"; }

mini_station
check_exit 'no premises yet: the list is empty and exits 1' 1 'place-list'
check 'but prints its header' 'grep -q "^place	category	kind	name	village	address$" "$T/out"'

# Intervals (share/data/place_category.csv): school 30/30/30 days,
# fuel 30/90/30, small 90/180/90 (security/traffic/fire).
place-add -q --category school --name 红星小学 --village 红星村 --at 2024-01-01
place-add -q --category fuel --name 青山加油站 --village 青山村 --at 2024-01-01
place-add -q --category small --kind hotel --name 青山旅馆 --village 青山村 --at 2024-01-01
ok 1 security 2024-03-01
ok 1 security yesterday		# the latest inspection counts: not due
ok 1 traffic 2024-05-16		# + 30 days = 2024-06-15: due exactly today
ok 1 fire 2024-05-17		# + 30 days = 2024-06-16: not yet
ok 2 traffic 2024-04-01		# + 90 days (fuel traffic): not yet
for l in security traffic fire; do ok 3 $l 2024-06-01; done

check_out 'the registry lists every premise' \
	'place	category	kind	name	village	address
1	school		红星小学	红星村	
2	fuel		青山加油站	青山村	
3	small	hotel	青山旅馆	青山村	' 'place-list'
check_out '--category selects' '3	small	hotel	青山旅馆	青山村	' \
	'place-list --category small --no-header'
check_exit 'a category without premises exits 1' 1 'place-list --category enterprise'

check_exit 'place-list --due exits 1 when something is due' 1 'place-list --due'
cp "$T/out" "$T/due"
check_out 'listing the ledgers due, most overdue first' \
	'place	name	village	category	ledger	last_check	due
2	青山加油站	青山村	fuel	security		2024-01-01
2	青山加油站	青山村	fuel	fire		2024-01-01
1	红星小学	红星村	school	traffic	2024-05-16	2024-06-15' 'cat "$T/due"'
check 'a ledger never inspected is due since the premise was added' \
	'grep -q "^2	青山加油站	青山村	fuel	security		2024-01-01$" "$T/due"'
check 'one inspected yesterday is not due' '! grep -q "^1	[^	]*	[^	]*	school	security" "$T/due"'
check 'one whose interval ends today is due' 'grep -q "^1	红星小学	红星村	school	traffic	2024-05-16	2024-06-15$" "$T/due"'
check 'one whose interval ends tomorrow is not' '! grep -q "^1	[^	]*	[^	]*	school	fire" "$T/due"'
check 'each ledger has its own interval (fuel traffic: 90 days)' \
	'! grep -q "^2	[^	]*	[^	]*	fuel	traffic" "$T/due"'
check_exit 'the day before, the boundary is not yet due' 0 \
	'BEAT_NOW="2024-06-14 23:59:59" place-list --due --category school'
check_out 'and only the header is printed' 'place	name	village	category	ledger	last_check	due' 'cat "$T/out"'
check_exit 'nothing due in a category exits 0' 0 'place-list --due --category small'
check 'json gives null for a ledger never checked' \
	'place-list --due --category fuel -f json | grep -q "\"last_check\":null"'
place-add -q --category logistics --name 青山快递 --village 青山村
check_out 'a premise added today is due today in every ledger' \
	'4	青山快递	青山村	logistics	security		2024-06-15
4	青山快递	青山村	logistics	traffic		2024-06-15
4	青山快递	青山村	logistics	fire		2024-06-15' 'place-list --due --category logistics --no-header || :'
check 'a hazard found counts as an inspection' \
	'place-check -q 4 --ledger fire --result hazard --hazard 通道堵塞 --fix-by 2024-06-20 &&
	 ! place-list --due --category logistics | grep -q "	fire	"'

place-check -q 2 --ledger fire --result hazard --hazard 灭火器过期 \
	--at 2024-06-01 --fix-by 2024-06-10
place-check -q 1 --ledger security --result hazard --hazard 围墙破损 \
	--at '2024-06-14 15:00' --fix-by 2024-06-20
place-check -q 3 --ledger fire --result hazard --hazard 疏散指示灯损坏 \
	--at '2024-06-01 12:00' --fix-by 2024-06-15
place-check -q 3 --ledger security --result hazard --hazard 未登记住客 --at 2024-06-02
check_exit 'place-list --hazards exits 1 when a hazard is past its day' 1 'place-list --hazards'
cp "$T/out" "$T/hazards"
check_out 'listing those past fix-by and those without one' \
	'place	name	ledger	found	hazard	fix_by
3	青山旅馆	security	2024-06-02	未登记住客	
2	青山加油站	fire	2024-06-01	灭火器过期	2024-06-10' 'cat "$T/hazards"'
check 'a hazard due today is not yet listed' '! grep -q 疏散指示灯损坏 "$T/hazards"'
check 'but is the day after' \
	'BEAT_NOW="2024-06-16 08:00" place-list --hazards | grep -q "^3	青山旅馆	fire	2024-06-01	疏散指示灯损坏	2024-06-15$"'
ok 2 security now
ok 2 fire 2024-05-30
check 'an ok in another ledger, or before the hazard, does not clear it' \
	'place-list --hazards --category fuel | grep -q 灭火器过期'
ok 2 fire now
check_out 'an ok of the same ledger after it clears it' \
	'3	青山旅馆	security	2024-06-02	未登记住客	' 'place-list --hazards --no-header || :'
ok 3 security now
check_exit 'no hazard past its day: exits 0' 0 'place-list --hazards'
check_out 'printing only the header' 'place	name	ledger	found	hazard	fix_by' 'cat "$T/out"'
ok 3 traffic '2024-06-10 09:00'
place-check -q 3 --ledger traffic --result hazard --hazard 消防通道停车 --at '2024-06-10 09:00'
check_out 'an ok recorded before the hazard at the same time does not clear it' \
	'3	青山旅馆	traffic	2024-06-10	消防通道停车	' 'place-list --hazards --no-header || :'
ok 3 traffic now
check_exit 'a later ok does' 0 'place-list --hazards'
check_out 'printing only the header' 'place	name	ledger	found	hazard	fix_by' 'cat "$T/out"'

n=$(q 'SELECT count(*) FROM audit')
check 'listing writes no audit row' \
	"place-list >/dev/null; place-list --due >/dev/null; place-list --hazards;
	 [ \$(q 'SELECT count(*) FROM audit') -eq $n ]"
check_exit 'an unknown category is a usage error' 64 'place-list --category bank'
check_exit '--due and --hazards do not go together' 64 'place-list --due --hazards'
check_exit 'an operand is a usage error' 64 'place-list 1'
# place-list --due and the monthly report count by one rule: as of a
# month's last day, an inspection made after it is not yet known.
place-add -q --category school --name 东风小学 --village 红星村 --at 2024-04-01
ok 5 security 2024-05-01		# + 30 days = 2024-05-31: due on May's last day
ok 5 traffic 2024-05-02		# + 30 days = 2024-06-01: not in May
ok 5 fire 2024-04-01		# due 2024-05-01 as of May's end,
ok 5 fire 2024-06-05		# though inspected since
listed() {
	BEAT_NOW="$1 23:59:59" place-list --due --no-header |
	    awk -F '\t' '{ n++; p[$1] = 1 } END { m = 0; for (k in p) m++;
		printf "%d at %d premises\n", n, m }'
}
reported() {
	report-monthly --month "$1" | tr -s ' ' | sed -n 's/^ Ledgers due at month end //p'
}
check_same 'place-list --due on May 31 and the May report count the same ledgers' \
	'listed 2024-05-31' 'reported 2024-05'
check_same 'and on June 30 as the June report does' 'listed 2024-06-30' 'reported 2024-06'

# And the open hazards, by one rule too: an ok inspection after the day
# asked about does not close a hazard as of that day.
place-check -q 5 --ledger traffic --result hazard --hazard 校门口无减速带 \
	--fix-by 2024-05-20 --at 2024-05-10
ok 5 traffic 2024-06-03		# closes it in June, not in May
late_listed() {
	BEAT_NOW="$1 23:59:59" place-list --hazards --no-header | awk 'END { print NR }'
}
late_reported() {
	report-monthly --month "$1" | tr -s ' ' |
	    sed -n 's/^ Open hazards at month end [0-9]* past the fix-by date //p'
}
check_out 'on May 31, a hazard closed on June 3 is still open' \
	'5	东风小学	traffic	2024-05-10	校门口无减速带	2024-05-20' \
	'BEAT_NOW="2024-05-31 23:59:59" place-list --hazards --no-header | grep 校门口无减速带'
check_same 'place-list --hazards on May 31 and the May report count the same late hazards' \
	'late_listed 2024-05-31' 'late_reported 2024-05'
check_same 'and on June 30 as the June report does' 'late_listed 2024-06-30' 'late_reported 2024-06'
done_testing
