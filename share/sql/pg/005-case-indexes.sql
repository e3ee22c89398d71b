-- beat schema version 5 on PostgreSQL, from version 4: the indexes of
-- share/sql/005-case-indexes.sql, which says why.  A new database gets
-- the same from pg/schema.sql.

CREATE INDEX dispute_closed ON dispute (closed_at);
DROP INDEX followup_dispute;
CREATE INDEX followup_dispute_at ON followup (dispute_id, at);
CREATE INDEX session_at ON session (at);

UPDATE beat_meta SET value = '5' WHERE key = 'schema_version';
