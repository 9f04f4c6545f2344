package dev.pillarboard.scorecard.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated rubric: ordered phases, pillars, checks and rubric-wide settings. Immutable and
 * thread-safe.
 *
 * <p>Usually obtained from {@link RubricParser}, which reports every problem with its line. The
 * constructor re-checks the structural invariants (non-empty lists, unique ids, known pillars,
 * a requirement for exactly the rubric's phases on every check) so that a rubric built in code is
 * just as safe.
 */
public final class Rubric {

    /** Default for {@link #attestationValidityDays()} when the YAML does not set it. */
    public static final int DEFAULT_ATTESTATION_VALIDITY_DAYS = 180;
    /** Default for {@link #reviewIntervalDays()} when the YAML does not set it. */
    public static final int DEFAULT_REVIEW_INTERVAL_DAYS = 90;

    private final Text title;
    private final int attestationValidityDays;
    private final int reviewIntervalDays;
    private final int graceDays;
    private final Priority nextPhasePriority;
    private final Map<String, SignalSpec> signals;
    private final Set<String> languages;
    private final List<Phase> phases;
    private final List<Pillar> pillars;
    private final List<Check> checks;
    private final Map<String, Integer> phaseIndex;
    private final Map<String, Pillar> pillarsById;
    private final Map<String, Check> checksById;

    /**
     * Builds a rubric without grace, with next-phase tasks at P2 and without declared signals (a
     * version-1 rubric), English only.
     *
     * @param title                   display title; may be empty
     * @param attestationValidityDays how long an attestation counts unless a check overrides it; positive
     * @param reviewIntervalDays      how often a team lead should review a scorecard; positive
     * @param phases                  in order, earliest first; not empty
     * @param pillars                 in display order; not empty
     * @param checks                  in display order; not empty
     * @throws IllegalArgumentException if an invariant does not hold
     */
    public Rubric(String title, int attestationValidityDays, int reviewIntervalDays,
                  List<Phase> phases, List<Pillar> pillars, List<Check> checks) {
        this(Text.of(title), attestationValidityDays, reviewIntervalDays, 0, Priority.P2, phases, pillars, checks, List.of());
    }

    /**
     * Builds a rubric.
     *
     * @param title                   display title; may be empty
     * @param attestationValidityDays how long an attestation counts unless a check overrides it; positive
     * @param reviewIntervalDays      how often a team lead should review a scorecard; positive
     * @param graceDays               days a newly required check stays P2 after a product arrives or changes
     *                                phase (0: none)
     * @param nextPhasePriority       the priority of the tasks of checks the next phase requires (P2 or P3)
     * @param phases                  in order, earliest first; not empty
     * @param pillars                 in display order; not empty
     * @param checks                  in display order; not empty
     * @param signals                 the declared signal keys (may be empty: then none is declared)
     * @throws IllegalArgumentException if an invariant does not hold
     */
    public Rubric(Text title, int attestationValidityDays, int reviewIntervalDays, int graceDays,
                  Priority nextPhasePriority, List<Phase> phases, List<Pillar> pillars, List<Check> checks,
                  List<SignalSpec> signals) {
        this.title = title == null ? Text.of("") : title;
        if (attestationValidityDays <= 0 || reviewIntervalDays <= 0) {
            throw new IllegalArgumentException("attestationValidityDays and reviewIntervalDays must be positive");
        }
        if (graceDays < 0) {
            throw new IllegalArgumentException("graceDays must not be negative");
        }
        if (nextPhasePriority != Priority.P2 && nextPhasePriority != Priority.P3) {
            throw new IllegalArgumentException("nextPhasePriority must be P2 or P3");
        }
        this.graceDays = graceDays;
        this.nextPhasePriority = nextPhasePriority;
        Map<String, SignalSpec> specs = new LinkedHashMap<>();
        for (SignalSpec spec : signals == null ? List.<SignalSpec> of() : signals) {
            if (specs.put(spec.key(), spec) != null) {
                throw new IllegalArgumentException("duplicate signal key '" + spec.key() + "'");
            }
        }
        this.signals = Collections.unmodifiableMap(specs);
        this.attestationValidityDays = attestationValidityDays;
        this.reviewIntervalDays = reviewIntervalDays;
        this.phases = List.copyOf(phases);
        this.pillars = List.copyOf(pillars);
        this.checks = List.copyOf(checks);
        if (this.phases.isEmpty() || this.pillars.isEmpty() || this.checks.isEmpty()) {
            throw new IllegalArgumentException("a rubric needs at least one phase, one pillar and one check");
        }
        Map<String, Integer> phaseIndexes = new HashMap<>();
        for (int i = 0; i < this.phases.size(); i++) {
            if (phaseIndexes.put(this.phases.get(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate phase id '" + this.phases.get(i).id() + "'");
            }
        }
        Map<String, Pillar> pillarIndex = new LinkedHashMap<>();
        for (Pillar pillar : this.pillars) {
            if (pillarIndex.put(pillar.id(), pillar) != null) {
                throw new IllegalArgumentException("duplicate pillar id '" + pillar.id() + "'");
            }
        }
        Map<String, Check> checkIndex = new LinkedHashMap<>();
        Set<String> phaseIds = new HashSet<>(phaseIndexes.keySet());
        for (Check check : this.checks) {
            if (checkIndex.put(check.id(), check) != null) {
                throw new IllegalArgumentException("duplicate check id '" + check.id() + "'");
            }
            if (!pillarIndex.containsKey(check.pillar())) {
                throw new IllegalArgumentException("check " + check.id() + ": unknown pillar '" + check.pillar() + "'");
            }
            if (!check.requirements().keySet().equals(phaseIds)) {
                throw new IllegalArgumentException("check " + check.id() + ": requirements must name exactly the phases "
                        + phaseIds + ", got " + check.requirements().keySet());
            }
        }
        this.phaseIndex = Map.copyOf(phaseIndexes);
        Set<String> used = new LinkedHashSet<>(this.title.languages());
        for (Phase phase : this.phases) {
            used.addAll(phase.title().languages());
            used.addAll(phase.description().languages());
        }
        for (Pillar pillar : this.pillars) {
            used.addAll(pillar.title().languages());
            used.addAll(pillar.description().languages());
            if (pillar.shortTitle() != null) {
                used.addAll(pillar.shortTitle().languages());
            }
        }
        for (Check check : this.checks) {
            used.addAll(check.title().languages());
            used.addAll(check.why().languages());
            used.addAll(check.fix().languages());
            check.overrides().forEach(override -> used.addAll(override.why().languages()));
        }
        for (SignalSpec spec : this.signals.values()) {
            used.addAll(spec.means().languages());
            used.addAll(spec.connect().languages());
        }
        this.languages = Collections.unmodifiableSet(used);
        this.pillarsById = Collections.unmodifiableMap(pillarIndex);
        this.checksById = Collections.unmodifiableMap(checkIndex);
    }

    /** Display title; may be empty. */
    public Text title() {
        return title;
    }

    /**
     * Days during which a check that became required (the product arrived in the catalog, or moved to a
     * phase that requires it) stays a P2 task with that due date instead of a P1; 0 means no grace.
     */
    public int graceDays() {
        return graceDays;
    }

    /** The priority of the task of a check that the next phase requires and the current one does not: P2 or P3. */
    public Priority nextPhasePriority() {
        return nextPhasePriority;
    }

    /** The declared signal keys, in the rubric's order (empty when the rubric declares none). */
    public Map<String, SignalSpec> signals() {
        return signals;
    }

    /** The languages the rubric's texts are written in, English first (a text without its own version reads English). */
    public Set<String> languages() {
        return languages;
    }

    /**
     * How to connect the signals of a rule that was never pushed, in the rubric's languages (see
     * {@link SignalSpec#howToConnect}); null for catalog and attestation rules.
     *
     * @param product the product slug for the example request, or null for a placeholder
     */
    public Text howToConnect(EvidenceRule rule, String product, java.time.Instant now) {
        if (!(rule instanceof EvidenceRule.SignalRule signal)) {
            return null;
        }
        List<String> keys = signal.countKey() == null ? List.of(signal.key()) : List.of(signal.key(), signal.countKey());
        return SignalSpec.howToConnect(keys, signals, product, now);
    }

    /** How many days an attestation counts unless the check sets {@code validForDays}. */
    public int attestationValidityDays() {
        return attestationValidityDays;
    }

    /** After how many days since the last review a scorecard shows "review due". */
    public int reviewIntervalDays() {
        return reviewIntervalDays;
    }

    /** Phases in order, earliest first. */
    public List<Phase> phases() {
        return phases;
    }

    /** Pillars in display order. */
    public List<Pillar> pillars() {
        return pillars;
    }

    /** Checks in display order. */
    public List<Check> checks() {
        return checks;
    }

    /** The phase with that id, if the rubric defines it. */
    public Optional<Phase> phase(String id) {
        Integer index = id == null ? null : phaseIndex.get(id);
        return index == null ? Optional.empty() : Optional.of(phases.get(index));
    }

    /** The position of the phase in the rubric's order (0 = earliest), or -1 if unknown. */
    public int phaseIndex(String id) {
        Integer index = id == null ? null : phaseIndex.get(id);
        return index == null ? -1 : index;
    }

    /**
     * The phase after the given one; empty in the last phase.
     *
     * @throws IllegalArgumentException if the phase is not defined by this rubric
     */
    public Optional<Phase> nextPhase(String id) {
        int index = phaseIndex(id);
        if (index < 0) {
            throw new IllegalArgumentException(unknownPhaseMessage(id));
        }
        return index + 1 < phases.size() ? Optional.of(phases.get(index + 1)) : Optional.empty();
    }

    /** The pillar with that id, if any. */
    public Optional<Pillar> pillar(String id) {
        return Optional.ofNullable(id == null ? null : pillarsById.get(id));
    }

    /** The check with that id, if any. */
    public Optional<Check> check(String id) {
        return Optional.ofNullable(id == null ? null : checksById.get(id));
    }

    /**
     * The title of check {@code id} in {@code language} (English where it has none), or {@code otherwise} when this
     * rubric has no such check (a task opened under an earlier rubric keeps the title it was opened with).
     */
    public String titleOf(String id, String language, String otherwise) {
        return check(id).map(check -> check.title().in(language)).orElse(otherwise);
    }

    /** The checks of one pillar, in display order (empty for an unknown pillar). */
    public List<Check> checksIn(String pillarId) {
        List<Check> result = new ArrayList<>();
        for (Check check : checks) {
            if (check.pillar().equals(pillarId)) {
                result.add(check);
            }
        }
        return List.copyOf(result);
    }

    /** The rubric's essentials as plain records for the REST layer ({@code GET /api/rubric}), in English. */
    public RubricView view() {
        return view(Text.ENGLISH);
    }

    /**
     * The rubric's essentials as plain records for the REST layer ({@code GET /api/rubric}), each text in
     * the given language where the rubric has it, else in English.
     */
    public RubricView view(String language) {
        List<RubricView.CheckView> checkViews = new ArrayList<>(checks.size());
        for (Check check : checks) {
            Map<String, String> requirements = new LinkedHashMap<>();
            for (Phase phase : phases) {
                requirements.put(phase.id(), check.requirementIn(phase.id()).label());
            }
            List<RubricView.OverrideView> overrides = new ArrayList<>(check.overrides().size());
            for (CheckOverride override : check.overrides()) {
                Map<String, String> changed = new LinkedHashMap<>();
                override.requirements().forEach((phase, requirement) -> changed.put(phase, requirement.label()));
                overrides.add(new RubricView.OverrideView(override.label(), override.when().toPlain(), changed,
                        override.evidence() == null ? null : override.evidence().toPlain(), override.why().in(language)));
            }
            checkViews.add(new RubricView.CheckView(check.id(), check.pillar(), check.title().in(language),
                    check.why().in(language), check.fix().in(language), check.weight(), requirements,
                    check.evidence().toPlain(), overrides));
        }
        List<RubricView.EntryView> phaseViews = new ArrayList<>(phases.size());
        phases.forEach(phase -> phaseViews.add(new RubricView.EntryView(phase.id(), phase.title().in(language),
                phase.description().in(language))));
        List<RubricView.PillarEntryView> pillarViews = new ArrayList<>(pillars.size());
        pillars.forEach(pillar -> pillarViews.add(new RubricView.PillarEntryView(pillar.id(), pillar.title().in(language),
                pillar.description().in(language), pillar.shortTitle() == null ? null : pillar.shortTitle().in(language))));
        List<Map<String, Object>> signalViews = new ArrayList<>(signals.size());
        signals.values().forEach(spec -> signalViews.add(spec.toPlain(language)));
        return new RubricView(title.in(language), List.copyOf(languages), attestationValidityDays, reviewIntervalDays,
                graceDays, nextPhasePriority.name(), phaseViews, pillarViews, checkViews, signalViews);
    }

    String unknownPhaseMessage(String id) {
        List<String> ids = new ArrayList<>(phases.size());
        for (Phase phase : phases) {
            ids.add(phase.id());
        }
        return "unknown phase '" + id + "'; the rubric defines " + String.join(", ", ids);
    }

    @Override
    public String toString() {
        return "Rubric[" + title + ": " + phases.size() + " phases, " + pillars.size() + " pillars, "
                + checks.size() + " checks]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rubric rubric
                && title.equals(rubric.title)
                && attestationValidityDays == rubric.attestationValidityDays
                && reviewIntervalDays == rubric.reviewIntervalDays
                && graceDays == rubric.graceDays
                && nextPhasePriority == rubric.nextPhasePriority
                && signals.equals(rubric.signals)
                && phases.equals(rubric.phases)
                && pillars.equals(rubric.pillars)
                && checks.equals(rubric.checks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, attestationValidityDays, reviewIntervalDays, graceDays, nextPhasePriority, signals, phases,
                pillars, checks);
    }
}
