-- beat schema version 2: cases followed past the police (SPEC 4.1):
-- what the receiving channel did, the judicial-confirmation application,
-- the appraisal that restarts the police clock, what mediation
-- prevented, the record of missed deadlines, and the holiday calendar
-- as data that a station loads from a notice.

-- The day an injury or value appraisal was issued: the police level's
-- three working days count from it (治安调解工作规范 art. 9).
ALTER TABLE dispute ADD COLUMN appraised_at TEXT;
-- What the mediation prevented, for the statistics forms.
ALTER TABLE dispute ADD COLUMN prevented TEXT
	CHECK (prevented IN ('suicide', 'criminal', 'fight', 'petition'));
ALTER TABLE dispute ADD COLUMN prevented_persons INTEGER
	CHECK (prevented_persons > 0);

-- The parties applied for judicial confirmation (人民调解法 art. 33).
ALTER TABLE agreement ADD COLUMN applied_at TEXT;

-- The body a case was handed to (a hand-off is an escalation row with
-- a channel).
ALTER TABLE escalation ADD COLUMN body TEXT;

-- What the receiving body did with a hand-off.  'checked' is the
-- station's own check-in with a body that has not concluded.
CREATE TABLE channel_event (
	id INTEGER PRIMARY KEY,
	escalation_id INTEGER NOT NULL REFERENCES escalation (id),
	at TEXT NOT NULL,
	event TEXT NOT NULL
		CHECK (event IN ('accepted', 'declined', 'extended', 'checked', 'concluded')),
	outcome TEXT CHECK (outcome IN ('resolved', 'unresolved')),
	days INTEGER CHECK (days > 0),		-- an extension's length
	note TEXT,
	CHECK ((event = 'concluded') = (outcome IS NOT NULL)),
	CHECK ((event = 'extended') = (days IS NOT NULL))
) STRICT;
CREATE INDEX channel_event_escalation ON channel_event (escalation_id, at);

-- The petition table of version 1 was never written by any command:
-- channel_event replaces it.
DROP TABLE petition;

-- Deadlines that passed unmet, recorded when a command sees them pass;
-- met_at is filled when the obligation is finally met.  Escalating or
-- closing a case never removes a row.
CREATE TABLE missed (
	id INTEGER PRIMARY KEY,
	dispute_id INTEGER NOT NULL REFERENCES dispute (id),
	kind TEXT NOT NULL,
	due TEXT NOT NULL,
	met_at TEXT,
	recorded_at TEXT NOT NULL,
	UNIQUE (dispute_id, kind, due)
) STRICT;
CREATE INDEX missed_due ON missed (due);

-- Years whose holiday notice is loaded: shipped with beat, or read by
-- db-init --calendar from a file (which later shipped data never
-- overrides).  A year not listed counts the statutory holidays.
CREATE TABLE calendar_notice (
	year INTEGER PRIMARY KEY,
	source TEXT NOT NULL,			-- 'shipped' or the file's name
	loaded_at TEXT NOT NULL
) STRICT;

-- Dates of the lunar festivals and of Qingming, from which the statutory
-- holidays of a year without a notice are counted
-- (全国年节及纪念日放假办法, 2024 revision).
CREATE TABLE festival (
	year INTEGER PRIMARY KEY,
	spring TEXT NOT NULL,			-- 春节, the first day of the first lunar month
	qingming TEXT NOT NULL,			-- 清明, the solar term
	dragon_boat TEXT NOT NULL,		-- 端午, the fifth of the fifth lunar month
	mid_autumn TEXT NOT NULL		-- 中秋, the fifteenth of the eighth lunar month
) STRICT;
