package dev.pillarboard.portal.support;

import java.net.URL;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/**
 * What a test of the portal against the stand-ins starts from: the recorded answers stubbed, the application
 * warmed once, circuit breakers closed, and a fresh browser (no cookies of another test).
 */
public abstract class StubbedPortalTest {

    @TestHTTPResource("/")
    protected URL base;

    @Inject
    protected CircuitBreakerMaintenance breakers;

    protected Browser browser;

    @BeforeEach
    void stubsAndBrowser() {
        Stubs.standard();
        Stubs.warmUp(base);
        breakers.resetAll();
        browser = new Browser(base);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
        breakers.resetAll();
    }
}
