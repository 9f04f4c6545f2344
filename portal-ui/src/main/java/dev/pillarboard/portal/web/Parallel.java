package dev.pillarboard.portal.web;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Asks the services in parallel for what one page needs. The request's context (the signed-in user, the notices
 * of this page) is propagated to the calls; each call has its own timeout and never throws (see client/), so a
 * page waits at most as long as its slowest call.
 */
@ApplicationScoped
public class Parallel {

    private final ManagedExecutor executor;

    public Parallel(ManagedExecutor executor) {
        this.executor = executor;
    }

    public <T> CompletableFuture<T> fetch(Supplier<T> call) {
        return executor.supplyAsync(call);
    }
}
