package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.engine.RubricParser;
import dev.pillarboard.scorecard.support.Db;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class RubricResourceTest {

    static RequestSpecification yaml(String body) {
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .contentType("application/yaml").body(body);
    }

    static int currentVersion() {
        return given().get("/api/rubric").then().statusCode(200).extract().jsonPath().getInt("version");
    }

    static void awaitJobDone(String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get("/api/evaluations/{id}", id).jsonPath().getString("status"), "done"::equals);
    }

    @Test
    @TestSecurity(user = "guest", roles = "developer")
    void anyoneReadsTheRubricWithApiLabels() {
        given().get("/api/rubric").then().statusCode(200)
                .body("version", greaterThanOrEqualTo(1))
                .body("phases.id", hasItem("pre-pmf"))
                .body("pillars.id", hasItem("observability"))
                .body("checks.find { it.id == 'slos-defined' }.requirements.pre-launch", equalTo("n/a"))
                .body("checks.find { it.id == 'slos-defined' }.evidence.signal.key", equalTo("slo.journeys_without_slo"));
        given().accept("application/yaml").get("/api/rubric").then().statusCode(200).body(containsString("checks:"));
        given().get("/api/rubric/versions").then().statusCode(200).body("page", equalTo(0))
                .body("items[0].current", equalTo(true)).body("items.findAll { it.current }.size()", equalTo(1))
                .body("total", greaterThanOrEqualTo(1));
        given().queryParam("size", 0).get("/api/rubric/versions").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/rubric/versions/1").then().statusCode(200).body("version", equalTo(1));
        given().get("/api/rubric/versions/9999").then().statusCode(404).contentType("application/problem+json");
        yaml(RubricParser.defaultRubricYaml()).put("/api/rubric").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void badYamlIs400WithTheLineAndThePreviousVersionStays() {
        int before = currentVersion();
        String broken = RubricParser.defaultRubricYaml().replaceFirst("pmf: required", "pmf: requird");
        yaml(broken).put("/api/rubric").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", startsWith("line "))
                .body("violations[0].message", containsString("'requird' is not one of required, recommended, n/a"))
                .body("detail", containsString("version " + before + " stays in force"));
        yaml("checks: [").put("/api/rubric").then().statusCode(400).body("violations[0].field", startsWith("line "));
        yaml("").put("/api/rubric").then().statusCode(400);
        given().contentType(ContentType.JSON).body("{}").put("/api/rubric").then().statusCode(415)
                .contentType("application/problem+json");
        assertThat(currentVersion()).isEqualTo(before);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void publishingReEvaluatesEverythingAndUnknownPhasesGetAClearProblem() {
        String slug = product("pub");
        Map<String, Object> beta = FakeCatalog.product(Fixtures.unique("beta"), Fixtures.PAY);
        beta.put("phase", "beta");
        FakeCatalog.upsert(beta);
        String betaSlug = (String) beta.get("slug");
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/scorecards/{p}", betaSlug).statusCode() == 409);
        given().get("/api/scorecards/{p}", betaSlug).then().contentType("application/problem+json")
                .body("detail", containsString("unknown phase 'beta'"));
        given().get("/api/scorecards/{p}/readiness/pmf", betaSlug).then().statusCode(409);

        String original = RubricParser.defaultRubricYaml();
        try {
            // Runbooks weigh more in the new version.
            String heavier = original.replaceFirst("(?s)(- id: runbooks.*?weight: )3", "$110");
            var published = yaml(heavier).put("/api/rubric").then().statusCode(200)
                    .body("productsInUnknownPhases", greaterThanOrEqualTo(1)).extract().jsonPath();
            int version = published.getInt("version");
            awaitJobDone(published.getString("evaluation.id"));
            given().get("/api/scorecards/{p}", slug).then().body("rubricVersion", equalTo(version))
                    .body("checks.find { it.id == 'runbooks' }.weight", equalTo(10));
            given().get("/api/rubric").then().body("version", equalTo(version)).body("publishedBy", equalTo("ada"));
        } finally {
            String id = yaml(original).put("/api/rubric").then().statusCode(200).extract().jsonPath().getString("evaluation.id");
            awaitJobDone(id);
        }
        given().get("/api/scorecards/{p}", slug).then().body("checks.find { it.id == 'runbooks' }.weight", equalTo(3));
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aPublishIsStoredTogetherWithItsJobOrNotAtAll() {
        int before = currentVersion();
        String job = yaml(RubricParser.defaultRubricYaml()).put("/api/rubric").then().statusCode(200)
                .body("version", equalTo(before + 1)).extract().jsonPath().getString("evaluation.id");
        assertThat(Db.queryString("SELECT reason FROM evaluation_job WHERE id = ?::uuid", job)).isEqualTo("rubric-published");
        awaitJobDone(job);
        given().get("/api/evaluations/{id}", job).then().body("rubricVersion", equalTo(before + 1));

        // If the job cannot be stored, the version is not published either: nothing changed, as the 500 says.
        Db.update("""
                CREATE FUNCTION refuse_publish_job() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.reason = 'rubric-published' THEN RAISE EXCEPTION 'no jobs today'; END IF;
                    RETURN NEW;
                END $$""");
        Db.update("CREATE TRIGGER refuse_publish_job BEFORE INSERT ON evaluation_job FOR EACH ROW EXECUTE FUNCTION refuse_publish_job()");
        try {
            yaml(RubricParser.defaultRubricYaml()).put("/api/rubric").then().statusCode(500)
                    .contentType("application/problem+json");
        } finally {
            Db.update("DROP TRIGGER refuse_publish_job ON evaluation_job");
            Db.update("DROP FUNCTION refuse_publish_job()");
        }
        assertThat(currentVersion()).isEqualTo(before + 1);
        given().get("/api/rubric/versions").then().body("items[0].version", equalTo(before + 1));
        assertThat(Db.queryLong("SELECT max(version) FROM rubric_version")).isEqualTo(before + 1);
        // The next version number is free again, and its job runs.
        String next = yaml(RubricParser.defaultRubricYaml()).put("/api/rubric").then().statusCode(200)
                .body("version", equalTo(before + 2)).extract().jsonPath().getString("evaluation.id");
        awaitJobDone(next);
        given().get("/api/rubric/versions/{v}", before + 2).then().statusCode(200).body("version", equalTo(before + 2));
    }
}
