#!/bin/sh
# Install the Debian packages that building and testing beat need.
# With --check, only report (exit 1) whether any is missing.
pkgs="build-essential autoconf pkg-config libsqlite3-dev libcsv-dev nettle-dev
gettext mandoc sqlite3 perl shellcheck util-linux"

missing() {
	for p in $pkgs; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		    grep -q 'install ok installed' || printf '%s ' "$p"
	done
}

m=$(missing)
if [ "$1" = --check ]; then
	[ -z "$m" ]
	exit
fi
[ -z "$m" ] && { echo "deps: all packages are installed"; exit 0; }
if [ "$(id -u)" = 0 ]; then
	run=""
elif command -v sudo >/dev/null 2>&1; then
	run="sudo"
else
	echo "deps: missing packages: $m" >&2
	echo "deps: run as root: apt-get update && apt-get install -y $m" >&2
	exit 1
fi
# shellcheck disable=SC2086 # $m and $run split into words on purpose
$run apt-get update -qq && DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq $m
