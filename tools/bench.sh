#!/bin/sh
# Run every benchmark in tests/bench; they print figures, never assert.
status=0
for b in tests/bench/*.sh; do
	[ -e "$b" ] || continue
	echo "== $b"
	sh "$b" || status=1
done
exit $status
