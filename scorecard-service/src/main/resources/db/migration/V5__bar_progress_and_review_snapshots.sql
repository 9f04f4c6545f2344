-- Progress toward the product's own phase bar (met required weight / required weight; 100 when nothing is
-- required) and the number of required checks, per scorecard and per history point; per pillar they are in
-- pillar_scores (distance, progress). The portal lists, sorts and ranks by them: fair across phases.
ALTER TABLE scorecard
    ADD COLUMN progress        integer,
    ADD COLUMN required_checks integer;
ALTER TABLE history ADD COLUMN progress integer;
CREATE INDEX scorecard_progress_idx ON scorecard (progress, product);
CREATE INDEX scorecard_bar_gaps_idx ON scorecard (bar_gaps DESC, product);

-- A review keeps the status of every check at the moment of the sign-off ({check: status}), so the next review
-- shows what changed since (checks that flipped). Reviews signed off before this version have none.
ALTER TABLE review ADD COLUMN checks jsonb;

-- Waivers by the team that owns the product (the lead's inbox), and by expiry.
CREATE INDEX waiver_status_expires_idx ON waiver (status, expires_at);

-- Results stored before this version have no progress: evaluate every product once more (the worker picks the
-- queue up within seconds of the start; an empty hash makes the new results be written).
UPDATE scorecard SET checks_hash = '';
INSERT INTO evaluation_queue (product, queued_at)
SELECT product, now() FROM scorecard
ON CONFLICT (product) DO NOTHING;
