package dev.pillarboard.scorecard.sync;

import static dev.pillarboard.scorecard.support.Fixtures.PAY;
import static dev.pillarboard.scorecard.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pillarboard.scorecard.client.CatalogChanges;
import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * Several replicas follow one catalog: a page is applied under a cluster-wide advisory lock and only
 * after the revision it was read after. Another replica is stood in for by a connection of the test
 * that holds the lock, or by a stored revision that is not the one a page was read after.
 */
@QuarkusTest
@TestSecurity(user = "ada", roles = "platform-admin")
class CatalogApplierTest {

    @Inject
    CatalogApplier applier;

    @Inject
    ObjectMapper mapper;

    static long storedRevision() {
        return Db.queryLong("SELECT last_revision FROM sync_state WHERE id = 1");
    }

    static boolean mirrored(String slug) {
        return Db.queryLong("SELECT count(*) FROM product WHERE slug = ?", slug) == 1;
    }

    /** A page with one new product, at a revision the fake catalog will never reach. */
    CatalogChanges page(String slug) {
        Map<String, Object> product = FakeCatalog.product(slug, PAY);
        long revision = FakeCatalog.head() + 1_000_000;
        product.put("revision", revision);
        return new CatalogChanges(List.of(new CatalogChanges.Change(revision, "product", slug, "upsert",
                mapper.valueToTree(product))), revision);
    }

    @Test
    void whileAnotherReplicaHoldsTheLockThisOneBacksOffAndCatchesUpWhenItIsReleased() {
        String slug;
        long before;
        try (Db.Session replica = Db.session()) {
            assertThat(replica.queryLong("SELECT CASE WHEN pg_try_advisory_xact_lock(?) THEN 1 ELSE 0 END",
                    CatalogApplier.FOLLOWER_LOCK)).isEqualTo(1);
            before = storedRevision();
            slug = FakeCatalog.createProduct(unique("locked"), PAY); // nudges this replica
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !mirrored(slug) && storedRevision() == before);
            given().get("/api/scorecards/{p}", slug).then().statusCode(404);
        }
        // Released: no nudge and no scheduled poll (an hour apart in tests), yet it looks again by itself.
        Fixtures.awaitScorecard(slug);
        assertThat(storedRevision()).isGreaterThan(before);
    }

    @Test
    void aPageIsNotAppliedWhileAnotherReplicaHoldsTheLock() {
        String slug = unique("busy-page");
        try (Db.Session replica = Db.session()) {
            replica.queryLong("SELECT CASE WHEN pg_try_advisory_xact_lock(?) THEN 1 ELSE 0 END", CatalogApplier.FOLLOWER_LOCK);
            long stored = applier.storedRevision();
            assertThat(applier.apply(stored, page(slug))).isEqualTo(CatalogApplier.PageResult.BUSY);
            assertThat(mirrored(slug)).isFalse();
            assertThat(applier.storedRevision()).isEqualTo(stored);
            assertThat(Db.queryLong("SELECT count(*) FROM evaluation_queue WHERE product = ?", slug)).isZero();
        }
    }

    @Test
    void aPageReadAfterARevisionThatIsNoLongerStoredIsNotApplied() {
        String slug = unique("moved-page");
        long stored = applier.storedRevision();
        assertThat(stored).isPositive();
        // Another replica applied pages since this one read the stored revision (and, the other way, a revision not yet stored).
        assertThat(applier.apply(stored - 1, page(slug))).isEqualTo(CatalogApplier.PageResult.MOVED);
        assertThat(applier.apply(stored + 1, page(slug))).isEqualTo(CatalogApplier.PageResult.MOVED);
        assertThat(mirrored(slug)).isFalse();
        assertThat(applier.storedRevision()).isEqualTo(stored);
        assertThat(Db.queryLong("SELECT count(*) FROM evaluation_queue WHERE product = ?", slug)).isZero();
    }
}
