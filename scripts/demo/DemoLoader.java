import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads the demo organisation (demo/catalog-info.yaml and demo/evidence.yaml) into a running suite,
 * through the public APIs only, with the realm's users' and the automation client's tokens: the
 * Backstage import, signal batches, attestations, waivers and their decisions, reviews, and the
 * past 90 days as imported history. Run by scripts/run.sh (a single-file program: java runs it from
 * source, with SnakeYAML from a packaged service on the class path); see demo/README.md.
 *
 * <pre>
 * java -cp SNAKEYAML.jar scripts/demo/DemoLoader.java [--if-empty] [--dir demo]
 *      [--catalog URL] [--scorecard URL] [--oidc URL]
 * </pre>
 *
 * With --if-empty it loads nothing when the catalog already has a team or a product (a user's data,
 * or the demo loaded before), and says so. Exit status: 0 loaded or skipped, 1 failed.
 */
public class DemoLoader {

    private static final Pattern AGE = Pattern.compile("(\\d+)([dhm]) ago");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    private final Map<String, String> tokens = new HashMap<>();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private String catalog = "http://localhost:8081";
    private String scorecard = "http://localhost:8082";
    private String oidc = "http://localhost:8180/realms/pillarboard";
    private Path dir = Path.of("demo");
    private boolean ifEmpty;

    public static void main(String[] args) {
        DemoLoader loader = new DemoLoader();
        try {
            loader.parse(args);
            loader.run();
        } catch (Failure | IOException e) {
            System.err.println("[demo] ERROR: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    /** A step that failed, with what the service answered. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private static void say(String message) {
        System.err.println("[demo] " + message);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--if-empty" -> ifEmpty = true;
                case "--dir" -> dir = Path.of(args[++i]);
                case "--catalog" -> catalog = args[++i];
                case "--scorecard" -> scorecard = args[++i];
                case "--oidc" -> oidc = args[++i];
                default -> throw new Failure("unknown argument " + args[i]
                        + "; usage: DemoLoader [--if-empty] [--dir DIR] [--catalog URL] [--scorecard URL] [--oidc URL]");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void run() throws IOException, InterruptedException {
        String catalogYaml = Files.readString(dir.resolve("catalog-info.yaml"));
        Map<String, Object> evidence = yaml.load(Files.readString(dir.resolve("evidence.yaml")));

        if (ifEmpty) {
            long teams = total(get(catalog + "/api/teams?size=1", "ada"));
            long products = total(get(catalog + "/api/products?size=1", "ada"));
            if (teams + products > 0) {
                say("the catalog already has " + teams + " teams and " + products
                        + " products: the demo is not loaded over them (scripts/run.sh demo --reset starts afresh)");
                return;
            }
        }

        say("importing " + dir.resolve("catalog-info.yaml") + " (POST /api/import, as the automation client)");
        Map<String, Object> report = (Map<String, Object>) parseJson(send("POST", catalog + "/api/import",
                automationToken(), "application/yaml", catalogYaml, 200));
        for (Map<String, Object> item : (List<Map<String, Object>>) report.get("items")) {
            if ("rejected".equals(item.get("outcome"))) {
                throw new Failure("the import rejected " + item.get("ref") + ": " + item.get("reason"));
            }
        }
        say("  " + report.get("counts"));

        Map<String, String> owners = owners();
        say("waiting for the scorecard to follow the catalog (POST /api/sync)");
        send("POST", scorecard + "/api/sync", token("ada"), null, null, 200);
        waitFor("the scorecard knows all " + owners.size() + " products",
                () -> total(get(scorecard + "/api/scorecards?size=1", "ada")) >= owners.size());

        Map<String, Object> people = (Map<String, Object>) evidence.get("people");
        Map<String, Object> profiles = (Map<String, Object>) evidence.get("profiles");
        Map<String, Object> products = (Map<String, Object>) evidence.get("products");
        for (String product : products.keySet()) {
            if (!owners.containsKey(product)) {
                throw new Failure("evidence.yaml names " + product + ", which catalog-info.yaml does not have");
            }
        }

        // evidence.yaml serves every edition of the default rubric: signals a rubric does not read are kept but
        // change nothing; a check is attested only where the rubric in force takes an attestation for it.
        Map<String, Object> rubric = (Map<String, Object>) parseJson(get(scorecard + "/api/rubric", "ada"));
        List<String> attestable = new ArrayList<>();
        for (Map<String, Object> check : (List<Map<String, Object>>) rubric.get("checks")) {
            if (((Map<String, Object>) check.get("evidence")).containsKey("attestation")) {
                attestable.add((String) check.get("id"));
            }
        }
        say("the rubric in force is version " + rubric.get("version") + " (" + rubric.get("title") + ")");

        List<Map<String, Object>> signals = new ArrayList<>();
        int attestations = 0;
        for (Map.Entry<String, Object> entry : products.entrySet()) {
            String product = entry.getKey();
            Map<String, Object> spec = (Map<String, Object>) entry.getValue();
            Map<String, Object> profile = (Map<String, Object>) profiles.get(String.valueOf(spec.get("profile")));
            if (profile == null) {
                throw new Failure(product + ": unknown profile " + spec.get("profile"));
            }
            Instant observed = time(String.valueOf(spec.getOrDefault("observed", "now")), now);
            Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) profile.getOrDefault("signals", Map.of()));
            values.putAll((Map<String, Object>) spec.getOrDefault("signals", Map.of()));
            values.forEach((key, value) -> {
                if (value != null) {
                    signals.add(map("product", product, "key", key, "value", signalValue(value, observed),
                            "observedAt", observed.toString(), "source", "demo"));
                }
            });
            List<String> attest = new ArrayList<>((List<String>) profile.getOrDefault("attestations", List.of()));
            attest.removeAll((List<String>) spec.getOrDefault("skipAttestations", List.of()));
            attest.retainAll(attestable);
            String member = person(people, owners.get(product), "member");
            for (String check : attest) {
                send("POST", scorecard + "/api/attestations", token(member), "application/json", json(map(
                        "product", product, "check", check,
                        "evidenceUrl", "https://wiki.acme.example/" + product + "/" + check,
                        "comment", "Demo: " + check.replace('-', ' ') + " in place")), 201);
                attestations++;
            }
        }
        say("pushed " + attestations + " attestations (POST /api/attestations, as members of the owning teams)");
        send("POST", scorecard + "/api/signals", automationToken(), "application/json", json(signals), 202);
        say("pushed " + signals.size() + " signals for " + products.size()
                + " products (POST /api/signals, as the automation client)");

        for (Map<String, Object> waiver : (List<Map<String, Object>>) evidence.getOrDefault("waivers", List.of())) {
            String product = (String) waiver.get("product");
            String owner = owners.get(product);
            String member = person(people, owner, "member");
            Instant expires = now.plus(duration(String.valueOf(waiver.get("expires"))));
            Map<String, Object> created = (Map<String, Object>) parseJson(send("POST", scorecard + "/api/waivers",
                    token(member), "application/json", json(map("product", product, "check", waiver.get("check"),
                            "reason", waiver.get("reason"), "expiresAt", expires.toString())), 201));
            String decision = (String) waiver.get("decision");
            if (decision != null) {
                String lead = person(people, owner, "lead");
                send("POST", scorecard + "/api/waivers/" + created.get("id") + "/decision", token(lead),
                        "application/json", json(map("decision", decision, "comment", waiver.get("comment"))), 200);
                say("waiver on " + product + "/" + waiver.get("check") + ": asked by " + member + ", " + decision
                        + "d by " + lead);
            } else {
                say("waiver on " + product + "/" + waiver.get("check") + ": asked by " + member
                        + ", pending (for " + person(people, owner, "lead") + " to decide)");
            }
        }
        for (Map<String, Object> review : (List<Map<String, Object>>) evidence.getOrDefault("reviews", List.of())) {
            String product = (String) review.get("product");
            String lead = person(people, owners.get(product), "lead");
            send("POST", scorecard + "/api/reviews", token(lead), "application/json", json(map("product", product,
                    "decision", review.get("decision"), "comment", review.get("comment"))), 201);
            say("review of " + product + " by " + lead + ": " + review.get("decision"));
        }

        waitFor("every product is evaluated", this::queueEmpty);
        importHistory((Map<String, Object>) evidence.get("history"), owners.keySet());
        summary();
    }

    // ---- history -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private void importHistory(Map<String, Object> spec, Iterable<String> products) throws IOException, InterruptedException {
        if (spec == null) {
            return;
        }
        int days = ((Number) spec.get("days")).intValue();
        Duration every = duration(String.valueOf(spec.get("every")));
        Duration barSince = duration(String.valueOf(spec.get("barSince")));
        int defaultRise = ((Number) spec.get("defaultRise")).intValue();
        Map<String, Object> rises = (Map<String, Object>) spec.getOrDefault("rise", Map.of());
        Instant start = now.minus(Duration.ofDays(days));
        Instant end = now.minus(Duration.ofDays(7));
        int points = 0;
        for (String product : products) {
            Map<String, Object> card = (Map<String, Object>) parseJson(get(scorecard + "/api/scorecards/" + product, "ada"));
            int rise = rises.containsKey(product) ? ((Number) rises.get(product)).intValue() : defaultRise;
            boolean meets = Boolean.TRUE.equals(card.get("meetsPhaseBar"));
            List<Map<String, Object>> history = new ArrayList<>();
            int k = 0;
            for (Instant t = start; !t.isAfter(end); t = t.plus(every), k++) {
                double behind = rise * (double) Duration.between(t, now).toSeconds() / Duration.between(start, now).toSeconds();
                Map<String, Object> pillars = new LinkedHashMap<>();
                for (Map<String, Object> pillar : (List<Map<String, Object>>) card.get("pillars")) {
                    String id = (String) pillar.get("id");
                    pillars.put(id, past((Number) pillar.get("score"), behind, product + id + k));
                }
                boolean metThen = meets && !t.isBefore(now.minus(barSince));
                // Progress toward the bar: 100 exactly while it was met, below it before.
                Integer progress = metThen ? Integer.valueOf(100)
                        : cap(past((Number) card.get("progress"), behind, product + "bar" + k), 99);
                history.add(map("takenAt", t.toString(), "phase", card.get("phase"),
                        "score", past((Number) card.get("score"), behind, product + k), "progress", progress,
                        "meetsPhaseBar", metThen,
                        "nextPhaseReadiness", past((Number) card.get("nextPhaseReadiness"), behind / 2, product + "next" + k),
                        "pillars", pillars));
            }
            send("POST", scorecard + "/api/scorecards/" + product + "/history", token("ada"), "application/json",
                    json(history), 200);
            points += history.size();
        }
        say("imported " + points + " history points over the past " + days
                + " days (POST /api/scorecards/{product}/history, as ada)");
    }

    private static Integer cap(Integer value, int most) {
        return value == null ? null : Math.min(value, most);
    }

    /** A past score: today's, {@code behind} points lower, with up to two points of steady noise. */
    private static Integer past(Number today, double behind, String seed) {
        if (today == null) {
            return null;
        }
        int noise = Math.floorMod(seed.hashCode(), 5) - 2;
        long value = Math.round(today.intValue() - behind + (behind == 0 ? 0 : noise));
        return (int) Math.max(0, Math.min(100, value));
    }

    // ---- what the services say -----------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Map<String, String> owners() throws IOException, InterruptedException {
        Map<String, String> owners = new LinkedHashMap<>();
        for (int page = 0; ; page++) {
            Map<String, Object> body = (Map<String, Object>) parseJson(
                    get(catalog + "/api/products?size=100&sort=name&page=" + page, "ada"));
            List<Map<String, Object>> items = (List<Map<String, Object>>) body.get("items");
            items.forEach(p -> owners.put((String) p.get("slug"), (String) p.get("owner")));
            if (items.size() < 100) {
                return owners;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private boolean queueEmpty() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(scorecard + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> health = (Map<String, Object>) parseJson(response.body());
        for (Map<String, Object> check : (List<Map<String, Object>>) health.get("checks")) {
            if ("evaluation-queue".equals(check.get("name"))) {
                Map<String, Object> data = (Map<String, Object>) check.get("data");
                return data != null && ((Number) data.get("queued")).longValue() == 0
                        && ((Number) data.get("retrying")).longValue() == 0;
            }
        }
        throw new Failure("the scorecard's readiness has no evaluation-queue check: " + response.body());
    }

    @SuppressWarnings("unchecked")
    private void summary() throws IOException, InterruptedException {
        Map<String, Object> page = (Map<String, Object>) parseJson(
                get(scorecard + "/api/scorecards?size=100&sort=-score", "ada"));
        int meets = 0, byOne = 0, more = 0;
        for (Map<String, Object> card : (List<Map<String, Object>>) page.get("items")) {
            int distance = card.get("distance") instanceof Number n ? n.intValue() : -1;
            if (distance == 0) {
                meets++;
            } else if (distance == 1) {
                byOne++;
            } else {
                more++;
            }
        }
        say("loaded: " + page.get("total") + " scorecards; " + meets + " meet their phase's bar, " + byOne
                + " miss it by one check, " + more + " by more");
    }

    // ---- HTTP and tokens -----------------------------------------------------------------------

    private String get(String url, String user) throws IOException, InterruptedException {
        return send("GET", url, token(user), null, null, 200);
    }

    private String send(String method, String url, String token, String type, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            request.header("Content-Type", type);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new Failure(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private String token(String user) throws IOException, InterruptedException {
        String cached = tokens.get(user);
        if (cached == null) {
            cached = tokenFor(form("grant_type", "password", "client_id", "pillarboard-cli", "username", user,
                    "password", user, "scope", "openid"), user);
            tokens.put(user, cached);
        }
        return cached;
    }

    private String automationToken() throws IOException, InterruptedException {
        String cached = tokens.get("automation");
        if (cached == null) {
            String secret = System.getenv().getOrDefault("AUTOMATION_CLIENT_SECRET", "automation-secret");
            cached = tokenFor(form("grant_type", "client_credentials", "client_id", "pillarboard-automation",
                    "client_secret", secret), "the automation client");
            tokens.put("automation", cached);
        }
        return cached;
    }

    @SuppressWarnings("unchecked")
    private String tokenFor(String form, String who) throws IOException, InterruptedException {
        String body = send("POST", oidc + "/protocol/openid-connect/token", null, "application/x-www-form-urlencoded",
                form, 200);
        Object token = ((Map<String, Object>) parseJson(body)).get("access_token");
        if (token == null) {
            throw new Failure("no token for " + who + ": " + body);
        }
        return (String) token;
    }

    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            out.append(i == 0 ? "" : "&").append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    interface Condition {
        boolean holds() throws IOException, InterruptedException;
    }

    private static void waitFor(String what, Condition condition) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new Failure("waited " + WAIT.toSeconds() + " s in vain until " + what);
            }
            Thread.sleep(200);
        }
    }

    // ---- the files' little language -------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static String person(Map<String, Object> people, String team, String role) {
        Map<String, Object> acting = (Map<String, Object>) people.getOrDefault(team, people.get("default"));
        return (String) acting.get(role);
    }

    /** A signal value as pushed: an age ("6h ago") becomes the timestamp that long before the observation. */
    private static Object signalValue(Object value, Instant observed) {
        return value instanceof String text && (text.equals("now") || AGE.matcher(text).matches())
                ? time(text, observed).toString() : value;
    }

    private static Instant time(String text, Instant base) {
        return text.equals("now") ? base : base.minus(duration(text.replace(" ago", "")));
    }

    private static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)([dhm])").matcher(text.trim());
        if (!m.matches()) {
            throw new Failure("'" + text + "' is not a duration such as 30d, 12h or 45m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private Object parseJson(String body) {
        return yaml.load(body);
    }

    private static long total(String pageJson) {
        Matcher m = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(pageJson);
        if (!m.find()) {
            throw new Failure("a list without a total: " + pageJson);
        }
        return Long.parseLong(m.group(1));
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** JSON text of maps, lists, strings, numbers, booleans and nulls. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                write(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            out.append('"');
            for (char c : value.toString().toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
                }
            }
            out.append('"');
        }
    }
}
