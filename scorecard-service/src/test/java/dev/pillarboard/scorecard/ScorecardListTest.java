package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.awaitStatus;
import static dev.pillarboard.scorecard.support.Fixtures.push;
import static dev.pillarboard.scorecard.support.Fixtures.signal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The scorecard list's filters (several owners, tier, text, review due, a check's status), its sorts by distance,
 * progress and name with the exact order in both directions, and the fields that say how far each product is from its
 * own phase bar. Six products of two teams of this class (and one of a third), made once; with the default rubric:
 *
 * <pre>
 * product  team  phase       evidence beyond the catalog's        distance  progress (met / required weight)
 * atBar    A     pre-launch  every required check                 0         100
 * launch   A     pre-launch  none                                 6          21  (8 / 38)
 * fresh    A     pre-pmf     none                                 15         17  (14 / 80)
 * alert    B     pre-pmf     availability alert (weight 5)        14         23  (19 / 80)
 * review   B     pre-pmf     changes reviewed (weight 3)          14         21  (17 / 80)
 * grown    B     pmf         none                                 29         11  (14 / 122)
 * other    C     pre-pmf     none                                 15         17
 * </pre>
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class ScorecardListTest {

    static final Duration SETUP = Duration.ofSeconds(10);

    static String teamA;
    static String teamB;
    static String teamC;
    static String atBar;
    static String launch;
    static String fresh;
    static String alert;
    static String review;
    static String grown;
    static String other;
    static String word;

    @BeforeEach
    void createProductsOnce() {
        if (teamA != null) {
            return;
        }
        String a = FakeCatalog.team(Fixtures.unique("sl-a"));
        String b = FakeCatalog.team(Fixtures.unique("sl-b"));
        String c = FakeCatalog.team(Fixtures.unique("sl-c"));
        word = Fixtures.unique("quokka").replace("-", "");
        atBar = create(a, "sl-atbar", "pre-launch", "Zulu Launchpad", 1, "Launches rockets");
        launch = create(a, "sl-launch", "pre-launch", "alpha Rocket", 3, "Holds 100% of the fuel_ratio");
        fresh = create(a, "sl-fresh", "pre-pmf", "Mango Store", 2, "Sells " + word.toUpperCase());
        alert = create(b, "sl-alert", "pre-pmf", "Bravo Cart", 2, "Carts");
        review = create(b, "sl-review", "pre-pmf", "charlie Pay", 1, "Pays");
        grown = create(b, "sl-grown", "pmf", "Delta Ledger", 3, "Books");
        other = create(c, "sl-other", "pre-pmf", "Echo " + word, 2, "Elsewhere");

        push(List.of(signal(atBar, "alerts.availability_rules", 1), signal(atBar, "ci.tests_on_every_change", true),
                signal(atBar, "secrets.findings_open", 0), signal(atBar, "api.unauthenticated_endpoints", 0),
                signal(atBar, "backup.last_success_at", Instant.now().toString()),
                signal(alert, "alerts.availability_rules", 2), signal(review, "repo.review_required", true)));
        given().contentType(ContentType.JSON).body(Map.of("product", atBar, "check", "rollback-exercised",
                "evidenceUrl", "https://wiki.example.com/rollback", "comment", "rolled back on purpose"))
                .post("/api/attestations").then().statusCode(201);
        // Setting up, not measuring: generous deadlines.
        awaitStatus(alert, "availability-alert", "pass", SETUP);
        awaitStatus(review, "changes-reviewed", "pass", SETUP);
        await().atMost(SETUP).pollInterval(Duration.ofMillis(25))
                .until(() -> Fixtures.scorecard(atBar).getBoolean("meetsPhaseBar"));

        // Reviews: atBar just now, fresh 89 days ago (not due yet), launch 91 days ago (due again; the interval is 90 days).
        for (String slug : List.of(atBar, fresh, launch)) {
            given().contentType(ContentType.JSON).body(Map.of("product", slug, "decision", "approved")).post("/api/reviews")
                    .then().statusCode(201);
        }
        Db.update("UPDATE review SET reviewed_at = now() - interval '89 days' WHERE product = ?", fresh);
        Db.update("UPDATE review SET reviewed_at = now() - interval '91 days' WHERE product = ?", launch);
        teamC = c;
        teamB = b;
        teamA = a;
    }

    static String create(String team, String prefix, String phase, String name, int tier, String description) {
        Map<String, Object> product = FakeCatalog.product(Fixtures.unique(prefix), team);
        product.put("phase", phase);
        product.put("name", name);
        product.put("tier", tier);
        product.put("description", description);
        FakeCatalog.upsert(product);
        String slug = (String) product.get("slug");
        Fixtures.awaitScorecard(slug);
        return slug;
    }

    static RequestSpecification both() {
        return given().queryParam("owner", teamA + "," + teamB);
    }

    static JsonPath list(RequestSpecification request) {
        return request.get("/api/scorecards").then().statusCode(200).extract().jsonPath();
    }

    static List<String> products(RequestSpecification request) {
        return list(request).getList("items.product", String.class);
    }

    static Map<String, Object> item(JsonPath list, String product) {
        return list.getMap("items.find { it.product == '" + product + "' }");
    }

    @Test
    void ownerTakesSeveralTeams() {
        assertThat(products(both().queryParam("sort", "product"))).containsExactlyInAnyOrder(atBar, launch, fresh, alert,
                review, grown);
        assertThat(products(given().queryParam("owner", teamA))).containsExactlyInAnyOrder(atBar, launch, fresh);
        assertThat(products(given().queryParam("owner", teamC))).containsExactly(other);
        // Blank entries and spaces around the commas are ignored; a team without products adds nothing.
        assertThat(products(given().queryParam("owner", " " + teamA + ", ," + teamC + " ")))
                .containsExactlyInAnyOrder(atBar, launch, fresh, other);
        assertThat(products(given().queryParam("owner", teamC + ",no-such-team"))).containsExactly(other);
        JsonPath everyOwner = list(both().queryParam("size", 100));
        assertThat(everyOwner.getList("items.owner", String.class)).containsOnly(teamA, teamB);
        assertThat(everyOwner.getInt("total")).isEqualTo(6);
        // The total of a later page is counted with the same owners.
        JsonPath page = list(both().queryParam("sort", "distance").queryParam("size", 4).queryParam("page", 1));
        assertThat(page.getList("items.product", String.class)).containsExactly(fresh, grown);
        assertThat(page.getInt("total")).isEqualTo(6);
    }

    @Test
    void tierAndPhaseNarrowTheOwners() {
        assertThat(products(both().queryParam("tier", 1).queryParam("sort", "product"))).containsExactlyInAnyOrder(atBar, review);
        assertThat(products(both().queryParam("tier", 3))).containsExactlyInAnyOrder(launch, grown);
        assertThat(products(both().queryParam("tier", 2).queryParam("phase", "pre-pmf"))).containsExactlyInAnyOrder(fresh, alert);
        given().queryParam("tier", 4).get("/api/scorecards").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("tier"));
        given().queryParam("tier", "two").get("/api/scorecards").then().statusCode(400)
                .body("violations[0].field", equalTo("tier"));
    }

    @Test
    void qSearchesSlugNameAndDescriptionIgnoringCaseWithWildcardsLiteral() {
        // The word is in fresh's description (upper case) and in other's name (lower case); no owner filter.
        assertThat(products(given().queryParam("q", word).queryParam("sort", "product")))
                .containsExactlyInAnyOrder(fresh, other);
        assertThat(products(given().queryParam("q", word.toUpperCase()))).containsExactlyInAnyOrder(fresh, other);
        // The slug: its random part is unique to one product.
        String slugPart = alert.substring(alert.lastIndexOf('-') + 1);
        assertThat(products(given().queryParam("q", slugPart.toUpperCase()))).containsExactly(alert);
        // Name (alpha Rocket) and description (Launches rockets), either case.
        assertThat(products(both().queryParam("q", "ROCKET"))).containsExactlyInAnyOrder(atBar, launch);
        assertThat(products(both().queryParam("q", "mango st"))).containsExactly(fresh);
        // LIKE's wildcards are plain characters.
        assertThat(products(both().queryParam("q", "100%"))).containsExactly(launch);
        assertThat(products(both().queryParam("q", "%"))).containsExactly(launch);
        assertThat(products(both().queryParam("q", "_"))).containsExactly(launch);
        assertThat(products(both().queryParam("q", "a_ledger"))).isEmpty();
        assertThat(list(both().queryParam("q", "no such text anywhere")).getInt("total")).isZero();
        given().queryParam("q", "x".repeat(201)).get("/api/scorecards").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("q"));
    }

    @Test
    void reviewDueMeansNeverReviewedOrReviewedAnIntervalAgo() {
        // Slugs start sl-alert, sl-atbar, sl-fresh, sl-grown, sl-launch, sl-review.
        assertThat(products(both().queryParam("reviewDue", "true").queryParam("sort", "product")))
                .containsExactly(alert, grown, launch, review);
        assertThat(products(both().queryParam("reviewDue", "false").queryParam("sort", "product")))
                .containsExactly(atBar, fresh);
        JsonPath all = list(both());
        for (String slug : List.of(launch, alert, review, grown)) {
            assertThat(item(all, slug)).as(slug).containsEntry("reviewDue", true);
        }
        for (String slug : List.of(fresh, atBar)) {
            assertThat(item(all, slug)).as(slug).containsEntry("reviewDue", false);
        }
        assertThat(item(all, alert)).doesNotContainKey("lastReviewAt");
        assertThat(item(all, launch).get("lastReviewAt")).isNotNull();
        given().queryParam("reviewDue", "soon").get("/api/scorecards").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("reviewDue"));
    }

    @Test
    void checkAddsThatChecksStatusToEachSummary() {
        JsonPath ci = list(both().queryParam("check", "ci-tests"));
        assertThat(item(ci, atBar)).containsEntry("checkStatus", "pass")
                .containsEntry("checkReason", "ci.tests_on_every_change is true");
        for (String slug : List.of(launch, fresh, alert, review, grown)) {
            assertThat(item(ci, slug)).as(slug).containsEntry("checkStatus", "not-connected");
            assertThat((String) item(ci, slug).get("checkReason")).as(slug)
                    .startsWith("not connected: no ci.tests_on_every_change has been pushed for this product yet");
        }
        JsonPath alerts = list(both().queryParam("check", "availability-alert"));
        assertThat(item(alerts, alert)).containsEntry("checkStatus", "pass");
        assertThat(item(alerts, review)).containsEntry("checkStatus", "not-connected");
        // game-day applies only in pmf.
        JsonPath gameDay = list(both().queryParam("check", "game-day"));
        assertThat(item(gameDay, grown)).containsEntry("checkStatus", "unknown");
        assertThat(item(gameDay, fresh)).containsEntry("checkStatus", "n/a");
        assertThat(item(gameDay, launch)).containsEntry("checkStatus", "n/a");
        // Without check= there is no checkStatus at all.
        assertThat(item(list(both()), atBar)).doesNotContainKey("checkStatus").doesNotContainKey("checkReason");
        given().queryParam("check", "no-such-check").get("/api/scorecards").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("check"))
                .body("violations[0].message", containsString("no-such-check"));
    }

    @Test
    void sortsByDistanceInBothDirectionsWithTheExactOrder() {
        // Equal distance: the one further along (higher progress) first; the reverse sort is the exact reverse.
        assertThat(products(both().queryParam("sort", "distance"))).containsExactly(atBar, launch, alert, review, fresh, grown);
        assertThat(products(both().queryParam("sort", "-distance"))).containsExactly(grown, fresh, review, alert, launch, atBar);
    }

    @Test
    void sortsByProgressInBothDirectionsWithTheExactOrder() {
        // Equal progress (21): the one with more required checks still missing first; the reverse is the exact reverse.
        assertThat(products(both().queryParam("sort", "progress"))).containsExactly(grown, fresh, review, launch, alert, atBar);
        assertThat(products(both().queryParam("sort", "-progress"))).containsExactly(atBar, alert, launch, review, fresh, grown);
    }

    @Test
    void sortsByNameIgnoringCaseInBothDirections() {
        // alpha Rocket, Bravo Cart, charlie Pay, Delta Ledger, Mango Store, Zulu Launchpad
        assertThat(products(both().queryParam("sort", "name"))).containsExactly(launch, alert, review, grown, fresh, atBar);
        assertThat(products(both().queryParam("sort", "-name"))).containsExactly(atBar, fresh, grown, review, alert, launch);
        given().queryParam("sort", "-owner").get("/api/scorecards").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("distance"));
    }

    @Test
    void summariesCarryNameTierProgressAndRequiredChecks() {
        JsonPath all = list(both());
        assertThat(item(all, fresh)).contains(entry("name", "Mango Store"), entry("tier", 2), entry("phase", "pre-pmf"),
                entry("progress", 17), entry("distance", 15), entry("requiredChecks", 19), entry("meetsPhaseBar", false));
        assertThat(item(all, atBar)).contains(entry("name", "Zulu Launchpad"), entry("tier", 1), entry("progress", 100),
                entry("distance", 0), entry("requiredChecks", 8), entry("meetsPhaseBar", true));
        assertThat(item(all, launch)).contains(entry("progress", 21), entry("distance", 6), entry("requiredChecks", 8));
        assertThat(item(all, alert)).contains(entry("progress", 23), entry("distance", 14), entry("requiredChecks", 19));
        assertThat(item(all, review)).contains(entry("progress", 21), entry("distance", 14));
        assertThat(item(all, grown)).contains(entry("name", "Delta Ledger"), entry("tier", 3), entry("progress", 11),
                entry("distance", 29), entry("requiredChecks", 33));
        // Per pillar, of the fresh pre-pmf product: required weight met / required, and required checks not met.
        Map<String, Map<String, Object>> pillars = pillars(all, fresh);
        assertThat(pillars.get("observability")).contains(entry("progress", 25), entry("distance", 2)); // 3 / 12
        assertThat(pillars.get("incident-response")).contains(entry("progress", 47), entry("distance", 2)); // 8 / 17
        assertThat(pillars.get("release-change")).contains(entry("progress", 15), entry("distance", 4)); // 3 / 19
        assertThat(pillars.get("security")).contains(entry("progress", 0), entry("distance", 4));
        assertThat(pillars.get("resilience-capacity")).contains(entry("progress", 0), entry("distance", 3));
        // pre-launch requires one incident-response check, which the catalog data meets.
        assertThat(pillars(all, launch).get("incident-response")).contains(entry("progress", 100), entry("distance", 0));
        assertThat(pillars(all, atBar).values()).allSatisfy(p -> assertThat(p).contains(entry("progress", 100),
                entry("distance", 0)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> pillars(JsonPath list, String product) {
        List<Map<String, Object>> pillars = (List<Map<String, Object>>) item(list, product).get("pillars");
        Map<String, Map<String, Object>> byId = new java.util.LinkedHashMap<>();
        pillars.forEach(p -> byId.put((String) p.get("id"), p));
        return byId;
    }
}
