package dev.pillarboard.common.rest;

import java.util.List;

import dev.pillarboard.common.Page;

/** One page of a list as the API answers it: {@code page} is 0-based. */
public record PageView<T>(List<T> items, int page, int size, long total) {

    public static <T> PageView<T> of(Page<T> result, int page, int size) {
        return new PageView<>(result.items(), page, size, result.total());
    }
}
