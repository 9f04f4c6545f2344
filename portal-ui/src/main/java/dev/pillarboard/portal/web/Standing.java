package dev.pillarboard.portal.web;

import java.util.Comparator;
import java.util.List;

import dev.pillarboard.portal.client.ScorecardData;

/**
 * Where a product stands as a team lead signs off its review: the required checks it does not meet today (failing
 * first, then those without evidence, then the signals never connected; the heaviest first within each) and the
 * waivers that make a check count as met, each titled as the rubric titles it in the page's language.
 */
public record Standing(List<Line> notMet, List<Line> waived) {

    /** One check of the product, with its title. */
    public record Line(ScorecardData.CheckResult result, String title) {
    }

    static Standing of(ScorecardData.Scorecard card, ScorecardData.Rubric rubric) {
        List<Line> notMet = card.checks().stream()
                .filter(c -> "required".equals(c.requirement()) && rank(c.status()) >= 0)
                .sorted(Comparator.comparingInt((ScorecardData.CheckResult c) -> rank(c.status()))
                        .thenComparing(Comparator.comparingInt(ScorecardData.CheckResult::weight).reversed()))
                .map(c -> line(c, rubric))
                .toList();
        List<Line> waived = card.checks().stream()
                .filter(c -> "waived".equals(c.status()))
                .map(c -> line(c, rubric))
                .toList();
        return new Standing(notMet, waived);
    }

    /** The order of a status among the checks not met, or -1 for one that counts as met (or does not apply). */
    private static int rank(String status) {
        return switch (status == null ? "" : status) {
            case "fail" -> 0;
            case "unknown" -> 1;
            case "not-connected" -> 2;
            default -> -1;
        };
    }

    private static Line line(ScorecardData.CheckResult result, ScorecardData.Rubric rubric) {
        return new Line(result, ScorecardData.Rubric.titleOf(rubric, result.id(), result.title()));
    }
}
