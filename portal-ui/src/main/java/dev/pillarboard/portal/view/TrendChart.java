package dev.pillarboard.portal.view;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A line chart drawn on the server as SVG coordinates: one series per pillar (or per measure), scores 0–100 over a
 * time window, as steps (a score holds until the next point), one point a day: the day's last value (at a few
 * pixels a day, changes within a day would only draw a spike, e.g. a product's first evaluation before its evidence
 * arrived). The template draws polylines from {@link #series()}
 * and the axis from {@link #ticks()}; a table beside it carries the same numbers for screen readers. {@link #since()}
 * is the day of the first point when it comes days after the window's start (a product new to the catalog: its lines
 * start at the right edge), else null.
 */
public record TrendChart(int width, int height, List<Series> series, List<Tick> ticks, List<Grid> grid, boolean empty,
        LocalDate since) {

    /** The window every trend chart shows. */
    public static final Duration PERIOD = Duration.ofDays(90);
    public static final int WIDTH = 380;
    public static final int HEIGHT = 170;
    static final int LEFT = 34;
    static final int RIGHT = 8;
    static final int TOP = 10;
    static final int BOTTOM = 24;

    /** One line: an id for its colour class (c0…c7), a label, the polyline points, and its last value. */
    public record Series(String id, String label, String colour, String points, Integer last, List<Dot> dots) {
    }

    public record Dot(double x, double y, int value) {
    }

    public record Tick(double x, String label) {
    }

    /** A horizontal grid line at a score, with its label's position. */
    public record Grid(int value, double y, double labelY) {
    }

    /** A value of some series at an instant; null values break nothing, they are skipped. */
    public record Point(Instant at, Integer value) {
    }

    public static <T> TrendChart of(List<String> ids, List<String> labels, List<T> points, Function<T, Instant> at,
            java.util.function.BiFunction<T, String, Integer> value, Instant from, Instant to, Locale locale) {
        List<Series> series = new ArrayList<>();
        boolean any = false;
        Instant first = null;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            StringBuilder line = new StringBuilder();
            List<Dot> dots = new ArrayList<>();
            Integer last = null;
            double lastY = -1;
            for (int p = 0; p < points.size(); p++) {
                T point = points.get(p);
                Integer v = value.apply(point, id);
                Instant when = at.apply(point);
                if (v == null || when.isBefore(from) || laterSameDay(points, p, id, at, value)) {
                    continue;
                }
                double x = x(when, from, to);
                double y = y(v);
                if (lastY >= 0) {
                    line.append(fmt(x)).append(',').append(fmt(lastY)).append(' ');
                }
                line.append(fmt(x)).append(',').append(fmt(y)).append(' ');
                dots.add(new Dot(x, y, v));
                first = first == null || when.isBefore(first) ? when : first;
                last = v;
                lastY = y;
            }
            if (last != null) {
                line.append(fmt(x(to, from, to))).append(',').append(fmt(lastY));
                any = true;
            }
            series.add(new Series(id, labels.get(i), "c" + (i % 8), line.toString().trim(), last, dots));
        }
        List<Grid> grid = List.of(0, 50, 100).stream().map(v -> new Grid(v, y(v), y(v) + 4)).toList();
        LocalDate start = from.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate since = first == null ? null : first.atZone(ZoneOffset.UTC).toLocalDate();
        return new TrendChart(WIDTH, HEIGHT, series, ticks(from, to, locale), grid, !any,
                since != null && since.isAfter(start.plusDays(1)) ? since : null);
    }

    /** Whether a later point of the same series falls on the same UTC day as point {@code index} (points oldest first). */
    private static <T> boolean laterSameDay(List<T> points, int index, String id, Function<T, Instant> at,
            java.util.function.BiFunction<T, String, Integer> value) {
        LocalDate day = at.apply(points.get(index)).atZone(ZoneOffset.UTC).toLocalDate();
        for (int later = index + 1; later < points.size(); later++) {
            T point = points.get(later);
            if (!at.apply(point).atZone(ZoneOffset.UTC).toLocalDate().equals(day)) {
                return false;
            }
            if (value.apply(point, id) != null) {
                return true;
            }
        }
        return false;
    }

    public int labelX() {
        return LEFT - 6;
    }

    public int tickY() {
        return HEIGHT - 6;
    }

    public int plotLeft() {
        return LEFT;
    }

    public int plotRight() {
        return WIDTH - RIGHT;
    }

    static double x(Instant when, Instant from, Instant to) {
        double span = Math.max(1, Duration.between(from, to).toSeconds());
        double offset = Math.max(0, Math.min(span, Duration.between(from, when).toSeconds()));
        return LEFT + offset / span * (WIDTH - LEFT - RIGHT);
    }

    static double y(int value) {
        int v = Math.max(0, Math.min(100, value));
        return TOP + (100 - v) / 100.0 * (HEIGHT - TOP - BOTTOM);
    }

    private static List<Tick> ticks(Instant from, Instant to, Locale locale) {
        List<Tick> ticks = new ArrayList<>();
        long days = Math.max(1, Duration.between(from, to).toDays());
        long step = days > 60 ? 30 : days > 20 ? 7 : 1;
        LocalDate start = from.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate end = to.atZone(ZoneOffset.UTC).toLocalDate();
        boolean ja = "ja".equals(locale.getLanguage());
        for (LocalDate day = end; !day.isBefore(start); day = day.minusDays(step)) {
            Instant at = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            String label = ja ? day.getMonthValue() + "/" + day.getDayOfMonth()
                    : day.getDayOfMonth() + " " + day.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
            ticks.add(0, new Tick(x(at, from, to), label));
        }
        return ticks;
    }

    /** One decimal, as {@code String.format(Locale.ROOT, "%.1f", v)} writes it, without its cost (a chart has hundreds). */
    static String fmt(double v) {
        long tenths = Math.round(Math.abs(v) * 10);
        return (v < 0 && tenths != 0 ? "-" : "") + tenths / 10 + "." + tenths % 10;
    }
}
