package dev.pillarboard.scorecard.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How far a product is from its own phase bar: the weight of the checks its phase requires that pass or are waived,
 * out of the weight of every required check (100 when the phase requires nothing), and how many required checks are
 * not met yet — overall and per pillar. A product that meets exactly its bar reads 100 in every phase, which makes
 * products in different phases comparable where a raw score is not.
 *
 * @param progress       met required weight / required weight × 100, rounded down; 100 when nothing is required
 * @param distance       required checks not met (neither passing nor waived)
 * @param requiredChecks required checks in the product's phase
 * @param pillars        the same per pillar id, for pillars the rubric has
 */
public record BarProgress(int progress, int distance, int requiredChecks, Map<String, Pillar> pillars) {

    /** One pillar's share of the bar. */
    public record Pillar(int progress, int distance, int requiredChecks) {
    }

    public static BarProgress of(Scorecard card) {
        Map<String, int[]> byPillar = new LinkedHashMap<>();
        for (PillarScore pillar : card.pillars()) {
            byPillar.put(pillar.pillar(), new int[4]);
        }
        int[] total = new int[4];
        for (CheckResult result : card.checks()) {
            if (result.requirement() != Requirement.REQUIRED) {
                continue;
            }
            int[] pillar = byPillar.computeIfAbsent(result.pillar(), p -> new int[4]);
            for (int[] sums : new int[][] { total, pillar }) {
                sums[0] += result.weight();
                sums[2]++;
                if (result.passesOrWaived()) {
                    sums[1] += result.weight();
                } else {
                    sums[3]++;
                }
            }
        }
        Map<String, Pillar> pillars = new LinkedHashMap<>();
        byPillar.forEach((id, sums) -> pillars.put(id, new Pillar(percent(sums), sums[3], sums[2])));
        return new BarProgress(percent(total), total[3], total[2], pillars);
    }

    /** met / required weight as a whole percentage, rounded down so that 100 always means "at the bar". */
    private static int percent(int[] sums) {
        return sums[0] == 0 ? 100 : (int) (100L * sums[1] / sums[0]);
    }
}
