#!/bin/sh
# Where the catalogues are: the commands of a build find that build's own
# with no variable set; $BEAT_LOCALEDIR, when set, is where they look.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 6

check_exit 'with no BEAT_LOCALEDIR, a usage error under LANGUAGE=zh_CN' 64 \
	'env -u BEAT_LOCALEDIR LANGUAGE=zh_CN roster --no-such-option'
check 'is in Chinese, from the build'\''s catalogue' \
	'grep -q "^请用“roster --help”查看更多说明。$" "$T/err"'
check 'and so is --help' \
	'env -u BEAT_LOCALEDIR LANGUAGE=zh_CN db-init --help | head -n 1 | grep -q "^用法： db-init "'
check_exit 'BEAT_LOCALEDIR naming a folder without catalogues' 64 \
	'BEAT_LOCALEDIR="$T/none" LANGUAGE=zh_CN roster --no-such-option'
check 'is looked in: the message stays English' \
	'grep -q "^Try '\''roster --help'\'' for more information\.$" "$T/err"'
check 'an empty BEAT_LOCALEDIR counts as unset' \
	'BEAT_LOCALEDIR= LANGUAGE=zh_CN roster --no-such-option 2>&1 | grep -q "^请用“roster --help”"'
done_testing
