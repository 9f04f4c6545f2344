package dev.pillarboard.scorecard.evidence;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One signal of a push ({@code POST /api/signals} takes an array of them): a fact that automation
 * observed about a product. Its constraints are the contract that OpenAPI shows; {@link SignalBatch}
 * enforces them as it reads a batch, in one pass and without Bean Validation's per-item cost on the
 * push path, naming every problem of every item ({@code [3].value}). {@code SignalBatchTest} checks
 * that Bean Validation of this record and the batch reader agree.
 */
@Schema(name = "Signal", description = "A fact that automation observed about a product")
public record SignalRequest(
        @Schema(description = "The product's slug in the catalog", examples = "search-api")
        @NotBlank @Pattern(regexp = SLUG) String product,
        @Schema(description = "What was observed: letters, digits, _ . : / -", examples = "slo.count")
        @NotBlank @Pattern(regexp = KEY) String key,
        @Schema(description = "What was observed: a number, a boolean or a string (at most " + MAX_TEXT
                + " characters, no control characters but tab and line breaks)", oneOf = { BigDecimal.class,
                        Boolean.class, String.class }, maxLength = MAX_TEXT, examples = "3")
        @NotNull JsonNode value,
        @Schema(description = "When it was observed: an ISO-8601 timestamp with an offset, from 2000 on and not in the "
                + "future (a few minutes of clock skew allowed); the latest observation per product and key counts",
                examples = "2026-09-01T10:00:00Z")
        @NotNull Instant observedAt,
        @Schema(description = "Who observed it (default: the caller)", examples = "ci")
        @Size(max = MAX_SOURCE) String source) {

    /** A product slug, as the catalog has it. */
    public static final String SLUG = "[a-z0-9][a-z0-9-]{0,62}";
    /** A signal key. */
    public static final String KEY = "[A-Za-z0-9_][A-Za-z0-9_.:/-]{0,199}";
    /** The longest string value. */
    public static final int MAX_TEXT = 2000;
    /** The longest source. */
    public static final int MAX_SOURCE = 200;
    /** Observations older than this are refused: a mistyped year, not evidence. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
}
