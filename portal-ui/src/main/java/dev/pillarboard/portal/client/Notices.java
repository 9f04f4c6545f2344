package dev.pillarboard.portal.client;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The services that could not answer during this request: the layout shows a notice for each, and the page renders
 * with whatever data it did get. Calls made in parallel (context propagated) add to the same instance.
 */
@RequestScoped
@Named("notices")
public class Notices {

    private final Set<Downstream> unavailable = EnumSet.noneOf(Downstream.class);

    public synchronized void unavailable(Downstream service) {
        unavailable.add(service);
    }

    public synchronized boolean catalogDown() {
        return unavailable.contains(Downstream.CATALOG);
    }

    public synchronized boolean scorecardDown() {
        return unavailable.contains(Downstream.SCORECARD);
    }

    public synchronized boolean any() {
        return !unavailable.isEmpty();
    }

    public synchronized boolean isDown(Downstream service) {
        return unavailable.contains(service);
    }
}
