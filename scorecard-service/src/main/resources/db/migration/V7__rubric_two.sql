-- Rubric version 2: grace after a phase change or arrival, attestations counted from when the practice happened,
-- waivers limited to a phase, tasks that know their check's status (not connected counted apart), extra credit.

-- When the product entered its phase, and the phase it came from (null: it arrived in the catalog in this phase).
-- The follower sets them on every phase change; products already mirrored get them from their history: the first
-- point in the current phase after the last point in another one (or the catalog's creation time if they never moved).
ALTER TABLE product
    ADD COLUMN phase_since    timestamptz,
    ADD COLUMN previous_phase varchar(63) COLLATE "C";
UPDATE product p SET previous_phase = moved.previous_phase,
                     phase_since = CASE WHEN moved.previous_phase IS NULL THEN coalesce(p.created_at, moved.first_in_phase, p.synced_at)
                                        ELSE coalesce(moved.first_in_phase, p.synced_at) END
FROM (
    SELECT p2.slug,
           last_other.phase AS previous_phase,
           (SELECT min(h.taken_at) FROM history h
            WHERE h.product = p2.slug AND h.phase = p2.phase
              AND h.taken_at > coalesce(last_other.taken_at, '-infinity'::timestamptz)) AS first_in_phase
    FROM product p2
    LEFT JOIN LATERAL (SELECT h.phase, h.taken_at FROM history h
                       WHERE h.product = p2.slug AND h.phase <> p2.phase
                       ORDER BY h.taken_at DESC, h.id DESC LIMIT 1) last_other ON true
) moved
WHERE moved.slug = p.slug;

-- When the attested practice was performed (the drill held, the review done); validity counts from it.
ALTER TABLE attestation ADD COLUMN performed_at timestamptz;
UPDATE attestation SET performed_at = attested_at;
ALTER TABLE attestation ALTER COLUMN performed_at SET NOT NULL;
DROP INDEX attestation_product_idx;
CREATE INDEX attestation_product_idx ON attestation (product, check_id, performed_at DESC, attested_at DESC);

-- A waiver asked "until the product changes phase" names that phase; ended_at is when it stopped counting because
-- the product left it (whatever its expires_at).
ALTER TABLE waiver
    ADD COLUMN phase    varchar(63) COLLATE "C",
    ADD COLUMN ended_at timestamptz;

-- The status of the task's check when it was last evaluated (fail, unknown, not-connected, ...): lists count
-- "connect 12 signals" apart from failing practices.
ALTER TABLE task ADD COLUMN check_status varchar(20) COLLATE "C";
CREATE INDEX task_check_status_idx ON task (owner, check_status) WHERE status <> 'done';

-- Extra credit (the recommended checks met, apart from the headline progress) and the checks counted apart.
ALTER TABLE scorecard
    ADD COLUMN extra_credit      integer,
    ADD COLUMN not_connected     integer,
    ADD COLUMN insufficient_data integer;

-- Evaluate every product once more, so the new fields are filled (an empty hash makes the results be written).
UPDATE scorecard SET checks_hash = '';
INSERT INTO evaluation_queue (product, queued_at)
SELECT product, now() FROM scorecard
ON CONFLICT (product) DO NOTHING;
