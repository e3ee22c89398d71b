# bash completion for the beat commands: options come from each command's
# own --help, so they cannot drift; some option values are known too.
_beat()
{
	local cur prev words
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	case $prev in
	-f|--format)
		words='table tsv csv json'
		[ "${1##*/}" = report-forms ] && words="$words html"
		COMPREPLY=($(compgen -W "$words" -- "$cur")); return ;;
	--form)
		COMPREPLY=($(compgen -W 'mediation police incidents' -- "$cur")); return ;;
	--encoding)
		COMPREPLY=($(compgen -W 'utf-8 gbk gb18030' -- "$cur")); return ;;
	--ledger)
		COMPREPLY=($(compgen -W 'security traffic fire' -- "$cur")); return ;;
	--status)
		COMPREPLY=($(compgen -W 'open closed all' -- "$cur")); return ;;
	--level|--to)
		COMPREPLY=($(compgen -W 'police township resident consultation' -- "$cur")); return ;;
	--channel)
		COMPREPLY=($(compgen -W 'people administrative judicial petition' -- "$cur")); return ;;
	--event)
		COMPREPLY=($(compgen -W 'accepted declined extended checked concluded' -- "$cur")); return ;;
	--outcome)
		# Each command has outcomes of its own.
		case ${1##*/} in
		case-mediate) words='agreed partial failed' ;;
		case-close) words='resolved referred withdrawn' ;;
		case-channel) words='resolved unresolved' ;;
		*) words= ;;
		esac
		COMPREPLY=($(compgen -W "$words" -- "$cur")); return ;;
	--prevented)
		COMPREPLY=($(compgen -W 'suicide criminal fight petition' -- "$cur")); return ;;
	--appraised)
		COMPREPLY=($(compgen -W 'today yesterday' -- "$cur")); return ;;
	--days|--persons|--body|--period|--station)	# a number or free text: no file names
		COMPREPLY=(); return ;;
	-d|--db|--import*|--output|--rejects|--calendar)
		COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		words=$("$1" --help 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*' | sort -u)
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}
complete -F _beat db-init roster case-add case-mediate case-escalate case-channel \
	case-close case-list case-show case-dossier patrol-log patrol-gaps place-add place-check place-list \
	camera-status incident-import incident-stats report-monthly report-forms db-backup
