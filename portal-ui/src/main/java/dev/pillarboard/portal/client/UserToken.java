package dev.pillarboard.portal.client;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestFilter;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Token propagation: every call to a service carries the signed-in user's access token (from the OIDC session), so
 * the services decide with the user's own roles and teams. Calls made in parallel run with the request's context
 * propagated, so they see the same identity.
 */
public class UserToken implements ResteasyReactiveClientRequestFilter {

    @Inject
    CurrentIdentityAssociation identities;

    @Override
    public void filter(ResteasyReactiveClientRequestContext request) {
        SecurityIdentity identity = identities.getIdentity();
        if (identity == null || identity.isAnonymous()) {
            return;
        }
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token != null && token.getToken() != null) {
            request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.getToken());
        }
    }
}
