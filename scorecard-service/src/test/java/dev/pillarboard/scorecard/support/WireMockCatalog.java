package dev.pillarboard.scorecard.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A WireMock server that stands in for catalog-service: {@code GET /api/changes} answers from
 * {@link FakeCatalog}. Tests can make it fail (HTTP 503), refuse connections (stopped) and come back.
 * One server for the whole test run (the Quarkus app is shared by the test classes).
 */
public class WireMockCatalog implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;
    private static int port;
    private static StubMapping failure;

    /** Serves the feed from FakeCatalog. */
    public static final class Feed implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String after = event.getRequest().queryParameter("after").isPresent()
                    ? event.getRequest().queryParameter("after").firstValue() : "0";
            String limit = event.getRequest().queryParameter("limit").isPresent()
                    ? event.getRequest().queryParameter("limit").firstValue() : "100";
            Map<String, Object> page = FakeCatalog.changes(Long.parseLong(after), Integer.parseInt(limit));
            try {
                return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(page)).build();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return "catalog-feed";
        }
    }

    @Override
    public Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(new Feed()));
            server.start();
            port = server.port();
            stubFeed();
        } else if (!server.isRunning()) {
            up();
        }
        return Map.of("quarkus.rest-client.catalog.url", "http://localhost:" + port);
    }

    @Override
    public void stop() {
        // kept for the whole run: the next app start (another test profile) uses the same catalog
    }

    private static void stubFeed() {
        server.stubFor(get(urlPathEqualTo("/api/changes")).atPriority(5)
                .willReturn(aResponse().withTransformers("catalog-feed")));
    }

    /** The catalog answers 503 to every feed request until {@link #heal()}. */
    public static synchronized void failWith503() {
        heal();
        failure = server.stubFor(get(urlPathEqualTo("/api/changes")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("{\"title\":\"Service Unavailable\"}")));
    }

    /** The catalog resets connections until {@link #heal()}. */
    public static synchronized void failWithConnectionReset() {
        heal();
        failure = server.stubFor(get(urlPathEqualTo("/api/changes")).atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }

    public static synchronized void heal() {
        if (failure != null) {
            server.removeStub(failure);
            failure = null;
        }
    }

    /** Stops the server: connections are refused. */
    public static synchronized void down() {
        server.stop();
    }

    /** Starts it again on the same port. */
    public static synchronized void up() {
        if (!server.isRunning()) {
            server = new WireMockServer(WireMockConfiguration.options().port(port).extensions(new Feed()));
            server.start();
            stubFeed();
        }
    }

    public static int feedRequests() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/api/changes"))).size();
    }
}
