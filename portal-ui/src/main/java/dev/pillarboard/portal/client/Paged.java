package dev.pillarboard.portal.client;

import java.util.List;

/** A page of a service's list: {@code {items, page, size, total}}. */
public record Paged<T>(List<T> items, int page, int size, long total) {

    public Paged {
        items = items == null ? List.of() : items;
    }

    public static <T> Paged<T> empty() {
        return new Paged<>(List.of(), 0, 0, 0);
    }

    public int pages() {
        return size <= 0 ? 0 : (int) ((total + size - 1) / size);
    }
}
