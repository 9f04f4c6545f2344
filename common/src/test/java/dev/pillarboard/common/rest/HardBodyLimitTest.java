package dev.pillarboard.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** An endpoint limit at or over the network ceiling would let a chunked body reach Quarkus's bare 413: no start. */
class HardBodyLimitTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    static HttpLimits limits(long json, Map<String, Long> large) {
        return new HttpLimits() {
            @Override
            public long jsonBodyBytes() {
                return json;
            }

            @Override
            public Map<String, Long> largeBody() {
                return large;
            }
        };
    }

    static HardBodyLimit ceiling(HttpLimits limits, long bytes) {
        return new HardBodyLimit(limits, Optional.of(new MemorySize(BigInteger.valueOf(bytes))), new ObjectMapper());
    }

    @Test
    void limitsBelowTheCeilingInstallTheRoute() {
        Router router = Router.router(vertx);
        ceiling(limits(1 << 20, Map.of("/api/import", 32L << 20)), 64L << 20).install(router);
        assertEquals(1, router.getRoutes().size());
    }

    @Test
    void aLimitAtOrOverTheCeilingStopsTheStartNamingIt() {
        IllegalStateException atTheCeiling = assertThrows(IllegalStateException.class,
                () -> ceiling(limits(1 << 20, Map.of("/api/import", 64L << 20)), 64L << 20).install(Router.router(vertx)));
        assertEquals("pillarboard.http.large-body.\"/api/import\" (67108864 bytes) must be below "
                + "quarkus.http.limits.max-body-size (67108864 bytes): raise the ceiling or lower the limit", atTheCeiling.getMessage());
        IllegalStateException over = assertThrows(IllegalStateException.class,
                () -> ceiling(limits(32L << 20, Map.of()), 16L << 20).install(Router.router(vertx)));
        assertTrue(over.getMessage().startsWith("pillarboard.http.json-body-bytes (33554432 bytes) must be below"), over.getMessage());
    }
}
