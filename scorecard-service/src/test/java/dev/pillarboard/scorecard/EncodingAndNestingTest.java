package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.PAY_CLAIM;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.engine.RubricParser;
import dev.pillarboard.scorecard.support.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Bodies read as text (a task's merge patch, the rubric) are decoded strictly: bytes that are not
 * UTF-8 are a 400 naming where, never replacement characters in a task or a rubric version. A body
 * nested deeper than the JSON reader allows is a 400 in the API's words.
 */
@QuarkusTest
class EncodingAndNestingTest {

    static byte[] bytes(String before, byte[] bad, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bad);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A request whose Content-Type names no charset (rest-assured would add ISO-8859-1). */
    static RequestSpecification raw(String contentType, byte[] body) {
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(contentType).body(body);
    }

    static ValidatableResponse speaksTheApisLanguage(ValidatableResponse response) {
        return response.contentType("application/problem+json")
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("jackson")))
                .body("detail", not(containsString("`")))
                .body("detail", not(containsString("Source:")))
                .body("detail", not(containsString("\uFFFD")));
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void aTaskPatchThatIsNotUtf8Is400NamingTheByteAndChangesNothing() {
        String slug = product("utf");
        long id = TaskResourceTest.task(slug, "availability-alert").getLong("id");
        String etag = given().get("/api/tasks/{id}", id).then().statusCode(200).extract().header("ETag");
        String before = "{\"assignee\": \"ren";
        speaksTheApisLanguage(raw("application/merge-patch+json",
                bytes(before, new byte[] { (byte) 0xC3, (byte) 0xA9, (byte) 0xE9 }, "e\"}"))
                .patch("/api/tasks/{id}", id)
                .then().statusCode(400))
                .body("detail", containsString("not valid UTF-8"))
                .body("detail", containsString("byte offset " + (before.length() + 2)));
        given().get("/api/tasks/{id}", id).then().statusCode(200).header("ETag", etag).body("assignee", equalTo(null));
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aRubricThatIsNotUtf8Is400NamingTheLineAndPublishesNothing() {
        int before = RubricResourceTest.currentVersion();
        String yaml = RubricParser.defaultRubricYaml();
        int at = yaml.indexOf("title: Pillarboard default rubric") + "title: ".length();
        String head = yaml.substring(0, at);
        int line = (int) head.chars().filter(c -> c == '\n').count() + 1;
        byte[] body = bytes(head, new byte[] { (byte) 0xFF, (byte) 0xFE }, yaml.substring(at));
        speaksTheApisLanguage(raw("application/yaml", body)
                .put("/api/rubric")
                .then().statusCode(400))
                .body("detail", containsString("not valid UTF-8"))
                .body("detail", containsString("line " + line))
                .body("detail", containsString("byte offset " + head.getBytes(StandardCharsets.UTF_8).length));
        assertThat(RubricResourceTest.currentVersion()).isEqualTo(before);
        assertThat(Db.queryLong("SELECT count(*) FROM rubric_version WHERE yaml LIKE '%\uFFFD%'")).isZero();
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aBodyNestedTooDeepIs400InTheApisWords() {
        String slug = product("deep");
        String value = "[".repeat(1500) + "]".repeat(1500);
        String signals = "[{\"product\": \"%s\", \"key\": \"deep.value\", \"value\": %s, \"observedAt\": \"%s\", \"source\": \"test\"}]"
                .formatted(slug, value, Instant.now());
        speaksTheApisLanguage(given().contentType("application/json").body(signals)
                .post("/api/signals")
                .then().statusCode(400))
                .body("detail", containsString("nested deeper than 1000 levels"));
        long id = TaskResourceTest.task(slug, "availability-alert").getLong("id");
        speaksTheApisLanguage(given().contentType("application/merge-patch+json")
                .body("{\"assignee\": " + "{\"a\": ".repeat(1200) + "1" + "}".repeat(1200) + "}")
                .patch("/api/tasks/{id}", id)
                .then().statusCode(400))
                .body("detail", containsString("nested deeper than 1000 levels"));
        assertThat(Db.queryLong("SELECT count(*) FROM signal WHERE product = ?", slug)).isZero();
    }
}
