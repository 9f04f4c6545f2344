package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.RubricResourceTest.awaitJobDone;
import static dev.pillarboard.scorecard.TaskResourceTest.task;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.engine.RubricParser;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

/**
 * An evaluation reads a product's tasks only when its task digest says they may have to change (the results a task
 * carries, the owner, or an edit of a task since the last evaluation): what the digest leaves out must leave the
 * tasks as they are, and what it covers must reach them.
 */
@QuarkusTest
class TaskDigestTest {

    static String publish(String yaml) {
        String job = RubricTwoResourceTest.yaml(yaml).put("/api/rubric").then().statusCode(200).extract().jsonPath()
                .getString("evaluation.id");
        awaitJobDone(job);
        return job;
    }

    static void evaluateEverything() {
        String job = given().post("/api/evaluations").then().statusCode(202).extract().jsonPath().getString("id");
        awaitJobDone(job);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aWeightLeavesTheTasksAsTheyAreAndATitleReachesThem() {
        String slug = product("digest");
        JsonPath before = task(slug, "availability-alert");
        String original = RubricParser.defaultRubricYaml();
        String title = "An alert pages someone when the product is down or erroring";
        assertThat(original).contains("title: " + title);
        try {
            // Only a weight: every scorecard is stored again, no task is written.
            String heavier = original.replaceFirst("(?s)(- id: availability-alert\n.*?weight: )\\d+", "$19");
            assertThat(heavier).isNotEqualTo(original);
            publish(heavier);
            int version = RubricResourceTest.currentVersion();
            assertThat(Fixtures.scorecard(slug).getInt("rubricVersion")).isEqualTo(version);
            JsonPath unchanged = task(slug, "availability-alert");
            assertThat(unchanged.getString("updatedAt")).isEqualTo(before.getString("updatedAt"));
            assertThat(unchanged.getString("title")).isEqualTo(title);

            // A title the task carries: the open task follows, with the same id.
            publish(heavier.replace("title: " + title, "title: A page reaches someone when the product is down"));
            JsonPath renamed = task(slug, "availability-alert");
            assertThat(renamed.getLong("id")).isEqualTo(before.getLong("id"));
            assertThat(renamed.getString("title")).isEqualTo("A page reaches someone when the product is down");
            assertThat(renamed.getString("status")).isEqualTo("open");
        } finally {
            publish(original);
        }
        assertThat(task(slug, "availability-alert").getString("title")).isEqualTo(title);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aTaskEditedSinceTheLastEvaluationIsReadAgain() {
        String original = RubricParser.defaultRubricYaml();
        publish(RubricTwoResourceTest.FEATURES);
        try {
            // A tier-1 product new to the catalog: gated is required and in grace, its task due at the grace's end.
            Map<String, Object> data = FakeCatalog.product(Fixtures.unique("edited"), Fixtures.PAY);
            data.put("tier", 1);
            FakeCatalog.upsert(data);
            String slug = (String) data.get("slug");
            Fixtures.awaitScorecard(slug);
            String graceUntil = given().get("/api/scorecards/{p}", slug).then().statusCode(200)
                    .body("checks.find { it.id == 'gated' }.graceUntil", notNullValue())
                    .extract().path("checks.find { it.id == 'gated' }.graceUntil");
            JsonPath gated = task(slug, "gated");
            assertThat(gated.getString("dueDate")).isEqualTo(graceUntil.substring(0, 10));

            // The team clears the due date; the product's results do not change, but its tasks were edited, so the
            // next evaluation reads them and gives the grace's end back as the due date.
            given().contentType("application/merge-patch+json").body("{\"dueDate\": null, \"assignee\": \"ada\"}")
                    .patch("/api/tasks/{id}", gated.getLong("id")).then().statusCode(200).body("dueDate", nullValue());
            evaluateEverything();
            JsonPath after = task(slug, "gated");
            assertThat(after.getString("dueDate")).isEqualTo(graceUntil.substring(0, 10));
            assertThat(after.getString("assignee")).isEqualTo("ada");

            // A refused edit changes nothing.
            given().contentType("application/merge-patch+json").body("{\"status\": \"done\"}")
                    .patch("/api/tasks/{id}", gated.getLong("id")).then().statusCode(400);
            given().get("/api/tasks/{id}", gated.getLong("id")).then().body("dueDate", equalTo(graceUntil.substring(0, 10)));
        } finally {
            publish(original);
        }
    }
}
