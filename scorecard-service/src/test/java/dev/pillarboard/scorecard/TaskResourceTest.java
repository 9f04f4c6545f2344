package dev.pillarboard.scorecard;

import static dev.pillarboard.scorecard.support.Fixtures.PAY;
import static dev.pillarboard.scorecard.support.Fixtures.PAY_CLAIM;
import static dev.pillarboard.scorecard.support.Fixtures.SEARCH_CLAIM;
import static dev.pillarboard.scorecard.support.Fixtures.product;
import static dev.pillarboard.scorecard.support.Fixtures.push;
import static dev.pillarboard.scorecard.support.Fixtures.signal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pillarboard.scorecard.engine.RubricParser;
import dev.pillarboard.scorecard.support.FakeCatalog;
import dev.pillarboard.scorecard.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.ClaimType;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class TaskResourceTest {

    static JsonPath task(String product, String check) {
        JsonPath page = given().queryParam("product", product).queryParam("size", 100).get("/api/tasks")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> found = page.getMap("items.find { it.check == '" + check + "' }");
        return found == null ? null : given().get("/api/tasks/{id}", found.get("id")).then().statusCode(200).extract().jsonPath();
    }

    static String taskStatus(String product, String check) {
        JsonPath task = task(product, check);
        return task == null ? "none" : task.getString("status");
    }

    static void awaitTaskStatus(String product, String check, String status) {
        await().atMost(Fixtures.VISIBLE).pollInterval(Duration.ofMillis(25)).until(() -> taskStatus(product, check), status::equals);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void everyFailingApplicableCheckHasATaskWithItsPriority() {
        String slug = product("prio");
        assertThat(task(slug, "availability-alert").getString("priority")).isEqualTo("P1"); // required now
        assertThat(task(slug, "slos-defined").getString("priority")).isEqualTo("P2"); // recommended now, required in pmf
        assertThat(task(slug, "progressive-delivery").getString("priority")).isEqualTo("P3"); // recommended, not required next
        assertThat(task(slug, "runbooks")).isNull(); // passes
        assertThat(task(slug, "game-day")).isNull(); // n/a now and not required next
        given().queryParam("product", slug).queryParam("priority", "P1").get("/api/tasks").then()
                .body("items.priority", everyItem(equalTo("P1")));
        given().queryParam("priority", "P4").get("/api/tasks").then().statusCode(400);
        given().queryParam("status", "closed").get("/api/tasks").then().statusCode(400);
        given().get("/api/tasks/{id}", 987654321).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/tasks/{id}", "abc").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void taskClosesWhenTheCheckPassesAndReopensWithTheSameIdWhenItFailsAgain() {
        String slug = product("cycle");
        long id = task(slug, "availability-alert").getLong("id");
        push(List.of(signal(slug, "alerts.availability_rules", 1)));
        awaitTaskStatus(slug, "availability-alert", "done");
        assertThat(task(slug, "availability-alert").getString("closedAt")).isNotNull();
        push(List.of(signal(slug, "alerts.availability_rules", 0)));
        awaitTaskStatus(slug, "availability-alert", "open");
        JsonPath reopened = task(slug, "availability-alert");
        assertThat(reopened.getLong("id")).isEqualTo(id);
        assertThat(reopened.getInt("reopenCount")).isEqualTo(1);
        assertThat(reopened.getString("closedAt")).isNull();
        assertThat(reopened.getString("reason")).contains("alerts.availability_rules");
    }

    static void awaitTaskPriority(String product, String check, String priority) {
        await().atMost(Fixtures.VISIBLE).pollInterval(Duration.ofMillis(25)).until(() -> {
            JsonPath task = task(product, check);
            return task == null ? "none" : task.getString("priority");
        }, priority::equals);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void aTasksPriorityFollowsTheProductsPhase() {
        Map<String, Object> product = FakeCatalog.product(Fixtures.unique("phase"), PAY);
        FakeCatalog.upsert(product);
        String slug = (String) product.get("slug");
        Fixtures.awaitScorecard(slug);
        JsonPath slos = task(slug, "slos-defined"); // pre-pmf: recommended now, required in pmf
        assertThat(slos.getString("priority")).isEqualTo("P2");
        JsonPath alerts = task(slug, "availability-alert"); // required in every phase
        assertThat(alerts.getString("priority")).isEqualTo("P1");
        assertThat(task(slug, "game-day")).isNull(); // n/a in pre-pmf, only recommended in pmf

        product.put("phase", "pmf");
        FakeCatalog.upsert(product);
        awaitTaskPriority(slug, "slos-defined", "P1"); // required now
        JsonPath moved = task(slug, "slos-defined");
        assertThat(moved.getLong("id")).isEqualTo(slos.getLong("id"));
        assertThat(moved.getString("status")).isEqualTo("open");
        assertThat(moved.getString("reason")).isNotBlank();
        assertThat(task(slug, "availability-alert").getLong("id")).isEqualTo(alerts.getLong("id"));
        assertThat(task(slug, "availability-alert").getString("priority")).isEqualTo("P1");
        assertThat(task(slug, "game-day").getString("priority")).isEqualTo("P3"); // recommended in pmf, the last phase
        given().queryParam("product", slug).queryParam("priority", "P1").queryParam("size", 100).get("/api/tasks").then()
                .body("items.check", org.hamcrest.Matchers.hasItem("slos-defined"));

        product.put("phase", "pre-pmf");
        FakeCatalog.upsert(product);
        awaitTaskPriority(slug, "slos-defined", "P2");
        assertThat(task(slug, "slos-defined").getLong("id")).isEqualTo(slos.getLong("id"));
        await().atMost(Fixtures.VISIBLE).until(() -> "done".equals(task(slug, "game-day").getString("status")));
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void tasksCloseWhenTheirCheckLeavesTheRubricAndReopenWhenItComesBack() {
        String slug = product("leaves");
        JsonPath open = task(slug, "progressive-delivery");
        assertThat(open.getString("status")).isEqualTo("open");
        String original = RubricParser.defaultRubricYaml();
        String without = original.replaceFirst("(?s)  - id: progressive-delivery\n.*?(?=  - id: )", "");
        assertThat(without).doesNotContain("progressive-delivery").hasSizeLessThan(original.length());
        int remaining = RubricParser.defaultRubric().checks().size() - 1;
        try {
            String job = RubricResourceTest.yaml(without).put("/api/rubric").then().statusCode(200)
                    .body("checks", equalTo(remaining)).extract().jsonPath().getString("evaluation.id");
            RubricResourceTest.awaitJobDone(job);
            JsonPath closed = task(slug, "progressive-delivery");
            assertThat(closed.getLong("id")).isEqualTo(open.getLong("id"));
            assertThat(closed.getString("status")).isEqualTo("done");
            assertThat(closed.getString("reason")).isEqualTo("the check is no longer part of the rubric");
            assertThat(closed.getString("closedAt")).isNotNull();
            assertThat(Fixtures.scorecard(slug).getList("checks.id")).doesNotContain("progressive-delivery").hasSize(remaining);
            assertThat(task(slug, "availability-alert").getString("status")).isEqualTo("open"); // the others stay
        } finally {
            String job = RubricResourceTest.yaml(original).put("/api/rubric").then().statusCode(200).extract().jsonPath()
                    .getString("evaluation.id");
            RubricResourceTest.awaitJobDone(job);
        }
        JsonPath back = task(slug, "progressive-delivery");
        assertThat(back.getLong("id")).isEqualTo(open.getLong("id"));
        assertThat(back.getString("status")).isEqualTo("open");
        assertThat(back.getInt("reopenCount")).isEqualTo(1);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void ifMatchKeepsTwoTeamMatesFromOverwritingEachOther() {
        String slug = product("etag");
        long id = task(slug, "availability-alert").getLong("id");
        String read = given().get("/api/tasks/{id}", id).then().statusCode(200).extract().header("ETag");
        assertThat(read).matches("\"[0-9a-f]+\"");
        // Two team mates read the same task; the first assigns it to herself...
        String afterFirst = given().contentType("application/merge-patch+json").header("If-Match", read)
                .body(Map.of("assignee", "dana")).patch("/api/tasks/{id}", id).then().statusCode(200)
                .body("assignee", equalTo("dana")).extract().header("ETag");
        assertThat(afterFirst).isNotEqualTo(read);
        assertThat(given().get("/api/tasks/{id}", id).then().extract().header("ETag")).isEqualTo(afterFirst);
        // ...the second, with the ETag of the older read, is told to read again, and nothing changes.
        given().contentType("application/merge-patch+json").header("If-Match", read).body(Map.of("assignee", "lee"))
                .patch("/api/tasks/{id}", id).then().statusCode(412).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("assignee dana"));
        given().get("/api/tasks/{id}", id).then().body("assignee", equalTo("dana"));
        // A list of tags or * matches; without If-Match the patch applies regardless.
        given().contentType("application/merge-patch+json").header("If-Match", "\"0\", " + afterFirst)
                .body(Map.of("status", "in-progress")).patch("/api/tasks/{id}", id).then().statusCode(200);
        given().contentType("application/merge-patch+json").header("If-Match", "*").body(Map.of("dueDate", "2027-01-31"))
                .patch("/api/tasks/{id}", id).then().statusCode(200);
        given().contentType("application/merge-patch+json").body(Map.of("assignee", "lee"))
                .patch("/api/tasks/{id}", id).then().statusCode(200).body("assignee", equalTo("lee"));
    }

    static JsonPath tasks(Map<String, Object> query) {
        return given().queryParams(query).queryParam("size", 100).get("/api/tasks").then().statusCode(200).extract()
                .jsonPath();
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void ownerTakesSeveralTeams() {
        String one = FakeCatalog.team(Fixtures.unique("sc-t1"));
        String two = FakeCatalog.team(Fixtures.unique("sc-t2"));
        String three = FakeCatalog.team(Fixtures.unique("sc-t3"));
        String first = product("town1", one);
        String second = product("town2", two);
        String third = product("town3", three);
        long ofFirst = tasks(Map.of("product", first)).getLong("total");
        long ofSecond = tasks(Map.of("product", second)).getLong("total");
        assertThat(ofFirst).isPositive();
        assertThat(ofSecond).isEqualTo(ofFirst); // the same catalog data and phase

        JsonPath both = given().queryParam("owner", one + "," + two).queryParam("size", 100).get("/api/tasks").then()
                .statusCode(200).extract().jsonPath();
        assertThat(both.getLong("total")).isEqualTo(ofFirst + ofSecond);
        assertThat(both.getList("items.product", String.class)).containsOnly(first, second);
        assertThat(both.getList("items.owner", String.class)).containsOnly(one, two);
        assertThat(tasks(Map.of("owner", one)).getList("items.product", String.class)).containsOnly(first);
        assertThat(tasks(Map.of("owner", one + ", " + three + ",")).getList("items.product", String.class))
                .containsOnly(first, third);
        assertThat(tasks(Map.of("owner", one + "," + two, "priority", "P1")).getLong("total"))
                .isEqualTo(tasks(Map.of("product", first, "priority", "P1")).getLong("total")
                        + tasks(Map.of("product", second, "priority", "P1")).getLong("total"));
        assertThat(tasks(Map.of("owner", "no-such-team")).getLong("total")).isZero();
        // A page of a list with several owners counts them all.
        JsonPath page = given().queryParam("owner", one + "," + two).queryParam("size", 5).queryParam("page", 1)
                .get("/api/tasks").then().statusCode(200).extract().jsonPath();
        assertThat(page.getList("items")).hasSize(5);
        assertThat(page.getLong("total")).isEqualTo(ofFirst + ofSecond);
    }

    @Test
    @TestSecurity(user = "ada", roles = "platform-admin")
    void everyListedTaskCarriesTheEtagItsReadAnswers() {
        String slug = product("etaglist");
        JsonPath listed = tasks(Map.of("product", slug));
        List<Map<String, Object>> items = listed.getList("items");
        assertThat(items).hasSizeGreaterThan(3);
        for (Map<String, Object> item : items) {
            String header = given().get("/api/tasks/{id}", item.get("id")).then().statusCode(200).extract().header("ETag");
            assertThat(item.get("etag")).as("task %s", item.get("id")).isEqualTo(header);
        }
        // The list's etag is enough for a patch; once it applied, that etag is stale.
        Map<String, Object> task = items.get(0);
        String etag = (String) task.get("etag");
        String next = given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body(Map.of("assignee", "ada")).patch("/api/tasks/{id}", task.get("id")).then().statusCode(200)
                .extract().header("ETag");
        assertThat(next).isNotEqualTo(etag);
        Map<String, Object> relisted = tasks(Map.of("product", slug)).getMap("items.find { it.id == " + task.get("id") + " }");
        assertThat(relisted).containsEntry("etag", next).containsEntry("assignee", "ada");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("assignee", "lee"))
                .patch("/api/tasks/{id}", task.get("id")).then().statusCode(412).contentType("application/problem+json");
        given().get("/api/tasks/{id}", task.get("id")).then().body("assignee", equalTo("ada"));
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void owningTeamSetsStatusAssigneeAndDueDate() {
        String slug = product("patch");
        long id = task(slug, "availability-alert").getLong("id");
        given().contentType("application/merge-patch+json")
                .body(Map.of("status", "in-progress", "assignee", "dana", "dueDate", "2026-12-31"))
                .patch("/api/tasks/{id}", id).then().statusCode(200)
                .body("status", equalTo("in-progress")).body("assignee", equalTo("dana")).body("dueDate", equalTo("2026-12-31"));
        given().contentType("application/merge-patch+json").body("{\"assignee\": null}").patch("/api/tasks/{id}", id)
                .then().statusCode(200).body("assignee", nullValue()).body("status", equalTo("in-progress"));
        given().contentType("application/merge-patch+json").body(Map.of("status", "done")).patch("/api/tasks/{id}", id)
                .then().statusCode(400).body("violations[0].message", org.hamcrest.Matchers.containsString("system"));
        given().contentType("application/merge-patch+json").body(Map.of("priority", "P3", "dueDate", "soon"))
                .patch("/api/tasks/{id}", id).then().statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItems("priority", "dueDate"));
        given().contentType("application/merge-patch+json").body("[1]").patch("/api/tasks/{id}", id).then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "dana", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = PAY_CLAIM, type = ClaimType.JSON_ARRAY))
    void doneTaskRefusesAStatusAndTheCatalogCanCloseATask() {
        Map<String, Object> product = FakeCatalog.product(Fixtures.unique("done"), PAY);
        @SuppressWarnings("unchecked")
        Map<String, String> links = (Map<String, String>) product.get("links");
        links.remove("runbook");
        FakeCatalog.upsert(product);
        String slug = (String) product.get("slug");
        Fixtures.awaitScorecard(slug);
        long id = task(slug, "runbooks").getLong("id");
        links.put("runbook", "https://wiki.example.com/runbook");
        FakeCatalog.upsert(product);
        awaitTaskStatus(slug, "runbooks", "done");
        given().contentType("application/merge-patch+json").body(Map.of("status", "open")).patch("/api/tasks/{id}", id)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "sam", roles = "developer")
    @OidcSecurity(claims = @Claim(key = "teams", value = SEARCH_CLAIM, type = ClaimType.JSON_ARRAY))
    void otherTeamsCannotUpdateTasks() {
        String slug = product("theirs");
        long id = task(slug, "availability-alert").getLong("id");
        given().contentType("application/merge-patch+json").body(Map.of("assignee", "sam")).patch("/api/tasks/{id}", id)
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "robot", roles = "automation")
    void automationDecidesNothing() {
        String slug = product("robot");
        long id = task(slug, "availability-alert").getLong("id");
        given().contentType("application/merge-patch+json").body(Map.of("assignee", "robot")).patch("/api/tasks/{id}", id)
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("product", slug, "decision", "approved")).post("/api/reviews")
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("decision", "approve")).post("/api/waivers/1/decision")
                .then().statusCode(403);
    }
}
