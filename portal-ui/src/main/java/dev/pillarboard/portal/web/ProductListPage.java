package dev.pillarboard.portal.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.portal.client.Catalog;
import dev.pillarboard.portal.client.CatalogData;
import dev.pillarboard.portal.client.Notices;
import dev.pillarboard.portal.client.Paged;
import dev.pillarboard.portal.client.ScorecardData;
import dev.pillarboard.portal.client.Scorecards;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The products: filtered by teams, phase, tier, a pillar below its bar, meeting the bar or not, and free text;
 * sorted; paged; every filter a bookmarkable GET parameter; the same list as CSV. The list comes from the scorecard
 * (one call a page: it mirrors the catalog's names and tiers); when the scorecard is down, the catalog's list stands
 * in, without scores.
 */
@Path("/")
public class ProductListPage {

    static final int PAGE_SIZE = 25;
    static final int CSV_MAX_ROWS = 50_000;
    static final List<String> SORTS = List.of("distance", "progress", "name", "p1", "evaluated");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance products(Filter filter, List<Row> rows, Pager pager, List<CatalogData.Team> teams,
                List<ScorecardData.Pillar> pillars, List<ScorecardData.Phase> phases, boolean scored, String csv);
    }

    /** The filters as the user set them (already cleaned). */
    public record Filter(List<String> teams, String phase, Integer tier, String pillar, Boolean meets, String q,
            String sort, int page) {

        public boolean team(String slug) {
            return teams.contains(slug);
        }

        public boolean any() {
            return !teams.isEmpty() || phase != null || tier != null || pillar != null || meets != null || q != null;
        }

        /** The filters as a query string (without the page), for links. */
        public String query() {
            List<String> parts = new ArrayList<>();
            teams.forEach(t -> parts.add("team=" + t));
            add(parts, "phase", phase);
            add(parts, "tier", tier == null ? null : tier.toString());
            add(parts, "pillar", pillar);
            add(parts, "meets", meets == null ? null : meets.toString());
            add(parts, "q", q);
            add(parts, "sort", sort);
            return String.join("&", parts);
        }

        private static void add(List<String> parts, String name, String value) {
            if (value != null) {
                parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }

        String serviceSort() {
            return switch (sort == null ? "distance" : sort) {
                case "progress" -> "progress";
                case "name" -> "name";
                case "p1" -> "-openTasks";
                case "evaluated" -> "-evaluatedAt";
                default -> "-distance";
            };
        }

        Scorecards.SummaryQuery summaries(int page, int size) {
            // A pillar below its bar: that pillar's bar; otherwise "meets" refers to the product's whole bar.
            Boolean bar = pillar != null ? Boolean.FALSE : meets;
            return new Scorecards.SummaryQuery(teams, phase, pillar, bar, null, null, tier, q, serviceSort(), page, size);
        }
    }

    /** One line: the catalog's facts and, when the scorecard answered, where the product stands. */
    public record Row(String slug, String name, String owner, String phase, Integer tier, ScorecardData.Summary score) {
    }

    private final Scorecards scorecards;
    private final Catalog catalog;
    private final Parallel parallel;
    private final Notices notices;
    private final Pages pages;

    public ProductListPage(Scorecards scorecards, Catalog catalog, Parallel parallel, Notices notices, Pages pages) {
        this.scorecards = scorecards;
        this.catalog = catalog;
        this.parallel = parallel;
        this.notices = notices;
        this.pages = pages;
    }

    @GET
    @Path("products")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance products(@RestQuery List<String> team, @RestQuery String phase, @RestQuery String tier,
            @RestQuery String pillar, @RestQuery String meets, @RestQuery String q, @RestQuery String sort,
            @RestQuery String page) {
        Filter filter = filter(team, phase, tier, pillar, meets, q, sort, page);
        var summaries = parallel.fetch(() -> scorecards.summaries(filter.summaries(filter.page(), PAGE_SIZE)));
        var teams = parallel.fetch(catalog::teams);
        var rubric = parallel.fetch(scorecards::rubric);
        CompletableFuture.allOf(summaries, teams, rubric).join();

        boolean scored = !notices.scorecardDown();
        Paged<Row> rows = scored ? rows(summaries.join()) : fromCatalog(filter, filter.page(), PAGE_SIZE);
        List<ScorecardData.Pillar> pillars = rubric.join().map(ScorecardData.Rubric::pillars).orElse(List.of());
        List<ScorecardData.Phase> phases = rubric.join().map(ScorecardData.Rubric::phases).orElse(List.of());
        String query = filter.query();
        return pages.render(Templates.products(filter, rows.items(), Pager.of(rows, "/products", "page", query),
                teams.join(), pillars, phases, scored, "/products.csv" + (query.isEmpty() ? "" : "?" + query)));
    }

    /** The whole filtered list (every page) as CSV, e.g. for a spreadsheet. */
    @GET
    @Path("products.csv")
    @Produces("text/csv")
    public RestResponse<String> csv(@RestQuery List<String> team, @RestQuery String phase, @RestQuery String tier,
            @RestQuery String pillar, @RestQuery String meets, @RestQuery String q, @RestQuery String sort) {
        Filter filter = filter(team, phase, tier, pillar, meets, q, sort, null);
        List<ScorecardData.Pillar> pillars = scorecards.rubric().map(ScorecardData.Rubric::pillars).orElse(List.of());
        Csv csv = new Csv();
        List<String> header = new ArrayList<>(List.of("product", "name", "team", "phase", "tier", "progress",
                "meets_phase_bar", "required_checks_to_go", "open_p1", "open_p2", "open_p3", "signals_to_connect",
                "extra_credit", "next_phase", "next_phase_readiness"));
        pillars.forEach(p -> header.add("pillar_" + p.id()));
        header.add("evaluated_at");
        csv.row(header);
        int rows = 0;
        for (int page = 0; rows < CSV_MAX_ROWS; page++) {
            Paged<ScorecardData.Summary> found = scorecards.summaries(filter.summaries(page, 100));
            if (notices.scorecardDown()) {
                return RestResponse.status(RestResponse.Status.SERVICE_UNAVAILABLE,
                        "The scorecard service is not answering; the CSV needs it. Try again in a moment.\n");
            }
            for (ScorecardData.Summary s : found.items()) {
                List<Object> line = new ArrayList<>(List.of(s.product(), blankIfNull(s.name()), s.owner(),
                        s.phase(), blankIfNull(s.tier()), blankIfNull(s.progress()),
                        blankIfNull(s.meetsPhaseBar()), blankIfNull(s.distance()),
                        s.openTasks().P1(), s.openTasks().P2(), s.openTasks().P3(), blankIfNull(s.notConnected()),
                        blankIfNull(s.extraCredit()), blankIfNull(s.nextPhase()), blankIfNull(s.nextPhaseReadiness())));
                for (ScorecardData.Pillar column : pillars) {
                    line.add(s.pillars().stream().filter(p -> p.id().equals(column.id())).findFirst()
                            .map(p -> blankIfNull(p.score())).orElse(""));
                }
                line.add(blankIfNull(s.evaluatedAt()));
                csv.row(line);
                rows++;
            }
            if (found.items().size() < 100) {
                break;
            }
        }
        return RestResponse.ResponseBuilder.ok(csv.toString())
                .header("Content-Disposition", "attachment; filename=\"pillarboard-products.csv\"").build();
    }

    private static Object blankIfNull(Object value) {
        return value == null ? "" : value;
    }

    static Filter filter(List<String> team, String phase, String tier, String pillar, String meets, String q,
            String sort, String page) {
        return new Filter(Params.slugs(team), Params.slug(phase), Params.tier(tier), Params.slug(pillar),
                Params.bool(meets), Params.text(q), Params.oneOf(sort, SORTS), Params.page(page));
    }

    private static Paged<Row> rows(Paged<ScorecardData.Summary> summaries) {
        List<Row> rows = summaries.items().stream()
                .map(s -> new Row(s.product(), s.name() == null ? s.product() : s.name(), s.owner(), s.phase(), s.tier(), s))
                .toList();
        return new Paged<>(rows, summaries.page(), summaries.size(), summaries.total());
    }

    private Paged<Row> fromCatalog(Filter filter, int page, int size) {
        String sort = "name".equals(filter.sort()) || filter.sort() == null ? "name" : "-updatedAt";
        Paged<CatalogData.Product> products = catalog.products(new Catalog.ProductQuery(filter.teams(), filter.phase(),
                filter.tier(), filter.q(), sort, page, size));
        List<Row> rows = products.items().stream()
                .map(p -> new Row(p.slug(), p.name(), p.owner(), p.phase(), p.tier(), null)).toList();
        return new Paged<>(rows, products.page(), products.size(), products.total());
    }

    /** CSV as RFC 4180 writes it, with cells that a spreadsheet would run as a formula quoted harmless. */
    static final class Csv {
        private final StringBuilder out = new StringBuilder();

        void row(List<?> cells) {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(String.valueOf(cells.get(i))));
            }
            out.append("\r\n");
        }

        static String cell(String value) {
            String text = value;
            if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?")) {
                text = "'" + text;
            }
            if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
                return "\"" + text.replace("\"", "\"\"") + "\"";
            }
            return text;
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
