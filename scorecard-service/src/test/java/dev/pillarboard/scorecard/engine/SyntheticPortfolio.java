package dev.pillarboard.scorecard.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic set of synthetic products with varied catalog data and evidence, generated from a
 * rubric's own rules (so it follows rubric changes): some evidence passes, some fails, some is
 * missing or stale, some attestations lapsed, some checks waived (validly or not). Used by the
 * benchmark and by tests that need volume (also the service's, hence public).
 */
public final class SyntheticPortfolio {

    private static final String[] TEAMS = {"payments", "search", "growth", "identity", "platform", "data"};
    private static final String[] TAGS = {"web", "api", "pci", "batch", "internal", "critical", "mobile", "ml"};

    private final ProductFacts[] products;
    private final Evidence[] evidence;

    private SyntheticPortfolio(ProductFacts[] products, Evidence[] evidence) {
        this.products = products;
        this.evidence = evidence;
    }

    public int size() {
        return products.length;
    }

    public ProductFacts product(int index) {
        return products[index];
    }

    public Evidence evidence(int index) {
        return evidence[index];
    }

    /** {@code count} products for {@code rubric}, reproducible for a given {@code seed}, relative to {@code now}. */
    public static SyntheticPortfolio generate(Rubric rubric, int count, long seed, Instant now) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Phase> phases = rubric.phases();
        ProductFacts[] products = new ProductFacts[count];
        Evidence[] evidence = new Evidence[count];
        for (int i = 0; i < count; i++) {
            // maturity: how likely each practice is in place; later phases are more mature on average
            int phaseIndex = random.nextInt(phases.size());
            double maturity = Math.min(0.95, 0.25 + 0.25 * phaseIndex + random.nextDouble() * 0.3);
            products[i] = product(random, i, phases.get(phaseIndex).id(), maturity, phaseIndex == 0 ? null
                    : phases.get(phaseIndex - 1).id(), now);
            evidence[i] = evidence(random, rubric, maturity, now);
        }
        return new SyntheticPortfolio(products, evidence);
    }

    private static ProductFacts product(SplittableRandom random, int index, String phase, double maturity,
                                        String earlierPhase, Instant now) {
        String slug = "product-" + index;
        // most in their phase for long; some arrived or moved lately (within a month: in grace, if the rubric has it)
        long daysInPhase = random.nextDouble() < 0.1 ? random.nextInt(40) : 40 + random.nextInt(700);
        ProductFacts.Builder builder = ProductFacts.builder(slug, phase)
                .phaseSince(now.minus(Duration.ofDays(daysInPhase)), random.nextBoolean() ? earlierPhase : null)
                .name("Product " + index)
                .description(random.nextDouble() < 0.8 ? "Synthetic product number " + index : null)
                .owner(TEAMS[random.nextInt(TEAMS.length)])
                .tier(random.nextDouble() < 0.95 ? 1 + random.nextInt(3) : null);
        int tagCount = random.nextInt(4);
        for (int t = 0; t < tagCount; t++) {
            builder.tags(TAGS[random.nextInt(TAGS.length)]);
        }
        String[] linkKeys = {"repo", "runbook", "dashboard", "on-call", "docs", "logs"};
        for (String key : linkKeys) {
            if (random.nextDouble() < maturity) {
                // now and then a link that is not a URL, to exercise 'matches'
                builder.link(key, random.nextDouble() < 0.05 ? "ask alice" : "https://example.com/" + slug + "/" + key);
            }
        }
        String[] annotationKeys = {"pagerduty.com/service-id", "pillarboard.dev/slo-doc", "pillarboard.dev/rto",
            "pillarboard.dev/rpo", "backstage.io/techdocs-ref"};
        for (String key : annotationKeys) {
            if (random.nextDouble() < maturity) {
                builder.annotation(key, key.endsWith("slo-doc") ? "https://docs.example.com/" + slug + "/slo" : "P" + index);
            }
        }
        return builder.build();
    }

    private static Evidence evidence(SplittableRandom random, Rubric rubric, double maturity, Instant now) {
        Evidence.Builder builder = Evidence.builder();
        for (Check check : rubric.checks()) {
            EvidenceRule rule = check.evidence();
            if (rule instanceof EvidenceRule.SignalRule signal) {
                if (random.nextDouble() < 0.15) {
                    continue; // never reported
                }
                boolean good = random.nextDouble() < maturity;
                // mostly fresh, sometimes stale
                Duration age = Duration.ofHours(random.nextDouble() < 0.9 ? random.nextInt(72) : 24 * (20 + random.nextInt(60)));
                builder.signal(signal.key(), value(random, signal.condition(), good, now), now.minus(age), "synthetic");
                if (signal.countKey() != null && random.nextDouble() < 0.95) {
                    // the sample behind a ratio: mostly enough to judge, sometimes too small
                    long size = random.nextDouble() < 0.8 ? signal.minCount() + random.nextInt(50) : random.nextLong(signal.minCount());
                    builder.signal(signal.countKey(), SignalValue.of(size), now.minus(age), "synthetic");
                }
            } else if (rule instanceof EvidenceRule.AttestationRule attestation) {
                if (random.nextDouble() < maturity) {
                    long daysAgo = random.nextInt(attestation.validForDays() + 60);
                    Instant at = now.minus(Duration.ofDays(daysAgo));
                    // now and then the practice happened a while before it was attested
                    Instant performed = random.nextDouble() < 0.3 ? at.minus(Duration.ofDays(random.nextInt(60))) : at;
                    builder.attestation(check.id(), new Attested("member-" + random.nextInt(50), at,
                            "https://docs.example.com/evidence", "synthetic", performed));
                }
            }
            if (random.nextDouble() < 0.04) {
                long days = random.nextInt(120) - 30; // some already expired
                // some only until the product changes phase (some of them granted in another phase)
                String phase = random.nextDouble() < 0.3 ? rubric.phases().get(random.nextInt(rubric.phases().size())).id() : null;
                builder.waiver(check.id(), new ApprovedWaiver("w-" + random.nextInt(100_000), "lead",
                        now.plus(Duration.ofDays(days)), phase));
            }
        }
        return builder.build();
    }

    /** A value that satisfies the condition when {@code good}, and (usually) violates it otherwise. */
    private static SignalValue value(SplittableRandom random, Condition condition, boolean good, Instant now) {
        if (condition instanceof Condition.AtLeast atLeast) {
            double bound = atLeast.bound().asDouble();
            if (!good && bound <= 0) {
                // e.g. an error budget that must not be overspent: only a negative value fails
                return unclamped(atLeast.bound(), bound - 0.01 - random.nextDouble());
            }
            return number(atLeast.bound(), good ? bound + random.nextDouble() * 3 : bound - 1 - random.nextDouble());
        }
        if (condition instanceof Condition.AtMost atMost) {
            double bound = atMost.bound().asDouble();
            return number(atMost.bound(), good ? bound - random.nextDouble() * bound : bound + 1 + random.nextDouble() * 5);
        }
        if (condition instanceof Condition.Equal equal) {
            if (good) {
                return equal.value();
            }
            return equal.value() instanceof SignalValue.Bool bool ? SignalValue.of(!bool.value()) : SignalValue.of(7);
        }
        if (condition instanceof Condition.In in) {
            return good ? in.values().get(random.nextInt(in.values().size())) : SignalValue.of("manual");
        }
        if (condition instanceof Condition.Within within) {
            long maxDays = Math.max(1, within.maxAge().duration().toDays());
            long daysAgo = good ? random.nextLong(maxDays) : maxDays + 1 + random.nextInt(200);
            Instant at = now.minus(Duration.ofDays(daysAgo));
            return SignalValue.of(random.nextBoolean() ? at.toString() : LocalDate.ofInstant(at, ZoneOffset.UTC).toString());
        }
        if (condition instanceof Condition.Matches) {
            return SignalValue.of(good ? "https://example.com/x" : "n/a");
        }
        return SignalValue.of(random.nextInt(10));
    }

    private static SignalValue unclamped(SignalValue like, double value) {
        return like instanceof SignalValue.Whole ? SignalValue.of(Math.round(Math.floor(value)))
                : SignalValue.of(Math.round(value * 100) / 100.0);
    }

    private static SignalValue number(SignalValue like, double value) {
        if (like instanceof SignalValue.Whole) {
            return SignalValue.of(Math.max(0, Math.round(value)));
        }
        return SignalValue.of(Math.max(0.0, Math.round(value * 100) / 100.0));
    }
}
