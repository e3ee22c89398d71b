#!/bin/sh
# tour.sh [--zh] [BIN]: runs the README's tour, as printed there, with the
# commands of BIN (default: the checkout's bin/), in a scratch folder that
# it removes afterwards; each line is echoed before it runs (sh -v) and
# any failing command stops it.  With --zh it then checks that the
# messages came out in Chinese: a notice, a warning, a table header and a
# usage error.  CI runs it on the installed package (.ci/run):
#   LANG=zh_CN.UTF-8 sh tools/tour.sh --zh /usr/bin
set -eu
zh=
if [ "${1:-}" = --zh ]; then
	zh=1
	shift
fi
top=$(cd -- "$(dirname -- "$0")/.." && pwd)
bin=${1:-$top/bin}
work=$(mktemp -d "${TMPDIR:-/tmp}/beat-tour.XXXXXX")
trap 'rm -rf -- "$work"' EXIT

# The first indented block after "## A tour", less its indent.
awk '/^## A tour/ { on = 1; next }
	on && /^    / { sub(/^    /, ""); print; inblock = 1; next }
	on && inblock && /^[^ ]/ { exit }' "$top/README.md" >"$work/tour"
# Its first line puts the checkout's bin/ first in PATH: here, BIN.
# shellcheck disable=SC2016 # the line as the README prints it
first='export PATH=$PWD/bin:$PATH DEMO=$PWD/share/demo'
if [ "$(sed -n 1p "$work/tour")" != "$first" ]; then
	echo "tour: README.md's tour no longer begins with: $first" >&2
	exit 1
fi
{
	# shellcheck disable=SC2016 # $PATH is for the tour to expand
	printf 'export PATH=%s:$PATH DEMO=%s/share/demo\n' "$bin" "$top"
	sed 1d "$work/tour"
} >"$work/tour.sh"
mkdir "$work/tmp"
cd "$work"
st=0
TMPDIR=$work/tmp sh -euv "$work/tour.sh" >"$work/log" 2>&1 || st=$?
cat "$work/log"
if [ "$st" -ne 0 ]; then
	echo "tour: failed with status $st" >&2
	exit "$st"
fi
[ -n "$zh" ] || exit 0

# What the tour said, in Chinese; and a usage error.
st=0
"$bin/case-list" --no-such-option >/dev/null 2>"$work/usage" || st=$?
cat "$work/usage"
bad=
grep -q '^db-init: .*已创建' "$work/log" || bad="$bad db-init's notice,"
grep -q '^case-escalate: .*群体性事件' "$work/log" || bad="$bad the mass-incident warning,"
grep -q '^案件编号 ' "$work/log" || bad="$bad case-list's table header,"
[ "$st" -eq 64 ] && grep -q '未知选项' "$work/usage" || bad="$bad the usage error,"
if [ -n "$bad" ]; then
	echo "tour: not in Chinese:${bad%,} (is the zh_CN.UTF-8 locale installed?)" >&2
	exit 1
fi
echo "tour: the messages are in Chinese"
