package dev.pillarboard.reliability;

import static dev.pillarboard.reliability.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pillarboard.reliability.support.Api;

/**
 * The largest import the catalog accepts, on the packaged jar with the production heap (scripts/jvm-options.sh):
 * a Backstage file just under the 32 MiB import limit, some 60,000 components, answered with every document's
 * outcome, the catalog still ready afterwards. Sent as a dry run, which reads, validates and plans every document
 * as the real import does (where the memory goes) but writes nothing, so the suite's catalog stays small. Reading
 * every document into maps before looking at any used to run the 256 MB heap out and kill the service.
 */
class ImportLimitIT extends SuiteIT {

    static final int LIMIT = 32 << 20;

    @Test
    void anImportAtTheLimitIsAnsweredWithEveryOutcomeAndTheCatalogStaysUp() {
        String cat = world.catalog.url();
        String prefix = unique("limit");
        StringBuilder yaml = new StringBuilder(LIMIT);
        int components = 0;
        while (true) {
            String document = component(prefix, components + 1);
            if (yaml.length() + document.length() > LIMIT - 1024) {
                break;
            }
            yaml.append(document);
            components++;
        }
        byte[] body = yaml.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isBetween(LIMIT - 2048, LIMIT);
        long head = feedHead(cat);

        Api.Answer answer = Api.send("POST", cat + "/api/import?dryRun=true", admin, Api.YAML, body, false);

        assertThat(answer.status()).as("answer to %d components (%d bytes): %s", components, body.length,
                answer.body().length() > 300 ? answer.body().substring(0, 300) : answer.body()).isEqualTo(200);
        JsonNode report = answer.json();
        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("items").size()).isEqualTo(components);
        assertThat(report.path("counts").path("created").asInt()).isEqualTo(components);
        assertThat(world.catalog.readiness()).isEqualTo(200);
        assertThat(Api.get(cat + "/api/products/" + prefix + "-1", admin).status()).isEqualTo(404);
        assertThat(feedHead(cat)).isEqualTo(head);
        System.out.printf("[reliability] a dry-run import of %,d components (%,d bytes, the limit %,d) answered 200%n",
                components, body.length, LIMIT);
    }

    /** The catalog's change feed head: it moves with every write. */
    private static long feedHead(String cat) {
        return Api.get(cat + "/api/changes?after=0&limit=1", admin).json().path("lastRevision").asLong(-1);
    }

    /** One component of about 560 bytes, like benchmarks/gen-backstage.py writes them, owned by the realm's team. */
    private static String component(String prefix, int n) {
        return """
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: %1$s-%2$d
                  title: Component %2$d of the import at the limit
                  description: Component %2$d, generated to fill an import up to the catalog's limit of 32 MiB.
                  tags: [java, payments, n%3$d]
                  links:
                    - url: https://runbooks.example.com/%1$s/%2$d
                      title: Runbook
                  annotations:
                    pillarboard.dev/tier: "%4$d"
                    github.com/project-slug: example/%1$s-%2$d
                spec:
                  type: service
                  lifecycle: experimental
                  owner: payments
                """.formatted(prefix, n, n % 1000, 1 + n % 3);
    }
}
