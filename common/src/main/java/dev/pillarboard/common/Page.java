package dev.pillarboard.common;

import java.util.List;
import java.util.function.Function;

/** One page of results and the total count of the query (what a service returns; the REST layer adds page and size). */
public record Page<T>(List<T> items, long total) {

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), total);
    }
}
