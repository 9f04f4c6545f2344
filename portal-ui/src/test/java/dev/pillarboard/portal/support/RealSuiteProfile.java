package dev.pillarboard.portal.support;

import java.util.List;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The portal against the real suite ({@link RealSuite}) instead of stand-ins: its own application start. */
public class RealSuiteProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RealSuite.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        // Not the WireMock stand-ins of the page tests.
        return true;
    }
}
