package dev.pillarboard.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the suite's own: Debian's PostgreSQL binaries ({@code initdb}, {@code pg_ctl})
 * on a data directory in a temporary directory, listening on 127.0.0.1 on a free port, stopped and
 * deleted at the end. The suite restarts it under load; the shared PostgreSQL on 5432 that the
 * other modules' tests use is never touched. As root (CI) the cluster runs as the {@code postgres}
 * user, as {@code scripts/ensure-postgres.sh} does, since PostgreSQL refuses to run as root.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.data = dir.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Creates the cluster, starts it, and creates role + database {@code catalog} and {@code scorecard}. */
    public static PrivatePostgres start(Path logs) {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("pillarboard-reliability-pg-");
            PrivatePostgres pg = new PrivatePostgres(bin, dir, Ports.free(), root);
            if (root) {
                Processes.run(Duration.ofSeconds(10), logs.resolve("postgres-setup.log"), "chown", "postgres:postgres", dir.toString());
            }
            pg.asOwner(Duration.ofSeconds(120), logs.resolve("postgres-setup.log"), bin.resolve("initdb").toString(),
                    "-D", pg.data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            Files.writeString(pg.data.resolve("postgresql.auto.conf"), String.join("\n",
                    "listen_addresses = '127.0.0.1'",
                    "port = " + pg.port,
                    "unix_socket_directories = '" + dir + "'",
                    "max_connections = 200",
                    // A private, throwaway cluster: no fsync. A restart (fast or immediate) loses nothing
                    // that was committed, since the operating system keeps what PostgreSQL wrote.
                    "fsync = off",
                    "full_page_writes = off",
                    "shared_buffers = 64MB",
                    "log_min_messages = warning",
                    ""));
            pg.startServer();
            pg.sql("postgres", "CREATE ROLE catalog LOGIN PASSWORD 'catalog'", "CREATE DATABASE catalog OWNER catalog",
                    "CREATE ROLE scorecard LOGIN PASSWORD 'scorecard'", "CREATE DATABASE scorecard OWNER scorecard");
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Stops the server: "fast" ends every session (SQLState 57P01) and shuts down cleanly; "immediate" as in a crash. */
    public void stop(String mode) {
        asOwner(Duration.ofSeconds(60), log(), bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", mode, "-w", "stop");
    }

    public void startServer() {
        asOwner(Duration.ofSeconds(60), log(), bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "start");
    }

    /** A connection as the superuser, to the given database. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    private void sql(String database, String... statements) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the suite's PostgreSQL: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            asOwner(Duration.ofSeconds(60), log(), bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate",
                    "-w", "stop");
        } catch (RuntimeException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it eventually
        }
    }

    private Path log() {
        return dir.resolve("pg_ctl.log");
    }

    private void asOwner(Duration timeout, Path log, String... command) {
        List<String> line = new ArrayList<>();
        if (asPostgresUser) {
            StringBuilder quoted = new StringBuilder();
            for (String part : command) {
                quoted.append('\'').append(part.replace("'", "'\\''")).append("' ");
            }
            line.addAll(List.of("su", "postgres", "-s", "/bin/sh", "-c", quoted.toString()));
        } else {
            line.addAll(List.of(command));
        }
        Processes.run(timeout, log, line.toArray(String[]::new));
    }

    /** The newest installed version's binaries: /usr/lib/postgresql/<version>/bin. */
    private static Path binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(base)) {
            return versions.filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(v -> parseVersion(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries under " + base));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL's server binaries are not installed (Debian: apt-get install "
                    + "postgresql; ./mvnw verify installs it through scripts/ensure-postgres.sh when run as root)", e);
        }
    }

    private static int parseVersion(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
