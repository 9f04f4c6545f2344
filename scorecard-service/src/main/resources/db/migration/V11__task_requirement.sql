-- What the product's current phase asks of a task's check when it was last evaluated: required, recommended or n/a
-- (a task of a check only the next phase requires). Priority alone cannot say it: P2 is a required check within its
-- grace period, and (when the rubric's nextPhasePriority is P2) a check only the next phase requires; P3 is a
-- recommended check, and (when it is P3) a check the next phase requires. The overview's "checks failing most often"
-- counts the checks failing where they are required, grace or not, so that an organisation that has just been
-- onboarded (every required check in grace, no P1 task anywhere) still sees what fails most.
ALTER TABLE task ADD COLUMN requirement varchar(16) COLLATE "C";

-- An open P1 task is of a required check; every other task gets its requirement at the next evaluation, which the
-- digests cleared here make read and rewrite the tasks (the worker picks the queue up within seconds of the start).
UPDATE task SET requirement = 'required' WHERE priority = 'P1' AND status <> 'done';
UPDATE scorecard SET tasks_digest = '';
INSERT INTO evaluation_queue (product, queued_at)
SELECT product, now() FROM scorecard
ON CONFLICT (product) DO NOTHING;
