package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.product;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class EvaluationJobTest {

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void fullEvaluationIsAJobWhoseProgressCanBeFollowed() {
        String slug = product("job");
        String before = given().get("/api/scorecards/{p}", slug).jsonPath().getString("evaluatedAt");
        var response = given().post("/api/evaluations").then().statusCode(202)
                .header("Location", containsString("/api/evaluations/"))
                .body("status", oneOf("queued", "running", "done")).body("id", notNullValue()).extract();
        String location = response.header("Location");
        JsonPath done = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> given().get(location).then().statusCode(200).extract().jsonPath(),
                        job -> job.getString("status").equals("done"));
        assertThat(done.getInt("total")).isGreaterThanOrEqualTo(1);
        assertThat(done.getInt("done")).isEqualTo(done.getInt("total"));
        assertThat(done.getString("startedAt")).isNotNull();
        assertThat(done.getString("finishedAt")).isNotNull();
        assertThat(given().get("/api/scorecards/{p}", slug).jsonPath().getString("evaluatedAt")).isNotEqualTo(before);
        // The jobs list is paged like every list: newest first, {items, page, size, total}.
        String id = location.substring(location.lastIndexOf('/') + 1);
        JsonPath first = given().queryParam("size", 1).get("/api/evaluations").then().statusCode(200)
                .body("page", org.hamcrest.Matchers.equalTo(0)).body("size", org.hamcrest.Matchers.equalTo(1))
                .body("items.size()", org.hamcrest.Matchers.equalTo(1)).extract().jsonPath();
        assertThat(first.getLong("total")).isGreaterThanOrEqualTo(1);
        JsonPath all = given().queryParam("size", 100).get("/api/evaluations").then().statusCode(200).extract().jsonPath();
        assertThat(all.getList("items.id", String.class)).contains(id);
        List<java.time.Instant> created = all.getList("items.createdAt", String.class).stream().map(java.time.Instant::parse).toList();
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        given().queryParam("size", 101).get("/api/evaluations").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("page", -1).get("/api/evaluations").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    void onlyPlatformAdminsStartOne() {
        given().post("/api/evaluations").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/evaluations/{id}", "00000000-0000-0000-0000-000000000000").then().statusCode(404);
        given().get("/api/evaluations/{id}", "nope").then().statusCode(404);
    }
}
