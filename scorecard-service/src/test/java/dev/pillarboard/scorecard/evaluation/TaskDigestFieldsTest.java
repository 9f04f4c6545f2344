package dev.pillarboard.scorecard.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.engine.CheckResult;
import dev.pillarboard.scorecard.engine.EvidenceUsed;
import dev.pillarboard.scorecard.engine.Outcome;
import dev.pillarboard.scorecard.engine.Priority;
import dev.pillarboard.scorecard.engine.Requirement;
import dev.pillarboard.scorecard.engine.Status;

/**
 * The task digest changes with every field a task carries and with the count of edits, and with nothing else: a
 * digest that missed a field would leave a task behind its check; one that followed the weight would read every
 * task after a rubric publish for nothing.
 */
class TaskDigestFieldsTest {

    static final EvidenceUsed EVIDENCE = new EvidenceUsed.CatalogEvidence(List.of(new EvidenceUsed.FieldSeen("links.runbook", null)));

    static CheckResult result(String id, String title, int weight, Status status, Priority priority, String reason,
            Instant graceUntil) {
        return new CheckResult(id, "observability", title, weight, Requirement.REQUIRED, Requirement.REQUIRED,
                status == Status.PASS ? Outcome.PASS : Outcome.FAIL, status, priority, reason, EVIDENCE, null, null,
                graceUntil);
    }

    static final CheckResult RUNBOOKS = result("runbooks", "Runbooks exist", 3, Status.FAIL, Priority.P1,
            "links.runbook is missing", null);
    static final CheckResult ALERTS = result("alerts", "An alert pages someone", 5, Status.PASS, null,
            "alerts.availability_rules is 2; needs ≥ 1", null);

    static String digest(CheckResult... checks) {
        return new TaskDigest().of("payments", List.of(checks), 0);
    }

    static String changed(UnaryOperator<CheckResult> change) {
        return digest(change.apply(RUNBOOKS), ALERTS);
    }

    @Test
    void followsEveryFieldATaskCarries() {
        String before = digest(RUNBOOKS, ALERTS);
        assertThat(digest(RUNBOOKS, ALERTS)).isEqualTo(before);
        Instant grace = Instant.parse("2027-01-05T10:00:00Z");
        List<String> others = List.of(
                changed(r -> result("runbook", r.title(), r.weight(), r.status(), r.priority(), r.reason(), null)),
                changed(r -> new CheckResult(r.checkId(), "operations", r.title(), r.weight(), r.requirement(),
                        r.nextPhaseRequirement(), r.outcome(), r.status(), r.priority(), r.reason(), EVIDENCE, null, null,
                        null)),
                changed(r -> result(r.checkId(), "Runbooks exist!", r.weight(), r.status(), r.priority(), r.reason(), null)),
                changed(r -> result(r.checkId(), r.title(), r.weight(), r.status(), Priority.P2, r.reason(), null)),
                changed(r -> result(r.checkId(), r.title(), r.weight(), r.status(), null, r.reason(), null)),
                changed(r -> result(r.checkId(), r.title(), r.weight(), Status.NOT_CONNECTED, r.priority(), r.reason(), null)),
                changed(r -> result(r.checkId(), r.title(), r.weight(), r.status(), r.priority(), "links.runbook is empty",
                        null)),
                changed(r -> result(r.checkId(), r.title(), r.weight(), r.status(), r.priority(), r.reason(), grace)),
                changed(r -> new CheckResult(r.checkId(), r.pillar(), r.title(), r.weight(), Requirement.RECOMMENDED,
                        r.nextPhaseRequirement(), r.outcome(), r.status(), r.priority(), r.reason(), EVIDENCE, null, null,
                        null)),
                digest(ALERTS, RUNBOOKS),
                digest(RUNBOOKS),
                new TaskDigest().of("search", List.of(RUNBOOKS, ALERTS), 0),
                new TaskDigest().of("payments", List.of(RUNBOOKS, ALERTS), 1));
        assertThat(others).doesNotContain(before).doesNotHaveDuplicates();
        // A grace that ends later the same day gives the same due date, so the same tasks.
        assertThat(changed(r -> result(r.checkId(), r.title(), r.weight(), r.status(), r.priority(), r.reason(),
                grace.plusSeconds(3600)))).isEqualTo(others.get(7));
    }

    @Test
    void ignoresWhatNoTaskCarries() {
        String before = digest(RUNBOOKS, ALERTS);
        // The weight, the next phase's requirement, the outcome's evidence: the scorecard changes, the tasks do not.
        assertThat(changed(r -> new CheckResult(r.checkId(), r.pillar(), r.title(), 10, r.requirement(),
                null, r.outcome(), r.status(), r.priority(), r.reason(),
                new EvidenceUsed.CatalogEvidence(List.of()), null, 0, null))).isEqualTo(before);
    }

    @Test
    void oneDigestForManyProductsGivesWhatAFreshOneGives() {
        // The evaluation keeps one instance for its products: what it remembers of the texts that repeat
        // must never stand in for a text that differs, and the same text in a new instance hashes alike.
        TaskDigest shared = new TaskDigest();
        String first = shared.of("payments", List.of(RUNBOOKS, ALERTS), 0);
        CheckResult retitled = result("runbooks", "Runbooks exist and are tested", 3, Status.FAIL, Priority.P1,
                "links.runbook is missing", null);
        CheckResult sameTitleNewInstance = result(new String("runbooks"), new String("Runbooks exist"), 3, Status.FAIL,
                Priority.P1, "links.runbook is missing", null);
        String longReason = "x".repeat(5_000) + " ≥ " + "y".repeat(3);
        CheckResult longer = result("runbooks", "Runbooks exist", 3, Status.FAIL, Priority.P1, longReason, null);
        assertThat(shared.of("payments", List.of(retitled, ALERTS), 0))
                .isEqualTo(new TaskDigest().of("payments", List.of(retitled, ALERTS), 0)).isNotEqualTo(first);
        assertThat(shared.of("payments", List.of(sameTitleNewInstance, ALERTS), 0)).isEqualTo(first);
        assertThat(shared.of("payments", List.of(longer, ALERTS), 0))
                .isEqualTo(new TaskDigest().of("payments", List.of(longer, ALERTS), 0)).isNotEqualTo(first);
        assertThat(shared.of("payments", List.of(RUNBOOKS, ALERTS), 0)).isEqualTo(first);
    }

    @Test
    void aTextsBoundaryCannotMove() {
        CheckResult ab = result("ab", "c", 1, Status.FAIL, Priority.P1, "r", null);
        CheckResult a = result("a", "bc", 1, Status.FAIL, Priority.P1, "r", null);
        assertThat(digest(ab)).isNotEqualTo(digest(a));
        CheckResult nul = result("x", null, 1, Status.FAIL, Priority.P1, "", null);
        CheckResult empty = result("x", "", 1, Status.FAIL, Priority.P1, "", null);
        assertThat(digest(nul)).isNotEqualTo(digest(empty));
    }
}
