package dev.pillarboard.catalog.backstage;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What an import did (or, with dryRun, would do) with every document it was given. */
public record ImportReport(boolean dryRun, List<Item> items, Counts counts) {

    public enum Outcome {
        created, updated, unchanged, skipped, rejected
    }

    /**
     * One document's outcome. {@code ref} is written as Backstage writes it
     * ({@code component:default/name}); {@code reason} says why it was skipped or rejected, or
     * notes what was adjusted; {@code changes}, for an update, names every field it changes, with the old and the new
     * value for those that decide what is asked of the product or who owns it ({@code phase: pmf → pre-pmf});
     * {@code ignored} lists descriptor fields Pillarboard does not keep.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Item(String ref, String kind, int line, Outcome outcome, String reason, List<String> changes,
            List<String> ignored) {
    }

    public record Counts(int created, int updated, int unchanged, int skipped, int rejected) {

        static Counts of(List<Item> items) {
            int[] n = new int[Outcome.values().length];
            items.forEach(item -> n[item.outcome().ordinal()]++);
            return new Counts(n[0], n[1], n[2], n[3], n[4]);
        }
    }
}
