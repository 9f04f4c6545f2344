package dev.pillarboard.catalog.backstage;

import java.util.ArrayList;
import java.util.List;

import dev.pillarboard.catalog.backstage.ImportReport.Item;
import dev.pillarboard.catalog.backstage.ImportReport.Outcome;
import dev.pillarboard.catalog.service.ProductRequest;
import dev.pillarboard.catalog.service.TeamRequest;

/** A document on its way through an import: where it came from, and what it became. */
final class ImportEntry {
    final int index;
    final int line;
    String ref;
    String kind;
    Outcome outcome;
    String reason;
    final List<String> notes = new ArrayList<>();
    List<String> ignored = List.of();
    /** What an update changes (empty otherwise). */
    List<String> changes = List.of();
    TeamRequest team;
    ProductRequest product;
    /** A component of the default type: its type annotation is only kept where it already is. */
    boolean defaultType;

    ImportEntry(int index, int line) {
        this.index = index;
        this.line = line;
    }

    void reject(String why) {
        outcome = Outcome.rejected;
        reason = why;
    }

    void skip(String why) {
        outcome = Outcome.skipped;
        reason = why;
    }

    boolean pending() {
        return outcome == null;
    }

    Item item() {
        String text = reason;
        if (text == null && !notes.isEmpty()) {
            text = String.join("; ", notes);
        }
        return new Item(ref, kind, line, outcome, text, changes, ignored);
    }
}
