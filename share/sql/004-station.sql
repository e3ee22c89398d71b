-- beat schema version 4: the station's code on every record, so that
-- one schema holds one station or, in a bureau's database, thirty
-- (issue 12).  db-init --station-code sets the code (the setting
-- station_code) and stamps every record with it; the commands stamp
-- each record they add.  '' is a station whose code is not set yet.
--
-- A record is a row the station keeps in its own right: a village, an
-- officer, a case, a team, a route, a patrol, a premise, a camera, an
-- imported file and an incident.  A row that belongs to one of these
-- (a party, a session, a visit, an inspection, ...) is its parent's
-- station's, through its key.
--
-- The keys a city needs are unique per station: case numbers, village
-- names, badges, team, route and premise names, camera codes.  A SQLite
-- file holds one station, so its older keys on the name alone stay, and
-- the indexes below are what an upsert names (ON CONFLICT (station,
-- name)) on both engines.  Dispatch numbers stay unique on their own:
-- the 110 centre numbers the calls of the whole city.  So do village
-- codes (the national area codes) and imported files, kept by their
-- checksum.

ALTER TABLE village ADD COLUMN station TEXT NOT NULL DEFAULT '';
ALTER TABLE officer ADD COLUMN station TEXT NOT NULL DEFAULT '';
ALTER TABLE dispute ADD COLUMN station TEXT NOT NULL DEFAULT '';
ALTER TABLE team ADD COLUMN station TEXT NOT NULL DEFAULT '';
ALTER TABLE route ADD COLUMN station TEXT NOT NULL DEFAULT '';
ALTER TABLE patrol ADD COLUMN station TEXT NOT NULL DEFAULT '';
ALTER TABLE place ADD COLUMN station TEXT NOT NULL DEFAULT '';
ALTER TABLE camera ADD COLUMN station TEXT NOT NULL DEFAULT '';
ALTER TABLE import_file ADD COLUMN station TEXT NOT NULL DEFAULT '';
ALTER TABLE incident ADD COLUMN station TEXT NOT NULL DEFAULT '';

CREATE UNIQUE INDEX village_station_name ON village (station, name);
CREATE UNIQUE INDEX officer_station_badge ON officer (station, badge);
CREATE UNIQUE INDEX dispute_station_number ON dispute (station, number);
CREATE UNIQUE INDEX dispute_station_seq ON dispute (station, year, seq);
CREATE UNIQUE INDEX team_station_name ON team (station, name);
CREATE UNIQUE INDEX route_station_name ON route (station, name);
CREATE UNIQUE INDEX place_station_name ON place (station, name);
CREATE UNIQUE INDEX camera_station_code ON camera (station, code);
