#!/bin/sh
# Install the Debian packages that building and testing beat need.
# With --check, only report (exit 1) whether a needed one is missing.
# The optional ones (a browser to render the HTML report in a test, and a
# Chinese font for it) are installed when they can be; tests skip without.
# The packaging tools (make deb, and lintian and the Chinese locale for
# checking the package as CI does) and the PostgreSQL server (make
# check-pg) come with `make deps` but are not asked for by --check, so
# that `make` alone does not fetch them.
# shellcheck disable=SC2086 # the package lists split into words on purpose
pkgs="build-essential autoconf pkg-config libsqlite3-dev libcsv-dev nettle-dev
libpq-dev libutf8proc-dev
gettext mandoc sqlite3 perl python3 shellcheck util-linux bsdextrautils"
packaging="dpkg-dev lintian locales postgresql-15"
optional="chromium fonts-wqy-zenhei"

missing() {
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		    grep -q 'install ok installed' || printf '%s ' "$p"
	done
}

# Is zh_CN.UTF-8 missing from the locales generated?
no_zh() {
	! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'
}

m=$(missing $pkgs)
if [ "${1:-}" = --check ]; then
	[ -z "$m" ]
	exit
fi
m="$m$(missing $packaging)"
o=$(missing $optional)
if [ -z "$m$o" ] && ! no_zh; then
	echo "deps: all packages are installed"
	exit 0
fi
if [ "$(id -u)" = 0 ]; then
	run=""
elif command -v sudo >/dev/null 2>&1; then
	run="sudo"
else
	echo "deps: missing packages: $m$o" >&2
	echo "deps: run as root: apt-get update && apt-get install -y $m$o" >&2
	! no_zh || echo "deps: and generate the Chinese locale: locale-gen zh_CN.UTF-8" >&2
	[ -z "$m" ]
	exit
fi
export DEBIAN_FRONTEND=noninteractive
if [ -n "$m$o" ]; then
	$run apt-get update -qq || exit
fi
if [ -n "$m" ]; then
	$run apt-get install -y -qq $m || exit
fi
# Uncommented (or added) in /etc/locale.gen, and generated alongside
# the locales there are.
if no_zh; then
	$run sed -i 's/^# *\(zh_CN\.UTF-8 UTF-8\)$/\1/' /etc/locale.gen || exit
	grep -qx 'zh_CN.UTF-8 UTF-8' /etc/locale.gen ||
	    echo 'zh_CN.UTF-8 UTF-8' | $run tee -a /etc/locale.gen >/dev/null || exit
	$run locale-gen --keep-existing >/dev/null || exit
fi
if [ -n "$o" ]; then
	$run apt-get install -y -qq --no-install-recommends $o ||
	    echo "deps: optional packages not installed ($o); their tests will skip" >&2
fi
exit 0
