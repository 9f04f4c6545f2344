-- The list's default sorts read their page from an index, however deep the page: furthest from the bar first
-- (sort=-distance, the portal's default) and least progress first (sort=progress). The keys match the ORDER BY of
-- ScorecardQueries exactly (directions, NULLS LAST, the tie-breakers), which V5's indexes did not.
DROP INDEX IF EXISTS scorecard_bar_gaps_idx;
DROP INDEX IF EXISTS scorecard_progress_idx;
CREATE INDEX scorecard_distance_idx ON scorecard (bar_gaps DESC NULLS LAST, progress ASC NULLS LAST, product DESC);
CREATE INDEX scorecard_progress_idx ON scorecard (progress ASC NULLS LAST, bar_gaps DESC NULLS LAST, product ASC);
