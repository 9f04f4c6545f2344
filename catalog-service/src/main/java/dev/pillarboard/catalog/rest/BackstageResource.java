package dev.pillarboard.catalog.rest;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import dev.pillarboard.catalog.backstage.BackstageExporter;
import dev.pillarboard.catalog.backstage.BackstageImporter;
import dev.pillarboard.catalog.backstage.ImportReport;
import dev.pillarboard.common.rest.QueryParams;
import dev.pillarboard.common.security.Caller;
import io.quarkus.security.Authenticated;

@Path("/api")
@Tag(name = "Backstage", description = "Import and export Backstage catalog-info.yaml descriptors")
@Authenticated
@SecurityRequirement(name = "SecurityScheme")
@APIResponse(responseCode = "401", description = "No valid bearer token")
public class BackstageResource {

    private static final String YAML = "application/yaml";

    private final BackstageImporter importer;
    private final BackstageExporter exporter;

    public BackstageResource(BackstageImporter importer, BackstageExporter exporter) {
        this.importer = importer;
        this.exporter = exporter;
    }

    @POST
    @Path("/import")
    @Consumes({ YAML, "text/yaml", "application/x-yaml", "text/x-yaml" })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Caller.AUTOMATION, Caller.PLATFORM_ADMIN })
    @Operation(summary = "Import Backstage descriptors (automation, platform-admin)",
            description = "One or many catalog-info.yaml documents. Group becomes a team; Component and System become products; "
                    + "other kinds are skipped. Every document gets an outcome: created, updated, unchanged, skipped or rejected, "
                    + "with a reason. With dryRun=true nothing is changed.")
    @APIResponse(responseCode = "200", description = "{dryRun, items:[{ref, kind, line, outcome, reason, ignored}], counts}")
    @APIResponse(responseCode = "400", description = "Not YAML (the detail gives the line), or an alias bomb")
    @APIResponse(responseCode = "403", description = "Not automation or a platform admin")
    @APIResponse(responseCode = "413", description = "Body too large")
    public ImportReport importDescriptors(
            @Parameter(description = "true: report what would happen without changing anything") @RestQuery String dryRun,
            String yaml) {
        return importer.importYaml(yaml, QueryParams.bool("dryRun", dryRun));
    }

    @GET
    @Path("/export")
    @Produces({ YAML, "text/yaml" })
    @Operation(summary = "Export the catalog as Backstage YAML", description = "Re-imports to the same catalog")
    @APIResponse(responseCode = "200", description = "Multi-document Backstage YAML")
    public StreamingOutput export() {
        return output -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            exporter.export(writer);
            writer.flush();
        };
    }
}
