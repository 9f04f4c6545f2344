-- What a product's tasks were last made to match, so that an evaluation whose results leave the tasks as they are
-- need not read them. A full evaluation of 10,000 products reads some 275,000 task rows and compares each with its
-- check's result; when neither the results nor the tasks changed since the last evaluation (a periodic evaluation,
-- a rubric that changes only weights or texts a task does not carry) every comparison finds nothing to do.
--   tasks_digest  a hash of everything the evaluator's task writes depend on (per check: id, pillar, title,
--                 priority, status, reason, grace date; the owner) and of task_edits as the evaluation read it;
--                 '' when the tasks must be read (a product that cannot be scored; every row after this migration).
--   task_edits    counts the edits of the product's tasks made outside an evaluation (PATCH /api/tasks/{id}): an
--                 edit made while an evaluation runs leaves that evaluation's digest behind, so the next one reads
--                 the tasks again. Anything else that writes the task table must clear tasks_digest.
ALTER TABLE scorecard
    ADD COLUMN tasks_digest varchar(64) NOT NULL DEFAULT '',
    ADD COLUMN task_edits   bigint      NOT NULL DEFAULT 0;
