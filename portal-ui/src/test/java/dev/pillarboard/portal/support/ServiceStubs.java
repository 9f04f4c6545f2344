package dev.pillarboard.portal.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * WireMock stand-ins for catalog-service and scorecard-service, one pair for the whole test run, on dynamic ports;
 * the portal's REST clients point at them. Tests stub what a page needs ({@link Stubs}) and verify what the portal
 * asked for.
 */
public class ServiceStubs implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer catalog;
    private static WireMockServer scorecard;

    @Override
    public Map<String, String> start() {
        if (catalog == null) {
            catalog = new WireMockServer(options().dynamicPort());
            scorecard = new WireMockServer(options().dynamicPort());
            catalog.start();
            scorecard.start();
        }
        return Map.of(
                "quarkus.rest-client.catalog.url", catalog.baseUrl(),
                "quarkus.rest-client.scorecard.url", scorecard.baseUrl());
    }

    @Override
    public void stop() {
        // Shared by every test class of the run: stopped with the JVM.
    }

    public static WireMockServer catalog() {
        return catalog;
    }

    public static WireMockServer scorecard() {
        return scorecard;
    }
}
