package dev.pillarboard.scorecard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.evidence.SignalRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The bodies the scorecard reads by hand (a signal batch, a task's merge patch) are documented in
 * {@code /q/openapi} like every other body: their schemas with the constraints the service enforces.
 */
@QuarkusTest
class RequestSchemasTest {

    static JsonPath openApi() {
        return given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aSignalBatchIsAnArrayOfSignalsWithTheirConstraints() {
        JsonPath api = openApi();
        Map<String, Object> body = api.getMap("paths.'/api/signals'.post.requestBody.content.'application/json'.schema");
        assertThat(body).containsEntry("type", "array").containsEntry("minItems", 1).containsEntry("maxItems", 1000)
                .containsEntry("items", Map.of("$ref", "#/components/schemas/Signal"));
        assertThat(api.getBoolean("paths.'/api/signals'.post.requestBody.required")).isTrue();

        String signal = "components.schemas.Signal";
        assertThat(api.getList(signal + ".required", String.class)).containsExactlyInAnyOrder("product", "key", "value", "observedAt");
        assertThat(api.getString(signal + ".properties.product.pattern")).isEqualTo(SignalRequest.SLUG);
        assertThat(api.getString(signal + ".properties.key.pattern")).isEqualTo(SignalRequest.KEY);
        assertThat(api.getInt(signal + ".properties.source.maxLength")).isEqualTo(200);
        assertThat(api.getList(signal + ".properties.value.oneOf.type", String.class)).containsExactly("number", "boolean", "string");
        assertThat(api.getInt(signal + ".properties.value.maxLength")).isEqualTo(2000);
        assertThat(api.getString(signal + ".properties.observedAt.type")).isEqualTo("string");
        assertThat(api.getString(signal + ".properties.observedAt.description")).contains("not in the future");
    }

    @Test
    void aTaskPatchIsAMergePatchOfStatusAssigneeAndDueDate() {
        JsonPath api = openApi();
        for (String mediaType : List.of("application/merge-patch+json", "application/json")) {
            assertThat(api.getString("paths.'/api/tasks/{id}'.patch.requestBody.content.'" + mediaType + "'.schema.'$ref'"))
                    .isEqualTo("#/components/schemas/TaskPatch");
        }
        String patch = "components.schemas.TaskPatch";
        assertThat(api.getMap(patch + ".properties")).containsOnlyKeys("status", "assignee", "dueDate");
        assertThat(api.getList(patch + ".required")).isNull(); // a merge patch leaves out what it does not change
        assertThat(api.getString(patch + ".description")).contains("RFC 7386", "null clears");
        assertThat(api.getList(patch + ".properties.status.enum", String.class)).containsExactly("open", "in-progress");
        // Not nullable (a status cannot be cleared): the type is "string", not ["string", "null"].
        assertThat(api.<Object> get(patch + ".properties.status.type")).isEqualTo("string");
        assertThat(api.getList(patch + ".properties.assignee.type", String.class)).containsExactly("string", "null");
        assertThat(api.getInt(patch + ".properties.assignee.minLength")).isEqualTo(1);
        assertThat(api.getInt(patch + ".properties.assignee.maxLength")).isEqualTo(200);
        assertThat(api.getList(patch + ".properties.dueDate.type", String.class)).containsExactly("string", "null");
        assertThat(api.getString(patch + ".properties.dueDate.description")).contains("2000-01-01", "9999-12-31");
    }
}
