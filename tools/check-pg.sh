#!/bin/sh
# make check-pg: the tests that run on PostgreSQL, against a private
# server started for this run and stopped by the trap whatever happens.
# The driver's unit test, the schema (tests/pg), and the test files of
# the commands listed in tests/pg/ported, each on a database of its own
# (tests/lib.sh); the list grows as commands are ported (issue 12).
set -eu
: "${BEAT_UNIT:?}" "${BEAT_BIN:?}" "${BEAT_TOP:?}"
d=$(mktemp -d "${TMPDIR:-/tmp}/beat-pg.XXXXXX")
chmod 755 "$d"	# the server runs as postgres when we are root
trap 'sh tools/pg.sh stop "$d/pg"; rm -rf "$d"' EXIT
trap 'exit 130' INT TERM
BEAT_PG=$(sh tools/pg.sh start "$d/pg")
export BEAT_PG
export BEAT_BIN BEAT_TOP
# Every part runs, whatever failed before it.
rc=0
prove -f -e '' "$BEAT_UNIT/drv" "$BEAT_UNIT/incident" "$BEAT_UNIT/patrol" "$BEAT_UNIT/place" "$BEAT_UNIT/stats" </dev/null || rc=1
prove -f tests/pg/*.t </dev/null || rc=1
BEAT_TEST_PGHOST=$d/pg
export BEAT_TEST_PGHOST
# shellcheck disable=SC2046 # one file name a line, no spaces
prove -f $(sed -n 's,^\([0-9][^ #]*\.t\).*,tests/\1,p' tests/pg/ported | sort) </dev/null || rc=1
exit $rc
