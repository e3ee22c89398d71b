# bash completion for the beat commands.  Each command knows what to
# offer: with BEAT_COMPLETE=N in its environment it reads its command line
# as bash split it (word N under the cursor) and prints "words" and the
# candidates, one a line, or "files"; see beat(7).  Options, their values
# and operands come from the command's own option table, names and case
# numbers from the station's database.
_beat()
{
	local cur=${COMP_WORDS[COMP_CWORD]} reply
	mapfile -t reply < <(BEAT_COMPLETE=$COMP_CWORD "$1" "${COMP_WORDS[@]:1}" \
	    2>/dev/null </dev/null)
	COMPREPLY=()
	case ${reply[0]-} in
	words)
		COMPREPLY=("${reply[@]:1}") ;;
	files)
		[[ $cur == = ]] && cur=	# --db=<TAB>: bash split the word at '='
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur") ;;
	esac
}
complete -F _beat db-init roster case-add case-mediate case-escalate case-channel \
	case-close case-list case-show case-dossier patrol-log patrol-gaps place-add \
	place-check place-list camera-status incident-import incident-stats \
	report-monthly report-forms db-backup
# Installed once per command (bash-completion loads a command's file by its
# name), so that name is registered too, even for a command added later.
case ${BASH_SOURCE[0]##*/} in
beat.bash) ;;
*) complete -F _beat "${BASH_SOURCE[0]##*/}" ;;
esac
