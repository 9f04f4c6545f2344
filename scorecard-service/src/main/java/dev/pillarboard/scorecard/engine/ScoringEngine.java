package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores products against one {@link Rubric}. Immutable and thread-safe: build one per rubric
 * version and share it. Everything that can be prepared once (regular expressions, field accessors,
 * the requirement of every check in every phase, for the check and for each of its overrides) is
 * prepared in the constructor.
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li><b>Rule</b> — a check's first override whose {@code when} matches the product's tier and tags
 *       applies (its requirements for the phases it names, its evidence if it gives one); otherwise the
 *       check's own requirements and evidence. The result names the override that applied.</li>
 *   <li><b>Outcome</b> — every check's evidence rule is always evaluated: {@code pass}, {@code fail},
 *       {@code not-connected} (its signal was never pushed), {@code insufficient-data} (the signal's sample
 *       is below the rule's {@code minCount}) or {@code unknown} (a signal older than its {@code maxAge};
 *       no attestation, or one whose practice was performed longer ago than its validity). Catalog rules are
 *       only pass or fail.</li>
 *   <li><b>Status</b> in the product's phase — {@code n/a} if the check is n/a in that phase; else
 *       {@code waived} if an approved waiver counts (not expired, and still in its phase if it was asked
 *       "until the product changes phase") and the outcome does not satisfy the check by itself; else the
 *       outcome.</li>
 *   <li><b>Met</b> — pass, waived, or insufficient data (too small a sample is not held against the product).</li>
 *   <li><b>Grace</b> — with the rubric's {@code graceDays}, a check that is required now and was not in the
 *       phase the product came from (every required check, for a product that arrived in the catalog in this
 *       phase) gets until {@code phaseSince + graceDays}: its task is P2 with that due date, and P1 after.</li>
 *   <li><b>Priority</b> — {@code P1} required now and not met (outside grace); {@code P2} required now and in
 *       grace; else {@code nextPhasePriority} (P2 by default, P3 if the rubric says so) required in the next
 *       phase and not met; else {@code P3} recommended now and not met; else none.</li>
 *   <li><b>Score</b> (pillar and overall) — passed weight / judged weight × 100, where judged means required
 *       or recommended now, not waived and not insufficient data; every other outcome counts as not passed.
 *       Rounded to the nearest int, except that a score is 100 only if everything judged passes and 0 only
 *       if nothing does. {@code null} when nothing is judged. The headline figure is {@link BarProgress}.</li>
 *   <li><b>Meets phase bar</b> — every check required now is met (true when nothing is required).</li>
 *   <li><b>Next-phase readiness</b> — share (0–100, rounded like the score) of the next phase's
 *       required checks that are met; 100 when the next phase requires nothing; null in the last phase.</li>
 * </ul>
 */
public final class ScoringEngine {

    private final Rubric rubric;
    private final int phaseCount;
    private final CompiledCheck[] checks;
    private final Pillar[] pillars;

    private record CompiledCheck(Check check, int pillarIndex, Requirement[] requirementByPhase,
                                 RuleCompiler.CompiledRule rule, CompiledOverride[] overrides) {

        /** The index of the first override that applies to a product, or -1. */
        int overrideFor(ProductFacts product) {
            for (int i = 0; i < overrides.length; i++) {
                if (overrides[i].when().matches(product)) {
                    return i;
                }
            }
            return -1;
        }

        Requirement requirement(int override, int phase) {
            if (override >= 0) {
                Requirement changed = overrides[override].requirementByPhase()[phase];
                if (changed != null) {
                    return changed;
                }
            }
            return requirementByPhase[phase];
        }

        RuleCompiler.CompiledRule rule(int override) {
            return override >= 0 && overrides[override].rule() != null ? overrides[override].rule() : rule;
        }

        EvidenceRule evidence(int override) {
            return check.evidenceFor(override);
        }
    }

    /** An override with its requirement per phase (null: the check's) and its compiled rule (null: the check's). */
    private record CompiledOverride(CheckOverride.When when, Requirement[] requirementByPhase, RuleCompiler.CompiledRule rule) {
    }

    /**
     * Prepares an engine for a rubric.
     *
     * @param rubric a validated rubric
     */
    public ScoringEngine(Rubric rubric) {
        this.rubric = Objects.requireNonNull(rubric, "rubric");
        this.phaseCount = rubric.phases().size();
        this.pillars = rubric.pillars().toArray(new Pillar[0]);
        Map<String, Integer> pillarIndex = new HashMap<>();
        for (int i = 0; i < pillars.length; i++) {
            pillarIndex.put(pillars[i].id(), i);
        }
        List<Check> rubricChecks = rubric.checks();
        this.checks = new CompiledCheck[rubricChecks.size()];
        for (int i = 0; i < checks.length; i++) {
            Check check = rubricChecks.get(i);
            Requirement[] byPhase = new Requirement[phaseCount];
            for (int p = 0; p < phaseCount; p++) {
                byPhase[p] = check.requirementIn(rubric.phases().get(p).id());
            }
            CompiledOverride[] overrides = new CompiledOverride[check.overrides().size()];
            for (int o = 0; o < overrides.length; o++) {
                CheckOverride override = check.overrides().get(o);
                Requirement[] changed = new Requirement[phaseCount];
                for (int p = 0; p < phaseCount; p++) {
                    changed[p] = override.requirements().get(rubric.phases().get(p).id());
                }
                overrides[o] = new CompiledOverride(override.when(), changed,
                        override.evidence() == null ? null : RuleCompiler.compile(check.id(), override.evidence()));
            }
            checks[i] = new CompiledCheck(check, pillarIndex.get(check.pillar()), byPhase,
                    RuleCompiler.compile(check.id(), check.evidence()), overrides);
        }
    }

    /** The rubric this engine scores against. */
    public Rubric rubric() {
        return rubric;
    }

    /**
     * Scores one product.
     *
     * @param product  the product's catalog data; its phase must be one of the rubric's
     * @param evidence its signals, attestations and approved waivers
     * @param now      the evaluation instant (signal ages, attestation validity and waiver expiry are
     *                 measured against it)
     * @return the scorecard
     * @throws IllegalArgumentException if the product's phase is not a phase of the rubric (the service
     *                                  is expected to validate phases before it stores a product)
     */
    public Scorecard evaluate(ProductFacts product, Evidence evidence, Instant now) {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(now, "now");
        int phase = rubric.phaseIndex(product.phase());
        if (phase < 0) {
            throw new IllegalArgumentException("product " + product.slug() + ": " + rubric.unknownPhaseMessage(product.phase()));
        }
        int next = phase + 1 < phaseCount ? phase + 1 : -1;
        String phaseId = product.phase();
        Instant graceEnd = graceEnd(product, now);
        int previous = graceEnd == null || product.previousPhase() == null ? -1 : rubric.phaseIndex(product.previousPhase());
        Priority nextPhasePriority = rubric.nextPhasePriority();

        int[] passed = new int[pillars.length];
        int[] applicable = new int[pillars.length];
        boolean[] bar = new boolean[pillars.length];
        int[] nextRequired = new int[pillars.length];
        int[] nextSatisfied = new int[pillars.length];
        Arrays.fill(bar, true);

        List<CheckResult> results = new ArrayList<>(checks.length);
        for (CompiledCheck compiled : checks) {
            Check check = compiled.check();
            int override = compiled.overrides().length == 0 ? -1 : compiled.overrideFor(product);
            RuleCompiler.RuleResult rule = compiled.rule(override).evaluate(product, evidence, now);
            Outcome outcome = rule.outcome();
            Requirement requirement = compiled.requirement(override, phase);
            Requirement nextRequirement = next < 0 ? null : compiled.requirement(override, next);

            ApprovedWaiver waiver = evidence.waivers().get(check.id());
            boolean waiverValid = waiver != null && waiver.isValidAt(now, phaseId);
            ApprovedWaiver inEffect = waiverValid && !outcome.satisfies() ? waiver : null;
            boolean satisfied = outcome.satisfies() || inEffect != null;

            Status status;
            String reason = rule.reason();
            if (requirement == Requirement.NOT_APPLICABLE) {
                status = Status.NOT_APPLICABLE;
                reason = "n/a in " + phaseId + "; " + reason;
            } else if (inEffect != null) {
                status = Status.WAIVED;
            } else {
                status = Status.of(outcome);
            }
            if (inEffect != null) {
                reason = reason + "; waived until " + RuleCompiler.date(inEffect.expiresAt())
                        + (inEffect.phase() == null ? "" : " or until the product leaves " + inEffect.phase())
                        + " (waiver " + inEffect.id() + ", approved by " + inEffect.approvedBy() + ")";
            } else if (waiver != null && !waiverValid && !outcome.satisfies()) {
                reason = reason + (waiver.inPhase(phaseId)
                        ? "; waiver " + waiver.id() + " expired on " + RuleCompiler.date(waiver.expiresAt())
                        : "; waiver " + waiver.id() + " counted only while the product was in " + waiver.phase()
                                + " (it is in " + phaseId + " now)");
            }

            Priority priority = null;
            Instant graceUntil = null;
            if (!satisfied) {
                if (requirement == Requirement.REQUIRED) {
                    if (graceEnd != null && (previous < 0 || compiled.requirement(override, previous) != Requirement.REQUIRED)) {
                        graceUntil = graceEnd;
                        priority = Priority.P2;
                        reason = reason + "; newly required in " + phaseId + ": P1 from " + RuleCompiler.date(graceEnd);
                    } else {
                        priority = Priority.P1;
                    }
                } else if (nextRequirement == Requirement.REQUIRED) {
                    priority = nextPhasePriority;
                } else if (requirement == Requirement.RECOMMENDED) {
                    priority = Priority.P3;
                }
            }

            int p = compiled.pillarIndex();
            if (requirement.isApplicable() && inEffect == null && outcome != Outcome.INSUFFICIENT_DATA) {
                applicable[p] += check.weight();
                if (outcome == Outcome.PASS) {
                    passed[p] += check.weight();
                }
            }
            if (requirement == Requirement.REQUIRED && !satisfied) {
                bar[p] = false;
            }
            if (nextRequirement == Requirement.REQUIRED) {
                nextRequired[p]++;
                if (satisfied) {
                    nextSatisfied[p]++;
                }
            }
            results.add(new CheckResult(check.id(), check.pillar(), check.title().en(), check.weight(), requirement,
                    nextRequirement, outcome, status, priority, reason, rule.evidence(), inEffect,
                    override < 0 ? null : override, graceUntil));
        }

        List<PillarScore> pillarScores = new ArrayList<>(pillars.length);
        int totalPassed = 0;
        int totalApplicable = 0;
        int totalNextRequired = 0;
        int totalNextSatisfied = 0;
        boolean totalBar = true;
        for (int p = 0; p < pillars.length; p++) {
            pillarScores.add(new PillarScore(pillars[p].id(), pillars[p].title().en(), percent(passed[p], applicable[p]),
                    passed[p], applicable[p], bar[p], next < 0 ? null : readinessPercent(nextSatisfied[p], nextRequired[p])));
            totalPassed += passed[p];
            totalApplicable += applicable[p];
            totalNextRequired += nextRequired[p];
            totalNextSatisfied += nextSatisfied[p];
            totalBar &= bar[p];
        }
        return new Scorecard(product.slug(), product.owner(), phaseId,
                next < 0 ? null : rubric.phases().get(next).id(),
                percent(totalPassed, totalApplicable), totalPassed, totalApplicable, totalBar,
                next < 0 ? null : readinessPercent(totalNextSatisfied, totalNextRequired),
                pillarScores, results, now);
    }

    /** When the product's grace ends, or null when it has none at {@code now} (no grace in the rubric, or over). */
    private Instant graceEnd(ProductFacts product, Instant now) {
        if (rubric.graceDays() <= 0 || product.phaseSince() == null) {
            return null;
        }
        Instant end = product.phaseSince().plus(java.time.Duration.ofDays(rubric.graceDays()));
        return now.isBefore(end) ? end : null;
    }

    /**
     * The earliest instant after {@code now} at which a check's outcome or status may change without
     * any new input: a signal (or a rule's sample count) passing its {@code maxAge}, a date signal leaving
     * its {@code within} window, an attestation lapsing (validity counted from when the practice was
     * performed), a waiver expiring, or the product's grace ending (its P2 tasks turn P1). A service re-evaluates the product then,
     * so that time-based changes show without waiting for a periodic full re-evaluation. A signal is
     * still fresh at exactly {@code observedAt + maxAge}, so its change is reported one microsecond
     * later (the precision a database keeps); attestations and waivers stop counting at their end.
     *
     * @return that instant, or null if nothing of the product's evidence expires
     */
    public Instant nextChange(ProductFacts product, Evidence evidence, Instant now) {
        return upcoming(product, evidence, now).next();
    }

    /**
     * When a product's results change by time alone: {@code next} as {@link #nextChange}; {@code deadline} the earliest
     * of the moments a team must act on — an attestation lapsing, a dated practice leaving its window
     * ({@link EvidenceRule.SignalRule#datedPractice}), a waiver ending, the grace ending — leaving out what automation renews: a signal going
     * stale, and a date with a shorter window (the last backup, the last scan).
     */
    public record Upcoming(Instant next, Instant deadline) {
    }

    /** {@link #nextChange} and the next deadline of a product, in one pass over the checks. */
    public Upcoming upcoming(ProductFacts product, Evidence evidence, Instant now) {
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(now, "now");
        Instant next = null;
        Instant deadline = null;
        Instant graceEnd = product == null ? null : graceEnd(product, now);
        if (graceEnd != null) {
            next = graceEnd;
            deadline = graceEnd;
        }
        for (CompiledCheck compiled : checks) {
            Check check = compiled.check();
            int override = product == null || compiled.overrides().length == 0 ? -1 : compiled.overrideFor(product);
            EvidenceRule rule = compiled.evidence(override);
            if (rule instanceof EvidenceRule.SignalRule signalRule) {
                for (String key : signalRule.countKey() == null ? List.of(signalRule.key())
                        : List.of(signalRule.key(), signalRule.countKey())) {
                    Signal signal = evidence.signals().get(key);
                    if (signal != null && signalRule.maxAge() != null) {
                        next = earlier(next, signal.observedAt().plus(signalRule.maxAge().duration()).plus(JUST_AFTER), now);
                    }
                }
                Signal signal = evidence.signals().get(signalRule.key());
                if (signal != null && signalRule.condition() instanceof Condition.Within within) {
                    Instant date = RuleCompiler.instantOf(signal.value());
                    if (date != null) {
                        Instant leaves = date.plus(within.maxAge().duration()).plus(JUST_AFTER);
                        next = earlier(next, leaves, now);
                        if (signalRule.datedPractice()) {
                            deadline = earlier(deadline, leaves, now);
                        }
                    }
                }
            } else if (rule instanceof EvidenceRule.AttestationRule attestationRule) {
                Attested attestation = evidence.attestations().get(check.id());
                if (attestation != null) {
                    Instant lapses = attestation.performedAt().plus(java.time.Duration.ofDays(attestationRule.validForDays()));
                    next = earlier(next, lapses, now);
                    deadline = earlier(deadline, lapses, now);
                }
            }
            ApprovedWaiver waiver = evidence.waivers().get(check.id());
            if (waiver != null) {
                next = earlier(next, waiver.expiresAt(), now);
                deadline = earlier(deadline, waiver.expiresAt(), now);
            }
        }
        return new Upcoming(next, deadline);
    }

    private static final java.time.Duration JUST_AFTER = java.time.Duration.ofNanos(1000);

    private static Instant earlier(Instant current, Instant candidate, Instant now) {
        if (!candidate.isAfter(now)) {
            return current;
        }
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    /**
     * What a product must change to meet a phase's bar: evaluates it, then calls
     * {@link #readiness(Scorecard, String)}.
     *
     * @throws IllegalArgumentException if the product's phase or the target phase is not a phase of the rubric
     */
    public Readiness readiness(ProductFacts product, Evidence evidence, Instant now, String targetPhase) {
        requirePhase(targetPhase);
        return readiness(evaluate(product, evidence, now), targetPhase);
    }

    /**
     * What the product of a scorecard must change to meet a phase's bar: every check required in
     * {@code targetPhase} (with the override that applied to the product) that is not met. A check that is
     * not connected comes with how to connect it instead of its fix.
     *
     * @param scorecard   a scorecard this engine produced
     * @param targetPhase any phase of the rubric (current, earlier or later)
     * @throws IllegalArgumentException if the target phase is not a phase of the rubric, or the
     *                                  scorecard was produced from a different rubric
     */
    public Readiness readiness(Scorecard scorecard, String targetPhase) {
        int target = requirePhase(targetPhase);
        List<CheckResult> results = scorecard.checks();
        if (results.size() != checks.length) {
            throw new IllegalArgumentException("scorecard of " + scorecard.product() + " was not produced with this rubric");
        }
        List<Readiness.Gap> gaps = new ArrayList<>();
        int required = 0;
        for (int i = 0; i < checks.length; i++) {
            Check check = checks[i].check();
            CheckResult result = results.get(i);
            if (!result.checkId().equals(check.id())) {
                throw new IllegalArgumentException("scorecard of " + scorecard.product() + " was not produced with this rubric");
            }
            int override = result.override() == null ? -1 : result.override();
            if (checks[i].requirement(override, target) != Requirement.REQUIRED) {
                continue;
            }
            required++;
            if (!result.satisfied()) {
                Text fix = result.outcome() == Outcome.NOT_CONNECTED
                        ? rubric.howToConnect(checks[i].evidence(override), scorecard.product(), scorecard.evaluatedAt())
                        : check.fix();
                gaps.add(new Readiness.Gap(check.id(), check.pillar(), check.title(), check.weight(),
                        result.outcome(), ruleReason(result), fix));
            }
        }
        int satisfied = required - gaps.size();
        return new Readiness(scorecard.product(), scorecard.phase(), targetPhase, gaps.isEmpty(),
                readinessPercent(satisfied, required), required, satisfied, gaps);
    }

    private int requirePhase(String phaseId) {
        int index = rubric.phaseIndex(phaseId);
        if (index < 0) {
            throw new IllegalArgumentException(rubric.unknownPhaseMessage(phaseId));
        }
        return index;
    }

    /** The reason without the "n/a in <phase>; " prefix, which says nothing about another phase. */
    private static String ruleReason(CheckResult result) {
        String reason = result.reason();
        if (result.status() == Status.NOT_APPLICABLE) {
            int separator = reason.indexOf("; ");
            if (separator >= 0) {
                return reason.substring(separator + 2);
            }
        }
        return reason;
    }

    /**
     * {@code part / whole × 100}, rounded to the nearest int but never 100 unless {@code part == whole}
     * and never 0 unless {@code part == 0}; null when {@code whole == 0}.
     */
    static Integer percent(int part, int whole) {
        if (whole <= 0) {
            return null;
        }
        if (part >= whole) {
            return 100;
        }
        if (part <= 0) {
            return 0;
        }
        long rounded = Math.round(part * 100.0 / whole);
        return (int) Math.max(1, Math.min(99, rounded));
    }

    /** Like {@link #percent} but 100 when nothing is required. */
    private static int readinessPercent(int satisfied, int required) {
        Integer value = percent(satisfied, required);
        return value == null ? 100 : value;
    }
}
