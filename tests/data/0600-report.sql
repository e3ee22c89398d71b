-- tests/0600-report-monthly.t: records of a small station (villages, officers,
-- route and team come from roster); the figures of 2024-06 are checked by hand.
-- Portable SQL (sqlite3 or psql loads it): rows refer to each other by their
-- natural keys, so that PostgreSQL's identity keys stay in step.
-- Incidents: June 2024 has 5 valid, 1 repeat call, 1 invalid.
INSERT INTO incident (dispatch_no, received_at, category, valid, village) VALUES
 ('J01', '2024-06-01 20:05:00', 'dispute', 1, '红星村'),
 ('J02', '2024-06-08 20:40:00', 'dispute', 1, '红星村'),
 ('J03', '2024-06-15 20:10:00', 'dispute', 1, '红星村'),
 ('J04', '2024-06-20 09:00:00', 'criminal', 1, '青山村'),
 ('J05', '2024-06-30 23:59:59', 'traffic', 1, '青山村'),
 ('J06', '2024-06-01 20:35:00', 'dispute', 0, '红星村'),
 ('J07', '2024-06-11 03:00:00', 'other', 0, NULL),
 ('M01', '2024-05-02 10:00:00', 'help', 1, '青山村'),
 ('M02', '2024-05-05 10:00:00', 'help', 1, '青山村'),
 ('M03', '2024-05-09 10:00:00', 'help', 1, '青山村'),
 ('M04', '2024-05-12 10:00:00', 'help', 1, '青山村'),
 ('M05', '2024-05-15 10:00:00', 'help', 1, '青山村'),
 ('M06', '2024-05-18 10:00:00', 'help', 1, '青山村'),
 ('M07', '2024-05-21 10:00:00', 'dispute', 1, '青山村'),
 ('M08', '2024-05-31 23:59:59', 'dispute', 1, '青山村'),
 ('A01', '2024-01-10 10:00:00', 'help', 1, '红星村'),
 ('A02', '2024-02-10 10:00:00', 'help', 1, '红星村'),
 ('A03', '2024-03-10 10:00:00', 'help', 1, '红星村'),
 ('A04', '2024-04-10 10:00:00', 'help', 1, '红星村'),
 ('Y01', '2023-06-03 10:00:00', 'dispute', 1, '红星村'),
 ('Y02', '2023-06-30 10:00:00', 'criminal', 1, '红星村'),
 ('Y03', '2023-01-03 10:00:00', 'help', 1, '红星村'),
 ('Y04', '2023-03-03 10:00:00', 'help', 1, '红星村'),
 ('Y05', '2023-05-03 10:00:00', 'help', 1, '红星村'),
 ('Y06', '2023-07-01 00:00:00', 'help', 1, '红星村'),
 ('N01', '2024-07-01 00:00:00', 'help', 1, '红星村');
UPDATE incident SET duplicate_of = (SELECT id FROM incident WHERE dispatch_no = 'J01'),
 invalid_reason = '重复报警' WHERE dispatch_no = 'J06';
UPDATE incident SET invalid_reason = '误拨' WHERE dispatch_no = 'J07';
-- Disputes.
INSERT INTO dispute (number, year, seq, opened_at, village_id, officer_id, type, summary, crowd) VALUES
 ('2024-0001', 2024, 1, '2024-05-10 09:00:00', (SELECT id FROM village WHERE substr(name, 1, 3) = '<b>'), (SELECT id FROM officer WHERE badge = 'P001'), 'wages', '拖欠工资 <b>&"x"', 12);
INSERT INTO dispute (number, year, seq, opened_at, village_id, officer_id, type, summary, status, outcome, closed_at) VALUES
 ('2024-0002', 2024, 2, '2024-06-03 09:00:00', (SELECT id FROM village WHERE name = '青山村'), (SELECT id FROM officer WHERE badge = 'P001'), 'neighbor', '邻里', 'closed', 'resolved', '2024-06-20 10:00:00');
INSERT INTO dispute (number, year, seq, opened_at, village_id, officer_id, type, summary, level) VALUES
 ('2024-0003', 2024, 3, '2024-06-25 09:00:00', (SELECT id FROM village WHERE name = '青山村'), (SELECT id FROM officer WHERE badge = 'P001'), 'land', '土地', 'township');
INSERT INTO session (dispute_id, at, level, outcome, recovered_fen) VALUES
 ((SELECT id FROM dispute WHERE number = '2024-0002'), '2024-06-15 10:00:00', 'police', 'agreed', 350050),
 ((SELECT id FROM dispute WHERE number = '2024-0003'), '2024-06-26 10:00:00', 'police', 'failed', 0),
 ((SELECT id FROM dispute WHERE number = '2024-0001'), '2024-07-02 10:00:00', 'police', 'partial', 100000);
INSERT INTO escalation (dispute_id, at, from_level, to_level, reason) VALUES
 ((SELECT id FROM dispute WHERE number = '2024-0003'), '2024-06-28 10:00:00', 'police', 'township', 'failed');
-- Patrols.
INSERT INTO patrol (team_id, route_id, started_at, ended_at, stopped, mediated, checked, publicity) VALUES
 ((SELECT id FROM team), (SELECT id FROM route), '2024-05-31 23:00:00', '2024-06-01 01:00:00', 5, 5, 5, 5),
 ((SELECT id FROM team), (SELECT id FROM route), '2024-06-01 08:00:00', '2024-06-01 10:30:00', 1, 2, 0, 1),
 ((SELECT id FROM team), (SELECT id FROM route), '2024-06-02 20:00:00', '2024-06-02 22:00:00', 0, 0, 3, 0);
INSERT INTO visit SELECT p.id, c.id FROM (SELECT '2024-05-31 23:00:00' AS at, 3 AS s
 UNION ALL SELECT '2024-06-01 08:00:00', 1 UNION ALL SELECT '2024-06-01 08:00:00', 2
 UNION ALL SELECT '2024-06-02 20:00:00', 1) AS v
 JOIN patrol p ON p.started_at = v.at JOIN checkpoint c ON c.seq = v.s;
-- Premises: a school, security checked, fire with an open hazard past its fix-by,
-- traffic never checked; a gas station with two open hazards, one without a fix-by.
INSERT INTO place (name, category, village_id, added_at) VALUES ('红星小学', 'school', (SELECT id FROM village WHERE name = '红星村'), '2024-01-01 00:00:00'),
 ('青山加油站', 'fuel', (SELECT id FROM village WHERE name = '青山村'), '2024-06-01 00:00:00');
INSERT INTO inspection (place_id, at, ledger, result, hazard, fix_by) VALUES
 ((SELECT id FROM place WHERE name = '红星小学'), '2024-06-05 10:00:00', 'security', 'ok', NULL, NULL),
 ((SELECT id FROM place WHERE name = '红星小学'), '2024-06-10 10:00:00', 'fire', 'hazard', '灭火器过期', '2024-06-20'),
 ((SELECT id FROM place WHERE name = '青山加油站'), '2024-06-02 10:00:00', 'security', 'ok', NULL, NULL),
 ((SELECT id FROM place WHERE name = '青山加油站'), '2024-06-02 10:00:00', 'traffic', 'ok', NULL, NULL),
 ((SELECT id FROM place WHERE name = '青山加油站'), '2024-06-02 10:00:00', 'fire', 'ok', NULL, NULL),
 ((SELECT id FROM place WHERE name = '青山加油站'), '2024-06-15 10:00:00', 'security', 'hazard', '台账不全', NULL),
 ((SELECT id FROM place WHERE name = '青山加油站'), '2024-06-20 10:00:00', 'security', 'hazard', '监控损坏', '2024-07-10');
-- Cameras: three of five online at 2024-07-01 09:00 (C5 reported online, but too long ago).
INSERT INTO camera (code, kind, place, village_id, status, seen_at) VALUES
 ('C1', 'skynet', '路口', NULL, 'online', '2024-07-01 08:00:00'),
 ('C2', 'skynet', '桥头', NULL, 'offline', '2024-06-20 08:00:00'),
 ('C3', 'sharpeyes', '村委', NULL, 'online', '2024-07-01 07:00:00'),
 ('C4', 'social', '超市', NULL, 'online', '2024-07-01 07:30:00'),
 ('C5', 'social', '桥头', NULL, 'online', '2024-06-29 09:00:00');
