#!/usr/bin/python3
# festival.py: writes share/data/festival.csv, the dates from which beat
# counts the statutory holidays of a year with no holiday notice loaded.
#
# Run once, by hand, when the range is to grow; the build never runs it
# and the CSV it writes is committed:
#
#	apt-get install python3-lunardate python3-ephem
#	/usr/bin/python3 tools/festival.py > share/data/festival.csv
#
# The lunar dates come from Debian's python3-lunardate (tables of the
# Chinese calendar, 1900-2099).  清明 is the day, in Beijing time (UTC+8),
# on which the sun's apparent ecliptic longitude reaches 15 degrees, found
# with PyEphem (python3-ephem).  Each lunar date is checked against a new
# moon from PyEphem (the first of a lunar month is the Beijing day of its
# new moon), and every date of 2016-2026 against the holidays the shipped
# State Council notices (share/data/calendar.csv) give that festival; any
# disagreement stops the script with nothing written.
import csv
import datetime
import math
import os
import sys

import ephem
from lunardate import LunarDate

FIRST, LAST = 2016, 2050
BEIJING = datetime.timedelta(hours=8)
QINGMING_LON = math.radians(15)


def beijing_day(d):
	"""The Beijing calendar day of an ephem (UTC) date."""
	return (ephem.Date(d).datetime() + BEIJING).date()


def sun_longitude(d):
	sun = ephem.Sun(d)
	return float(ephem.Ecliptic(sun, epoch=d).lon)


def qingming(year):
	"""Bisects for the moment the sun's longitude passes 15 degrees."""
	lo = ephem.Date('%d/3/25' % year)
	hi = ephem.Date('%d/4/15' % year)
	for _ in range(60):
		mid = ephem.Date((lo + hi) / 2)
		if sun_longitude(mid) < QINGMING_LON:
			lo = mid
		else:
			hi = mid
	return hi


def lunar(year, month, day):
	return LunarDate(year, month, day).toSolarDate()


def check_new_moon(first, what):
	"""first is the first day of a lunar month: a new moon falls on it."""
	noon = ephem.Date(datetime.datetime.combine(first, datetime.time(4)))
	nm = ephem.next_new_moon(ephem.Date(noon - 2))
	if beijing_day(nm) != first:
		sys.exit('festival.py: %s: new moon on %s (Beijing), lunardate says %s'
		    % (what, beijing_day(nm), first))


# The festivals by the names the notices give their holidays.
NAMES = {'spring': '春节', 'qingming': '清明节', 'dragon_boat': '端午节',
    'mid_autumn': '中秋节'}


def shipped():
	"""Holidays of the shipped notices: (year, festival) -> set of dates."""
	top = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
	days = {}
	with open(os.path.join(top, 'share/data/calendar.csv'), encoding='utf-8') as f:
		for row in csv.DictReader(f):
			if row['kind'] != 'holiday':
				continue
			d = datetime.date.fromisoformat(row['day'])
			for key, name in NAMES.items():
				# "中秋节、国庆节": a holiday may name two festivals.
				if name in row['name'].split('、'):
					days.setdefault((d.year, key), set()).add(d)
	return days


def main():
	notices = shipped()
	rows = []
	for y in range(FIRST, LAST + 1):
		spring = lunar(y, 1, 1)
		dragon = lunar(y, 5, 5)
		autumn = lunar(y, 8, 15)
		qm = qingming(y)
		qday = beijing_day(qm)
		check_new_moon(spring, '%d spring' % y)
		check_new_moon(dragon - datetime.timedelta(days=4), '%d dragon boat' % y)
		check_new_moon(autumn - datetime.timedelta(days=14), '%d mid-autumn' % y)
		# PyEphem places the sun to about an arc second, some 30 seconds
		# of time, and Delta T for 2050 is uncertain by a minute or two:
		# within 10 minutes of midnight the day would be too close to call.
		t = ephem.Date(qm).datetime() + BEIJING
		secs = t.hour * 3600 + t.minute * 60 + t.second
		if secs < 600 or secs > 86400 - 600:
			sys.exit('festival.py: %d: 清明 at %s Beijing time, too close to midnight'
			    % (y, t))
		row = {'spring': spring, 'qingming': qday, 'dragon_boat': dragon,
		    'mid_autumn': autumn}
		for key, d in row.items():
			held = notices.get((y, key))
			if held is not None and d not in held:
				sys.exit('festival.py: %d: %s %s is not among the shipped holidays %s'
				    % (y, key, d, sorted(str(h) for h in held)))
		rows.append((y, spring, qday, dragon, autumn))
	out = csv.writer(sys.stdout, lineterminator='\n')
	out.writerow(('year', 'spring', 'qingming', 'dragon_boat', 'mid_autumn'))
	for r in rows:
		out.writerow([str(v) for v in r])


main()
