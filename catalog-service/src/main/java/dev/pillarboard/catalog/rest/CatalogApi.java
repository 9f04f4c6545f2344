package dev.pillarboard.catalog.rest;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header and its one security scheme: OIDC bearer tokens. */
@OpenAPIDefinition(info = @Info(title = "Pillarboard catalog API", version = "1.0",
        description = "Products and the teams that own them; change feed; Backstage import/export."))
@SecurityScheme(securitySchemeName = "SecurityScheme", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An OIDC access token (Keycloak realm pillarboard)")
public class CatalogApi extends Application {
}
