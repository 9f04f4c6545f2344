package dev.pillarboard.portal.client;

import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ResteasyReactiveClientRequestFilter;

import dev.pillarboard.portal.i18n.Languages;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;

/**
 * Calls to scorecard-service ask for the page's language ({@code Accept-Language}), so the rubric's texts (titles, why,
 * how to fix, how to connect) come in Japanese where the rubric has them; the service falls back to English per text.
 * Outside a page request (startup warm-up) nothing is added.
 */
public class PageLanguage implements ResteasyReactiveClientRequestFilter {

    @Override
    public void filter(ResteasyReactiveClientRequestContext request) {
        ArcContainer container = Arc.container();
        if (container != null && container.requestContext().isActive()) {
            request.getHeaders().putSingle("Accept-Language", Languages.current());
        }
    }
}
