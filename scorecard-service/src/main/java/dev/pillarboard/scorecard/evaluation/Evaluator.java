package dev.pillarboard.scorecard.evaluation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import dev.pillarboard.scorecard.engine.BarProgress;
import dev.pillarboard.scorecard.engine.CheckResult;
import dev.pillarboard.scorecard.engine.Evidence;
import dev.pillarboard.scorecard.engine.ProductFacts;
import dev.pillarboard.scorecard.engine.Scorecard;
import dev.pillarboard.scorecard.engine.ScoringEngine;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;

/**
 * Evaluates a set of products against the current rubric and stores the results: a handful of
 * set-based reads ({@code = ANY(?)}) for products, signals, attestations, waivers, previous results
 * and tasks; the engine; then the writes, set-based too: {@code COPY} for rows that are always new
 * (first scorecards, history points, new tasks) and batched statements for changes to existing rows.
 *
 * <p>Runs inside the caller's transaction. The mirror rows of the products are locked
 * ({@code FOR NO KEY UPDATE}, in slug order) so that two evaluations of one product, on any
 * replicas, run one after the other and the later one wins with the later inputs.
 *
 * <p>Every statement of an evaluation finds its rows by product (or task id), through an index; the
 * transaction tells the planner so ({@code SET LOCAL enable_seqscan = off}, until the caller's
 * transaction ends). Left to the statistics, it scanned whole tables where they had just grown: in the
 * first evaluation of 10,000 products, {@code task} grows from nothing to 275,000 rows, its statistics
 * still said empty, and each batch's read of its products' tasks scanned the table (21 scans reading
 * 2.7 million rows in one job, a quarter of the database's CPU).
 */
@ApplicationScoped
public class Evaluator {

    /** What one call did. */
    public record Result(int evaluated, int unscorable, int removed, int changed) {
    }

    private final AgroalDataSource dataSource;
    private final RubricService rubrics;
    private final EvaluationInputs inputs;
    private final ObjectMapper mapper;
    private final Duration snapshotInterval;

    public Evaluator(AgroalDataSource dataSource, RubricService rubrics, EvaluationInputs inputs, ObjectMapper mapper,
            ScorecardConfig config) {
        this.dataSource = dataSource;
        this.rubrics = rubrics;
        this.inputs = inputs;
        this.mapper = mapper;
        this.snapshotInterval = config.evaluation().snapshotInterval();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Result evaluate(Collection<String> slugs) {
        if (slugs.isEmpty()) {
            return new Result(0, 0, 0, 0);
        }
        Instant now = DatabaseTime.now();
        RubricService.Loaded rubric = rubrics.current();
        ScoringEngine engine = rubric.engine();
        String[] sorted = new TreeSet<>(slugs).toArray(new String[0]);
        long started = System.nanoTime();
        return Jdbc.query(dataSource, "evaluate", c -> {
            Jdbc.setLocal(c, "enable_seqscan", "off");
            EvaluationInputs.Keys keys = EvaluationInputs.Keys.of(c, sorted);
            Map<String, ProductFacts> products = inputs.products(c, keys.array(), true);
            List<String> gone = new ArrayList<>();
            for (String slug : sorted) {
                if (!products.containsKey(slug)) {
                    gone.add(slug);
                }
            }
            int removed = gone.isEmpty() ? 0 : ResultWriter.removeResults(c, gone);
            if (products.isEmpty()) {
                return new Result(0, 0, removed, 0);
            }
            Map<String, Evidence.Builder> evidence = inputs.evidence(c, keys, products.keySet(), now);
            Map<String, EvaluationInputs.Prior> priors = EvaluationInputs.priors(c, keys);
            // Tasks are read at once for the products whose stored task digest says nothing (new, unscorable before);
            // for the others only if the digest of their new results differs, after scoring.
            List<String> firstReads = new ArrayList<>();
            for (String slug : products.keySet()) {
                if (!hasTaskDigest(priors.get(slug))) {
                    firstReads.add(slug);
                }
            }
            Map<String, Map<String, EvaluationInputs.TaskRow>> tasks = tasks(c, firstReads);
            long read = System.nanoTime();

            ResultWriter writes = new ResultWriter(c, now, rubric.version(), mapper);
            TaskDigest digests = new TaskDigest();
            List<TasksLater> later = new ArrayList<>();
            int unscorable = 0;
            int changed = 0;
            for (ProductFacts product : products.values()) {
                Evidence productEvidence = evidence.get(product.slug()).build();
                EvaluationInputs.Prior prior = priors.get(product.slug());
                Map<String, EvaluationInputs.TaskRow> productTasks = hasTaskDigest(prior) ? null
                        : tasks.getOrDefault(product.slug(), Map.of());
                Scorecard card;
                try {
                    card = engine.evaluate(product, productEvidence, now);
                } catch (IllegalArgumentException e) {
                    unscorable++;
                    if (productTasks == null) {
                        later.add(new TasksLater(product, null, e.getMessage()));
                    } else {
                        writes.unscorable(product, e.getMessage(), productTasks.values());
                    }
                    continue;
                }
                String digest = digests.of(product.owner(), card.checks(), prior == null ? 0 : prior.taskEdits());
                if (store(writes, engine, product, productEvidence, card, prior, digest, now)) {
                    changed++;
                }
                if (productTasks != null) {
                    writes.tasks(product, card, productTasks);
                } else if (!digest.equals(prior.tasksDigest())) {
                    later.add(new TasksLater(product, card, null));
                }
            }
            if (!later.isEmpty()) {
                Map<String, Map<String, EvaluationInputs.TaskRow>> laterTasks = tasks(c,
                        later.stream().map(l -> l.product().slug()).toList());
                for (TasksLater l : later) {
                    Map<String, EvaluationInputs.TaskRow> productTasks = laterTasks.getOrDefault(l.product().slug(), Map.of());
                    if (l.card() == null) {
                        writes.unscorable(l.product(), l.problem(), productTasks.values());
                    } else {
                        writes.tasks(l.product(), l.card(), productTasks);
                    }
                }
            }
            long scored = System.nanoTime();
            writes.flush();
            if (Log.isDebugEnabled()) {
                long written = System.nanoTime();
                Log.debugf("Evaluated %d products in %d ms (reads %d ms, scoring %d ms, writes %d ms);"
                        + " read the tasks of %d + %d; wrote %s", products.size(), (written - started) / 1_000_000,
                        (read - started) / 1_000_000, (scored - read) / 1_000_000, (written - scored) / 1_000_000,
                        firstReads.size(), later.size(), writes.summary());
            }
            return new Result(products.size(), unscorable, removed, changed);
        });
    }

    /** Removes the results of products that are no longer in the mirror (normally removed when their deletion is applied). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void removeOrphans() {
        Jdbc.update(dataSource, "remove the results of deleted products", ResultWriter::removeOrphans);
    }

    /** A product whose tasks are written after its task digest showed they may have to change (or unscorable). */
    private record TasksLater(ProductFacts product, Scorecard card, String problem) {
    }

    /** Whether a product's stored results carry a task digest to compare with (not new, not unscorable before). */
    private static boolean hasTaskDigest(EvaluationInputs.Prior prior) {
        return prior != null && prior.problem() == null && !prior.tasksDigest().isEmpty();
    }

    private static Map<String, Map<String, EvaluationInputs.TaskRow>> tasks(Connection c, List<String> slugs)
            throws SQLException {
        return slugs.isEmpty() ? Map.of()
                : EvaluationInputs.tasks(c, EvaluationInputs.Keys.of(c, slugs.toArray(new String[0])));
    }

    /**
     * Prepares the writes of one scored product's scorecard and history; returns whether its stored results change.
     * {@code taskDigest} is what its tasks match once its task writes (if any) are made.
     */
    private boolean store(ResultWriter writes, ScoringEngine engine, ProductFacts product, Evidence evidence, Scorecard card,
            EvaluationInputs.Prior prior, String taskDigest, Instant now) throws SQLException {
        int[] open = new int[3];
        for (CheckResult result : card.checks()) {
            if (result.priority() != null) {
                open[result.priority().ordinal()]++;
            }
        }
        ResultJson.Encoded checksJson = writes.json.checks(card.checks());
        String hash = checksJson.hash();
        String fingerprint = card.fingerprint();
        ScoringEngine.Upcoming upcoming = engine.upcoming(product, evidence, now);
        boolean changed = prior == null || prior.problem() != null || !hash.equals(prior.checksHash())
                || !fingerprint.equals(prior.fingerprint()) || !Objects.equals(prior.owner(), product.owner())
                || prior.rubricVersion() != writes.rubricVersion;
        boolean snapshot = prior == null || !fingerprint.equals(prior.fingerprint())
                || prior.rubricVersion() != writes.rubricVersion || prior.lastSnapshotAt() == null
                || !prior.lastSnapshotAt().plus(snapshotInterval).isAfter(now);
        Instant lastSnapshot = snapshot ? now : prior.lastSnapshotAt();
        BarProgress bar = BarProgress.of(card);
        ResultJson.Encoded pillarsJson = writes.json.pillars(card, bar);
        if (changed) {
            writes.scorecard(card, product, prior != null, pillarsJson, checksJson, fingerprint, bar, open, lastSnapshot,
                    upcoming.next(), upcoming.deadline(), taskDigest);
        } else {
            writes.touch(product.slug(), lastSnapshot, upcoming.next(), upcoming.deadline(), taskDigest);
        }
        if (snapshot) {
            writes.history(card, pillarsJson, bar);
        }
        return changed;
    }

}
