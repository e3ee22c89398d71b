#!/bin/sh
# Every command has a man page that lints clean and names each option its
# --help prints, and a test; run by `make check` with the commands' names.
bin=${BEAT_BIN:-bin}
status=0
for page in share/man/man*/*.[157]; do
	out=$(mandoc -Tlint -W warning "$page" 2>&1)
	[ -n "$out" ] && { echo "$out"; status=1; }
done
for cmd in "$@"; do
	page=share/man/man1/$cmd.1
	if [ ! -f "$page" ]; then
		echo "check-docs: $cmd has no man page $page"; status=1; continue
	fi
	ls tests/[0-9]*-"$cmd".t >/dev/null 2>&1 ||
	    { echo "check-docs: $cmd has no test tests/NNNN-$cmd.t"; status=1; }
	text=$(mandoc -T ascii "$page" | col -b)
	for opt in $("$bin/$cmd" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		case $text in
		*"$opt"*) ;;
		*) echo "check-docs: $page does not document $opt"; status=1 ;;
		esac
	done
done
[ $status -eq 0 ] && echo "check-docs: $# commands, man pages and tests in order"
exit $status
