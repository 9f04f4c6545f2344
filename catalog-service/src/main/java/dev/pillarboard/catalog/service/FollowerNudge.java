package dev.pillarboard.catalog.service;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * A follower's nudge endpoint ({@code POST /api/sync/nudge} on the scorecard), as a REST client
 * built for each configured URL; the body is empty.
 */
@Path("")
public interface FollowerNudge {

    /** {@code authorization} is the writer's {@code Bearer} header, or null to send none. */
    @POST
    void nudge(@HeaderParam("Authorization") String authorization);
}
