package dev.pillarboard.scorecard.evaluation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Jdbc;
import dev.pillarboard.scorecard.Task;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import dev.pillarboard.scorecard.engine.Check;
import dev.pillarboard.scorecard.engine.CheckResult;
import dev.pillarboard.scorecard.engine.Evidence;
import dev.pillarboard.scorecard.engine.Phase;
import dev.pillarboard.scorecard.engine.Priority;
import dev.pillarboard.scorecard.engine.ProductFacts;
import dev.pillarboard.scorecard.engine.Rubric;
import dev.pillarboard.scorecard.engine.Scorecard;
import dev.pillarboard.scorecard.engine.ScoringEngine;
import dev.pillarboard.scorecard.rubric.RubricService;
import io.agroal.api.AgroalDataSource;

/**
 * What publishing a rubric would do, without storing anything: every product is scored with the candidate rubric
 * from its current inputs (the same set-based reads as an evaluation, in batches, without locks) and compared with
 * its stored results and open tasks. Per phase and tier: how many products would newly miss or newly meet their bar,
 * tasks that would open and close, and open P1 tasks now and after; the products the candidate cannot score.
 */
@ApplicationScoped
public class RubricImpact {

    /** Most unscorable products named in the answer (all are counted). */
    static final int NAMED_UNSCORABLE = 20;

    /**
     * The counts of one group of products (or of all of them).
     *
     * @param products     products in the group
     * @param meetBarNow   products meeting their bar in their stored results
     * @param meetBarAfter products that would meet it under the candidate
     * @param newlyMiss    products that meet their bar now and would not
     * @param newlyMeet    products that do not meet it now (or have no results) and would
     * @param tasksToOpen  tasks that would open (new, or done ones reopened)
     * @param tasksToClose open tasks that would close
     * @param openP1Now    open P1 tasks now
     * @param openP1After  P1 tasks open after
     */
    public record Counts(int products, int meetBarNow, int meetBarAfter, int newlyMiss, int newlyMeet, int tasksToOpen,
            int tasksToClose, int openP1Now, int openP1After) {
    }

    /** The counts of the products of one phase and tier (null tier: products without one). */
    public record Group(String phase, Integer tier, Counts counts) {
    }

    /**
     * The impact of a candidate rubric.
     *
     * @param products           products in the mirror
     * @param scored             products the candidate can score
     * @param unscorable         products it cannot score (their phase is not one of its phases)
     * @param unscorableProducts the first of them, by slug
     * @param unknownPhases      the phases it does not define that products are in
     * @param checksAdded        checks the candidate has and the rubric in force has not
     * @param checksRemoved      checks the rubric in force has and the candidate has not
     * @param totals             the counts over every product it can score
     * @param byPhaseAndTier     the counts per phase (the candidate's order) and tier (1, 2, 3, none)
     */
    public record Impact(int products, int scored, int unscorable, List<String> unscorableProducts, List<String> unknownPhases,
            List<String> checksAdded, List<String> checksRemoved, Counts totals, List<Group> byPhaseAndTier) {
    }

    private final AgroalDataSource dataSource;
    private final EvaluationInputs inputs;
    private final RubricService rubrics;
    private final int batchSize;

    public RubricImpact(AgroalDataSource dataSource, EvaluationInputs inputs, RubricService rubrics, ScorecardConfig config) {
        this.dataSource = dataSource;
        this.inputs = inputs;
        this.rubrics = rubrics;
        this.batchSize = config.evaluation().batchSize();
    }

    /** The impact of publishing {@code candidate} now, compared with the stored results of the rubric in force. */
    public Impact of(Rubric candidate) {
        ScoringEngine engine = new ScoringEngine(candidate);
        Rubric inForce = rubrics.current().rubric();
        Instant now = DatabaseTime.now();
        List<String> slugs = Jdbc.query(dataSource, "list the products", c -> {
            List<String> all = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT slug FROM product ORDER BY slug");
                    ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    all.add(rs.getString(1));
                }
            }
            return all;
        });
        Map<String, Tally> groups = new HashMap<>();
        Tally totals = new Tally();
        List<String> unscorable = new ArrayList<>();
        Set<String> unknownPhases = new LinkedHashSet<>();
        for (int from = 0; from < slugs.size(); from += batchSize) {
            String[] batch = slugs.subList(from, Math.min(slugs.size(), from + batchSize)).toArray(new String[0]);
            Jdbc.update(dataSource, "estimate the impact of a rubric", c -> {
                EvaluationInputs.Keys keys = EvaluationInputs.Keys.of(c, batch);
                Map<String, ProductFacts> products = inputs.products(c, keys.array(), false);
                Map<String, Evidence.Builder> evidence = inputs.evidence(c, keys, products.keySet(), now);
                Map<String, Boolean> meetsNow = storedBars(c, keys);
                Map<String, Map<String, EvaluationInputs.TaskRow>> tasks = EvaluationInputs.tasks(c, keys);
                for (ProductFacts product : products.values()) {
                    Scorecard card;
                    try {
                        card = engine.evaluate(product, evidence.get(product.slug()).build(), now);
                    } catch (IllegalArgumentException unknownPhase) {
                        unscorable.add(product.slug());
                        unknownPhases.add(product.phase());
                        continue;
                    }
                    Tally group = groups.computeIfAbsent(product.phase() + "\u0000" + product.tier(), k -> new Tally());
                    boolean before = Boolean.TRUE.equals(meetsNow.get(product.slug()));
                    Map<String, EvaluationInputs.TaskRow> productTasks = tasks.getOrDefault(product.slug(), Map.of());
                    for (Tally tally : List.of(totals, group)) {
                        tally.add(before, card, productTasks);
                    }
                }
            });
        }
        List<Group> byPhaseAndTier = new ArrayList<>();
        List<String> order = candidate.phases().stream().map(Phase::id).toList();
        groups.forEach((key, tally) -> {
            String[] parts = key.split("\u0000", 2);
            byPhaseAndTier.add(new Group(parts[0], parts[1].equals("null") ? null : Integer.valueOf(parts[1]), tally.counts()));
        });
        byPhaseAndTier.sort(Comparator.<Group> comparingInt(group -> order.indexOf(group.phase()))
                .thenComparing(Group::tier, Comparator.nullsLast(Comparator.naturalOrder())));
        Set<String> candidateIds = new LinkedHashSet<>(candidate.checks().stream().map(Check::id).toList());
        Set<String> inForceIds = new LinkedHashSet<>(inForce.checks().stream().map(Check::id).toList());
        List<String> added = candidateIds.stream().filter(id -> !inForceIds.contains(id)).toList();
        List<String> removed = inForceIds.stream().filter(id -> !candidateIds.contains(id)).toList();
        return new Impact(slugs.size(), slugs.size() - unscorable.size(), unscorable.size(),
                unscorable.subList(0, Math.min(NAMED_UNSCORABLE, unscorable.size())), List.copyOf(unknownPhases), added,
                removed, totals.counts(), byPhaseAndTier);
    }

    /** Whether each product met its bar in its stored results (absent: no results, or unscorable). */
    private static Map<String, Boolean> storedBars(Connection c, EvaluationInputs.Keys keys) throws SQLException {
        Map<String, Boolean> bars = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement(
                "SELECT product, meets_bar FROM scorecard WHERE problem IS NULL AND " + EvaluationInputs.Keys.MATCH)) {
            keys.bind(query, 1);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    bars.put(rs.getString(1), rs.getBoolean(2));
                }
            }
        }
        return bars;
    }

    /** Counts for one group, added to product by product. */
    private static final class Tally {
        private final int[] counts = new int[9];

        void add(boolean meetsNow, Scorecard card, Map<String, EvaluationInputs.TaskRow> tasks) {
            boolean meetsAfter = card.meetsPhaseBar();
            counts[0]++;
            counts[1] += meetsNow ? 1 : 0;
            counts[2] += meetsAfter ? 1 : 0;
            counts[3] += meetsNow && !meetsAfter ? 1 : 0;
            counts[4] += !meetsNow && meetsAfter ? 1 : 0;
            Map<String, Priority> after = new LinkedHashMap<>();
            for (CheckResult result : card.checks()) {
                if (result.priority() != null) {
                    after.put(result.checkId(), result.priority());
                }
            }
            for (Map.Entry<String, Priority> due : after.entrySet()) {
                EvaluationInputs.TaskRow task = tasks.get(due.getKey());
                if (task == null || Task.DONE.equals(task.status())) {
                    counts[5]++;
                }
                counts[8] += due.getValue() == Priority.P1 ? 1 : 0;
            }
            for (EvaluationInputs.TaskRow task : tasks.values()) {
                if (Task.DONE.equals(task.status())) {
                    continue;
                }
                if (!after.containsKey(task.checkId())) {
                    counts[6]++;
                }
                counts[7] += Objects.equals(task.priority(), Priority.P1.name()) ? 1 : 0;
            }
        }

        Counts counts() {
            int[] c = Arrays.copyOf(counts, counts.length);
            return new Counts(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8]);
        }
    }
}
