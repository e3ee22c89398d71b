# Sourced by tools/bench.sh: the start-up of a query command on an empty
# database beside the sqlite3 shell's 'select 1', each called 200 times.
MEASURES="$MEASURES startup"

setup_startup() {
	[ -f "$W/empty.db" ] || db-init -q -d "$W/empty.db"
}

# CMD called N times: a loop for sh -c.
loop() {	# N CMD
	echo "i=0; while [ \$i -lt $1 ]; do $2 >/dev/null 2>&1; i=\$((i + 1)); done"
}

m_startup() {
	run "start-up: case-list, empty database" setup_startup 200 \
	    "$(loop 200 "case-list -d '$W/empty.db'")" \
	    "sqlite3 select 1" "$(loop 200 "sqlite3 '$W/empty.db' 'select 1'")"
}

goals_startup() {
	goal "start-up at most 0.8× sqlite3 'select 1'" "start-up: case-list, empty database" "sqlite3 select 1" 0.8
}
