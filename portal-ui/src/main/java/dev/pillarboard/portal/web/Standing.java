package dev.pillarboard.portal.web;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import dev.pillarboard.portal.client.ScorecardData;

/**
 * Where a product stands as a team lead signs off its review: the required checks it does not meet today (in the
 * product page's order — failing first, then those without evidence or never connected; the heaviest first within
 * each) and the waivers that make a check count as met, each titled as the rubric titles it in the page's language.
 */
public record Standing(List<Line> notMet, List<Line> waived) {

    /** One check of the product, with its title. */
    public record Line(ScorecardData.CheckResult result, String title) {
    }

    static Standing of(ScorecardData.Scorecard card, ScorecardData.Rubric rubric) {
        List<Line> notMet = card.checks().stream()
                .filter(c -> "required".equals(c.requirement()) && NOT_MET.contains(c.status()))
                .sorted(Comparator.comparingInt((ScorecardData.CheckResult c) -> ProductView.STATUS_ORDER.get(c.status()))
                        .thenComparing(Comparator.comparingInt(ScorecardData.CheckResult::weight).reversed()))
                .map(c -> line(c, rubric))
                .toList();
        List<Line> waived = card.checks().stream()
                .filter(c -> "waived".equals(c.status()))
                .map(c -> line(c, rubric))
                .toList();
        return new Standing(notMet, waived);
    }

    /** The statuses of a check that does not count as met (pass, waived and too little data do; n/a does not apply). */
    private static final Set<String> NOT_MET = Set.of("fail", "unknown", "not-connected");

    private static Line line(ScorecardData.CheckResult result, ScorecardData.Rubric rubric) {
        return new Line(result, ScorecardData.Rubric.titleOf(rubric, result.id(), result.title()));
    }
}
