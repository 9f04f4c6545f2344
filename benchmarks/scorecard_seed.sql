-- Seeds scorecard_bench with 50 teams and :products products (mirror rows, as the catalog
-- follower would store them) plus ~28 signals per product (31 keys: edition 1's and edition 2's; one in nine left out), varied so
-- that every status occurs.
-- Used by benchmarks/scorecard.sh; psql -v products=10000 -f scorecard_seed.sql
TRUNCATE team, product, signal, scorecard, task, history, evaluation_queue, attestation, waiver, review;

INSERT INTO team (slug, name, revision, synced_at)
SELECT 'team-' || lpad(i::text, 2, '0'), 'Team ' || i, i, now() FROM generate_series(1, 50) i;

INSERT INTO product (slug, name, description, owner, phase, tier, tags, links, annotations, revision,
                     created_at, updated_at, synced_at)
SELECT 'prod-' || lpad(i::text, 5, '0'), 'Product ' || i, 'Benchmark product ' || i,
       'team-' || lpad((i % 50 + 1)::text, 2, '0'),
       (ARRAY['pre-launch', 'pre-pmf', 'pmf'])[i % 3 + 1], i % 3 + 1, ARRAY['bench', 'tier' || (i % 3 + 1)],
       jsonb_strip_nulls(jsonb_build_object(
           'repo', 'https://git.example.com/p' || i,
           'runbook', CASE WHEN i % 2 = 0 THEN 'https://wiki.example.com/p' || i END,
           'dashboard', CASE WHEN i % 3 <> 0 THEN 'https://grafana.example.com/p' || i END,
           'logs', CASE WHEN i % 4 = 0 THEN 'https://logs.example.com/p' || i END,
           'on-call', CASE WHEN i % 5 <> 0 THEN 'https://pagerduty.example.com/p' || i END)),
       jsonb_strip_nulls(jsonb_build_object(
           'pagerduty.com/service-id', CASE WHEN i % 2 = 1 THEN 'P' || i END,
           'pillarboard.dev/slo-doc', CASE WHEN i % 6 = 0 THEN 'https://docs.example.com/slo/' || i END,
           'pillarboard.dev/rto', CASE WHEN i % 7 = 0 THEN '4h' END,
           'pillarboard.dev/rpo', CASE WHEN i % 7 = 0 THEN '1h' END)),
       i, now(), now(), now()
FROM generate_series(1, :products) i;

INSERT INTO signal (product, key, value, observed_at, source, received_at)
SELECT 'prod-' || lpad(i::text, 5, '0'), k.key, k.value, now() - ((i % 10) || ' days')::interval, 'bench', now()
FROM generate_series(1, :products) i
CROSS JOIN LATERAL (VALUES
    ('alerts.availability_rules', to_jsonb(i % 3)),
    ('alerts.actionable_ratio', to_jsonb((i % 10) / 10.0)),
    ('alerts.slos_without_burn_rate', to_jsonb(i % 3)),
    ('slo.journeys_without_slo', to_jsonb((i % 5) / 2)),
    ('slo.error_budget_remaining', to_jsonb(((i % 13) - 3) / 10.0)),
    ('tracing.services_without_traces', to_jsonb(i % 2)),
    ('oncall.escalation_levels', to_jsonb(i % 4)),
    ('repo.review_required', to_jsonb(i % 5 <> 0)),
    ('ci.tests_on_every_change', to_jsonb(i % 6 <> 0)),
    ('deploy.automated_ratio', to_jsonb((i % 11) / 10.0)),
    ('deploy.strategy', to_jsonb((ARRAY['canary', 'rolling', 'manual', 'blue-green'])[i % 4 + 1])),
    ('secrets.findings_open', to_jsonb(i % 3)),
    ('vulns.last_scan_at', to_jsonb(to_char(now() - ((i % 12) || ' days')::interval, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))),
    ('backup.last_success_at', to_jsonb(to_char(now() - ((i % 3) || ' days')::interval, 'YYYY-MM-DD'))),
    ('restore.last_tested_at', to_jsonb(to_char(now() - ((i % 150) || ' days')::interval, 'YYYY-MM-DD'))),
    ('resources.containers_without_memory_limit', to_jsonb(i % 2)),
    -- the keys edition 2 of the default rubric adds (edition 1 reads none of them)
    ('alerts.paging_rules_without_runbook', to_jsonb(i % 3)),
    ('alerts.pages_30d', to_jsonb(i % 12)),
    ('alerts.symptom_page_share', to_jsonb((i % 10) / 10.0)),
    ('oncall.schedule_gap_hours_next_14d', to_jsonb((i % 4) * 6)),
    ('oncall.overloaded_weeks_28d', to_jsonb(i % 3)),
    ('slo.min_target', to_jsonb((ARRAY[99.0, 99.5, 99.9, 98.0])[i % 4 + 1])),
    ('slo.overspent_without_action', to_jsonb(i % 4 / 3)),
    ('logs.request_id_coverage', to_jsonb((i % 11) / 10.0)),
    ('incidents.sev12_without_postmortem', to_jsonb(i % 5 / 4)),
    ('postmortem.actions_overdue', to_jsonb(i % 3)),
    ('deploy.gated_ratio', to_jsonb((i % 11) / 10.0)),
    ('deploy.count_90d', to_jsonb(i % 40)),
    ('vulns.critical_overdue', to_jsonb(i % 4 / 3)),
    ('resources.oom_kills_7d', to_jsonb(i % 5 / 4)),
    ('loadtest.tested_peak_multiple', to_jsonb((i % 5) * 0.75))
) AS k(key, value)
WHERE (i + length(k.key)) % 9 <> 0;

-- VACUUM as well: otherwise autovacuum of the new rows would run during the first measurement.
VACUUM ANALYZE team; VACUUM ANALYZE product; VACUUM ANALYZE signal;
