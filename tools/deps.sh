#!/bin/sh
# Install the Debian packages that building and testing beat need.
# With --check, only report (exit 1) whether a needed one is missing.
# The optional ones (a browser to render the HTML report in a test, and a
# Chinese font for it) are installed when they can be; tests skip without.
# shellcheck disable=SC2086 # the package lists split into words on purpose
pkgs="build-essential autoconf pkg-config libsqlite3-dev libcsv-dev nettle-dev
libpq-dev postgresql-15
gettext mandoc sqlite3 perl python3 shellcheck util-linux bsdextrautils"
optional="chromium fonts-wqy-zenhei"

missing() {
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		    grep -q 'install ok installed' || printf '%s ' "$p"
	done
}

m=$(missing $pkgs)
if [ "${1:-}" = --check ]; then
	[ -z "$m" ]
	exit
fi
o=$(missing $optional)
[ -z "$m$o" ] && { echo "deps: all packages are installed"; exit 0; }
if [ "$(id -u)" = 0 ]; then
	run=""
elif command -v sudo >/dev/null 2>&1; then
	run="sudo"
else
	echo "deps: missing packages: $m$o" >&2
	echo "deps: run as root: apt-get update && apt-get install -y $m$o" >&2
	[ -z "$m" ]
	exit
fi
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -qq || exit
if [ -n "$m" ]; then
	$run apt-get install -y -qq $m || exit
fi
if [ -n "$o" ]; then
	$run apt-get install -y -qq --no-install-recommends $o ||
	    echo "deps: optional packages not installed ($o); their tests will skip" >&2
fi
exit 0
