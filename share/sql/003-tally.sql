-- beat schema version 3: the incident tally.  A bureau holds millions
-- of incidents and its analysts count them all day; these tables hold
-- the counts incident-stats and report-monthly read, kept exact by
-- triggers in the transaction of every insert, update and delete,
-- whatever writes the row (an import, a script, the sqlite3 shell).
--
-- Each count comes twice: n counts every call, c only the counted ones
-- (valid first calls: valid = 1 AND duplicate_of IS NULL, SPEC 1.5).
-- The keys are the very texts the raw queries group by (substr of
-- received_at), so a count from a tally prints as the recount would.
-- A row whose counts fell to 0 may stay; readers skip it.

-- By day and category: periods (month, week, day, weekday), --from and
-- --to to the day, comparisons and trends; r counts the repeat calls
-- linked to their first (duplicate_of IS NOT NULL) for the report.
CREATE TABLE incident_tally_day (
	day TEXT NOT NULL,			-- substr(received_at, 1, 10)
	category TEXT NOT NULL,
	n INTEGER NOT NULL,
	c INTEGER NOT NULL,
	r INTEGER NOT NULL,
	PRIMARY KEY (day, category)
) STRICT, WITHOUT ROWID;

-- By month, hour of the day and category.
CREATE TABLE incident_tally_hour (
	month TEXT NOT NULL,			-- substr(received_at, 1, 7)
	hour TEXT NOT NULL,			-- substr(received_at, 12, 2)
	category TEXT NOT NULL,
	n INTEGER NOT NULL,
	c INTEGER NOT NULL,
	PRIMARY KEY (month, hour, category)
) STRICT, WITHOUT ROWID;

-- By month, village, hour and category; a key may not be NULL, so an
-- incident without a village is village '' with novillage 1.
CREATE TABLE incident_tally (
	month TEXT NOT NULL,
	village TEXT NOT NULL,
	novillage INTEGER NOT NULL,
	hour TEXT NOT NULL,
	category TEXT NOT NULL,
	n INTEGER NOT NULL,
	c INTEGER NOT NULL,
	PRIMARY KEY (month, village, novillage, hour, category)
) STRICT, WITHOUT ROWID;

-- By village, hour and category over all time: --by village, hotspots
-- and the like without --from or --to, however many years are stored.
CREATE TABLE incident_tally_place (
	village TEXT NOT NULL,
	novillage INTEGER NOT NULL,
	hour TEXT NOT NULL,
	category TEXT NOT NULL,
	n INTEGER NOT NULL,
	c INTEGER NOT NULL,
	PRIMARY KEY (village, novillage, hour, category)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER incident_tally_insert AFTER INSERT ON incident
BEGIN
	INSERT INTO incident_tally_day VALUES (substr(NEW.received_at, 1, 10),
	    NEW.category, 1, NEW.valid = 1 AND NEW.duplicate_of IS NULL,
	    NEW.duplicate_of IS NOT NULL)
	ON CONFLICT DO UPDATE SET n = n + 1, c = c + excluded.c, r = r + excluded.r;
	INSERT INTO incident_tally_hour VALUES (substr(NEW.received_at, 1, 7),
	    substr(NEW.received_at, 12, 2), NEW.category, 1,
	    NEW.valid = 1 AND NEW.duplicate_of IS NULL)
	ON CONFLICT DO UPDATE SET n = n + 1, c = c + excluded.c;
	INSERT INTO incident_tally VALUES (substr(NEW.received_at, 1, 7),
	    coalesce(NEW.village, ''), NEW.village IS NULL,
	    substr(NEW.received_at, 12, 2), NEW.category, 1,
	    NEW.valid = 1 AND NEW.duplicate_of IS NULL)
	ON CONFLICT DO UPDATE SET n = n + 1, c = c + excluded.c;
	INSERT INTO incident_tally_place VALUES (coalesce(NEW.village, ''),
	    NEW.village IS NULL, substr(NEW.received_at, 12, 2), NEW.category, 1,
	    NEW.valid = 1 AND NEW.duplicate_of IS NULL)
	ON CONFLICT DO UPDATE SET n = n + 1, c = c + excluded.c;
END;

CREATE TRIGGER incident_tally_delete AFTER DELETE ON incident
BEGIN
	UPDATE incident_tally_day SET n = n - 1,
	    c = c - (OLD.valid = 1 AND OLD.duplicate_of IS NULL),
	    r = r - (OLD.duplicate_of IS NOT NULL)
	WHERE day = substr(OLD.received_at, 1, 10) AND category = OLD.category;
	UPDATE incident_tally_hour SET n = n - 1,
	    c = c - (OLD.valid = 1 AND OLD.duplicate_of IS NULL)
	WHERE month = substr(OLD.received_at, 1, 7)
	    AND hour = substr(OLD.received_at, 12, 2) AND category = OLD.category;
	UPDATE incident_tally SET n = n - 1,
	    c = c - (OLD.valid = 1 AND OLD.duplicate_of IS NULL)
	WHERE month = substr(OLD.received_at, 1, 7)
	    AND village = coalesce(OLD.village, '') AND novillage = (OLD.village IS NULL)
	    AND hour = substr(OLD.received_at, 12, 2) AND category = OLD.category;
	UPDATE incident_tally_place SET n = n - 1,
	    c = c - (OLD.valid = 1 AND OLD.duplicate_of IS NULL)
	WHERE village = coalesce(OLD.village, '') AND novillage = (OLD.village IS NULL)
	    AND hour = substr(OLD.received_at, 12, 2) AND category = OLD.category;
END;

-- An update is the old row taken out and the new one put in, when it
-- changed what is counted (linking repeats changes duplicate_of only).
CREATE TRIGGER incident_tally_update
AFTER UPDATE OF received_at, category, valid, village, duplicate_of ON incident
WHEN OLD.received_at IS NOT NEW.received_at OR OLD.category IS NOT NEW.category
    OR OLD.valid IS NOT NEW.valid OR OLD.village IS NOT NEW.village
    OR (OLD.duplicate_of IS NULL) IS NOT (NEW.duplicate_of IS NULL)
BEGIN
	UPDATE incident_tally_day SET n = n - 1,
	    c = c - (OLD.valid = 1 AND OLD.duplicate_of IS NULL),
	    r = r - (OLD.duplicate_of IS NOT NULL)
	WHERE day = substr(OLD.received_at, 1, 10) AND category = OLD.category;
	UPDATE incident_tally_hour SET n = n - 1,
	    c = c - (OLD.valid = 1 AND OLD.duplicate_of IS NULL)
	WHERE month = substr(OLD.received_at, 1, 7)
	    AND hour = substr(OLD.received_at, 12, 2) AND category = OLD.category;
	UPDATE incident_tally SET n = n - 1,
	    c = c - (OLD.valid = 1 AND OLD.duplicate_of IS NULL)
	WHERE month = substr(OLD.received_at, 1, 7)
	    AND village = coalesce(OLD.village, '') AND novillage = (OLD.village IS NULL)
	    AND hour = substr(OLD.received_at, 12, 2) AND category = OLD.category;
	UPDATE incident_tally_place SET n = n - 1,
	    c = c - (OLD.valid = 1 AND OLD.duplicate_of IS NULL)
	WHERE village = coalesce(OLD.village, '') AND novillage = (OLD.village IS NULL)
	    AND hour = substr(OLD.received_at, 12, 2) AND category = OLD.category;
	INSERT INTO incident_tally_day VALUES (substr(NEW.received_at, 1, 10),
	    NEW.category, 1, NEW.valid = 1 AND NEW.duplicate_of IS NULL,
	    NEW.duplicate_of IS NOT NULL)
	ON CONFLICT DO UPDATE SET n = n + 1, c = c + excluded.c, r = r + excluded.r;
	INSERT INTO incident_tally_hour VALUES (substr(NEW.received_at, 1, 7),
	    substr(NEW.received_at, 12, 2), NEW.category, 1,
	    NEW.valid = 1 AND NEW.duplicate_of IS NULL)
	ON CONFLICT DO UPDATE SET n = n + 1, c = c + excluded.c;
	INSERT INTO incident_tally VALUES (substr(NEW.received_at, 1, 7),
	    coalesce(NEW.village, ''), NEW.village IS NULL,
	    substr(NEW.received_at, 12, 2), NEW.category, 1,
	    NEW.valid = 1 AND NEW.duplicate_of IS NULL)
	ON CONFLICT DO UPDATE SET n = n + 1, c = c + excluded.c;
	INSERT INTO incident_tally_place VALUES (coalesce(NEW.village, ''),
	    NEW.village IS NULL, substr(NEW.received_at, 12, 2), NEW.category, 1,
	    NEW.valid = 1 AND NEW.duplicate_of IS NULL)
	ON CONFLICT DO UPDATE SET n = n + 1, c = c + excluded.c;
END;

-- A database upgraded from version 2 counts the incidents it holds.
INSERT INTO incident_tally_day
SELECT substr(received_at, 1, 10), category, count(*),
    sum(valid = 1 AND duplicate_of IS NULL), sum(duplicate_of IS NOT NULL)
FROM incident GROUP BY 1, 2;
INSERT INTO incident_tally_hour
SELECT substr(received_at, 1, 7), substr(received_at, 12, 2), category, count(*),
    sum(valid = 1 AND duplicate_of IS NULL)
FROM incident GROUP BY 1, 2, 3;
INSERT INTO incident_tally
SELECT substr(received_at, 1, 7), coalesce(village, ''), village IS NULL,
    substr(received_at, 12, 2), category, count(*),
    sum(valid = 1 AND duplicate_of IS NULL)
FROM incident GROUP BY 1, 2, 3, 4, 5;
INSERT INTO incident_tally_place
SELECT village, novillage, hour, category, sum(n), sum(c)
FROM incident_tally GROUP BY 1, 2, 3, 4;
