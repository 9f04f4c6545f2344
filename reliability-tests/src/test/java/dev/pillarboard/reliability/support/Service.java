package dev.pillarboard.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * One service from its packaged jar ({@code <module>/target/quarkus-app/quarkus-run.jar}), in the
 * production profile, with the JVM options of {@code scripts/jvm-options.sh}, listening on 127.0.0.1
 * on a port fixed for the whole suite (so that it can be stopped, killed and started again where
 * the others expect it). Its output goes to {@code target/reliability/<name>.log}, appended across
 * restarts.
 */
public final class Service {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path root;
    private final String module;
    private final int port;
    private final Map<String, String> env;
    private final List<String> properties;
    private final Path log;
    private volatile Process process;

    Service(String name, Path root, String module, int port, Map<String, String> env, List<String> properties, Path logs) {
        this.name = name;
        this.root = root;
        this.module = module;
        this.port = port;
        this.env = env;
        this.properties = properties;
        this.log = logs.resolve(name + ".log");
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** The process id, to show that a service recovered without a restart. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Starts the JVM (if it is not running) and waits until it is ready. */
    public Service start() {
        launch();
        awaitReady(Duration.ofSeconds(180));
        return this;
    }

    private synchronized void launch() {
        if (running()) {
            return;
        }
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify packages them "
                    + "before this module; or ./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(module));
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.addAll(properties);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "\n===== start " + name + " (" + String.join(" ", command) + ")\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as an orchestrator stops a service: it finishes what it was doing and exits. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    /** SIGKILL: the process is gone at once, with whatever it had in flight. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(10));
        }
    }

    private void waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void awaitReady(Duration within) {
        String[] last = { "nothing yet" };
        try {
            Awaitility.await(name + " ready").atMost(within).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!running()) {
                            throw new IllegalStateException(name + " exited: " + Processes.tail(log));
                        }
                        Api.Answer ready = readinessAnswer();
                        last[0] = ready.toString();
                        return ready.status() == 200;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + " not ready within " + within + "; its readiness said " + last[0] + " (log: " + log + ")", e);
        }
    }

    /** The status of GET /q/health/ready, or -1 when nothing answers. */
    public int readiness() {
        return readinessAnswer().status();
    }

    public Api.Answer readinessAnswer() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            return new Api.Answer(-1, java.util.Map.of(), String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Api.Answer(-1, java.util.Map.of(), "interrupted");
        }
    }

    /** The log's length now: {@link #logSince(long)} reads what came after. */
    public long logMark() {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logSince(long mark) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(Arrays.copyOfRange(all, (int) Math.min(mark, all.length), all.length), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The options scripts/run.sh gives this service (scripts/jvm-options.sh), so the suite runs what production runs. */
    private List<String> jvmOptions(String module) {
        Path script = root.resolve("scripts/jvm-options.sh");
        try {
            Process shell = new ProcessBuilder("bash", "-c", "source \"$1\" && java_opts_for \"$2\"", "jvm-options", script.toString(),
                    module).redirectErrorStream(true).start();
            String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (shell.waitFor() != 0) {
                throw new IllegalStateException("scripts/jvm-options.sh failed: " + out);
            }
            return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
