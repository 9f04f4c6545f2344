package dev.pillarboard.common.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A TCP relay between a service under test and the local PostgreSQL, which a test can cut: every
 * open connection is reset and new ones are refused, as when the database host goes away, until
 * the test restores it on the same port. The shared PostgreSQL other tests use is never touched.
 *
 * <p>
 * As a Quarkus test resource it points the service's data source at the relay:
 * {@code @WithTestResource(value = PostgresProxy.Resource.class, initArgs = @ResourceArg(name = "url", value =
 * "jdbc:postgresql://{host}:{port}/catalog_test"))}, where {@code {host}} and {@code {port}} are
 * replaced by the relay's and a {@code ${VAR:default}} in the URL by the environment.
 */
public final class PostgresProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    private PostgresProxy(InetSocketAddress target) {
        this.target = target;
        this.server = listen(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    /** A relay on a free loopback port to {@code host:port}. */
    public static PostgresProxy to(String host, int port) {
        return new PostgresProxy(new InetSocketAddress(host, port));
    }

    public int port() {
        return port;
    }

    /** Resets every relayed connection and refuses new ones (nothing listens on the port). */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0); // RST, as from a host that went away
            } catch (IOException e) {
                // closed already
            }
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Listens again on the same port. */
    public synchronized void restore() {
        if (server == null) {
            server = listen(port);
            accept(server);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept(ServerSocket listening) {
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                try {
                    Socket client = listening.accept();
                    Socket upstream = new Socket();
                    try {
                        upstream.connect(target, 2000);
                    } catch (IOException e) {
                        closeQuietly(client);
                        closeQuietly(upstream);
                        continue;
                    }
                    // Registered under the lock cut() holds: a connection accepted while the relay was being cut is
                    // closed here rather than left open past the cut (the pool may open one at any moment).
                    synchronized (this) {
                        if (listening.isClosed()) {
                            closeQuietly(client);
                            closeQuietly(upstream);
                            continue;
                        }
                        open.add(client);
                        open.add(upstream);
                    }
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // the listening socket was closed by cut()
                }
            }
        }, "postgres-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed or was reset
            } finally {
                open.remove(from);
                open.remove(to);
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "postgres-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing to do
        }
    }

    /**
     * Starts a relay to {@code PG_HOST}/{@code PG_PORT} (default localhost:5432) and sets
     * {@code quarkus.datasource.jdbc.url} to the init argument {@code url} with the relay's host and port.
     */
    public static class Resource implements QuarkusTestResourceLifecycleManager {

        private static volatile PostgresProxy proxy;
        private String url;

        /** The relay of the running test resource. */
        public static PostgresProxy proxy() {
            return proxy;
        }

        @Override
        public void init(Map<String, String> initArgs) {
            url = initArgs.get("url");
        }

        @Override
        public Map<String, String> start() {
            String host = env("PG_HOST", "localhost");
            int targetPort = Integer.parseInt(env("PG_PORT", "5432"));
            proxy = PostgresProxy.to(host, targetPort);
            String resolved = url.replace("{host}", "localhost").replace("{port}", String.valueOf(proxy.port()));
            return Map.of("quarkus.datasource.jdbc.url", expand(resolved));
        }

        @Override
        public void stop() {
            if (proxy != null) {
                proxy.close();
            }
        }

        /** Replaces ${NAME:default} with the environment variable NAME, or the default. */
        private static String expand(String text) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (true) {
                int start = text.indexOf("${", at);
                if (start < 0) {
                    return out.append(text.substring(at)).toString();
                }
                int end = text.indexOf('}', start);
                String[] spec = text.substring(start + 2, end).split(":", 2);
                out.append(text, at, start).append(env(spec[0], spec.length > 1 ? spec[1] : ""));
                at = end + 1;
            }
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
