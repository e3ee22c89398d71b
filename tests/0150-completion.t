#!/bin/sh
# bash completion: options from each command's --help, known values.
. "${BEAT_TOP:-.}/tests/lib.sh"
command -v bash >/dev/null || { echo "1..0 # skip bash not installed"; exit 0; }
plan 3

complete_words() {	# LINE: what completion offers for the last word of LINE
	bash -c '. "$BEAT_TOP/share/completion/beat.bash"
		COMP_WORDS=($1); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		case "$1" in *" ") COMP_WORDS+=(""); COMP_CWORD=$((COMP_CWORD + 1));; esac
		_beat "${COMP_WORDS[0]}"; printf "%s\n" "${COMPREPLY[@]}"' _ "$1"
}
check_out 'a command'"'"'s options come from its --help' '--overdue' \
	'complete_words "case-list --over"'
check_out 'formats are known' 'csv' 'complete_words "roster -f cs"'
check_out 'ledgers are known' 'traffic' 'complete_words "place-check 1 --ledger tr"'
done_testing
