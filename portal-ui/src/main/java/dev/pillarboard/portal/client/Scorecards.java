package dev.pillarboard.portal.client;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.pillarboard.portal.i18n.Languages;

/** scorecard-service for the pages: fault tolerance, problems as values, the rubric cached briefly. */
@ApplicationScoped
public class Scorecards {

    /** Filters of the scorecard summaries; owners may name several teams. */
    public record SummaryQuery(List<String> owners, String phase, String pillar, Boolean meetsBar, Boolean reviewDue,
            String check, Integer tier, String q, String sort, int page, int size) {

        public static SummaryQuery of(List<String> owners, int size) {
            return new SummaryQuery(owners, null, null, null, null, null, null, null, null, 0, size);
        }
    }

    /**
     * {@code requirement}: what the product's phase asks of the task's check (required, recommended, n/a), or null;
     * {@code sort}: priority (null: the default) or dueDate.
     */
    public record TaskQuery(List<String> owners, String product, String priority, String status, String requirement,
            String sort, int page, int size) {

        /** The first {@code size} tasks of a product, P1 first. */
        public static TaskQuery ofProduct(String product, int size) {
            return new TaskQuery(null, product, null, null, null, null, 0, size);
        }

        /** The first {@code size} tasks of some teams with a status (open, in-progress, done, active), P1 first. */
        public static TaskQuery ofTeams(List<String> owners, String status, int size) {
            return new TaskQuery(owners, null, null, status, null, null, 0, size);
        }
    }

    private final ScorecardApi api;
    private final Guarded guarded;
    private final Calls calls = new Calls(Downstream.SCORECARD);
    /** The rubric per language of its texts (en, ja), each cached briefly. */
    private final Map<String, LastGood<ScorecardData.Rubric>> rubrics = new java.util.concurrent.ConcurrentHashMap<>();

    public Scorecards(@RestClient ScorecardApi api, Guarded.ForScorecard guarded) {
        this.api = api;
        this.guarded = guarded;
    }

    public Optional<ScorecardData.Rubric> rubric() {
        return rubrics.computeIfAbsent(Languages.current(), language -> new LastGood<>(Duration.ofSeconds(30)))
                .get(() -> calls.read(guarded::read, api::rubric));
    }

    public Optional<String> rubricYaml() {
        return calls.read(guarded::read, api::rubricYaml);
    }

    public Paged<ScorecardData.RubricVersion> rubricVersions(int page, int size) {
        return calls.read(guarded::read, () -> api.rubricVersions(page, size)).orElse(Paged.empty());
    }

    /** Checks a rubric and reports what publishing it would change; nothing is stored. */
    public Reply<ScorecardData.DryRun> checkRubric(String yaml) {
        return calls.reply(guarded::write, () -> api.putRubric(yaml, true), ScorecardData.DryRun.class);
    }

    public Reply<ScorecardData.Published> publish(String yaml) {
        Reply<ScorecardData.Published> reply = calls.reply(guarded::write, () -> api.putRubric(yaml, null),
                ScorecardData.Published.class);
        if (reply.ok()) {
            rubrics.values().forEach(LastGood::forget);
        }
        return reply;
    }

    public Paged<ScorecardData.Summary> summaries(SummaryQuery q) {
        return calls.read(guarded::read, () -> api.scorecards(joined(q.owners()), q.phase(), q.pillar(),
                q.meetsBar(), q.reviewDue(), q.check(), q.tier(), q.q(), q.sort(), q.page(), q.size()))
                .orElse(Paged.empty());
    }

    public Reply<ScorecardData.Scorecard> scorecard(String product) {
        return calls.reply(guarded::read, () -> api.scorecard(product), ScorecardData.Scorecard.class);
    }

    public Reply<ScorecardData.Readiness> readiness(String product, String phase) {
        return calls.reply(guarded::read, () -> api.readiness(product, phase), ScorecardData.Readiness.class);
    }

    public Optional<ScorecardData.History> history(String product, String from) {
        return calls.read(guarded::read, () -> api.history(product, from));
    }

    public ScorecardData.Overview overview(List<String> owners, int checks) {
        return calls.read(guarded::read, () -> api.overview(joined(owners), checks))
                .orElse(ScorecardData.Overview.EMPTY);
    }

    /** What falls due for some teams in the next {@code days} days, soonest first; {@code kinds} empty: every kind. */
    public Paged<ScorecardData.Deadline> deadlines(List<String> owners, List<String> kinds, int days, int size) {
        String before = LocalDate.now(ZoneOffset.UTC).plusDays(days).toString();
        return calls.read(guarded::read, () -> api.deadlines(joined(owners), joined(kinds), before, 0, size))
                .orElse(Paged.empty());
    }

    public Optional<ScorecardData.TeamHistory> teamHistory(String team, String from) {
        return calls.read(guarded::read, () -> api.teamHistory(team, from));
    }

    public Optional<ScorecardData.Changes> changes(String product, String since) {
        return calls.read(guarded::read, () -> api.changes(product, since));
    }

    public Reply<ScorecardData.TeamSummary> teamSummary(String team) {
        return calls.reply(guarded::read, () -> api.teamSummary(team), ScorecardData.TeamSummary.class);
    }

    public Paged<ScorecardData.Task> tasks(TaskQuery q) {
        return calls.read(guarded::read, () -> api.tasks(joined(q.owners()), q.product(), q.priority(), q.status(),
                q.requirement(), q.sort(), q.page(), q.size())).orElse(Paged.empty());
    }

    public Reply<ScorecardData.Task> task(long id) {
        return calls.reply(guarded::read, () -> api.task(id), ScorecardData.Task.class);
    }

    public Reply<ScorecardData.Task> patchTask(long id, String etag, Map<String, Object> patch) {
        return calls.reply(guarded::write, () -> api.patchTask(id, etag, patch), ScorecardData.Task.class);
    }

    public Paged<ScorecardData.Waiver> waivers(String product, List<String> owners, String status, int page, int size) {
        return calls.read(guarded::read, () -> api.waivers(product, joined(owners), status, page, size))
                .orElse(Paged.empty());
    }

    public Reply<ScorecardData.Waiver> waiver(long id) {
        return calls.reply(guarded::read, () -> api.waiver(id), ScorecardData.Waiver.class);
    }

    public Reply<ScorecardData.Waiver> requestWaiver(Map<String, Object> request) {
        return calls.reply(guarded::write, () -> api.requestWaiver(request), ScorecardData.Waiver.class);
    }

    public Reply<ScorecardData.Waiver> decideWaiver(long id, Map<String, Object> decision) {
        return calls.reply(guarded::write, () -> api.decideWaiver(id, decision), ScorecardData.Waiver.class);
    }

    public Paged<ScorecardData.Review> reviews(String product, int page, int size) {
        return calls.read(guarded::read, () -> api.reviews(product, page, size)).orElse(Paged.empty());
    }

    public Reply<ScorecardData.Review> review(Map<String, Object> review) {
        return calls.reply(guarded::write, () -> api.review(review), ScorecardData.Review.class);
    }

    public Paged<ScorecardData.Attestation> attestations(String product, int page, int size) {
        return calls.read(guarded::read, () -> api.attestations(product, page, size)).orElse(Paged.empty());
    }

    public Reply<ScorecardData.Attestation> attest(Map<String, Object> attestation) {
        return calls.reply(guarded::write, () -> api.attest(attestation), ScorecardData.Attestation.class);
    }

    public Reply<ScorecardData.Job> startEvaluation() {
        return calls.reply(guarded::write, api::startEvaluation, ScorecardData.Job.class);
    }

    public Reply<ScorecardData.Job> evaluation(String id) {
        return calls.reply(guarded::read, () -> api.evaluation(id), ScorecardData.Job.class);
    }

    public Paged<ScorecardData.Job> evaluations(int page, int size) {
        return calls.read(guarded::read, () -> api.evaluations(page, size)).orElse(Paged.empty());
    }

    private static String joined(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }
}
