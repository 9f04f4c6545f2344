-- A full evaluation of 10,000 products writes some 275,000 task rows, and every index on task is updated for each
-- of them: with five indexes the index updates cost PostgreSQL more than the rows themselves (COPY of the rows of a
-- first evaluation: 4.0-4.5 CPU seconds with five indexes, 2.4 with the three below, 1.2 with none;
-- docs/PERFORMANCE.md). Three remain:
--   task_pkey (id)                       a task by its id (the API, the evaluator's updates);
--   task_product_check_id_key (product, check_id)  one task per product and check; a product's tasks;
--   task_owner_idx (owner, status, priority, check_status)  a team's tasks (the portal's team and home pages, the
--                                        API's owner filter) and the counts by check status, from one index.
-- Lists across the whole organisation by status or priority alone (GET /api/tasks?status=open without an owner or
-- product, which the portal never asks) read the table instead of task_status_idx: tens of milliseconds at
-- 275,000 tasks.
DROP INDEX IF EXISTS task_status_idx;
DROP INDEX IF EXISTS task_check_status_idx;
DROP INDEX IF EXISTS task_owner_idx;
CREATE INDEX task_owner_idx ON task (owner, status, priority, check_status);
