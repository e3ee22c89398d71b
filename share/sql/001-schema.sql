-- beat schema version 1: the whole domain of SPEC section 1.
-- Times are ISO 8601 local time 'YYYY-MM-DD HH:MM:SS', days 'YYYY-MM-DD',
-- money integer fen.  Reference tables are filled by db-init from
-- share/data/*.csv (the file name is the table name).

-- Reference data ------------------------------------------------------

CREATE TABLE setting (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL,
	note TEXT
) STRICT;

-- Days that break the weekday rule: public holidays on weekdays, and the
-- weekend days worked in exchange (调休).
CREATE TABLE calendar (
	day TEXT PRIMARY KEY,
	kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
	name TEXT
) STRICT;

CREATE TABLE dispute_type (
	code TEXT PRIMARY KEY,
	label TEXT NOT NULL
) STRICT;

CREATE TABLE level (
	code TEXT PRIMARY KEY,
	rank INTEGER NOT NULL UNIQUE,
	label TEXT NOT NULL
) STRICT;

CREATE TABLE channel (
	code TEXT PRIMARY KEY,
	label TEXT NOT NULL
) STRICT;

CREATE TABLE incident_category (
	code TEXT PRIMARY KEY,
	label TEXT NOT NULL
) STRICT;

-- Inspection interval of each ledger, in days.
CREATE TABLE place_category (
	code TEXT PRIMARY KEY,
	label TEXT NOT NULL,
	security_days INTEGER NOT NULL CHECK (security_days > 0),
	traffic_days INTEGER NOT NULL CHECK (traffic_days > 0),
	fire_days INTEGER NOT NULL CHECK (fire_days > 0)
) STRICT;

-- Sub-kinds of the "nine small places" (九小场所).
CREATE TABLE place_kind (
	code TEXT PRIMARY KEY,
	label TEXT NOT NULL
) STRICT;

CREATE TABLE camera_kind (
	code TEXT PRIMARY KEY,
	label TEXT NOT NULL
) STRICT;

-- People and places ---------------------------------------------------

CREATE TABLE village (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	township TEXT,
	code TEXT UNIQUE
) STRICT;

CREATE TABLE officer (
	id INTEGER PRIMARY KEY,
	badge TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('officer', 'auxiliary', 'mediator', 'cadre')),
	phone TEXT
) STRICT;

-- The 1+N beats: a village has exactly one beat officer, an officer
-- covers 1 to 3 villages (trigger below).
CREATE TABLE beat (
	village_id INTEGER PRIMARY KEY REFERENCES village (id),
	officer_id INTEGER NOT NULL REFERENCES officer (id)
) STRICT;
CREATE INDEX beat_officer ON beat (officer_id);

CREATE TRIGGER beat_at_most_three_insert BEFORE INSERT ON beat
WHEN (SELECT count(*) FROM beat WHERE officer_id = NEW.officer_id) >= 3
BEGIN
	SELECT RAISE(ABORT, 'an officer covers at most 3 villages');
END;
CREATE TRIGGER beat_at_most_three_update BEFORE UPDATE OF officer_id ON beat
WHEN (SELECT count(*) FROM beat WHERE officer_id = NEW.officer_id
      AND village_id <> NEW.village_id) >= 3
BEGIN
	SELECT RAISE(ABORT, 'an officer covers at most 3 villages');
END;

-- Disputes ------------------------------------------------------------

CREATE TABLE dispute (
	id INTEGER PRIMARY KEY,
	number TEXT NOT NULL UNIQUE,		-- YYYY-NNNN
	year INTEGER NOT NULL,
	seq INTEGER NOT NULL,
	opened_at TEXT NOT NULL,
	village_id INTEGER NOT NULL REFERENCES village (id),
	officer_id INTEGER NOT NULL REFERENCES officer (id),
	type TEXT NOT NULL REFERENCES dispute_type (code),
	summary TEXT NOT NULL,
	source TEXT NOT NULL DEFAULT 'walkin'
		CHECK (source IN ('call', 'walkin', 'patrol', 'referral')),
	claimed_fen INTEGER CHECK (claimed_fen >= 0),
	cross_region INTEGER NOT NULL DEFAULT 0 CHECK (cross_region IN (0, 1)),
	violence_risk INTEGER NOT NULL DEFAULT 0 CHECK (violence_risk IN (0, 1)),
	complex INTEGER NOT NULL DEFAULT 0 CHECK (complex IN (0, 1)),
	crowd INTEGER NOT NULL DEFAULT 0 CHECK (crowd >= 0),
	level TEXT NOT NULL DEFAULT 'police' REFERENCES level (code),
	channel TEXT REFERENCES channel (code),	-- set when handed on
	channel_at TEXT,
	extended_to TEXT,			-- mediation deadline agreed by both parties
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
	outcome TEXT CHECK (outcome IN ('resolved', 'referred', 'withdrawn')),
	closed_at TEXT,
	UNIQUE (year, seq),
	CHECK ((status = 'closed') = (outcome IS NOT NULL))
) STRICT;
CREATE INDEX dispute_status ON dispute (status, level);
CREATE INDEX dispute_village ON dispute (village_id);
CREATE INDEX dispute_officer ON dispute (officer_id);
CREATE INDEX dispute_opened ON dispute (opened_at);

CREATE TABLE party (
	id INTEGER PRIMARY KEY,
	dispute_id INTEGER NOT NULL REFERENCES dispute (id),
	role TEXT NOT NULL CHECK (role IN ('applicant', 'respondent', 'third')),
	name TEXT NOT NULL,
	idno TEXT,
	phone TEXT
) STRICT;
CREATE INDEX party_dispute ON party (dispute_id);

-- One mediation session, or a party's refusal (人民调解法 art. 17).
CREATE TABLE session (
	id INTEGER PRIMARY KEY,
	dispute_id INTEGER NOT NULL REFERENCES dispute (id),
	at TEXT NOT NULL,
	level TEXT NOT NULL REFERENCES level (code),
	outcome TEXT NOT NULL CHECK (outcome IN ('agreed', 'partial', 'failed', 'refused')),
	mediators TEXT,				-- names, separated by '、'
	recovered_fen INTEGER NOT NULL DEFAULT 0 CHECK (recovered_fen >= 0),
	note TEXT
) STRICT;
CREATE INDEX session_dispute ON session (dispute_id, at);

-- A step up the ladder, or a hand-off to a channel (to_level NULL).
CREATE TABLE escalation (
	id INTEGER PRIMARY KEY,
	dispute_id INTEGER NOT NULL REFERENCES dispute (id),
	at TEXT NOT NULL,
	from_level TEXT NOT NULL REFERENCES level (code),
	to_level TEXT REFERENCES level (code),
	channel TEXT REFERENCES channel (code),
	reason TEXT NOT NULL,
	auto INTEGER NOT NULL DEFAULT 0 CHECK (auto IN (0, 1)),
	CHECK ((to_level IS NULL) <> (channel IS NULL))
) STRICT;
CREATE INDEX escalation_dispute ON escalation (dispute_id, at);

-- Both parties' consent to mediate past the one-month limit.
CREATE TABLE extension (
	id INTEGER PRIMARY KEY,
	dispute_id INTEGER NOT NULL REFERENCES dispute (id),
	at TEXT NOT NULL,
	until TEXT NOT NULL,
	note TEXT
) STRICT;
CREATE INDEX extension_dispute ON extension (dispute_id, at);

-- The agreement that resolved a case (art. 28: written or oral).
CREATE TABLE agreement (
	id INTEGER PRIMARY KEY,
	dispute_id INTEGER NOT NULL UNIQUE REFERENCES dispute (id),
	at TEXT NOT NULL,
	form TEXT NOT NULL DEFAULT 'written' CHECK (form IN ('written', 'oral')),
	text TEXT NOT NULL,
	perform_by TEXT,
	confirmed_at TEXT			-- judicial confirmation, if any
) STRICT;

-- Follow-up visits (回访) on performance.
CREATE TABLE followup (
	id INTEGER PRIMARY KEY,
	dispute_id INTEGER NOT NULL REFERENCES dispute (id),
	at TEXT NOT NULL,
	note TEXT NOT NULL
) STRICT;
CREATE INDEX followup_dispute ON followup (dispute_id);

-- The petition channel's answer: accepted or declined, then handled.
CREATE TABLE petition (
	dispute_id INTEGER PRIMARY KEY REFERENCES dispute (id),
	answered_at TEXT,
	answer TEXT CHECK (answer IN ('accepted', 'declined')),
	extended INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
	handled_at TEXT
) STRICT;

-- Patrols -------------------------------------------------------------

CREATE TABLE team (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	leader_id INTEGER NOT NULL REFERENCES officer (id),
	auxiliary_id INTEGER REFERENCES officer (id)
) STRICT;

CREATE TABLE route (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE checkpoint (
	id INTEGER PRIMARY KEY,
	route_id INTEGER NOT NULL REFERENCES route (id),
	seq INTEGER NOT NULL CHECK (seq > 0),
	name TEXT NOT NULL,
	kind TEXT,
	UNIQUE (route_id, seq),
	UNIQUE (route_id, name)
) STRICT;

CREATE TABLE patrol (
	id INTEGER PRIMARY KEY,
	team_id INTEGER NOT NULL REFERENCES team (id),
	route_id INTEGER NOT NULL REFERENCES route (id),
	started_at TEXT NOT NULL,
	ended_at TEXT NOT NULL,
	stopped INTEGER NOT NULL DEFAULT 0 CHECK (stopped >= 0),
	mediated INTEGER NOT NULL DEFAULT 0 CHECK (mediated >= 0),
	checked INTEGER NOT NULL DEFAULT 0 CHECK (checked >= 0),
	publicity INTEGER NOT NULL DEFAULT 0 CHECK (publicity >= 0),
	note TEXT,
	CHECK (ended_at > started_at)
) STRICT;
CREATE INDEX patrol_time ON patrol (started_at, ended_at);

CREATE TABLE visit (
	patrol_id INTEGER NOT NULL REFERENCES patrol (id),
	checkpoint_id INTEGER NOT NULL REFERENCES checkpoint (id),
	PRIMARY KEY (patrol_id, checkpoint_id)
) STRICT;
CREATE INDEX visit_checkpoint ON visit (checkpoint_id);

-- Premises and cameras ------------------------------------------------

CREATE TABLE place (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	category TEXT NOT NULL REFERENCES place_category (code),
	kind TEXT REFERENCES place_kind (code),
	village_id INTEGER NOT NULL REFERENCES village (id),
	address TEXT,
	added_at TEXT NOT NULL,
	CHECK ((category = 'small') = (kind IS NOT NULL))
) STRICT;

CREATE TABLE inspection (
	id INTEGER PRIMARY KEY,
	place_id INTEGER NOT NULL REFERENCES place (id),
	at TEXT NOT NULL,
	ledger TEXT NOT NULL CHECK (ledger IN ('security', 'traffic', 'fire')),
	inspector_id INTEGER REFERENCES officer (id),
	result TEXT NOT NULL CHECK (result IN ('ok', 'hazard')),
	hazard TEXT,
	fix_by TEXT,
	CHECK ((result = 'hazard') = (hazard IS NOT NULL))
) STRICT;
CREATE INDEX inspection_place ON inspection (place_id, ledger, at);

CREATE TABLE camera (
	id INTEGER PRIMARY KEY,
	code TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL REFERENCES camera_kind (code),
	place TEXT NOT NULL,
	village_id INTEGER REFERENCES village (id),
	status TEXT CHECK (status IN ('online', 'offline')),
	seen_at TEXT
) STRICT;

-- Incidents -----------------------------------------------------------

-- Files already imported, by content, so a re-import adds nothing.
CREATE TABLE import_file (
	id INTEGER PRIMARY KEY,
	sha256 TEXT NOT NULL,
	kind TEXT NOT NULL,			-- incident, patrol, camera, roster
	name TEXT NOT NULL,
	at TEXT NOT NULL,
	rows INTEGER NOT NULL,
	UNIQUE (kind, sha256)
) STRICT;

CREATE TABLE incident (
	id INTEGER PRIMARY KEY,
	dispatch_no TEXT NOT NULL UNIQUE,
	received_at TEXT NOT NULL,
	category TEXT NOT NULL REFERENCES incident_category (code),
	valid INTEGER NOT NULL CHECK (valid IN (0, 1)),
	invalid_reason TEXT,			-- e.g. 重复报警
	village TEXT,
	address TEXT,
	summary TEXT,
	officer TEXT,
	related_no TEXT,			-- the export's related-dispatch column
	duplicate_of INTEGER REFERENCES incident (id),
	dispute_id INTEGER REFERENCES dispute (id),
	file_id INTEGER REFERENCES import_file (id)
) STRICT;
-- Every index slows the import of a bureau's millions of rows, so each
-- serves a query: --all counts and the repeat-call windows;
CREATE INDEX incident_received ON incident (received_at);
-- incident-stats without --all, covering every key it counts by;
CREATE INDEX incident_counted ON incident (received_at, category, village)
	WHERE valid = 1 AND duplicate_of IS NULL;
-- the repeats of a call (and foreign key checks), holding repeats only;
CREATE INDEX incident_duplicate ON incident (duplicate_of)
	WHERE duplicate_of IS NOT NULL;
-- repeats whose first call is not stored yet, for linking after each import.
CREATE INDEX incident_unlinked ON incident (related_no)
	WHERE related_no IS NOT NULL AND duplicate_of IS NULL;

-- Audit ---------------------------------------------------------------

-- Append-only; each row's hash covers the previous row's hash.
CREATE TABLE audit (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL,			-- UTC
	user TEXT NOT NULL,
	command TEXT NOT NULL,
	records TEXT NOT NULL,
	prev TEXT NOT NULL,
	hash TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
	SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
