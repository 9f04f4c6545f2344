package dev.pillarboard.portal.client;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the portal reads from scorecard-service: its own records of the scorecard's JSON (unknown fields ignored). */
public final class ScorecardData {

    private ScorecardData() {
    }

    /** A pillar of one product: its score, and how far it is from the product's own phase bar. */
    public record PillarScore(String id, String title, Integer score, Boolean meetsPhaseBar, Integer nextPhaseReadiness,
            Integer distance, Integer progress, Integer extraCredit) {

        /** The distance for a sentence ("?" when the service does not say). */
        public String distanceText() {
            return distance == null ? "?" : distance.toString();
        }
    }

    public record OpenTasks(int P1, int P2, int P3, int total) {
        public static final OpenTasks NONE = new OpenTasks(0, 0, 0, 0);
    }

    /** One line of {@code GET /api/scorecards}. */
    public record Summary(String product, String name, String owner, String phase, Integer tier, int rubricVersion,
            Integer score, Integer progress, Boolean meetsPhaseBar, Integer distance, Integer requiredChecks,
            String nextPhase, Integer nextPhaseReadiness, List<PillarScore> pillars, OpenTasks openTasks, boolean reviewDue,
            Instant lastReviewAt, Instant evaluatedAt, String problem, String checkStatus, Integer extraCredit,
            Integer notConnected, Integer insufficientData, String checkReason) {

        public Summary {
            pillars = pillars == null ? List.of() : pillars;
            openTasks = openTasks == null ? OpenTasks.NONE : openTasks;
        }

        public String distanceText() {
            return distance == null ? "?" : distance.toString();
        }
    }

    /** The approved waiver in effect; {@code phase} when it counts only while the product is in that phase. */
    public record Waived(String id, String approvedBy, Instant expiresAt, String phase) {
    }

    /** The rule that decided a check when it is not the check's own: an override for a tier or tags, and why. */
    public record Rule(int override, String label, String why) {
    }

    /**
     * One check of a scorecard: {@code rule} when an override for the product's tier or tags applied, {@code graceUntil}
     * when it is newly required and its task stays P2 until then, {@code connect} (Markdown) when its signal was never
     * pushed: how to connect it.
     */
    public record CheckResult(String id, String pillar, String title, int weight, String status, String outcome,
            String requirement, String nextPhaseRequirement, String priority, String reason, Map<String, Object> evidence,
            Waived waiver, Instant evaluatedAt, Rule rule, Instant graceUntil, String connect) {

        public CheckResult {
            evidence = evidence == null ? Map.of() : evidence;
        }
    }

    public record LastReview(long id, String decision, String comment, String reviewedBy, Instant reviewedAt,
            int rubricVersion) {
    }

    /** {@code GET /api/scorecards/{product}}. */
    public record Scorecard(String product, String name, String owner, String phase, String nextPhase, int rubricVersion,
            Integer score, Integer progress, boolean meetsPhaseBar, int distance, Integer requiredChecks,
            Integer nextPhaseReadiness, List<PillarScore> pillars, List<CheckResult> checks, OpenTasks openTasks, boolean reviewDue, Instant reviewDueAt, LastReview lastReview,
            Instant evaluatedAt, Instant changedAt, Integer extraCredit, Integer notConnected, Integer insufficientData,
            String language) {

        public Scorecard {
            pillars = pillars == null ? List.of() : pillars;
            checks = checks == null ? List.of() : checks;
            openTasks = openTasks == null ? OpenTasks.NONE : openTasks;
        }
    }

    public record HistoryPoint(Instant takenAt, int rubricVersion, String phase, Integer score, boolean meetsPhaseBar,
            Integer nextPhaseReadiness, Map<String, Integer> pillars) {

        public HistoryPoint {
            pillars = pillars == null ? Map.of() : pillars;
        }
    }

    public record History(String product, Instant from, Instant to, List<HistoryPoint> items, boolean truncated) {
        public History {
            items = items == null ? List.of() : items;
        }
    }

    public record TeamProduct(String product, String name, String phase, Integer score, Boolean meetsPhaseBar,
            Integer distance, String nextPhase, Integer nextPhaseReadiness, OpenTasks openTasks, String problem,
            boolean evaluated, Integer progress, Integer extraCredit, Integer notConnected, Integer insufficientData) {
    }

    public record TeamTotals(int products, int meetingPhaseBar, Integer averageScore, OpenTasks openTasks,
            Integer averageProgress, int notConnected, int insufficientData) {
    }

    public record TeamRef(String slug, String name) {
    }

    public record TeamSummary(TeamRef team, List<TeamProduct> products, TeamTotals totals) {
        public TeamSummary {
            products = products == null ? List.of() : products;
        }
    }

    /** A task; the service gives its {@code title} and {@code reason} in the page's language (see {@link PageLanguage}). */
    public record Task(long id, String product, String owner, String check, String pillar, String title, String priority,
            String status, String assignee, LocalDate dueDate, String reason, Instant createdAt, Instant updatedAt,
            Instant closedAt, Instant reopenedAt, int reopenCount, String etag, String checkStatus) {

        public boolean open() {
            return !"done".equals(status);
        }
    }

    /**
     * A waiver; {@code title} is not the service's (a waiver names its check by id): it is the check's title in the
     * page's language, set by {@link #titledBy}, else the id.
     */
    public record Waiver(long id, String product, String check, String reason, String status, String requestedBy,
            Instant requestedAt, Instant expiresAt, String decidedBy, Instant decidedAt, String comment,
            boolean untilPhaseChange, String phase, Instant endedAt, String title) {

        public Waiver {
            title = title == null ? check : title;
        }

        /** This waiver with its check's title as the rubric gives it (in the language it was fetched in). */
        public Waiver titledBy(Rubric rubric) {
            return new Waiver(id, product, check, reason, status, requestedBy, requestedAt, expiresAt, decidedBy,
                    decidedAt, comment, untilPhaseChange, phase, endedAt, Rubric.titleOf(rubric, check, check));
        }

        /** The waivers of a page titled by the rubric (see {@link #titledBy}). */
        public static Paged<Waiver> titledBy(Paged<Waiver> waivers, Rubric rubric) {
            return rubric == null ? waivers : waivers.map(w -> w.titledBy(rubric));
        }
    }

    public record Review(long id, String product, String decision, String comment, String reviewedBy, Instant reviewedAt,
            int rubricVersion, Integer score) {
    }

    public record Attestation(long id, String product, String check, String by, Instant at, Instant validUntil,
            boolean valid, String evidenceUrl, String comment, Instant performedAt) {
    }

    public record Phase(String id, String title, String description) {
    }

    /** A check the target phase requires that is not met yet, with how to fix it. */
    public record Gap(String check, String pillar, String title, int weight, String outcome, String reason, String fix) {
    }

    /** {@code GET /api/scorecards/{product}/readiness/{phase}}. */
    public record Readiness(String product, String currentPhase, String targetPhase, int rubricVersion, boolean meets,
            int readiness, int requiredChecks, int satisfiedChecks, List<Gap> gaps, Instant evaluatedAt) {

        public Readiness {
            gaps = gaps == null ? List.of() : gaps;
        }
    }

    /** A rubric pillar; {@code shortTitle} is its tile's label when the rubric gives one (null otherwise). */
    public record Pillar(String id, String title, String description, String shortTitle) {
    }

    /**
     * A rubric check; {@code overrides} are its rules for some tiers or tags (the check's own rule applies to every
     * other product).
     */
    public record RubricCheck(String id, String pillar, String title, String why, String fix, int weight,
            Map<String, String> requirements, Map<String, Object> evidence, List<RubricOverride> overrides) {

        public RubricCheck {
            requirements = requirements == null ? Map.of() : requirements;
            evidence = evidence == null ? Map.of() : evidence;
            overrides = overrides == null ? List.of() : overrides;
        }

        public String requirementIn(String phase) {
            return phase == null ? "n/a" : requirements.getOrDefault(phase, "n/a");
        }

        /**
         * The requirement in {@code phase} for a product of {@code tier}: the first override that matches applies,
         * as in the engine. A list knows a product's tier, not its tags: at an override that names tags the check's
         * own requirement is shown (the product's scorecard has the rule that applied).
         */
        public String requirementFor(String phase, Integer tier) {
            for (RubricOverride override : overrides) {
                if (!override.tags().isEmpty()) {
                    break;
                }
                if (override.tiers().isEmpty() || tier != null && override.tiers().contains(String.valueOf(tier))) {
                    return override.requirementIn(phase, this);
                }
            }
            return requirementIn(phase);
        }

        /**
         * The overrides that give {@code phase} another requirement than the check's own (for the matrix of the rubric
         * page: "Tier 1: required" under a cell that says recommended), in the rubric's order.
         */
        public List<RubricOverride> changingIn(String phase) {
            String own = requirementIn(phase);
            return overrides.stream().filter(o -> !o.requirementIn(phase, this).equals(own)).toList();
        }

        /** Whether some override has an evidence rule of its own. */
        public boolean overridesEvidence() {
            return overrides.stream().anyMatch(o -> o.evidence() != null);
        }

        /** The kind of evidence: catalog, signal or attestation. */
        public String evidenceKind() {
            return evidence.isEmpty() ? "" : evidence.keySet().iterator().next();
        }
    }

    /**
     * A check's rule for the products of some tiers or tags: {@code when} as the rubric gives it
     * ({@code {tier: [1], tag: [pci]}}), the phases whose requirement it changes, its evidence rule or null when it
     * keeps the check's, and why.
     */
    public record RubricOverride(String label, Map<String, Object> when, Map<String, String> requirements,
            Map<String, Object> evidence, String why) {

        public RubricOverride {
            when = when == null ? Map.of() : when;
            requirements = requirements == null ? Map.of() : requirements;
        }

        /** The requirement in {@code phase} for the products this rule is for: its own, else the check's. */
        public String requirementIn(String phase, RubricCheck check) {
            return phase != null && requirements.containsKey(phase) ? requirements.get(phase) : check.requirementIn(phase);
        }

        /** The tiers it names (empty: any tier). */
        public List<String> tiers() {
            return listed(when.get("tier"));
        }

        /** The tags it names (empty: any tags). */
        public List<String> tags() {
            return listed(when.get("tag"));
        }

        private static List<String> listed(Object value) {
            if (value instanceof List<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            return value == null ? List.of() : List.of(String.valueOf(value));
        }
    }

    /**
     * The rubric in force. {@code graceDays} (0: none) and {@code nextPhasePriority} (P2 or P3) say what P2 and P3
     * mean on its scorecards: with grace, P2 is a check required now and still in its grace period.
     */
    public record Rubric(int version, Instant publishedAt, String publishedBy, String title, int attestationValidityDays,
            int reviewIntervalDays, List<Phase> phases, List<Pillar> pillars, List<RubricCheck> checks, int graceDays,
            String nextPhasePriority) {

        public Rubric {
            nextPhasePriority = nextPhasePriority == null ? "P2" : nextPhasePriority;
            phases = phases == null ? List.of() : phases;
            pillars = pillars == null ? List.of() : pillars;
            checks = checks == null ? List.of() : checks;
        }

        /**
         * The title the rubric gives a check, in the language it was fetched in; {@code stored} (the title a task or a
         * change was recorded with) when there is no rubric or it does not know the check (one since removed).
         */
        public static String titleOf(Rubric rubric, String check, String stored) {
            return Optional.ofNullable(rubric).flatMap(r -> r.check(check)).map(RubricCheck::title)
                    .orElse(stored != null ? stored : check);
        }

        /** The rubric's check of that id, if it has one. */
        public Optional<RubricCheck> check(String id) {
            return checks.stream().filter(c -> c.id().equals(id)).findFirst();
        }
    }

    /** {@code PUT /api/rubric?dryRun=true}: what publishing a rubric would change, nothing stored. */
    public record DryRun(boolean dryRun, int inForce, String title, int checks, Impact impact) {
    }

    public record Impact(int products, int scored, int unscorable, List<String> unscorableProducts,
            List<String> unknownPhases, List<String> checksAdded, List<String> checksRemoved, ImpactCounts totals,
            List<ImpactGroup> byPhaseAndTier) {

        public Impact {
            unscorableProducts = unscorableProducts == null ? List.of() : unscorableProducts;
            unknownPhases = unknownPhases == null ? List.of() : unknownPhases;
            checksAdded = checksAdded == null ? List.of() : checksAdded;
            checksRemoved = checksRemoved == null ? List.of() : checksRemoved;
            byPhaseAndTier = byPhaseAndTier == null ? List.of() : byPhaseAndTier;
        }
    }

    public record ImpactCounts(int products, int meetBarNow, int meetBarAfter, int newlyMiss, int newlyMeet,
            int tasksToOpen, int tasksToClose, int openP1Now, int openP1After) {
    }

    /** The counts of the products of one phase and tier (null tier: products without one). */
    public record ImpactGroup(String phase, Integer tier, ImpactCounts counts) {
    }

    public record RubricVersion(int version, String title, Instant publishedAt, String publishedBy, boolean current) {
    }

    public record Job(String id, String status, String reason, String requestedBy, Integer rubricVersion, int done,
            int total, int failed, Instant createdAt, Instant startedAt, Instant finishedAt, String error) {
    }

    /** {@code GET /api/overview}: the organisation at a glance. */
    /**
     * What falls due by time alone unless someone acts ({@code GET /api/deadlines}): {@code kind} attestation (it
     * lapses), practice (a dated practice leaves its window; {@code signal} its key), waiver (it ends), grace (the
     * check's task becomes P1).
     */
    public record Deadline(Instant at, String kind, String product, String name, String owner, String phase, String check,
            String pillar, String title, String requirement, String status, String signal, String waiver) {
    }

    public record Overview(int products, int meetingBar, int unscorable, List<PhaseCount> phases,
            List<FailingCheck> failingChecks, List<TeamStanding> teams) {

        public static final Overview EMPTY = new Overview(0, 0, 0, List.of(), List.of(), List.of());

        public Overview {
            phases = phases == null ? List.of() : phases;
            failingChecks = failingChecks == null ? List.of() : failingChecks;
            teams = teams == null ? List.of() : teams;
        }
    }

    public record PhaseCount(String phase, int products, int meetingBar) {

        public int share() {
            return products == 0 ? 0 : (int) Math.round(100.0 * meetingBar / products);
        }

        public boolean allMeet() {
            return products > 0 && meetingBar == products;
        }
    }

    /** A check that fails often: where required now, and where it applies at all. */
    public record FailingCheck(String check, String title, String pillar, int failingRequired, int failing,
            int applicable) {
    }

    /** A team ranked by its products' distance to their own phase bars (fair across phases). */
    public record TeamStanding(int rank, String team, String name, int products, int meetingBar, int distance,
            double averageDistance, Integer progress) {

        public boolean allMeet() {
            return products > 0 && meetingBar == products;
        }
    }

    /** {@code GET /api/teams/{slug}/history}: one point a day. */
    public record TeamHistory(String team, List<TeamPoint> items) {
        public TeamHistory {
            items = items == null ? List.of() : items;
        }
    }

    public record TeamPoint(LocalDate day, int products, int meetingBar, Integer progress, Integer score) {
    }

    /** {@code GET /api/scorecards/{product}/changes?since=}: what changed since a review. */
    public record Changes(String product, Instant since, boolean checksRecorded, List<CheckChange> checks,
            List<Task> tasksOpened, List<Task> tasksClosed, List<Waiver> waiversGranted, List<PhaseChange> phases) {

        public Changes {
            checks = checks == null ? List.of() : checks;
            tasksOpened = tasksOpened == null ? List.of() : tasksOpened;
            tasksClosed = tasksClosed == null ? List.of() : tasksClosed;
            waiversGranted = waiversGranted == null ? List.of() : waiversGranted;
            phases = phases == null ? List.of() : phases;
        }

        /**
         * These changes with the waivers granted titled as the rubric titles their checks in the page's language (the
         * service titles the checks and tasks itself; a waiver names its check by id).
         */
        public Changes titledBy(Rubric rubric) {
            return rubric == null ? this
                    : new Changes(product, since, checksRecorded, checks, tasksOpened, tasksClosed,
                            waiversGranted.stream().map(w -> w.titledBy(rubric)).toList(), phases);
        }
    }

    public record CheckChange(String check, String title, String pillar, String from, String to) {
    }

    public record PhaseChange(Instant at, String from, String to) {
    }

    public record Published(int version, Instant publishedAt, String publishedBy, String title, int checks,
            long productsInUnknownPhases, Job evaluation) {
    }
}
