package dev.pillarboard.deployment;

import static dev.pillarboard.deployment.Repo.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a cluster must give each service, against what deploy/kubernetes provides: every environment
 * variable a service reads in production without a default, or with a default that names localhost (a
 * cluster has none of those services on localhost), comes from the ConfigMap `pillarboard`
 * (deploy/kubernetes/config.yml) or from the service's Secret (the `kubectl create secret` lines of
 * deploy/kubernetes/README.md); passwords, secrets and keys only ever from the Secret.
 */
class KubernetesConfigurationTest {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:([^}]*))?}");
    private static final Pattern SECRET = Pattern.compile("kubectl create secret generic (\\S+)");
    private static final Pattern LITERAL = Pattern.compile("--from-literal=([A-Z_]+)=");

    static Stream<String> services() {
        return Repo.SERVICES.keySet().stream().sorted();
    }

    /** Variables read outside the test, dev and localpg profiles, with their default (null: none). */
    static Map<String, String> variables(String service) throws IOException {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Repo.path(service, "src", "main", "resources", "application.properties"))) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.startsWith("%test.") || trimmed.startsWith("%dev.")
                    || trimmed.startsWith("%localpg.")) {
                continue;
            }
            Matcher m = VARIABLE.matcher(trimmed);
            while (m.find()) {
                variables.putIfAbsent(m.group(1), m.group(2) == null ? null : m.group(3));
            }
        }
        return variables;
    }

    @SuppressWarnings("unchecked")
    static Set<String> configMap() {
        Map<String, Object> configMap = Repo.documents(Repo.path("deploy", "kubernetes", "config.yml")).get(0);
        assertThat((Object) configMap.get("kind")).isEqualTo("ConfigMap");
        assertThat((Object) at(configMap, "metadata", "name")).isEqualTo("pillarboard");
        return ((Map<String, Object>) configMap.get("data")).keySet();
    }

    static Map<String, Set<String>> secrets() throws IOException {
        // Shell commands as the shell reads them: a line ending in a backslash goes on on the next.
        String readme = Files.readString(Repo.path("deploy", "kubernetes", "README.md")).replaceAll("\\\\[ \\t]*\\n", " ");
        Map<String, Set<String>> secrets = new LinkedHashMap<>();
        for (String command : readme.split("\\n")) {
            Matcher m = SECRET.matcher(command);
            if (m.find()) {
                Set<String> keys = secrets.computeIfAbsent(m.group(1), s -> new LinkedHashSet<>());
                Matcher literal = LITERAL.matcher(command);
                while (literal.find()) {
                    keys.add(literal.group(1));
                }
            }
        }
        return secrets;
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyVariableWithoutAClusterDefaultComesFromTheConfigMapOrTheServicesSecret(String service) throws IOException {
        Set<String> configMap = configMap();
        Set<String> secret = secrets().getOrDefault(service, Set.of());
        variables(service).forEach((name, fallback) -> {
            boolean sensitive = name.matches(".*(PASSWORD|SECRET|KEY).*");
            if (sensitive) {
                assertThat(secret).as("%s reads %s: from its Secret", service, name).contains(name);
                assertThat(configMap).as("%s is never in the ConfigMap", name).doesNotContain(name);
            } else if (fallback == null || fallback.contains("localhost")) {
                assertThat(configMap).as("%s reads %s (default: %s): the ConfigMap sets it", service, name, fallback)
                        .contains(name);
            }
        });
    }

    @Test
    void thePortalReadsItsServicesRealmAndClientFromTheConfigMapAndItsKeysFromItsSecret() throws IOException {
        assertThat(variables("portal-ui")).containsKeys("CATALOG_URL", "SCORECARD_URL", "OIDC_URL", "PORTAL_CLIENT_ID",
                "PORTAL_CLIENT_SECRET", "PORTAL_SESSION_SECRET", "PORTAL_CSRF_KEY");
        assertThat(configMap()).contains("CATALOG_URL", "SCORECARD_URL", "OIDC_URL", "PORTAL_CLIENT_ID");
        assertThat(secrets().get("portal-ui")).containsExactlyInAnyOrder("PORTAL_CLIENT_SECRET", "PORTAL_SESSION_SECRET",
                "PORTAL_CSRF_KEY");
    }

    @Test
    void everyServiceHasItsSecretAndNoOther() throws IOException {
        assertThat(secrets().keySet()).containsExactlyInAnyOrderElementsOf(Repo.SERVICES.keySet());
        assertThat(List.copyOf(secrets().get("scorecard-service"))).contains("CATALOG_CLIENT_SECRET");
    }
}
