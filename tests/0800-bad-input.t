#!/bin/sh
# The bad-input corpus: each file of tests/data/bad/MANIFEST is refused
# with its status and message, and leaves the database as it was, byte
# for byte.  BEAT_BAD_LIST=1 prints what each entry does instead.
. "${BEAT_TOP:-.}/tests/lib.sh"
sqlite_only 'it compares the database file byte for byte'

export BEAT_NOW='2024-06-01 10:00'
bad=$DATA/bad
n=$(grep -c -v '^#' "$bad/MANIFEST")
[ -n "${BEAT_BAD_LIST:-}" ] || plan $((n * 3 + 1))
check "the corpus holds at least 60 files, each in the MANIFEST" \
	"[ $n -ge 60 ] && [ \$(ls '$bad' | grep -v -c -x MANIFEST) -eq $n ]"

# One small station, copied fresh for every file.
patrol_station >/dev/null || exit 99
camera-status -q --import /dev/stdin >/dev/null <<'CSV' || exit 99
code,kind,place,village,status,seen_at
C009,skynet,镇政府,红星村,online,2024-05-31 08:00
CSV
station=$T/station.db
cp "$BEAT_DB" "$station"
sqlite3 "$station" .dump >"$T/station.dump"

tab=$(printf '\t')
mkdir "$T/run"
# FILE <TAB> COMMAND <TAB> STATUS <TAB> a fixed part of the message
grep -v '^#' "$bad/MANIFEST" >"$T/manifest"
while IFS=$tab read -r file cmd want msg; do
	cp "$bad/$file" "$T/run/$file"
	cp "$station" "$T/run/beat.db"
	(cd "$T/run" && BEAT_DB=$T/run/beat.db $cmd "$file" >"$T/out" 2>"$T/err" </dev/null)
	rc=$?
	if [ -n "${BEAT_BAD_LIST:-}" ]; then
		printf '%s\t%s\t%s\t%s\n' "$file" "$cmd" "$rc" "$(head -n 1 "$T/err")"
		continue
	fi
	[ "$rc" -eq "$want" ]
	st=$?
	[ $st -eq 0 ] || echo "# exit status $rc, expected $want"
	tap_result $st "$file: $cmd exits $want"
	if [ "$msg" = "-" ]; then
		[ ! -s "$T/err" ]
	else
		grep -q -F -- "$msg" "$T/err"
	fi
	st=$?
	[ $st -eq 0 ] || sed 's/^/# err: /' "$T/err"
	tap_result $st "$file: says '$msg'"
	cmp -s "$station" "$T/run/beat.db" &&
	    sqlite3 "$T/run/beat.db" .dump | cmp -s "$T/station.dump" -
	tap_result $? "$file: the database is unchanged, byte for byte"
done <"$T/manifest"
[ -n "${BEAT_BAD_LIST:-}" ] && exit 0
done_testing
