package dev.pillarboard.scorecard.engine;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A signal key the rubric reads, declared in its {@code signals} section: what the value means, which
 * automation pushes it and what a team does to get it pushed. A check whose signal was never pushed is
 * "not connected", and the scorecard shows this instead of the practice's fix.
 *
 * @param key     the signal key, e.g. {@code alerts.availability_rules}
 * @param source  the automation that pushes it, as it names itself in {@code source} (e.g. {@code alerting-exporter})
 * @param means   what the value means (Markdown)
 * @param connect what the team does so that the automation pushes it for their product (Markdown)
 * @param example a typical value, for the example request
 */
public record SignalSpec(String key, String source, Text means, Text connect, SignalValue example) {

    /** Requires every field. */
    public SignalSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(means, "means");
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(example, "example");
    }

    /** The fields as the YAML gives them, in a language. */
    public Map<String, Object> toPlain(String language) {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("key", key);
        plain.put("source", source);
        plain.put("means", means.in(language));
        plain.put("connect", connect.in(language));
        plain.put("example", example.toJava());
        return plain;
    }

    /**
     * How to connect the signals of a rule, in every language that the specs or the built-in wording
     * have: for each key, that it was never pushed, who pushes it and what to do (from its spec, or a
     * general line when the rubric does not declare the key), then one example request for all of them.
     *
     * @param keys    the keys of the rule (its key, and the key of its sample count if it has one)
     * @param specs   the rubric's declared signals by key
     * @param product the product slug for the example ({@code <product>} when null)
     * @param now     the instant for the example's {@code observedAt}
     */
    static Text howToConnect(List<String> keys, Map<String, SignalSpec> specs, String product, Instant now) {
        Set<String> languages = new LinkedHashSet<>(List.of(Text.ENGLISH, Text.JAPANESE));
        for (String key : keys) {
            SignalSpec spec = specs.get(key);
            if (spec != null) {
                languages.addAll(spec.means().languages());
                languages.addAll(spec.connect().languages());
            }
        }
        String slug = product == null ? "<product>" : product;
        String observedAt = now.truncatedTo(ChronoUnit.SECONDS).toString();
        StringBuilder example = new StringBuilder("```\nPOST /api/signals\n[");
        for (int i = 0; i < keys.size(); i++) {
            SignalSpec spec = specs.get(keys.get(i));
            example.append(i == 0 ? "" : ",\n ").append("{\"product\": \"").append(slug).append("\", \"key\": \"")
                    .append(keys.get(i)).append("\", \"value\": ").append(spec == null ? "…" : json(spec.example()))
                    .append(", \"observedAt\": \"").append(observedAt).append("\", \"source\": \"")
                    .append(spec == null ? "…" : spec.source()).append("\"}");
        }
        example.append("]\n```");
        Map<String, String> versions = new LinkedHashMap<>();
        for (String language : languages) {
            boolean ja = language.equals(Text.JAPANESE);
            StringBuilder text = new StringBuilder(ja ? "**未接続**: " : "**Not connected**: ");
            for (String key : keys) {
                SignalSpec spec = specs.get(key);
                String means = spec == null ? null : spec.means().in(language).strip();
                if (ja) {
                    text.append('`').append(key).append('`').append(means == null ? "" : "（" + means + "）")
                            .append("はこのプロダクトについてまだ一度も送られていません。")
                            .append(spec == null ? "どの自動化が送るのかはプラットフォームチームに確認してください。"
                                    : "送るのは `" + spec.source() + "` です。" + spec.connect().in(language).strip());
                } else {
                    text.append('`').append(key).append('`').append(means == null ? "" : " (" + means + ")")
                            .append(" has never been pushed for this product. ")
                            .append(spec == null ? "Ask the platform team which automation pushes it."
                                    : "`" + spec.source() + "` pushes it. " + spec.connect().in(language).strip())
                            .append(' ');
                }
            }
            text.append(ja ? "\n\n送られると次のようなリクエストになります（automation ロールのトークンで送信）:\n\n"
                    : "\n\nOnce connected, the automation sends requests like this one (with a token of the automation role):\n\n")
                    .append(example);
            versions.put(language, text.toString().replace(" \n", "\n"));
        }
        return new Text(versions);
    }

    private static String json(SignalValue value) {
        if (value instanceof SignalValue.Str text) {
            return "\"" + text.value().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return value.display();
    }
}
