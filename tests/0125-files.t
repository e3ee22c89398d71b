#!/bin/sh
# Files written by name (report-monthly -o, incident-import --rejects):
# never through a link, the mode and owner of the file replaced kept,
# no temporary left by a failure, and those of killed runs cleared.
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 19

mini_station || exit 1
umask 022
printf 'dispatch_no,received_at,category\nR1,2019-01-02 04:00,nonsense\nR2,2019-01-02 05:00,dispute\n' >bad.csv

# A link planted in a shared directory must not choose the file a root
# cron job replaces (a 0600 file became a 0644 report through one).
mkdir shared
echo secret >victim
chmod 600 victim
ln -s ../victim shared/report.html
check_err 'report-monthly -o through a symbolic link is refused with 73, naming it' 73 \
	'report-monthly: shared/report.html: is a symbolic link; beat does not write through links' \
	'report-monthly --month 2024-06 --format html -o shared/report.html'
check 'the file it points to is untouched, mode and all, the link kept' \
	'[ "$(cat victim)" = secret ] && [ "$(stat -c %a victim)" = 600 ] && [ -h shared/report.html ]'
ln -s "$T/elsewhere.txt" shared/dangling.txt
check_exit 'a dangling link is refused too' 73 \
	'report-monthly --month 2024-06 -o shared/dangling.txt'
check 'and nothing is created where it points' '[ ! -e elsewhere.txt ] && [ -h shared/dangling.txt ]'

ln -s ../victim shared/rejects.csv
check_exit 'incident-import --rejects through a symbolic link is refused with 73' 73 \
	'incident-import -q --rejects shared/rejects.csv bad.csv'
check 'naming it, storing nothing, the file it points to untouched' \
	'grep -q "^incident-import: shared/rejects.csv: is a symbolic link" "$T/err" &&
	[ "$(sq "SELECT count(*) FROM incident")" = 0 ] && [ "$(cat victim)" = secret ]'
check 'no temporary is left in the shared directory' '[ -z "$(ls -A shared | grep beat-)" ]'

# Writing to our own standard output through its link stays possible.
report-monthly --month 2024-06 >direct.txt
check 'report-monthly -o /dev/stdout into a pipe' \
	'report-monthly --month 2024-06 -o /dev/stdout | cmp - direct.txt'
check 'and into a file' \
	'report-monthly --month 2024-06 -o /dev/stdout >via.txt && cmp via.txt direct.txt'
check 'report-monthly -o /dev/null writes in place' \
	'report-monthly --month 2024-06 -o /dev/null && [ -c /dev/null ]'

# The file replaced keeps its mode, and its owner when root replaces it.
echo old >mine.txt
chmod 640 mine.txt
check 'report-monthly -o over a 0640 file leaves it 0640' \
	'report-monthly --month 2024-06 -o mine.txt && [ "$(stat -c %a mine.txt)" = 640 ] &&
	cmp mine.txt direct.txt'
echo old >rej.csv
chmod 600 rej.csv
check_exit 'incident-import --rejects over a 0600 file' 65 \
	'incident-import -q --rejects rej.csv bad.csv'
check '...leaves it 0600, with the rejected row' \
	'[ "$(stat -c %a rej.csv)" = 600 ] && grep -q "^bad.csv,2," rej.csv'
if [ "$(id -u)" -eq 0 ]; then
	chown 65534:65534 mine.txt
	check 'as root, the owner of the file replaced is kept' \
		'report-monthly --month 2024-06 -o mine.txt && [ "$(stat -c %u:%g mine.txt)" = 65534:65534 ]'
else
	tap_result 0 'as root, the owner of the file replaced is kept # skip not root'
fi
check 'a new file gets the umask'"'"'s mode' \
	'report-monthly --month 2024-06 -o new.txt && [ "$(stat -c %a new.txt)" = 644 ]'

# Temporaries a killed run left: the next run writing the same file clears
# those whose writer is gone or older than a day, and only those.  A pid
# above pid_max is no process's; the names are compared sorted alike,
# whatever the digits of the two pids.
dead=$(($(cat /proc/sys/kernel/pid_max 2>/dev/null || echo 4194304) + 1))
for f in ".mine.txt.beat-$dead.AAAAAA" ".mine.txt.beat-$$.BBBBBB" \
    ".mine.txt.beat-$$.CCCCCC" ".new.txt.beat-$dead.DDDDDD" ".mine.txt.beat-x.EEEEEE"; do
	echo junk >"$f"
done
touch -d '2 days ago' ".mine.txt.beat-$$.CCCCCC"
ln -s victim ".mine.txt.beat-$dead.FFFFFF"
check 'the next run clears stale temporaries of its own file' \
	'report-monthly --month 2024-06 -o mine.txt &&
	[ "$(ls -A | grep "^\.mine\.txt\.beat-" | LC_ALL=C sort | tr "\n" " ")" = \
	    "$(printf ".mine.txt.beat-%s\n" $$.BBBBBB $dead.FFFFFF x.EEEEEE | LC_ALL=C sort | tr "\n" " ")" ]'
check 'not those of another file, nor a link, nor a name it did not make' \
	'[ -f ".new.txt.beat-$dead.DDDDDD" ] && [ -h ".mine.txt.beat-$dead.FFFFFF" ] &&
	[ "$(cat victim)" = secret ]'
check_exit 'incident-import --rejects clears its own the same way' 65 \
	'echo junk >".rej.csv.beat-$dead.GGGGGG" && sed s/R/S/ bad.csv >bad2.csv &&
	incident-import -q --rejects rej.csv bad2.csv'
check 'leaving none' '[ -z "$(ls -A | grep "^\.rej\.csv\.beat-")" ]'
done_testing
