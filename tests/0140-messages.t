#!/bin/sh
# Messages are translatable: the zh_CN catalogue is used and complete.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 15
PO=${BEAT_TOP:-.}/share/po

check 'under LANGUAGE=zh_CN, --help starts with the translated Usage:' \
	'LANGUAGE=zh_CN db-init --help | head -n 1 | grep -q "^用法： db-init "'
check 'further synopsis lines line up under the translated first' \
	'LANGUAGE=zh_CN db-init --help | grep -q "^       db-init --verify "'
check 'and the option help lines are translated' \
	'LANGUAGE=zh_CN db-init --help | grep -q "^      --verify  *检查数据库完整性和审计日志，不做改动$"'
check 'and the shared options too' \
	'LANGUAGE=zh_CN roster --help | grep -q "^  -h, --help  *显示本帮助并退出$"'
check_exit 'a command on a missing database fails with 66 in Chinese too' 66 \
	'LANGUAGE=zh_CN roster --db "$T/none.db"'
check 'and says so in Chinese' \
	'[ "$(cat "$T/err")" = "roster: $T/none.db: 数据库不存在，请先用 db-init 创建" ]'
check_exit 'a usage error still exits 64 in Chinese' 64 'LANGUAGE=zh_CN roster --no-such-option'
check 'and points to --help in Chinese' \
	'grep -q "^请用“roster --help”查看更多说明。$" "$T/err"'

check 'without LANGUAGE, --help starts with Usage:' \
	'db-init --help | head -n 1 | grep -q "^Usage: db-init "'
check 'and the option help lines are English' \
	'db-init --help | grep -q "^      --verify  *check integrity and the audit trail; change"'
check_exit 'and the missing database still fails with 66' 66 'roster --db "$T/none.db"'
check 'with the English message' \
	'[ "$(cat "$T/err")" = "roster: $T/none.db: no such database; create it with db-init" ]'

# Every message of the catalogue is translated, none left fuzzy.
check 'msgfmt finds zh_CN.po complete' \
	'cd "$PO" && msgfmt -c --statistics -o /dev/null zh_CN.po'
check 'with no untranslated or fuzzy messages' \
	'grep -q "^[0-9]* translated messages\.$" "$T/err" && ! grep -Eq "untranslated|fuzzy" "$T/err"'
# And it covers every message the sources have now (make po brings new ones in).
check 'every message in the sources is in the catalogue' \
	'cd "$BEAT_TOP" && xgettext --from-code=UTF-8 -k_ -kN_ -o "$T/now.pot" src/*.c lib/*.c &&
	 msgcmp share/po/zh_CN.po "$T/now.pot"'
done_testing
