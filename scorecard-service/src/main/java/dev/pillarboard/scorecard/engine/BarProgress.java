package dev.pillarboard.scorecard.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far a product is from its own phase bar: the weight of the checks its phase requires that are met
 * (pass, waived, or too little data to judge), out of the weight of every required check (100 when the phase
 * requires nothing), and how many required checks are not met yet — overall and per pillar. A product that
 * meets exactly its bar reads 100 in every phase, which makes products in different phases comparable where a
 * raw score is not. This is the headline figure; the checks recommended now are counted apart, as extra credit.
 *
 * @param progress         met required weight / required weight × 100, rounded down; 100 when nothing is required
 * @param distance         required checks not met
 * @param requiredChecks   required checks in the product's phase (with the overrides that apply to it)
 * @param extraCredit      passed recommended weight / judged recommended weight × 100, rounded down (waived checks
 *                         and checks with too little data are not judged); null when nothing recommended is judged
 * @param notConnected     checks that apply now (required or recommended) whose signal was never pushed
 * @param insufficientData checks that apply now whose sample is too small to judge
 * @param pillars          the same per pillar id, for pillars the rubric has
 */
public record BarProgress(int progress, int distance, int requiredChecks, Integer extraCredit, int notConnected,
                          int insufficientData, Map<String, PillarProgress> pillars) {

    /** One pillar's share of the bar, and its extra credit. */
    public record PillarProgress(int progress, int distance, int requiredChecks, Integer extraCredit) {
    }

    private static final int REQUIRED_WEIGHT = 0;
    private static final int MET_WEIGHT = 1;
    private static final int REQUIRED = 2;
    private static final int NOT_MET = 3;
    private static final int RECOMMENDED_WEIGHT = 4;
    private static final int RECOMMENDED_PASSED = 5;

    public static BarProgress of(Scorecard card) {
        Map<String, int[]> byPillar = new LinkedHashMap<>();
        for (PillarScore pillar : card.pillars()) {
            byPillar.put(pillar.pillar(), new int[6]);
        }
        int[] total = new int[6];
        int notConnected = 0;
        int insufficient = 0;
        for (CheckResult result : card.checks()) {
            if (result.status() == Status.NOT_CONNECTED) {
                notConnected++;
            } else if (result.status() == Status.INSUFFICIENT_DATA) {
                insufficient++;
            }
            int[] pillar = byPillar.computeIfAbsent(result.pillar(), p -> new int[6]);
            if (result.requirement() == Requirement.RECOMMENDED) {
                if (result.waiver() == null && result.outcome() != Outcome.INSUFFICIENT_DATA) {
                    for (int[] sums : new int[][] { total, pillar }) {
                        sums[RECOMMENDED_WEIGHT] += result.weight();
                        if (result.outcome() == Outcome.PASS) {
                            sums[RECOMMENDED_PASSED] += result.weight();
                        }
                    }
                }
                continue;
            }
            if (result.requirement() != Requirement.REQUIRED) {
                continue;
            }
            for (int[] sums : new int[][] { total, pillar }) {
                sums[REQUIRED_WEIGHT] += result.weight();
                sums[REQUIRED]++;
                if (result.satisfied()) {
                    sums[MET_WEIGHT] += result.weight();
                } else {
                    sums[NOT_MET]++;
                }
            }
        }
        Map<String, PillarProgress> pillars = new LinkedHashMap<>();
        byPillar.forEach((id, sums) -> pillars.put(id,
                new PillarProgress(percent(sums), sums[NOT_MET], sums[REQUIRED], extra(sums))));
        return new BarProgress(percent(total), total[NOT_MET], total[REQUIRED], extra(total), notConnected, insufficient,
                pillars);
    }

    /** met / required weight as a whole percentage, rounded down so that 100 always means "at the bar". */
    private static int percent(int[] sums) {
        return sums[REQUIRED_WEIGHT] == 0 ? 100 : (int) (100L * sums[MET_WEIGHT] / sums[REQUIRED_WEIGHT]);
    }

    private static Integer extra(int[] sums) {
        return sums[RECOMMENDED_WEIGHT] == 0 ? null : (int) (100L * sums[RECOMMENDED_PASSED] / sums[RECOMMENDED_WEIGHT]);
    }
}
