package dev.pillarboard.portal.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.pillarboard.portal.client.CatalogData;
import dev.pillarboard.portal.client.ScorecardData;
import dev.pillarboard.portal.view.TrendChart;

/**
 * Everything the product page shows, assembled from the catalog (the product), the scorecard (results, tasks,
 * waivers, history) and the rubric (why, how to fix, requirement per phase). Either service may be missing: the
 * parts that depend on it are then empty and the page says why.
 */
public record ProductView(String slug, CatalogData.Product product, String etag, ScorecardData.Scorecard card,
        String cardProblem, ScorecardData.Rubric rubric, List<DoNext> doNext, List<PillarGroup> groups,
        List<ScorecardData.Task> tasks, List<ScorecardData.Waiver> waivers, TrendChart trend,
        List<ScorecardData.HistoryPoint> history, ScorecardData.Readiness readiness, boolean nextView) {

    /** One line of "Do next": the task's check, its smallest fix and the action that closes it. */
    public record DoNext(String priority, Line line, ScorecardData.Task task) {
    }

    /** A check of this product: its result and its rubric entry (either may be missing). */
    public record Line(ScorecardData.CheckResult result, ScorecardData.RubricCheck check) {

        public String id() {
            return result != null ? result.id() : check.id();
        }

        public String title() {
            return check != null ? check.title() : result != null && result.title() != null ? result.title() : id();
        }

        public String status() {
            return result == null ? "unknown" : result.status();
        }

        public String evidenceKind() {
            if (check != null && !check.evidenceKind().isEmpty()) {
                return check.evidenceKind();
            }
            Object kind = result == null ? null : result.evidence().get("kind");
            return kind == null ? "" : kind.toString();
        }

        public boolean attestable() {
            return "attestation".equals(evidenceKind());
        }

        public boolean waivable() {
            return result != null && ("required".equals(result.requirement()) || "recommended".equals(result.requirement()))
                    && !"pass".equals(result.status()) && !"waived".equals(result.status());
        }

        /** The signal key automation pushes for this check, if its evidence is a signal. */
        public String signalKey() {
            Object key = result == null ? null : result.evidence().get("key");
            if (key == null && check != null && check.evidence().get("signal") instanceof Map<?, ?> signal) {
                key = signal.get("key");
            }
            return key == null ? null : key.toString();
        }

        /** When the evidence was observed or attested, if the result says. */
        public Instant evidenceAt() {
            return result == null ? null : instant(result.evidence().getOrDefault("observedAt", result.evidence().get("at")));
        }

        /**
         * The day an attested practice was performed, when it is not the day it was attested (its validity counts from
         * then); null otherwise.
         */
        public Instant performedBefore() {
            Instant performed = result == null ? null : instant(result.evidence().get("performedAt"));
            Instant attested = evidenceAt();
            return performed != null && attested != null
                    && performed.truncatedTo(ChronoUnit.DAYS).isBefore(attested.truncatedTo(ChronoUnit.DAYS)) ? performed
                            : null;
        }

        /** When an attestation stops counting (its practice's date plus the check's validity), if it is one. */
        public Instant validUntil() {
            return result == null ? null : instant(result.evidence().get("validUntil"));
        }

        /** Whether the attestation has stopped counting. */
        public boolean lapsed() {
            Instant until = validUntil();
            return until != null && until.isBefore(Instant.now());
        }

        private static Instant instant(Object value) {
            if (value == null) {
                return null;
            }
            try {
                return Instant.parse(value.toString());
            } catch (RuntimeException e) {
                return null;
            }
        }

        /** The evidence's values as "field: value" lines, for the check's details. */
        public List<String> evidenceValues() {
            List<String> values = new ArrayList<>();
            if (result == null) {
                return values;
            }
            Map<String, Object> evidence = result.evidence();
            if (evidence.containsKey("value")) {
                values.add(evidence.get("key") + " = " + evidence.get("value"));
            }
            if (evidence.get("fields") instanceof List<?> fields) {
                for (Object field : fields) {
                    if (field instanceof Map<?, ?> f) {
                        values.add(f.get("field") + " = " + (f.get("value") == null ? "—" : f.get("value")));
                    }
                }
            }
            if (evidence.get("evidenceUrl") != null) {
                values.add(String.valueOf(evidence.get("evidenceUrl")));
            }
            return values;
        }

        public String source() {
            Object source = result == null ? null : result.evidence().getOrDefault("source", result.evidence().get("by"));
            return source == null ? null : source.toString();
        }
    }

    /** A pillar's checks, failures first. */
    public record PillarGroup(ScorecardData.Pillar pillar, ScorecardData.PillarScore score, List<Line> lines, int failing) {
    }

    static final Map<String, Integer> STATUS_ORDER = Map.of("fail", 0, "unknown", 1, "not-connected", 1,
            "insufficient-data", 2, "waived", 3, "pass", 4, "n/a", 5);

    static List<PillarGroup> groups(ScorecardData.Scorecard card, ScorecardData.Rubric rubric) {
        Map<String, ScorecardData.RubricCheck> checks = new LinkedHashMap<>();
        if (rubric != null) {
            rubric.checks().forEach(c -> checks.put(c.id(), c));
        }
        List<PillarGroup> groups = new ArrayList<>();
        List<ScorecardData.Pillar> pillars = rubric != null ? rubric.pillars()
                : card == null ? List.of() : card.pillars().stream()
                        .map(p -> new ScorecardData.Pillar(p.id(), p.title(), "", null)).toList();
        for (ScorecardData.Pillar pillar : pillars) {
            List<Line> lines = new ArrayList<>();
            if (card != null) {
                card.checks().stream().filter(r -> pillar.id().equals(r.pillar()))
                        .forEach(r -> lines.add(new Line(r, checks.get(r.id()))));
            } else {
                checks.values().stream().filter(c -> pillar.id().equals(c.pillar())).forEach(c -> lines.add(new Line(null, c)));
            }
            lines.sort(Comparator.comparingInt(l -> STATUS_ORDER.getOrDefault(l.status(), 3)));
            int failing = (int) lines.stream().filter(l -> "fail".equals(l.status()) || "unknown".equals(l.status())).count();
            ScorecardData.PillarScore score = card == null ? null
                    : card.pillars().stream().filter(p -> p.id().equals(pillar.id())).findFirst().orElse(null);
            groups.add(new PillarGroup(pillar, score, lines, failing));
        }
        return groups;
    }

    static List<DoNext> doNext(ScorecardData.Scorecard card, ScorecardData.Rubric rubric, List<ScorecardData.Task> tasks) {
        if (card == null) {
            return List.of();
        }
        Map<String, ScorecardData.RubricCheck> checks = new LinkedHashMap<>();
        if (rubric != null) {
            rubric.checks().forEach(c -> checks.put(c.id(), c));
        }
        List<DoNext> items = new ArrayList<>();
        for (ScorecardData.CheckResult result : card.checks()) {
            if (result.priority() == null) {
                continue;
            }
            ScorecardData.Task task = tasks.stream().filter(t -> t.check().equals(result.id()) && t.open()).findFirst()
                    .orElse(null);
            items.add(new DoNext(result.priority(), new Line(result, checks.get(result.id())), task));
        }
        items.sort(Comparator.comparing(DoNext::priority));
        return items;
    }

    public Optional<ScorecardData.Phase> phase(String id) {
        return rubric == null ? Optional.empty() : rubric.phases().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public String name() {
        return product != null ? product.name() : card != null && card.name() != null ? card.name() : slug;
    }

    public String owner() {
        return product != null ? product.owner() : card != null ? card.owner() : null;
    }

    public String phaseId() {
        return product != null ? product.phase() : card != null ? card.phase() : null;
    }

    public String nextPhase() {
        if (card != null && card.nextPhase() != null) {
            return card.nextPhase();
        }
        if (rubric == null || phaseId() == null) {
            return null;
        }
        List<ScorecardData.Phase> phases = rubric.phases();
        for (int i = 0; i + 1 < phases.size(); i++) {
            if (phases.get(i).id().equals(phaseId())) {
                return phases.get(i + 1).id();
            }
        }
        return null;
    }

    public int p1() {
        return (int) doNext.stream().filter(d -> "P1".equals(d.priority())).count();
    }

    public List<ScorecardData.Task> openTasks() {
        return tasks.stream().filter(ScorecardData.Task::open).toList();
    }

    /** Done tasks, the most recently closed first. */
    public List<ScorecardData.Task> doneTasks() {
        return tasks.stream().filter(t -> !t.open())
                .sorted(java.util.Comparator.comparing(ScorecardData.Task::closedAt,
                        java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())))
                .toList();
    }

    public Optional<ScorecardData.Waiver> openWaiver(String check) {
        return waivers.stream().filter(w -> w.check().equals(check) && "requested".equals(w.status())).findFirst();
    }
}
