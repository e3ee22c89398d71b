-- beat schema version 4 on PostgreSQL, from version 3: the station's
-- code on every record, and the keys a city needs unique per station
-- (share/sql/004-station.sql says why).  A new database gets the same
-- from pg/schema.sql.

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

ALTER TABLE village DROP CONSTRAINT village_name_key;
ALTER TABLE officer DROP CONSTRAINT officer_badge_key;
ALTER TABLE dispute DROP CONSTRAINT dispute_number_key;
ALTER TABLE dispute DROP CONSTRAINT dispute_year_seq_key;
ALTER TABLE team DROP CONSTRAINT team_name_key;
ALTER TABLE route DROP CONSTRAINT route_name_key;
ALTER TABLE place DROP CONSTRAINT place_name_key;
ALTER TABLE camera DROP CONSTRAINT camera_code_key;

CREATE UNIQUE INDEX village_station_name ON village (station, name);
CREATE UNIQUE INDEX officer_station_badge ON officer (station, badge);
CREATE UNIQUE INDEX dispute_station_number ON dispute (station, number);
CREATE UNIQUE INDEX dispute_station_seq ON dispute (station, year, seq);
CREATE UNIQUE INDEX team_station_name ON team (station, name);
CREATE UNIQUE INDEX route_station_name ON route (station, name);
CREATE UNIQUE INDEX place_station_name ON place (station, name);
CREATE UNIQUE INDEX camera_station_code ON camera (station, code);

UPDATE beat_meta SET value = '4' WHERE key = 'schema_version';
