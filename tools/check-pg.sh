#!/bin/sh
# make check-pg: the tests that run on PostgreSQL, against a private
# server started for this run and stopped by the trap whatever happens.
# Today that is the driver's unit test and the schema (tests/pg); the
# commands follow as they move onto the driver (issue 12).
set -eu
: "${BEAT_UNIT:?}" "${BEAT_BIN:?}" "${BEAT_TOP:?}"
d=$(mktemp -d "${TMPDIR:-/tmp}/beat-pg.XXXXXX")
chmod 755 "$d"	# the server runs as postgres when we are root
trap 'sh tools/pg.sh stop "$d/pg"; rm -rf "$d"' EXIT
trap 'exit 130' INT TERM
BEAT_PG=$(sh tools/pg.sh start "$d/pg")
export BEAT_PG
export BEAT_BIN BEAT_TOP
prove -f -e '' "$BEAT_UNIT/drv" </dev/null
prove -f tests/pg/*.t </dev/null
