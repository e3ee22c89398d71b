-- beat schema version 5: two indexes for the readers that ask which
-- cases can owe anything (report-monthly, roster --workload, case-list
-- --overdue) over a bureau's 100k cases (issue 13).  A case not closed,
-- or closed since a day, is found by its closing time; a closed case
-- whose agreement has had no follow-up visit since it was made, by
-- looking up the visits of each agreement's case in one index that
-- holds their days (it replaces the index on the case alone).  The
-- month's sessions, which the report and the workload count, by their
-- time.

CREATE INDEX dispute_closed ON dispute (closed_at);
DROP INDEX followup_dispute;
CREATE INDEX followup_dispute_at ON followup (dispute_id, at);
CREATE INDEX session_at ON session (at);
