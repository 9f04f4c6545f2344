package dev.pillarboard.reliability.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The suite's world, started once for all test classes ({@code @ExtendWith(Suite.class)}) and
 * stopped after the last: its own PostgreSQL cluster, the realm's Keycloak, the catalog and a
 * scorecard from their packaged jars, and the teams of the realm's users ({@code payments},
 * {@code checkout}, {@code search}). A second scorecard replica is configured (its port is in the
 * catalog's notify list from the start) and started only by the test that needs it.
 *
 * <p>
 * A test that stops or kills a service starts it again before it ends; every test class finds both
 * services running.
 */
public final class Suite implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Suite.class);
    private static volatile World world;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).computeIfAbsent(World.class, key -> {
            world = World.start();
            return world;
        }, World.class);
        world.catalog.start();
        world.scorecard.start();
    }

    public static World world() {
        return world;
    }

    /** Everything the tests talk to. */
    public static final class World implements AutoCloseable {

        public final Path root;
        public final Path logs;
        public final Keycloak keycloak;
        public final PrivatePostgres postgres;
        public final Service catalog;
        public final Service scorecard;
        public final Service replica;
        private boolean closed;

        private World(Path root, Path logs, Keycloak keycloak, PrivatePostgres postgres, Service catalog, Service scorecard,
                Service replica) {
            this.root = root;
            this.logs = logs;
            this.keycloak = keycloak;
            this.postgres = postgres;
            this.catalog = catalog;
            this.scorecard = scorecard;
            this.replica = replica;
        }

        static World start() {
            Path root = Path.of(System.getProperty("pillarboard.root", Path.of("").toAbsolutePath().getParent().toString()));
            Path logs = root.resolve("reliability-tests/target/reliability");
            long began = System.nanoTime();
            try {
                Files.createDirectories(logs);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            CompletableFuture<Keycloak> keycloak = CompletableFuture.supplyAsync(() -> Keycloak.ensure(root, logs));
            PrivatePostgres postgres = PrivatePostgres.start(logs);
            int catalogPort = Ports.free();
            int scorecardPort = Ports.free();
            int replicaPort = Ports.free();
            String catalogUrl = "http://127.0.0.1:" + catalogPort;

            Map<String, String> catalogEnv = database(postgres, "catalog");
            catalogEnv.put("CATALOG_NOTIFY_URLS", "http://127.0.0.1:" + scorecardPort + "/api/sync/nudge,http://127.0.0.1:"
                    + replicaPort + "/api/sync/nudge");
            Service catalog = new Service("catalog", root, "catalog-service", catalogPort, catalogEnv, List.of(), logs);

            Map<String, String> scorecardEnv = database(postgres, "scorecard");
            scorecardEnv.put("CATALOG_URL", catalogUrl);
            scorecardEnv.put("CATALOG_CLIENT_SECRET", "scorecard-secret");
            // Every page the follower applies is logged, so that two replicas' pages can be compared.
            List<String> follower = List.of("-Dquarkus.log.category.\"dev.pillarboard.scorecard.sync.CatalogFollower\".level=DEBUG");
            Service scorecard = new Service("scorecard", root, "scorecard-service", scorecardPort, scorecardEnv, follower, logs);
            Service replica = new Service("scorecard-2", root, "scorecard-service", replicaPort, scorecardEnv, follower, logs);

            World world = new World(root, logs, keycloak.join(), postgres, catalog, scorecard, replica);
            Runtime.getRuntime().addShutdownHook(new Thread(world::close, "reliability-suite-shutdown"));
            CompletableFuture<Service> startingCatalog = CompletableFuture.supplyAsync(catalog::start);
            scorecard.start();
            startingCatalog.join();
            world.seedTeams();
            System.out.printf("[reliability] suite ready in %.1f s: PostgreSQL on 127.0.0.1:%d, catalog %s, scorecard %s, logs %s%n",
                    (System.nanoTime() - began) / 1e9, postgres.port(), catalog.url(), scorecard.url(), logs);
            return world;
        }

        private static Map<String, String> database(PrivatePostgres postgres, String name) {
            Map<String, String> env = new HashMap<>();
            env.put("PG_HOST", "127.0.0.1");
            env.put("PG_PORT", String.valueOf(postgres.port()));
            env.put("PG_DATABASE", name);
            env.put("PG_USER", name);
            env.put("PG_PASSWORD", name);
            return env;
        }

        private void seedTeams() {
            String admin = keycloak.user("ada");
            for (String team : List.of("payments", "checkout", "search")) {
                Api.Answer answer = Api.json("POST", catalog.url() + "/api/teams", admin,
                        Map.of("slug", team, "name", team.substring(0, 1).toUpperCase() + team.substring(1),
                                "contact", Map.of("email", team + "@example.com")));
                if (answer.status() != 201) {
                    throw new IllegalStateException("could not create team " + team + ": " + answer);
                }
            }
        }

        /** The first column of the first row of a query on the suite's own database ("catalog" or "scorecard"). */
        public String query(String database, String sql) {
            try (Connection connection = postgres.connect(database); Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            } catch (SQLException e) {
                throw new IllegalStateException(sql + ": " + e.getMessage(), e);
            }
        }

        public String admin() {
            return keycloak.user("ada");
        }

        public void awaitBothReady(Duration within) {
            catalog.awaitReady(within);
            scorecard.awaitReady(within);
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            for (Service service : List.of(replica, scorecard, catalog)) {
                try {
                    service.stop();
                } catch (RuntimeException e) {
                    // keep closing the rest
                }
            }
            postgres.close();
            keycloak.close();
        }
    }
}
