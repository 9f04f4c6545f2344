-- List totals (count(*) with the usual filters) answered from the index alone.
CREATE INDEX product_owner_phase_tier_idx ON product (owner, phase, tier);
CREATE INDEX product_phase_tier_idx ON product (phase, tier);
