package dev.pillarboard.scorecard.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.common.Page;
import dev.pillarboard.scorecard.StoredCheck;
import dev.pillarboard.scorecard.engine.Check;
import dev.pillarboard.scorecard.engine.EvidenceRule;
import dev.pillarboard.scorecard.engine.Requirement;
import dev.pillarboard.scorecard.engine.Rubric;
import dev.pillarboard.scorecard.engine.Status;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.agroal.api.AgroalDataSource;

/**
 * What falls due for some teams before a time, soonest first: the moments their products' results change by time alone
 * unless someone acts. An attestation lapses (the check fails from then until it is attested again); a dated practice
 * leaves its window (the last restore test becomes older than 90 days); an approved waiver ends; the grace of a newly
 * required check ends (its task becomes P1). Only checks the product's phase asks for (required or recommended).
 *
 * <p>Dated practices count only when their window is at least {@link EvidenceRule.SignalRule#PRACTICE_WINDOW}: a date that automation renews
 * every day or two (the last successful backup) would fill the list, and is watched by its own alerts.
 *
 * <p>Read from the stored results, not recomputed: a product's {@code next_deadline_at}, written by each evaluation
 * ({@code ScoringEngine.upcoming}), is the earliest of exactly these moments, so only the products that have one before
 * the horizon are read.
 */
@ApplicationScoped
public class DeadlineQueries {

    /** What falls due. */
    public enum DueKind {
        /** An attestation lapses. */
        ATTESTATION("attestation"),
        /** A dated practice leaves its window ({@code op: within}). */
        PRACTICE("practice"),
        /** An approved waiver ends. */
        WAIVER("waiver"),
        /** The grace of a newly required check ends: its task becomes P1. */
        GRACE("grace");

        private final String label;

        DueKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The kind a label names, if any. */
        public static Optional<DueKind> of(String label) {
            for (DueKind kind : values()) {
                if (kind.label.equals(label)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One deadline: {@code at} is when it falls due; {@code signal} the key of a dated practice; {@code waiver} the id
     * of the waiver that ends; {@code title} in the answer's language.
     */
    public record Deadline(Instant at, String kind, String product, String name, String owner, String phase, String check,
            String pillar, String title, String requirement, String status, String signal, String waiver) {
    }

    private final AgroalDataSource dataSource;
    private final RubricService rubrics;
    private final ObjectMapper mapper;

    public DeadlineQueries(AgroalDataSource dataSource, RubricService rubrics, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.rubrics = rubrics;
        this.mapper = mapper;
    }

    /**
     * The deadlines of the products of {@code owners} after now and before {@code before}, soonest first; of the given
     * kinds only (all when empty).
     */
    public Page<Deadline> list(List<String> owners, Set<DueKind> kinds, Instant before, String language, int page, int size) {
        Ask ask = new Ask(kinds.isEmpty() ? EnumSet.allOf(DueKind.class) : kinds, DatabaseTime.now(), before, language);
        List<Deadline> found = new ArrayList<>();
        if (before.isAfter(ask.now())) {
            Jdbc.query(dataSource, "read the deadlines", c -> {
                // next_deadline_at is the earliest deadline of a product (a date leaving its window counts from just
                // after it: one second more covers that).
                try (PreparedStatement query = c.prepareStatement("""
                        SELECT s.product, p.name, s.owner, s.phase, s.rubric_version, s.checks
                        FROM scorecard s LEFT JOIN product p ON p.slug = s.product
                        WHERE s.owner = ANY(?) AND s.problem IS NULL AND s.next_deadline_at < ?""")) {
                    query.setArray(1, c.createArrayOf("text", owners.toArray()));
                    query.setTimestamp(2, Timestamp.from(before.plusSeconds(1)));
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            Row row = new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                            Rubric rubric = rubrics.version(rs.getInt(5)).rubric();
                            for (StoredCheck stored : Rows.checks(mapper, rs.getString(6))) {
                                rubric.check(stored.id()).ifPresent(check -> add(found, row, check, stored, ask));
                            }
                        }
                    }
                }
                return null;
            });
        }
        found.sort(Comparator.comparing(Deadline::at).thenComparing(Deadline::product).thenComparing(Deadline::check)
                .thenComparing(Deadline::kind));
        int from = (int) Math.min((long) page * size, found.size());
        return new Page<>(List.copyOf(found.subList(from, Math.min(from + size, found.size()))), found.size());
    }

    /** A product's scorecard row, as far as its deadlines name it. */
    private record Row(String product, String name, String owner, String phase) {
    }

    /** What the caller asks for: some kinds, falling due after {@code now} and before {@code before}. */
    private record Ask(Set<DueKind> kinds, Instant now, Instant before, String language) {

        boolean wants(DueKind kind, Instant at) {
            return kinds.contains(kind) && at != null && at.isAfter(now) && at.isBefore(before);
        }
    }

    /** The deadlines of one check of a product, if its phase asks for the check. */
    private static void add(List<Deadline> found, Row row, Check check, StoredCheck stored, Ask ask) {
        int override = stored.override() == null ? -1 : stored.override();
        if (!check.requirements().containsKey(row.phase())) {
            return;
        }
        Requirement requirement = check.requirementIn(row.phase(), override);
        if (!requirement.isApplicable()) {
            return;
        }
        if (Status.PASS.label().equals(stored.status()) && stored.evidence() != null) {
            Object kind = stored.evidence().get("kind");
            if ("attestation".equals(kind)) {
                Instant lapses = instant(stored.evidence().get("validUntil"));
                if (ask.wants(DueKind.ATTESTATION, lapses)) {
                    found.add(deadline(row, DueKind.ATTESTATION, lapses, check, requirement, stored, null, null, ask));
                }
            } else if ("signal".equals(kind) && check.evidenceFor(override) instanceof EvidenceRule.SignalRule rule
                    && rule.datedPractice()) {
                Instant ends = rule.windowEndsFor(stored.evidence().get("value"));
                if (ask.wants(DueKind.PRACTICE, ends)) {
                    found.add(deadline(row, DueKind.PRACTICE, ends, check, requirement, stored, rule.key(), null, ask));
                }
            }
        }
        if (Status.WAIVED.label().equals(stored.status()) && stored.waiver() != null
                && ask.wants(DueKind.WAIVER, stored.waiver().expiresAt())) {
            found.add(deadline(row, DueKind.WAIVER, stored.waiver().expiresAt(), check, requirement, stored, null,
                    stored.waiver().id(), ask));
        }
        if (ask.wants(DueKind.GRACE, stored.graceUntil())) {
            found.add(deadline(row, DueKind.GRACE, stored.graceUntil(), check, requirement, stored, null, null, ask));
        }
    }

    private static Deadline deadline(Row row, DueKind kind, Instant at, Check check, Requirement requirement,
            StoredCheck stored, String signal, String waiver, Ask ask) {
        return new Deadline(at, kind.label(), row.product(), row.name(), row.owner(), row.phase(), check.id(), check.pillar(),
                check.title().in(ask.language()), requirement.label(), stored.status(), signal, waiver);
    }

    private static Instant instant(Object value) {
        if (value instanceof String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
