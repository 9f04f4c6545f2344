-- When a product's results next change by time alone in a way a team must act on: an attestation lapsing, a dated
-- practice leaving its window, an approved waiver ending, the grace of newly required checks ending. next_change_at
-- is the earliest of these and of signals going stale, which automation renews every day, so nearly every product has
-- one within a week; GET /api/deadlines reads only the products whose next deadline comes before its horizon.
-- Written by every evaluation. Until a product's next evaluation, its next change stands in: never later than its
-- next deadline, so no product that has one is left out.
ALTER TABLE scorecard ADD COLUMN next_deadline_at timestamptz;
UPDATE scorecard SET next_deadline_at = next_change_at WHERE next_change_at IS NOT NULL;
