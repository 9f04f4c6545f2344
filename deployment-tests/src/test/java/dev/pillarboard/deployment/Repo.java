package dev.pillarboard.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository the build runs in, and its YAML files. */
final class Repo {

    /** The modules that run as services, with their ports. */
    static final Map<String, Integer> SERVICES = Map.of("catalog-service", 8081, "scorecard-service", 8082, "portal-ui", 8080);

    private Repo() {
    }

    static Path root() {
        return Path.of(System.getProperty("pillarboard.repo", "..")).toAbsolutePath().normalize();
    }

    static Path path(String first, String... more) {
        return root().resolve(Path.of(first, more));
    }

    /** Every document of a YAML file (one for plain YAML, several for Kubernetes manifests). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) {
        try {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
                if (document != null) {
                    documents.add((Map<String, Object>) document);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (did ./mvnw package run?)", e);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return (T) current;
    }
}
