package dev.pillarboard.scorecard.service;

import java.util.List;

/** One page of results and the total count. */
public record Page<T>(List<T> items, long total) {
}
