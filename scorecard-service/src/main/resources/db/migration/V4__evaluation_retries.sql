-- Evaluation jobs are claimed, not just started: the replica that runs a job counts the claim in
-- attempts and writes progress only while its claim holds (same attempts, status running). A job
-- that is queued, or running without a heartbeat (its replica died), is claimed by whichever
-- replica looks first; after job-attempts claims it is failed instead.
ALTER TABLE evaluation_job ADD COLUMN attempts integer NOT NULL DEFAULT 0;
CREATE INDEX evaluation_job_unfinished_idx ON evaluation_job (created_at) WHERE status IN ('queued', 'running');
-- The periodic full evaluation is due when the last periodic job finished full-interval ago.
CREATE INDEX evaluation_job_periodic_idx ON evaluation_job (created_at DESC) WHERE reason = 'periodic';

-- A product whose evaluation fails stays queued: attempts counts the failures, retry_at is the
-- earliest next try (the delay doubles), last_error says why. After queue-attempts failures it is
-- parked (parked_at): the worker leaves it alone until its inputs change (queuing it again clears
-- retry_at and parked_at) or the next full evaluation gives it one more try.
ALTER TABLE evaluation_queue
    ADD COLUMN attempts   integer NOT NULL DEFAULT 0,
    ADD COLUMN retry_at   timestamptz,
    ADD COLUMN parked_at  timestamptz,
    ADD COLUMN last_error varchar(2000);
