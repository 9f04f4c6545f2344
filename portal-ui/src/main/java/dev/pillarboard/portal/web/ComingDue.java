package dev.pillarboard.portal.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pillarboard.portal.client.Paged;
import dev.pillarboard.portal.client.ScorecardData;

/**
 * What falls due for a team or a user's teams in the next days, as the home and team pages list it: one line per
 * attestation that lapses, dated practice that comes due and waiver that ends; the checks of one product whose grace
 * ends (at one instant: the product's) on one line ("12 checks leave their grace"), since onboarding puts a product's every required check
 * in grace at once.
 *
 * @param lines the lines, soonest first
 * @param total how many deadlines the service counted (more than the lines hold when it was cut to a page)
 * @param days  how many days ahead
 */
public record ComingDue(List<Line> lines, long total, int days) {

    /** How far ahead the pages look. */
    public static final int DAYS = 30;

    /**
     * One line: {@code checks} is how many checks it stands for (more than one only for a grace that ends for several
     * checks of a product at once; {@code check} and {@code title} are then the first's).
     */
    public record Line(Instant at, String kind, String product, String productName, String check, String title, int checks,
            String signal) {

        public boolean grouped() {
            return checks > 1;
        }
    }

    public static ComingDue of(Paged<ScorecardData.Deadline> deadlines) {
        Map<String, Line> lines = new LinkedHashMap<>();
        for (ScorecardData.Deadline d : deadlines.items()) {
            // A product's grace ends at one instant for all its checks in grace.
            String key = "grace".equals(d.kind()) ? "grace " + d.product() + " " + d.at()
                    : d.kind() + " " + d.product() + " " + d.check();
            lines.merge(key, new Line(d.at(), d.kind(), d.product(), d.name(), d.check(), d.title(), 1, d.signal()),
                    (first, next) -> new Line(first.at(), first.kind(), first.product(), first.productName(), first.check(),
                            first.title(), first.checks() + 1, first.signal()));
        }
        return new ComingDue(new ArrayList<>(lines.values()), deadlines.total(), DAYS);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** How many deadlines the lines leave out (the service's page was full). */
    public long more() {
        long shown = lines.stream().mapToLong(Line::checks).sum();
        return Math.max(0, total - shown);
    }
}
