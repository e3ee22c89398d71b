#!/bin/sh
# Every command has a man page that lints clean, has the sections every
# page keeps, names each option its --help prints in its SYNOPSIS and
# documents it in an item of its own, and a test; run by `make check`
# with the commands' names.
bin=${BEAT_BIN:-bin}
status=0
fail() { echo "check-docs: $*"; status=1; }

# The sections of a page, one a line, as mandoc prints them.
sections() { mandoc -T ascii "$1" | col -b | grep '^[A-Z][A-Z ]*$'; }

# has_sections PAGE SECTION...: each SECTION is a section of PAGE.
has_sections() {
	page=$1
	shift
	secs=$(sections "$page")
	for s in "$@"; do
		printf '%s\n' "$secs" | grep -qx "$s" || fail "$page has no $s section"
	done
}

for page in share/man/man*/*.[157]; do
	out=$(mandoc -Tlint -W warning "$page" 2>&1)
	[ -n "$out" ] && { echo "$out"; status=1; }
done
has_sections share/man/man7/beat.7 NAME DESCRIPTION ENVIRONMENT 'EXIT STATUS' \
    EXAMPLES 'SEE ALSO'
has_sections share/man/man5/beat-db.5 NAME DESCRIPTION FILES 'SEE ALSO'
for cmd in "$@"; do
	page=share/man/man1/$cmd.1
	if [ ! -f "$page" ]; then
		fail "$cmd has no man page $page"; continue
	fi
	ls tests/[0-9]*-"$cmd".t >/dev/null 2>&1 ||
	    fail "$cmd has no test tests/NNNN-$cmd.t"
	has_sections "$page" NAME SYNOPSIS DESCRIPTION ENVIRONMENT 'EXIT STATUS' \
	    EXAMPLES 'SEE ALSO'
	grep -q "^\.It Xr $cmd 1\$" share/man/man7/beat.7 ||
	    fail "beat(7) does not list $cmd"
	sed -n '/^\.Sh SEE ALSO/,$p' "$page" | grep -q '^\.Xr beat 7$' ||
	    fail "$page: SEE ALSO does not name beat(7)"
	text=$(mandoc -T ascii "$page" | col -b)
	synopsis=$(printf '%s\n' "$text" | sed -n '/^SYNOPSIS$/,/^DESCRIPTION$/p')
	help=$("$bin/$cmd" --help) || fail "$cmd --help failed"
	# Each option has an item of its own in the page's list of options.
	for opt in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
		grep -q "^\.It .*Fl -${opt#--}\([^a-z0-9-]\|\$\)" "$page" ||
		    fail "$page does not document $opt in its list of options"
	done
	# The SYNOPSIS names every option but -h and --version, in its short
	# form when it has one, as usage lines do.  Options are read from the
	# option lines (indented 2 or 6), not from wrapped help text (30).
	printf '%s\n' "$help" |
	    sed -n 's/^ \{1,6\}\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z0-9-]*\).*/\1\2/p' |
	    while IFS=', ' read -r a b; do
		case $a in --help|-h|--version) continue ;; esac
		found=
		for o in $a $b; do
			printf '%s\n' "$synopsis" | grep -qE -- "(^|[[ |])$o([] |]|\$)" &&
			    found=1
		done
		[ -n "$found" ] || echo "check-docs: $page: SYNOPSIS does not name $a${b:+ ($b)}"
	    done | grep . && status=1
done
[ $status -eq 0 ] && echo "check-docs: $# commands, man pages and tests in order"
exit $status
