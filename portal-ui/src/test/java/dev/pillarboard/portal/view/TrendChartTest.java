package dev.pillarboard.portal.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class TrendChartTest {

    record Point(Instant at, Integer score) {
    }

    private static final Instant FROM = Instant.parse("2026-09-06T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-05T12:00:00Z");

    private static TrendChart chart(List<Point> points) {
        return TrendChart.of(List.of("observability"), List.of("Observability"), points, Point::at,
                (point, id) -> point.score(), FROM, TO, Locale.ENGLISH);
    }

    @Test
    void oneValueADayTheDaysLast() {
        // Yesterday 90; today a first evaluation before the evidence arrived (0), then 95: one point today, 95.
        TrendChart chart = chart(List.of(new Point(Instant.parse("2026-12-04T10:00:00Z"), 90),
                new Point(Instant.parse("2026-12-05T06:00:00Z"), 0),
                new Point(Instant.parse("2026-12-05T06:00:05Z"), 95)));
        TrendChart.Series series = chart.series().get(0);
        assertThat(series.dots()).extracting(TrendChart.Dot::value).containsExactly(90, 95);
        assertThat(series.last()).isEqualTo(95);
        // No point of the line reaches the bottom of the plot (a score of 0).
        String bottom = String.format(Locale.ROOT, "%.1f", TrendChart.y(0));
        assertThat(series.points()).doesNotContain("," + bottom);
    }

    @Test
    void aLaterPointWithoutAValueForTheSeriesDoesNotHideTheDaysValue() {
        TrendChart chart = chart(List.of(new Point(Instant.parse("2026-12-05T06:00:00Z"), 70),
                new Point(Instant.parse("2026-12-05T07:00:00Z"), null)));
        assertThat(chart.series().get(0).dots()).extracting(TrendChart.Dot::value).containsExactly(70);
        assertThat(chart.empty()).isFalse();
    }

    @Test
    void aHistoryThatStartsWithinTheWindowSaysWhen() {
        // A product new to the catalog: its first point came two days before the window's end.
        TrendChart young = chart(List.of(new Point(Instant.parse("2026-12-03T09:00:00Z"), 40),
                new Point(Instant.parse("2026-12-05T06:00:00Z"), 55)));
        assertThat(young.since()).isEqualTo(java.time.LocalDate.parse("2026-12-03"));
        // A point on the window's first or second day: the lines span the window, nothing to say.
        assertThat(chart(List.of(new Point(Instant.parse("2026-09-07T23:00:00Z"), 40))).since()).isNull();
        assertThat(chart(List.of(new Point(Instant.parse("2026-09-06T01:00:00Z"), 40))).since()).isNull();
        // No point at all: the empty chart's own text says so.
        assertThat(chart(List.of()).since()).isNull();
    }

    @Test
    void pointsOnDifferentDaysAllCount() {
        TrendChart chart = chart(List.of(new Point(Instant.parse("2026-10-01T23:59:00Z"), 10),
                new Point(Instant.parse("2026-10-02T00:01:00Z"), 20), new Point(Instant.parse("2026-11-02T00:01:00Z"), 30)));
        assertThat(chart.series().get(0).dots()).extracting(TrendChart.Dot::value).containsExactly(10, 20, 30);
    }

    @Test
    void coordinatesAreWrittenWithOneDecimalAsStringFormatWouldWriteThem() {
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 100_000; i++) {
            double v = random.nextInt(4) == 0 ? random.nextInt(2000) / 10.0 : random.nextDouble() * 200;
            assertThat(TrendChart.fmt(v)).as("%s", v).isEqualTo(String.format(Locale.ROOT, "%.1f", v));
        }
        assertThat(TrendChart.fmt(0)).isEqualTo("0.0");
        assertThat(TrendChart.fmt(100)).isEqualTo("100.0");
        assertThat(TrendChart.fmt(-2.25)).isEqualTo(String.format(Locale.ROOT, "%.1f", -2.25));
    }
}
