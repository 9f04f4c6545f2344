package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.PAY;
import static dev.pillarboard.scorecard.support.Fixtures.PAY_CLAIM;
import static dev.pillarboard.scorecard.support.Fixtures.SEARCH_CLAIM;
import static dev.pillarboard.scorecard.support.Fixtures.awaitStatus;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;

/**
 * Waivers. A request and its decision need two people; the request a decision test starts from is
 * stored directly (as dana made it), and the decision goes through the API.
 */
@QuarkusTest
class WaiverResourceTest {

    /** A waiver request of a check, as if dana had made it, expiring after the given time. */
    static long requested(String product, String check, Duration expiresIn) {
        Db.update("""
                INSERT INTO waiver (product, check_id, reason, requested_by, requested_at, expires_at, status)
                VALUES (?, ?, 'Migrating to the new alerting stack', 'dana', now(), ?, 'requested')""",
                product, check, Timestamp.from(Instant.now().plus(expiresIn)));
        return Db.queryLong("SELECT max(id) FROM waiver WHERE product = ?", product);
    }

    static Map<String, Object> request(String product, String check, Instant expiresAt) {
        return Map.of("product", product, "check", check, "reason", "Launch first, alerts next sprint",
                "expiresAt", expiresAt.toString());
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void aWaiverUntilThePhaseChangesStopsCountingWhenItDoes() {
        Map<String, Object> product = dev.pillarboard.scorecard.support.FakeCatalog.product(Fixtures.unique("wphase"), Fixtures.PAY);
        dev.pillarboard.scorecard.support.FakeCatalog.upsert(product);
        String slug = (String) product.get("slug");
        Fixtures.awaitScorecard(slug);
        // "No availability alert until PMF": no date needed, the phase it is asked in is kept.
        long id = given().contentType(ContentType.JSON).body(Map.of("product", slug, "check", "availability-alert",
                "reason", "No paging until PMF", "untilPhaseChange", true)).post("/api/waivers").then().statusCode(201)
                .body("untilPhaseChange", equalTo(true)).body("phase", equalTo("pre-pmf")).body("expiresAt", notNullValue())
                .extract().jsonPath().getLong("id");
        // Approved by the team's lead (four eyes; the decision itself is covered by the tests above).
        Db.update("UPDATE waiver SET status = 'approved', decided_by = 'lee', decided_at = now() WHERE id = ?", id);
        Db.requeue(slug);
        awaitStatus(slug, "availability-alert", "waived", Fixtures.VISIBLE);
        given().get("/api/scorecards/{p}", slug).then()
                .body("checks.find { it.id == 'availability-alert' }.waiver.phase", equalTo("pre-pmf"));

        // The product reaches PMF: the waiver ends at once, whatever its date, and says so.
        product.put("phase", "pmf");
        dev.pillarboard.scorecard.support.FakeCatalog.upsert(product);
        awaitStatus(slug, "availability-alert", "not-connected", Fixtures.VISIBLE);
        given().get("/api/waivers/{id}", id).then().statusCode(200).body("status", equalTo("expired"))
                .body("endedAt", notNullValue());
        given().queryParam("product", slug).queryParam("status", "approved").get("/api/waivers").then()
                .body("total", equalTo(0));
        // Moving back does not revive it.
        product.put("phase", "pre-pmf");
        dev.pillarboard.scorecard.support.FakeCatalog.upsert(product);
        await().atMost(Fixtures.VISIBLE).until(() -> "pre-pmf".equals(Fixtures.scorecard(slug).getString("phase")));
        assertThat(Fixtures.status(slug, "availability-alert")).isEqualTo("not-connected");
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void teamMemberRequestsAWaiver() {
        String slug = product("wreq");
        given().contentType(ContentType.JSON).body(request(slug, "availability-alert", Instant.now().plus(Duration.ofDays(30))))
                .post("/api/waivers").then().statusCode(201).header("Location", containsString("/api/waivers/"))
                .body("status", equalTo("requested")).body("requestedBy", equalTo("dana")).body("id", notNullValue());
        // One open request per check.
        given().contentType(ContentType.JSON).body(request(slug, "availability-alert", Instant.now().plus(Duration.ofDays(30))))
                .post("/api/waivers").then().statusCode(409).contentType("application/problem+json");
        given().queryParam("product", slug).queryParam("status", "requested").get("/api/waivers").then().statusCode(200)
                .body("total", equalTo(1)).body("items.status", everyItem(equalTo("requested")));
        given().queryParam("status", "pending").get("/api/waivers").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void concurrentRequestsForOneCheckGetOne201AndOtherwise409NeverA500() throws Exception {
        String slug = product("wrace");
        List<String> checks = List.of("availability-alert", "runbooks", "slos-defined", "on-call-escalation", "game-day");
        int concurrent = 10;
        Instant expiresAt = Instant.now().plus(Duration.ofDays(30));
        ExecutorService clients = Executors.newFixedThreadPool(concurrent);
        try {
            for (String check : checks) {
                // Every client waits at the gate, so that the requests reach the service together.
                CountDownLatch ready = new CountDownLatch(concurrent);
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < concurrent; i++) {
                    answers.add(clients.submit(() -> {
                        ready.countDown();
                        gate.await();
                        var response = given().contentType(ContentType.JSON).body(request(slug, check, expiresAt))
                                .post("/api/waivers").then().extract();
                        if (response.statusCode() == 409) {
                            assertThat(response.contentType()).startsWith("application/problem+json");
                            assertThat(response.jsonPath().getString("detail")).contains("already awaiting a decision");
                        }
                        return response.statusCode();
                    }));
                }
                assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
                gate.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(30, TimeUnit.SECONDS));
                }
                assertThat(statuses).as(check).containsOnly(201, 409);
                assertThat(statuses).as(check).filteredOn(status -> status == 201).hasSize(1);
                assertThat(Db.queryLong("SELECT count(*) FROM waiver WHERE product = ? AND check_id = ? AND status = 'requested'",
                        slug, check)).as(check).isEqualTo(1);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void expiryMustBeInTheFutureAndWithinAYearAndTheCheckKnown() {
        String slug = product("wexp");
        given().contentType(ContentType.JSON).body(request(slug, "availability-alert", Instant.now().minusSeconds(60)))
                .post("/api/waivers").then().statusCode(400).body("violations[0].field", equalTo("expiresAt"));
        // The last day allowed is named as a date (UTC), and the end of that day is allowed, as a form that asks for a
        // day sends it; the next day is not.
        String lastDay = given().contentType(ContentType.JSON)
                .body(request(slug, "availability-alert", Instant.now().plus(Duration.ofDays(400)))).post("/api/waivers")
                .then().statusCode(400).extract().path("violations[0].message");
        java.time.LocalDate named = java.time.LocalDate.parse(lastDay.replaceAll(".*\\(until ([0-9-]+)\\).*", "$1"));
        given().contentType(ContentType.JSON).body(request(slug, "availability-alert",
                named.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                .post("/api/waivers").then().statusCode(400).body("violations[0].field", equalTo("expiresAt"));
        given().contentType(ContentType.JSON).body(request(slug, "availability-alert",
                named.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().minusSeconds(1)))
                .post("/api/waivers").then().statusCode(201);
        given().contentType(ContentType.JSON).body(request(slug, "availability-alert", Instant.now().plus(Duration.ofDays(400))))
                .post("/api/waivers").then().statusCode(400).body("violations[0].field", equalTo("expiresAt"))
                .body("violations[0].message", matchesPattern(
                        "may be at most \\d+ days ahead \\(until \\d{4}-\\d{2}-\\d{2}\\); ask again when it expires"));
        given().contentType(ContentType.JSON).body(request(slug, "no-such-check", Instant.now().plus(Duration.ofDays(3))))
                .post("/api/waivers").then().statusCode(422).body("violations[0].field", equalTo("check"));
        given().contentType(ContentType.JSON).body(request("no-such-product", "availability-alert", Instant.now().plus(Duration.ofDays(3))))
                .post("/api/waivers").then().statusCode(422).body("violations[0].field", equalTo("product"));
        given().contentType(ContentType.JSON).body(Map.of("product", slug)).post("/api/waivers").then().statusCode(400)
                .body("violations.field", hasItems("check", "reason"));
        // expiresAt may be left out only for a waiver until the product changes phase.
        given().contentType(ContentType.JSON).body(Map.of("product", slug, "check", "availability-alert", "reason", "later"))
                .post("/api/waivers").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("expiresAt"));
    }

    @Test
    @TestSecurity(user = "sam", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = SEARCH_CLAIM, type = ClaimType.JSON_ARRAY))
    void otherTeamsCannotRequest() {
        String slug = product("wother");
        given().contentType(ContentType.JSON).body(request(slug, "availability-alert", Instant.now().plus(Duration.ofDays(3))))
                .post("/api/waivers").then().statusCode(403).body("detail", containsString(PAY));
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void approvedWaiverCountsWithinTwoSecondsAndASecondDecisionIs409() {
        String slug = product("wok");
        long id = requested(slug, "availability-alert", Duration.ofDays(30));
        given().contentType(ContentType.JSON).body(Map.of("decision", "approve", "comment", "ok for a month"))
                .post("/api/waivers/{id}/decision", id).then().statusCode(200)
                .body("status", equalTo("approved")).body("decidedBy", equalTo("lee"));
        awaitStatus(slug, "availability-alert", "waived", Fixtures.VISIBLE);
        given().get("/api/scorecards/{p}", slug).then()
                .body("checks.find { it.id == 'availability-alert' }.waiver.id", equalTo(Long.toString(id)))
                .body("checks.find { it.id == 'availability-alert' }.reason", containsString("waived until"));
        given().contentType(ContentType.JSON).body(Map.of("decision", "reject")).post("/api/waivers/{id}/decision", id)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", matchesPattern("Waiver " + id + " was already approved by lee at \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"));
        given().contentType(ContentType.JSON).body(Map.of("decision", "maybe")).post("/api/waivers/{id}/decision", id)
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("decision", "approve")).post("/api/waivers/{id}/decision", 999999999)
                .then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void expiredWaiverStopsCountingWithoutARestart() {
        String slug = product("wend");
        long id = requested(slug, "availability-alert", Duration.ofSeconds(4));
        given().contentType(ContentType.JSON).body(Map.of("decision", "approve")).post("/api/waivers/{id}/decision", id)
                .then().statusCode(200);
        awaitStatus(slug, "availability-alert", "waived", Fixtures.VISIBLE);
        // Its signal was never pushed: once the waiver ends the check reads not connected again.
        awaitStatus(slug, "availability-alert", "not-connected", Duration.ofSeconds(10));
        given().queryParam("product", slug).queryParam("status", "expired").get("/api/waivers").then()
                .body("items[0].status", equalTo("expired"));
    }

    @Test
    @TestSecurity(user = "lee", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void leadMayNotDecideTheirOwnRequest() {
        String slug = product("weyes");
        Db.update("""
                INSERT INTO waiver (product, check_id, reason, requested_by, requested_at, expires_at, status)
                VALUES (?, 'runbooks', 'r', 'lee', now(), now() + interval '3 days', 'requested')""", slug);
        long id = Db.queryLong("SELECT max(id) FROM waiver WHERE product = ?", slug);
        given().contentType(ContentType.JSON).body(Map.of("decision", "approve")).post("/api/waivers/{id}/decision", id)
                .then().statusCode(403).body("detail", containsString("four eyes"));
    }

    @Test
    @TestSecurity(user = "tara", roles = { "team-lead", "developer" })
    @OidcSecurity(claims = @Claim(key = "teams", value = SEARCH_CLAIM, type = ClaimType.JSON_ARRAY))
    void leadOfAnotherTeamMayNotDecide() {
        String slug = product("wlead");
        long id = requested(slug, "runbooks", Duration.ofDays(3));
        given().contentType(ContentType.JSON).body(Map.of("decision", "approve")).post("/api/waivers/{id}/decision", id)
                .then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void developersMayNotDecide() {
        String slug = product("wdev");
        long id = requested(slug, "runbooks", Duration.ofDays(3));
        given().contentType(ContentType.JSON).body(Map.of("decision", "approve")).post("/api/waivers/{id}/decision", id)
                .then().statusCode(403);
    }

    /** A waiver stored as if dana had requested it and (unless requested) lee had decided it. */
    static long stored(String product, String check, String status, Duration expiresIn) {
        Db.update("""
                INSERT INTO waiver (product, check_id, reason, requested_by, requested_at, expires_at, status, decided_by,
                    decided_at)
                VALUES (?, ?, 'Migrating', 'dana', now(), ?, ?, CASE WHEN ? = 'requested' THEN NULL ELSE 'lee' END,
                    CASE WHEN ? = 'requested' THEN NULL ELSE now() END)""",
                product, check, Timestamp.from(Instant.now().plus(expiresIn)), status, status, status);
        return Db.queryLong("SELECT max(id) FROM waiver WHERE product = ? AND check_id = ?", product, check);
    }

    static List<Long> ids(Map<String, Object> query) {
        return given().queryParams(query).queryParam("size", 100).get("/api/waivers").then().statusCode(200).extract()
                .jsonPath().getList("items.id", Long.class);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void waiversByOwningTeamsAndByExpiry() {
        String one = FakeCatalog.team(Fixtures.unique("sc-w1"));
        String two = FakeCatalog.team(Fixtures.unique("sc-w2"));
        String empty = FakeCatalog.team(Fixtures.unique("sc-w0"));
        String first = product("wown1", one);
        String second = product("wown2", one);
        String third = product("wown3", two);
        // Newest first: later rows were requested later (or at the same instant with a higher id).
        long soonRequested = stored(first, "runbooks", "requested", Duration.ofDays(3));
        long lateApproved = stored(first, "availability-alert", "approved", Duration.ofDays(40));
        long soonApproved = stored(second, "slos-defined", "approved", Duration.ofDays(10));
        long rejected = stored(third, "game-day", "rejected", Duration.ofDays(5));
        long otherTeam = stored(third, "runbooks", "approved", Duration.ofDays(8));

        assertThat(ids(Map.of("owner", one))).containsExactly(soonApproved, lateApproved, soonRequested);
        assertThat(ids(Map.of("owner", two))).containsExactly(otherTeam, rejected);
        assertThat(ids(Map.of("owner", one + "," + two))).containsExactly(otherTeam, rejected, soonApproved, lateApproved,
                soonRequested);
        assertThat(ids(Map.of("owner", one + ", " + two, "status", "approved"))).containsExactly(otherTeam, soonApproved,
                lateApproved);
        assertThat(ids(Map.of("owner", one, "product", first))).containsExactly(lateApproved, soonRequested);
        // A team without products (or no team at all) has no waivers: an empty page, not every waiver.
        given().queryParam("owner", empty).get("/api/waivers").then().statusCode(200).body("total", equalTo(0))
                .body("items", org.hamcrest.Matchers.empty());
        given().queryParam("owner", "no-such-team").get("/api/waivers").then().statusCode(200).body("total", equalTo(0));
        // ...and its other parameters are still checked.
        given().queryParam("owner", empty).queryParam("status", "pending").get("/api/waivers").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("status"));

        // Expiring within three weeks: the requested one in 3 days, the approved ones in 10 and 8 days, the rejected one.
        String inThreeWeeks = Instant.now().plus(Duration.ofDays(21)).toString();
        assertThat(ids(Map.of("owner", one + "," + two, "expiresBefore", inThreeWeeks))).containsExactly(otherTeam, rejected,
                soonApproved, soonRequested);
        // The lead's "expiring soon": approved and counting, ending before then.
        assertThat(ids(Map.of("owner", one + "," + two, "status", "approved", "expiresBefore", inThreeWeeks)))
                .containsExactly(otherTeam, soonApproved);
        // An ISO date means its start (UTC); nothing of these ends before today.
        assertThat(ids(Map.of("owner", one + "," + two, "expiresBefore", java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                .toString()))).isEmpty();
        given().queryParam("expiresBefore", "next week").get("/api/waivers").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("expiresBefore"));
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void platformAdminRejectsAndTheCheckStaysUnwaived() {
        String slug = product("wrej");
        long id = requested(slug, "availability-alert", Duration.ofDays(3));
        given().contentType(ContentType.JSON).body(Map.of("decision", "reject", "comment", "add the alert instead"))
                .post("/api/waivers/{id}/decision", id).then().statusCode(200).body("status", equalTo("rejected"))
                .body("comment", equalTo("add the alert instead"));
        given().get("/api/waivers/{id}", id).then().statusCode(200).body("status", equalTo("rejected"));
        Fixtures.requeueAndWait(slug);
        given().get("/api/scorecards/{p}", slug).then()
                .body("checks.find { it.id == 'availability-alert' }.status", equalTo("not-connected"));
    }
}
