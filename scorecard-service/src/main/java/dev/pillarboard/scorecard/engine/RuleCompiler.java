package dev.pillarboard.scorecard.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns evidence rules into evaluators once, so that scoring a product does no parsing, regex
 * compilation or field lookup by name. Package-private: {@link ScoringEngine} is the public surface.
 */
final class RuleCompiler {

    private static final int MAX_SHOWN_TEXT = 80;

    private RuleCompiler() {
    }

    /** The outcome of a rule for one product, with its reason and the evidence it used. */
    record RuleResult(Outcome outcome, String reason, EvidenceUsed evidence) {
    }

    /** A rule ready to evaluate; thread-safe. */
    interface CompiledRule {
        RuleResult evaluate(ProductFacts product, Evidence evidence, Instant now);
    }

    /** Whether a predicate held, and the phrase that says why. */
    record Verdict(boolean holds, String phrase) {
    }

    private interface CatalogNode {
        Verdict test(ProductFacts product);
    }

    static CompiledRule compile(String checkId, EvidenceRule rule) {
        if (rule instanceof EvidenceRule.CatalogRule catalog) {
            return compileCatalog(catalog);
        }
        if (rule instanceof EvidenceRule.SignalRule signal) {
            return compileSignal(signal);
        }
        return compileAttestation(checkId, (EvidenceRule.AttestationRule) rule);
    }

    // ---- catalog -------------------------------------------------------------------------------

    private static CompiledRule compileCatalog(EvidenceRule.CatalogRule rule) {
        Map<String, CatalogField> fields = new LinkedHashMap<>();
        collectFields(rule.predicate(), fields);
        String[] paths = fields.keySet().toArray(new String[0]);
        List<Function<ProductFacts, Object>> accessors = new ArrayList<>();
        for (CatalogField field : fields.values()) {
            accessors.add(field.accessor());
        }
        CatalogNode root = compileNode(rule.predicate());
        return (product, evidence, now) -> {
            Verdict verdict = root.test(product);
            List<EvidenceUsed.FieldSeen> seen = new ArrayList<>(paths.length);
            for (int i = 0; i < paths.length; i++) {
                seen.add(new EvidenceUsed.FieldSeen(paths[i], accessors.get(i).apply(product)));
            }
            return new RuleResult(verdict.holds() ? Outcome.PASS : Outcome.FAIL, verdict.phrase(),
                    new EvidenceUsed.CatalogEvidence(seen));
        };
    }

    private static void collectFields(CatalogPredicate predicate, Map<String, CatalogField> fields) {
        if (predicate instanceof CatalogPredicate.FieldTest test) {
            fields.putIfAbsent(test.field().path(), test.field());
        } else if (predicate instanceof CatalogPredicate.All all) {
            all.predicates().forEach(child -> collectFields(child, fields));
        } else if (predicate instanceof CatalogPredicate.Any any) {
            any.predicates().forEach(child -> collectFields(child, fields));
        }
    }

    private static CatalogNode compileNode(CatalogPredicate predicate) {
        if (predicate instanceof CatalogPredicate.All all) {
            CatalogNode[] children = compileChildren(all.predicates());
            return product -> {
                List<String> failed = new ArrayList<>(children.length);
                List<String> held = new ArrayList<>(children.length);
                for (CatalogNode child : children) {
                    Verdict verdict = child.test(product);
                    (verdict.holds() ? held : failed).add(verdict.phrase());
                }
                return failed.isEmpty()
                        ? new Verdict(true, String.join("; ", held))
                        : new Verdict(false, String.join("; ", failed));
            };
        }
        if (predicate instanceof CatalogPredicate.Any any) {
            CatalogNode[] children = compileChildren(any.predicates());
            return product -> {
                List<String> failed = new ArrayList<>(children.length);
                for (CatalogNode child : children) {
                    Verdict verdict = child.test(product);
                    if (verdict.holds()) {
                        return verdict;
                    }
                    failed.add(verdict.phrase());
                }
                return new Verdict(false, String.join(" and ", failed));
            };
        }
        CatalogPredicate.FieldTest test = (CatalogPredicate.FieldTest) predicate;
        Function<ProductFacts, Object> accessor = test.field().accessor();
        String path = test.field().path();
        Condition condition = test.condition();
        switch (test.field().valueType()) {
            case LIST:
                return product -> testList(path, listOf(accessor.apply(product)), condition);
            case NUMBER: {
                ScalarTest scalar = scalarTest(path, condition);
                return product -> {
                    Object value = accessor.apply(product);
                    return scalar.test(value == null ? null : SignalValue.of(((Number) value).longValue()), null);
                };
            }
            default: {
                ScalarTest scalar = scalarTest(path, condition);
                return product -> {
                    Object value = accessor.apply(product);
                    String text = value == null ? null : value.toString();
                    return scalar.test(text == null || text.isBlank() ? null : SignalValue.of(text), null);
                };
            }
        }
    }

    private static CatalogNode[] compileChildren(List<CatalogPredicate> predicates) {
        CatalogNode[] children = new CatalogNode[predicates.size()];
        for (int i = 0; i < children.length; i++) {
            children[i] = compileNode(predicates.get(i));
        }
        return children;
    }

    @SuppressWarnings("unchecked")
    private static List<String> listOf(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }

    static Verdict testList(String subject, List<String> values, Condition condition) {
        if (condition instanceof Condition.Present) {
            return values.isEmpty()
                    ? new Verdict(false, subject + " is empty")
                    : new Verdict(true, subject + " has " + quotedList(values));
        }
        if (condition instanceof Condition.Contains contains) {
            return values.contains(contains.value())
                    ? new Verdict(true, subject + " has '" + contains.value() + "'")
                    : new Verdict(false, subject + " has no '" + contains.value() + "'");
        }
        if (condition instanceof Condition.Matches matches) {
            for (String value : values) {
                if (matches.pattern().matcher(value).find()) {
                    return new Verdict(true, subject + " has '" + shorten(value) + "' (matches "
                            + matches.pattern().pattern() + ")");
                }
            }
            return new Verdict(false, subject + " has nothing matching " + matches.pattern().pattern());
        }
        throw new IllegalStateException("'" + condition.op().label() + "' does not apply to " + subject);
    }

    // ---- signal --------------------------------------------------------------------------------

    private static CompiledRule compileSignal(EvidenceRule.SignalRule rule) {
        String key = rule.key();
        ScalarTest scalar = scalarTest(key, rule.condition());
        Duration maxAge = rule.maxAge() == null ? null : rule.maxAge().duration();
        String maxAgeText = rule.maxAge() == null ? null : rule.maxAge().humanize();
        String countKey = rule.countKey();
        long minCount = rule.minCount() == null ? 0 : rule.minCount();
        String notConnected = "not connected: no " + key + " has been pushed for this product yet";
        String countNotConnected = "not connected: no " + countKey + " (the sample behind " + key
                + ") has been pushed for this product yet";
        String tooFew = "; fewer than " + minCount + ", too few to judge " + key;
        return (product, evidence, now) -> {
            Signal signal = evidence.signals().get(key);
            Signal count = countKey == null ? null : evidence.signals().get(countKey);
            EvidenceUsed.SampleCount sample = countKey == null ? null : new EvidenceUsed.SampleCount(countKey,
                    count == null ? null : count.value().toJava(), count == null ? null : count.observedAt());
            EvidenceUsed used = signal == null ? new EvidenceUsed.SignalEvidence(key, null, null, null, sample)
                    : new EvidenceUsed.SignalEvidence(key, signal.value().toJava(), signal.observedAt(), signal.source(), sample);
            boolean countFresh = count != null && (maxAge == null || !count.observedAt().plus(maxAge).isBefore(now));
            if (countFresh) {
                Double size = numberOf(count.value());
                if (size != null && size < minCount) {
                    return new RuleResult(Outcome.INSUFFICIENT_DATA, countKey + " is " + count.value().display() + tooFew, used);
                }
            }
            if (signal == null) {
                return new RuleResult(Outcome.NOT_CONNECTED, notConnected, used);
            }
            if (maxAge != null && signal.observedAt().plus(maxAge).isBefore(now)) {
                return new RuleResult(Outcome.UNKNOWN, "no signal " + key + " newer than " + maxAgeText
                        + " (last: " + date(signal.observedAt()) + ")", used);
            }
            if (countKey != null) {
                if (count == null) {
                    return new RuleResult(Outcome.NOT_CONNECTED, countNotConnected, used);
                }
                if (!countFresh) {
                    return new RuleResult(Outcome.UNKNOWN, "no signal " + countKey + " newer than " + maxAgeText
                            + " (last: " + date(count.observedAt()) + ")", used);
                }
                if (numberOf(count.value()) == null) {
                    return new RuleResult(Outcome.FAIL, countKey + " is " + quoted(count.value())
                            + ", not a number; needs a count of at least " + minCount, used);
                }
            }
            Verdict verdict = scalar.test(signal.value(), now);
            return new RuleResult(verdict.holds() ? Outcome.PASS : Outcome.FAIL, verdict.phrase(), used);
        };
    }

    /** A scalar test compiled for one subject and condition: the verdict for a value (null = missing). */
    interface ScalarTest {
        Verdict test(SignalValue value, Instant now);
    }

    /**
     * Compiles the test of one scalar against a condition, worded like "slo.count is 0; needs ≥ 1",
     * "links.runbook is missing", "tier is 1 (≤ 2)". Everything that depends only on the rule (the
     * subject, what the condition needs, bounds) is prepared here, and each kind of condition gets
     * its own small evaluator, so scoring a product runs (and the JIT compiles) only what applies.
     */
    static ScalarTest scalarTest(String subject, Condition condition) {
        String need = need(condition);
        String is = subject + " is ";
        String needs = "; needs " + need;
        Verdict missing = new Verdict(false, condition instanceof Condition.Present || condition instanceof Condition.Matches
                ? subject + " is missing"
                : subject + " is missing; needs " + need);
        if (condition instanceof Condition.Present) {
            return (value, now) -> value == null ? missing : new Verdict(true, is + quoted(value));
        }
        if (condition instanceof Condition.Equal equal) {
            SignalValue expected = equal.value();
            return (value, now) -> {
                if (value == null) {
                    return missing;
                }
                String shown = is + quoted(value);
                return value.sameAs(expected) ? new Verdict(true, shown) : new Verdict(false, shown + needs);
            };
        }
        if (condition instanceof Condition.In in) {
            List<SignalValue> candidates = in.values();
            return (value, now) -> {
                if (value == null) {
                    return missing;
                }
                String shown = is + quoted(value);
                for (SignalValue candidate : candidates) {
                    if (value.sameAs(candidate)) {
                        return new Verdict(true, shown);
                    }
                }
                return new Verdict(false, shown + needs);
            };
        }
        if (condition instanceof Condition.Matches matches) {
            Pattern pattern = matches.pattern();
            String matched = " (matches " + pattern.pattern() + ")";
            return (value, now) -> {
                if (value == null) {
                    return missing;
                }
                String shown = is + quoted(value);
                return pattern.matcher(value.display()).find() ? new Verdict(true, shown + matched)
                        : new Verdict(false, shown + needs);
            };
        }
        if (condition instanceof Condition.AtLeast || condition instanceof Condition.AtMost) {
            boolean atLeast = condition instanceof Condition.AtLeast;
            SignalValue bound = atLeast ? ((Condition.AtLeast) condition).bound() : ((Condition.AtMost) condition).bound();
            String held = " (" + need + ")";
            String notNumber = ", not a number" + needs;
            return (value, now) -> {
                if (value == null) {
                    return missing;
                }
                String shown = is + quoted(value);
                Double number = numberOf(value);
                if (number == null) {
                    return new Verdict(false, shown + notNumber);
                }
                boolean holds = atLeast ? number >= bound.asDouble() : number <= bound.asDouble();
                return holds ? new Verdict(true, shown + held) : new Verdict(false, shown + needs);
            };
        }
        if (condition instanceof Condition.Within within) {
            Duration maxAge = within.maxAge().duration();
            String held = " (within the last " + within.maxAge().humanize() + ")";
            String notDate = ", not an ISO date or timestamp" + needs;
            return (value, now) -> {
                if (value == null) {
                    return missing;
                }
                String shown = is + quoted(value);
                Instant instant = instantOf(value);
                if (instant == null) {
                    return new Verdict(false, shown + notDate);
                }
                return !instant.plus(maxAge).isBefore(now) ? new Verdict(true, shown + held)
                        : new Verdict(false, shown + needs);
            };
        }
        return (value, now) -> {
            if (value == null) {
                return missing;
            }
            throw new IllegalStateException("'" + condition.op().label() + "' does not apply to " + subject);
        };
    }

    /** What a condition asks for, after "needs ". */
    static String need(Condition condition) {
        if (condition instanceof Condition.Present) {
            return "a value";
        }
        if (condition instanceof Condition.Equal equal) {
            return quoted(equal.value());
        }
        if (condition instanceof Condition.In in) {
            List<String> shown = new ArrayList<>(in.values().size());
            for (SignalValue value : in.values()) {
                shown.add(quoted(value));
            }
            return "one of " + String.join(", ", shown);
        }
        if (condition instanceof Condition.Matches matches) {
            return "a value matching " + matches.pattern().pattern();
        }
        if (condition instanceof Condition.AtLeast atLeast) {
            return "≥ " + atLeast.bound().display();
        }
        if (condition instanceof Condition.AtMost atMost) {
            return "≤ " + atMost.bound().display();
        }
        if (condition instanceof Condition.Contains contains) {
            return "'" + contains.value() + "'";
        }
        return "a date within the last " + ((Condition.Within) condition).maxAge().humanize();
    }

    private static Double numberOf(SignalValue value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value instanceof SignalValue.Str text) {
            try {
                double parsed = Double.parseDouble(text.value().trim());
                return Double.isFinite(parsed) ? parsed : null;
            } catch (NumberFormatException notNumber) {
                return null;
            }
        }
        return null;
    }

    /**
     * Reads an ISO-8601 instant from a string signal: a timestamp with offset or {@code Z}
     * ({@code 2026-09-01T10:00:00Z}), a local date-time (taken as UTC) or a date (start of that day, UTC).
     * Returns null if the value is not such a string.
     */
    static Instant instantOf(SignalValue value) {
        if (!(value instanceof SignalValue.Str text)) {
            return null;
        }
        String raw = text.value().trim();
        Instant common = commonInstant(raw);
        return common != null ? common : parseInstant(raw);
    }

    /** {@link #instantOf} with the formatters, for any form. */
    static Instant parseInstant(String raw) {
        try {
            if (raw.length() == 10) {
                return LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            char last = raw.isEmpty() ? ' ' : raw.charAt(raw.length() - 1);
            boolean hasOffset = last == 'Z' || last == 'z' || raw.lastIndexOf('+') > 10 || raw.lastIndexOf('-') > 10;
            if (hasOffset) {
                return OffsetDateTime.parse(raw.replace('z', 'Z')).toInstant();
            }
            return LocalDateTime.parse(raw).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notDate) {
            return null;
        }
    }

    private static final int NO_DIGITS = -1;

    /**
     * The two forms automation sends almost always, read without a {@code DateTimeFormatter}: a date
     * {@code 2026-09-01} and a UTC timestamp {@code 2026-09-01T10:00:00Z} (with an optional fraction of
     * one to nine digits). Gives exactly what the formatters give for them; returns null for anything
     * else (other forms, offsets, invalid dates), which then takes the general path.
     */
    static Instant commonInstant(String raw) {
        int length = raw.length();
        if (length != 10 && (length < 20 || length > 30)) {
            return null;
        }
        int year = digits(raw, 0, 4);
        int month = digits(raw, 5, 2);
        int day = digits(raw, 8, 2);
        if (year == NO_DIGITS || month < 1 || month > 12 || day < 1 || raw.charAt(4) != '-' || raw.charAt(7) != '-'
                || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        if (length == 10) {
            return Instant.ofEpochSecond(epochDay * 86_400L);
        }
        int hour = digits(raw, 11, 2);
        int minute = digits(raw, 14, 2);
        int second = digits(raw, 17, 2);
        if (raw.charAt(10) != 'T' || raw.charAt(13) != ':' || raw.charAt(16) != ':' || raw.charAt(length - 1) != 'Z'
                || hour == NO_DIGITS || hour > 23 || minute == NO_DIGITS || minute > 59 || second == NO_DIGITS || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            int fraction = fractionDigits == 0 ? NO_DIGITS : digits(raw, 20, fractionDigits);
            if (raw.charAt(19) != '.' || fraction == NO_DIGITS) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        } else if (raw.charAt(19) != 'Z') {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or {@link #NO_DIGITS}. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return NO_DIGITS;
            }
            value = value * 10 + (ch - '0');
        }
        return value;
    }

    // ---- attestation ---------------------------------------------------------------------------

    private static CompiledRule compileAttestation(String checkId, EvidenceRule.AttestationRule rule) {
        Duration validity = Duration.ofDays(rule.validForDays());
        String validityText = DurationSpec.humanize(validity);
        EvidenceUsed none = new EvidenceUsed.AttestationEvidence(null, null, null, null, null, null);
        return (product, evidence, now) -> {
            Attested attestation = evidence.attestations().get(checkId);
            if (attestation == null) {
                return new RuleResult(Outcome.UNKNOWN, "not attested yet", none);
            }
            Instant validUntil = attestation.performedAt().plus(validity);
            EvidenceUsed used = new EvidenceUsed.AttestationEvidence(attestation.by(), attestation.at(),
                    attestation.evidenceUrl(), attestation.comment(), validUntil, attestation.performedAt());
            String performed = date(attestation.performedAt()).equals(date(attestation.at())) ? ""
                    : ", performed " + date(attestation.performedAt());
            if (now.isBefore(validUntil)) {
                return new RuleResult(Outcome.PASS, "attested by " + attestation.by() + " on " + date(attestation.at())
                        + performed + "; valid until " + date(validUntil), used);
            }
            return new RuleResult(Outcome.UNKNOWN, "attestation by " + attestation.by() + " lapsed on "
                    + date(validUntil) + " (attested " + date(attestation.at()) + performed + ", valid " + validityText
                    + "); attest again", used);
        };
    }

    // ---- wording -------------------------------------------------------------------------------

    /** The UTC date of an instant, e.g. 2026-09-01. */
    static String date(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static String quoted(SignalValue value) {
        if (value instanceof SignalValue.Str text) {
            return "'" + shorten(text.value()) + "'";
        }
        return value.display();
    }

    private static String quotedList(List<String> values) {
        List<String> shown = new ArrayList<>(values.size());
        for (String value : values) {
            shown.add("'" + shorten(value) + "'");
        }
        return String.join(", ", shown);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_SHOWN_TEXT ? text : text.substring(0, MAX_SHOWN_TEXT - 1) + "…";
    }
}
