package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.PAY;
import static dev.pillarboard.scorecard.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import dev.pillarboard.scorecard.support.WireMockCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;

/**
 * With no nudges at all, the scheduled poll still brings every catalog change in, also after the
 * catalog was down. (Its own profile: polls every second; this restarts the app once.)
 */
@QuarkusTest
@TestProfile(PollingFallbackTest.FastPolling.class)
@TestSecurity(user = "ada", roles = "platform-admin")
class PollingFallbackTest {

    public static class FastPolling implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pillarboard.scorecard.sync.poll-interval", "1s");
        }
    }

    @BeforeEach
    void noNudges() {
        FakeCatalog.nudging(false);
    }

    @AfterEach
    void restore() {
        WireMockCatalog.up();
        FakeCatalog.nudging(true);
    }

    @Test
    void scheduledPollBringsChangesInWithoutANudge() {
        String slug = FakeCatalog.createProduct(unique("poll"), PAY);
        Fixtures.awaitScorecard(slug);
    }

    @Test
    void afterAnOutageThePollCatchesUpWithoutANudge() {
        WireMockCatalog.down();
        String first = FakeCatalog.createProduct(unique("out1"), PAY);
        // Generous bounds: these wait for conditions, they time nothing. The first jsonPath() after the
        // profile's restart initialises Groovy's meta-classes in the new class loader, seconds on a busy machine.
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/sync").jsonPath().getBoolean("catalogReachable") == false);
        String second = FakeCatalog.createProduct(unique("out2"), PAY);
        WireMockCatalog.up();
        Fixtures.awaitScorecard(first);
        Fixtures.awaitScorecard(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/api/sync").jsonPath().getLong("lastRevision") == FakeCatalog.head());
    }
}
