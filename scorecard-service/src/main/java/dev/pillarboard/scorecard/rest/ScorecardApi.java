package dev.pillarboard.scorecard.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's header and its one security scheme: OIDC bearer tokens. Declared here rather than in the
 * configuration, so that the document is complete at build time and not processed again while the service starts.
 */
@OpenAPIDefinition(info = @Info(title = "Pillarboard scorecard API", version = "1.0",
        description = "Phase-aware SRE scorecards: rubric, evidence, results, tasks, waivers, reviews, history."))
@SecurityScheme(securitySchemeName = "SecurityScheme", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An OIDC access token (Keycloak realm pillarboard)")
public class ScorecardApi extends Application {
}
