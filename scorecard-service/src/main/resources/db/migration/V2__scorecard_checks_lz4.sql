-- The per-check results of a scorecard (~8 KB of JSON per product) are compressed by TOAST on every
-- write. lz4 compresses about three times faster than the default pglz, at a slightly lower ratio;
-- a full evaluation writes 10,000 of them. Values already stored keep their compression (both read
-- the same). A server built without lz4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE scorecard ALTER COLUMN checks SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'lz4 is not available on this server; scorecard.checks stays compressed with pglz';
END
$$;
