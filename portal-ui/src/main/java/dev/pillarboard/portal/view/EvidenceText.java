package dev.pillarboard.portal.view;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pillarboard.portal.client.ScorecardData;
import dev.pillarboard.portal.i18n.RubricMsg;
import io.quarkus.qute.TemplateExtension;

/**
 * A check's evidence rule as sentences in the page's language, for the check page: "Signal {@code slo.min_target} is at
 * least 99.9, observed within the last 7 days", "All of these:" over the catalog fields it tests, "Attested by the
 * team; an attestation counts for 120 days". The rule comes from the rubric API as it is written (a map); a part this
 * class does not know is shown as written rather than dropped.
 */
@TemplateExtension
public final class EvidenceText {

    /**
     * One line: {@code lead}, then {@code code} (a signal key, a catalog field; shown as code, may be empty), then
     * {@code rest}; {@code depth} is its nesting under "all of" / "any of".
     */
    public record Line(int depth, String lead, String code, String rest) {
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)([dhm])");

    private EvidenceText() {
    }

    static List<Line> evidenceLines(ScorecardData.RubricCheck check, int defaultValidityDays,
            @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return lines(check.evidence(), defaultValidityDays, msg(locale));
    }

    /** An override's rule in the page's language, for an override with its own evidence rule. */
    static List<Line> evidenceLines(ScorecardData.RubricOverride override, int defaultValidityDays,
            @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return lines(override.evidence(), defaultValidityDays, msg(locale));
    }

    /** Which products an override is for: "Tier 1", "Tier 1 or 2, tagged pci" / "ティア 1・2、タグ pci". */
    static String products(ScorecardData.RubricOverride override, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        RubricMsg msg = msg(locale);
        String or = Display.japanese(locale) ? "・" : " or ";
        String tiers = String.join(or, override.tiers());
        String tags = String.join(or, override.tags());
        if (tiers.isEmpty()) {
            return tags.isEmpty() ? override.label() : msg.ev_when_tag(tags);
        }
        return tags.isEmpty() ? msg.ev_when_tier(tiers) : msg.ev_when_both(tiers, tags);
    }

    /**
     * Which products the rule that decided a product's check is for, in the page's language ("Tier 1" / "ティア 1"),
     * from the rubric's override of that index; the service's English label where the page's rubric lacks it.
     */
    static String productsIn(ScorecardData.Rule rule, ScorecardData.RubricCheck check,
            @TemplateExtension.TemplateAttribute("locale") Object locale) {
        List<ScorecardData.RubricOverride> overrides = check == null ? List.of() : check.overrides();
        return rule.override() >= 0 && rule.override() < overrides.size()
                ? products(overrides.get(rule.override()), locale) : rule.label();
    }

    static List<Line> lines(Map<String, Object> evidence, int defaultValidityDays, RubricMsg msg) {
        List<Line> lines = new ArrayList<>();
        if (evidence == null) {
            return lines;
        }
        for (Map.Entry<String, Object> kind : evidence.entrySet()) {
            Map<String, Object> rule = map(kind.getValue());
            switch (kind.getKey()) {
                case "signal" -> signal(rule, msg, lines);
                case "catalog" -> catalog(rule, 0, msg, lines);
                case "attestation" -> {
                    Object days = rule.get("validForDays");
                    lines.add(new Line(0, msg.ev_attestation(days != null ? plain(days) : String.valueOf(defaultValidityDays)),
                            "", ""));
                }
                default -> lines.add(new Line(0, kind.getKey(), "", plain(kind.getValue())));
            }
        }
        return lines;
    }

    private static void signal(Map<String, Object> rule, RubricMsg msg, List<Line> lines) {
        String rest = test(rule, msg, true);
        Object maxAge = rule.get("maxAge");
        if (maxAge != null) {
            rest += msg.ev_max_age(duration(plain(maxAge), msg));
        }
        lines.add(new Line(0, msg.ev_signal(), plain(rule.get("key")), rest));
        Object minCount = rule.get("minCount");
        if (minCount != null) {
            Object countKey = rule.get("countKey");
            lines.add(new Line(1, msg.ev_min_count(), countKey != null ? plain(countKey) : "",
                    msg.ev_min_count_rest(plain(minCount))));
        }
    }

    private static void catalog(Map<String, Object> rule, int depth, RubricMsg msg, List<Line> lines) {
        for (String combinator : List.of("all", "any")) {
            if (rule.get(combinator) instanceof List<?> children) {
                lines.add(new Line(depth, combinator.equals("all") ? msg.ev_all() : msg.ev_any(), "", ""));
                for (Object child : children) {
                    catalog(map(child), depth + 1, msg, lines);
                }
                return;
            }
        }
        lines.add(new Line(depth, msg.ev_field(), plain(rule.get("field")), test(rule, msg, false)));
    }

    /** "is at least 1", "is one of canary, blue-green", "is a time within the last 7 days". */
    private static String test(Map<String, Object> rule, RubricMsg msg, boolean signal) {
        Object value = rule.get("value");
        String operand = value instanceof List<?> list
                ? String.join(", ", list.stream().map(EvidenceText::plain).toList())
                : plain(value);
        return switch (String.valueOf(rule.get("op"))) {
            case "present" -> signal ? msg.ev_pushed() : msg.ev_present();
            case "equals" -> msg.ev_equals(operand);
            case "in" -> msg.ev_in(operand);
            case "matches" -> msg.ev_matches(operand);
            case "gte" -> msg.ev_gte(operand);
            case "lte" -> msg.ev_lte(operand);
            case "contains" -> msg.ev_contains(operand);
            case "within" -> msg.ev_within(duration(operand, msg));
            default -> rule.get("op") + " " + operand;
        };
    }

    /** "7d" as "7 days" ("7 日"); anything else as written. */
    static String duration(String text, RubricMsg msg) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return text;
        }
        return switch (m.group(2)) {
            case "d" -> msg.ev_days(m.group(1));
            case "h" -> msg.ev_hours(m.group(1));
            default -> msg.ev_minutes(m.group(1));
        };
    }

    /** A number without a trailing ".0" (99.0 is 99, 0.90 is 0.9), anything else as its text. */
    static String plain(Object value) {
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
            return decimal.scale() < 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
        }
        return value == null ? "" : value.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static RubricMsg msg(Object locale) {
        return Display.bundle(RubricMsg.class, locale);
    }
}
