package dev.pillarboard.portal.client;

import java.util.List;
import java.util.function.Function;

/** A page of a service's list: {@code {items, page, size, total}}. */
public record Paged<T>(List<T> items, int page, int size, long total) {

    public Paged {
        items = items == null ? List.of() : items;
    }

    public static <T> Paged<T> empty() {
        return new Paged<>(List.of(), 0, 0, 0);
    }

    /** The same page with each item mapped. */
    public <R> Paged<R> map(Function<T, R> mapper) {
        return new Paged<>(items.stream().map(mapper).toList(), page, size, total);
    }

    public int pages() {
        return size <= 0 ? 0 : (int) ((total + size - 1) / size);
    }
}
