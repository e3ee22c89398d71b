#!/bin/sh
# A private PostgreSQL server for one test run: initdb into DIR, a Unix
# socket in DIR, no TCP, fsync off.  As root it runs as the postgres
# user (through runuser), since the server refuses to run as root.
#   tools/pg.sh start DIR    prints the URI of database "beat"
#   tools/pg.sh stop DIR
set -eu
cmd=${1:?usage: pg.sh start|stop DIR}
dir=${2:?usage: pg.sh start|stop DIR}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "pg.sh: no PostgreSQL server (make deps)" >&2; exit 69; }

as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

case $cmd in
start)
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres "$dir"
	as_owner "$bindir/initdb" -D "$dir/data" -U beat -A trust -E UTF8 \
	    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
	    { cat "$dir/initdb.log" >&2; exit 70; }
	as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
	    -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
	    start >/dev/null || { cat "$dir/server.log" >&2; exit 70; }
	as_owner "$bindir/createdb" -h "$dir" -U beat beat
	echo "postgresql:///beat?host=$dir&user=beat"
	;;
stop)
	[ -d "$dir/data" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
*)
	echo "usage: pg.sh start|stop DIR" >&2
	exit 64
	;;
esac
