package dev.pillarboard.scorecard;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One check result as the scorecard row stores it: what varies per product. Title, pillar, weight
 * and requirements come from the rubric version that produced the result.
 *
 * @param id       check id
 * @param status   pass, fail, waived, n/a or unknown (in the product's phase)
 * @param outcome  pass, fail or unknown (what the evidence says)
 * @param priority P1, P2, P3 or null (no task due)
 * @param reason   one line for a busy developer
 * @param evidence what the outcome was based on ({@code kind} plus its fields)
 * @param waiver   the approved waiver in effect, if any
 * @param override the index of the check's override that applied (its requirements and evidence), if any
 * @param graceUntil when the grace of a newly required check ends (P2 until then), if it has one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredCheck(String id, String status, String outcome, String priority, String reason,
        Map<String, Object> evidence, AppliedWaiver waiver, Integer override, Instant graceUntil) {

    /**
     * The approved waiver in effect for a check (the engine's {@code ApprovedWaiver}, as stored); {@code phase} is the
     * phase it is limited to, if it was asked "until the product changes phase".
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AppliedWaiver(String id, String approvedBy, Instant expiresAt, String phase) {
    }
}
