package dev.pillarboard.deployment;

import static dev.pillarboard.deployment.Repo.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml as Debian's docker-compose 1.29 and `docker compose` both read it (.ci/run runs
 * `docker-compose config` too): the three services built from their Dockerfiles, health checks, start
 * order by health, one database per service, the realm that scripts/keycloak.sh imports, the portal's
 * configuration contract on 8080.
 */
class ComposeFileTest {

    static final Map<String, Object> COMPOSE = Repo.documents(Repo.path("docker-compose.yml")).get(0);

    static Map<String, Object> service(String name) {
        Map<String, Object> service = at(COMPOSE, "services", name);
        assertThat(service).as("service %s", name).isNotNull();
        return service;
    }

    @Test
    void readableByDockerCompose129() {
        assertThat(COMPOSE).containsKey("version").doesNotContainKey("name");
        assertThat((String) COMPOSE.get("version")).startsWith("3.");
    }

    @Test
    void everyServiceIsBuiltFromItsDockerfileAndHasAHealthCheck() {
        for (String name : List.of("catalog-service", "scorecard-service", "portal-ui")) {
            Map<String, Object> service = service(name);
            assertThat((Object) at(service, "build", "context")).isEqualTo(name);
            assertThat((Object) at(service, "build", "dockerfile")).isEqualTo("src/main/docker/Dockerfile.jvm");
            assertThat(Repo.path(name, "src", "main", "docker", "Dockerfile.jvm")).exists();
            assertThat((List<String>) at(service, "healthcheck", "test")).anyMatch(t -> t.contains("/q/health/ready"));
        }
        for (String name : List.of("postgres", "keycloak")) {
            assertThat((Object) at(service(name), "healthcheck", "test")).isNotNull();
        }
    }

    @Test
    void servicesStartWhenWhatTheyNeedIsHealthy() {
        assertThat((Object) at(service("catalog-service"), "depends_on", "postgres", "condition")).isEqualTo("service_healthy");
        assertThat((Object) at(service("scorecard-service"), "depends_on", "postgres", "condition")).isEqualTo("service_healthy");
        assertThat((Object) at(service("scorecard-service"), "depends_on", "catalog-service", "condition")).isEqualTo("service_healthy");
        for (String dependency : List.of("keycloak", "catalog-service", "scorecard-service")) {
            assertThat((Object) at(service("portal-ui"), "depends_on", dependency, "condition")).isEqualTo("service_healthy");
        }
    }

    @Test
    void oneDatabasePerServiceAndTheRealmOfTheLocalKeycloak() throws IOException {
        String init = Files.readString(Repo.path("deploy", "postgres", "init.sql"));
        assertThat(init).contains("CREATE DATABASE catalog OWNER catalog", "CREATE DATABASE scorecard OWNER scorecard");
        assertThat((List<String>) at(service("postgres"), "volumes")).contains(
                "./deploy/postgres/init.sql:/docker-entrypoint-initdb.d/init.sql:ro");
        assertThat((List<String>) at(service("keycloak"), "volumes")).contains(
                "./deploy/keycloak/pillarboard-realm.json:/opt/keycloak/data/import/pillarboard-realm.json:ro");
        assertThat((List<String>) at(service("keycloak"), "command")).contains("--import-realm");
        assertThat((Object) at(service("catalog-service"), "environment", "PG_HOST")).isEqualTo("postgres");
        assertThat((Object) at(service("scorecard-service"), "environment", "PG_HOST")).isEqualTo("postgres");
    }

    @Test
    void thePortalOn8080WithItsConfigurationContract() {
        Map<String, Object> portal = service("portal-ui");
        assertThat((List<String>) at(portal, "ports")).containsExactly("8080:8080");
        assertThat((Map<String, Object>) at(portal, "environment")).containsKeys("CATALOG_URL", "SCORECARD_URL", "OIDC_URL",
                "PORTAL_CLIENT_ID", "PORTAL_CLIENT_SECRET", "PORTAL_SESSION_SECRET", "PORTAL_CSRF_KEY");
        assertThat((Object) at(portal, "environment", "CATALOG_URL")).isEqualTo("http://catalog-service:8081");
        assertThat((Object) at(portal, "environment", "SCORECARD_URL")).isEqualTo("http://scorecard-service:8082");
    }
}
