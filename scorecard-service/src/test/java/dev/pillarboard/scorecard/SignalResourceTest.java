package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.awaitStatus;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static dev.pillarboard.scorecard.support.Fixtures.push;
import static dev.pillarboard.scorecard.support.Fixtures.signal;
import static dev.pillarboard.scorecard.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;

@QuarkusTest
class SignalResourceTest {

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void pushedSignalIsVisibleWithinTwoSecondsAndCanFailAgain() {
        String slug = product("push");
        push(List.of(signal(slug, "secrets.findings_open", 0), signal(slug, "memory.unused", "x")));
        awaitStatus(slug, "no-secrets-in-code", "pass", Fixtures.VISIBLE);
        push(List.of(signal(slug, "secrets.findings_open", 3)));
        awaitStatus(slug, "no-secrets-in-code", "fail", Fixtures.VISIBLE);
    }

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void olderObservationDoesNotOverwriteANewerOne() {
        String slug = product("older");
        Instant now = Instant.now();
        push(List.of(signal(slug, "ci.tests_on_every_change", true, now)));
        awaitStatus(slug, "ci-tests", "pass", Fixtures.VISIBLE);
        given().contentType(ContentType.JSON).body(List.of(signal(slug, "ci.tests_on_every_change", false, now.minusSeconds(3600))))
                .post("/api/signals").then().statusCode(202).body("ignoredAsOlder", equalTo(1)).body("applied", equalTo(0));
        Fixtures.requeueAndWait(slug);
        awaitStatus(slug, "ci-tests", "pass", Fixtures.VISIBLE);
    }

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void answerCountsTheObservationsThatWereNewer() {
        String slug = product("counts");
        Instant now = Instant.now();
        given().contentType(ContentType.JSON)
                .body(List.of(signal(slug, "slo.count", 1, now), signal(slug, "slo.compliance", 0.999, now)))
                .post("/api/signals").then().statusCode(202)
                .body("accepted", equalTo(2)).body("applied", equalTo(2)).body("ignoredAsOlder", equalTo(0));
        // One newer, one older than stored; and the same key twice in a batch keeps only the newest.
        given().contentType(ContentType.JSON)
                .body(List.of(signal(slug, "slo.count", 2, now.plusSeconds(1)), signal(slug, "slo.compliance", 0.5, now.minusSeconds(60)),
                        signal(slug, "ci.tests_on_every_change", false, now.minusSeconds(5)),
                        signal(slug, "ci.tests_on_every_change", true, now)))
                .post("/api/signals").then().statusCode(202)
                .body("accepted", equalTo(4)).body("applied", equalTo(2)).body("ignoredAsOlder", equalTo(2));
        awaitStatus(slug, "ci-tests", "pass", Fixtures.VISIBLE);
    }

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void oneBadItemRejectsTheWholeBatchWithItsIndex() {
        String slug = product("bad");
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(signal(slug, "slo.count", 2));
        Map<String, Object> bad = new HashMap<>(signal(slug, "slo.count", 1));
        bad.put("value", Map.of("nested", 1));
        batch.add(bad);
        Map<String, Object> future = new HashMap<>(signal(slug, "slo.count", 1, Instant.now().plus(Duration.ofHours(1))));
        batch.add(future);
        Map<String, Object> missing = new HashMap<>(signal(slug, "bad key!", 1));
        missing.remove("observedAt");
        missing.put("colour", "red");
        batch.add(missing);
        given().contentType(ContentType.JSON).body(batch).post("/api/signals").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("[1].value"))
                .body("violations.field", hasItem("[2].observedAt"))
                .body("violations.field", hasItem("[3].observedAt"))
                .body("violations.field", hasItem("[3].key"))
                .body("violations.field", hasItem("[3].colour"))
                .body("detail", containsString("nothing was stored"));
        // The valid first item was not stored either.
        given().get("/api/scorecards/{p}", slug).then().statusCode(200)
                .body("checks.find { it.id == 'slos-defined' }.status", equalTo("not-connected"));
        given().contentType(ContentType.JSON).body("[]").post("/api/signals").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"product\": ").post("/api/signals").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void batchOfMoreThanAThousandIsRefused() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            batch.add(signal("any", "k" + i, i));
        }
        given().contentType(ContentType.JSON).body(batch).post("/api/signals").then().statusCode(400)
                .body("detail", containsString("at most 1000"));
    }

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void unknownProductIs422NamingIt() {
        String known = product("known");
        String ghost = unique("ghost");
        given().contentType(ContentType.JSON).body(List.of(signal(known, "slo.count", 1), signal(ghost, "slo.count", 1)))
                .post("/api/signals").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("[1].product")).body("detail", containsString(ghost));
    }

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void productCreatedAMomentAgoIsAcceptedEvenBeforeTheFollowerSawIt() {
        String slug = unique("fresh");
        FakeCatalog.nudging(false);
        try {
            FakeCatalog.createProduct(slug, Fixtures.PAY);
            // No nudge and a long poll interval: only the poll triggered by the unknown product finds it.
            push(List.of(signal(slug, "slo.count", 1)));
        } finally {
            FakeCatalog.nudging(true);
        }
        Fixtures.awaitScorecard(slug);
    }

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void signalOlderThanItsMaxAgeBecomesUnknownWithoutNewInput() {
        String slug = product("stale");
        // availability-alert has maxAge 7d: observed 7 days minus 3 seconds ago, it is fresh for 3 more seconds.
        push(List.of(signal(slug, "alerts.availability_rules", 1, Instant.now().minus(Duration.ofDays(7)).plusSeconds(3))));
        awaitStatus(slug, "availability-alert", "pass", Fixtures.VISIBLE);
        awaitStatus(slug, "availability-alert", "unknown", Duration.ofSeconds(8));
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    void developersDoNotPushSignals() {
        given().contentType(ContentType.JSON).body(List.of(signal("x", "slo.count", 1))).post("/api/signals")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anonymousCallersAre401() {
        given().contentType(ContentType.JSON).body(List.of(signal("x", "slo.count", 1))).post("/api/signals")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
