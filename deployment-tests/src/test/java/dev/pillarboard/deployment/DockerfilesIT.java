package dev.pillarboard.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each image builds from what ./mvnw package produced: every path a Dockerfile copies exists in the
 * module after the package (the build context is the module's directory, as docker-compose.yml
 * sets it), and the image starts from the AppCDS archive its own JVM wrote.
 */
class DockerfilesIT {

    private static final Pattern COPY = Pattern.compile("^COPY\\s+(?:--chown=\\S+\\s+)?(\\S+)\\s+(\\S+)\\s*$");

    static List<String> lines(String module) throws IOException {
        Path dockerfile = Repo.path(module, "src", "main", "docker", "Dockerfile.jvm");
        assertThat(dockerfile).exists();
        return Files.readAllLines(dockerfile);
    }

    /** The image's {@code JAVA_OPTS_APPEND}, the options run-java.sh adds to the ones it chooses. */
    static String javaOptsAppend(String module) throws IOException {
        Matcher opts = Pattern.compile("ENV JAVA_OPTS_APPEND=\"([^\"]*)\"").matcher(String.join("\n", lines(module)));
        assertThat(opts.find()).as("%s sets JAVA_OPTS_APPEND", module).isTrue();
        return opts.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "catalog-service", "scorecard-service", "portal-ui" })
    void everyCopiedPathExistsAfterThePackage(String module) throws IOException {
        List<String> copies = lines(module).stream().filter(l -> l.startsWith("COPY")).toList();
        assertThat(copies).isNotEmpty();
        for (String copy : copies) {
            Matcher m = COPY.matcher(copy);
            assertThat(m.matches()).as("a COPY this check understands: %s", copy).isTrue();
            String source = m.group(1);
            Path base = Repo.path(module);
            if (source.contains("*")) {
                Path dir = base.resolve(source).getParent();
                PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + base.resolve(source));
                try (Stream<Path> files = Files.list(dir)) {
                    assertThat(files.filter(glob::matches)).as("%s in %s matches a file", source, module).isNotEmpty();
                }
            } else {
                assertThat(base.resolve(source)).as("%s in %s", source, module).exists();
                if (source.endsWith("/")) {
                    assertThat(base.resolve(source)).isDirectory();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "catalog-service", "scorecard-service", "portal-ui" })
    void theImageStartsFromTheArchiveItsOwnJvmWrote(String module) throws IOException {
        String text = String.join("\n", lines(module));
        assertThat(text).contains("RUN java -XX:ArchiveClassesAtExit=/deployments/app-cds.jsa -Dquarkus.appcds.generate=true "
                + "-jar /deployments/quarkus-run.jar");
        assertThat(javaOptsAppend(module)).contains("-XX:SharedArchiveFile=/deployments/app-cds.jsa");
        assertThat(text).contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
        assertThat(Repo.path(module, "target", "quarkus-app", "quarkus-run.jar")).exists();
    }

    /**
     * The options every service shares in scripts/run.sh (scripts/jvm-options.sh: heap and metaspace bounds, the C heap
     * trimmed when idle) are the image's too, so that a container holds what the measured service held.
     */
    @ParameterizedTest
    @ValueSource(strings = { "catalog-service", "scorecard-service", "portal-ui" })
    void theImageRunsWithTheSharedOptionsOfRunSh(String module) throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("bash", "-c", "unset PILLARBOARD_JAVA_OPTS; source \"$1\" && echo \"$PILLARBOARD_SHARED_JAVA_OPTS\"",
                "jvm-options", Repo.path("scripts", "jvm-options.sh").toString()).redirectErrorStream(true).start();
        String shared = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(shell.waitFor()).as(shared).isZero();
        assertThat(shared).contains("-Xmx256m", "-XX:TrimNativeHeapInterval=");
        assertThat(List.of(javaOptsAppend(module).split("\\s+"))).as("%s's JAVA_OPTS_APPEND", module)
                .containsSubsequence(List.of(shared.split("\\s+")));
    }

    /** run-java.sh adds GC_CONTAINER_OPTIONS (default ParallelGC): a collector in JAVA_OPTS_APPEND would be a second one. */
    @ParameterizedTest
    @ValueSource(strings = { "catalog-service", "scorecard-service", "portal-ui" })
    void theCollectorIsChosenOnlyThroughGcContainerOptions(String module) throws IOException {
        String text = String.join("\n", lines(module));
        Matcher gc = Pattern.compile("ENV GC_CONTAINER_OPTIONS=\"([^\"]*)\"").matcher(text);
        assertThat(gc.find()).as("%s sets GC_CONTAINER_OPTIONS", module).isTrue();
        assertThat(Pattern.compile("-XX:\\+Use\\w+GC").matcher(gc.group(1)).results().count()).isEqualTo(1);
        assertThat(javaOptsAppend(module)).doesNotContainPattern("-XX:\\+Use\\w+GC");
    }
}
