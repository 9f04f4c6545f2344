package dev.pillarboard.common.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents every 4xx/5xx response as an RFC 9457 problem, so resources only state when each
 * error happens. Runs at build time, so the document costs nothing at startup.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class OpenApiProblems implements OASFilter {

    private static final String REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        Schema violation = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .properties(Map.of("field", string("The offending field, as the client wrote it (tags[2], links.runbook)"),
                        "message", string("What is wrong with it")));
        Schema problem = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, served as application/problem+json")
                .properties(Map.of(
                        "type", string("URI identifying the kind of problem"),
                        "title", string("Short summary of the kind of problem"),
                        "status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER),
                        "detail", string("What happened in this case, and what to do"),
                        "instance", string("The request path"),
                        "violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(violation)))
                .required(List.of("type", "title", "status"));
        components.addSchema("Problem", problem);
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                return;
            }
            operation.getResponses().getAPIResponses().forEach((code, response) -> {
                boolean error = code.startsWith("4") || code.startsWith("5");
                if (error && (response.getContent() == null || response.getContent().getMediaTypes() == null
                        || response.getContent().getMediaTypes().isEmpty())) {
                    response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF))));
                }
            });
        }));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
