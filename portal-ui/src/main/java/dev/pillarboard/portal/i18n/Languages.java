package dev.pillarboard.portal.i18n;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The language of this request, negotiated once: the language the user chose on a page (remembered in a cookie), else
 * the best match of the whole {@code Accept-Language} list among the supported languages (not just its first entry,
 * which is all Qute's REST integration looks at), else English.
 */
@RequestScoped
@Named("lang")
public class Languages {

    public static final String COOKIE = "pb-lang";
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.JAPANESE);

    private final RoutingContext request;
    private Locale locale;

    public Languages(RoutingContext request) {
        this.request = request;
    }

    public Locale locale() {
        if (locale == null) {
            locale = of(request.request());
        }
        return locale;
    }

    /** The language of a request, negotiated the same way where there is no request scope (a Vert.x route). */
    public static Locale of(HttpServerRequest request) {
        Cookie cookie = request.getCookie(COOKIE);
        return negotiate(cookie == null ? null : cookie.getValue(), request.getHeader("Accept-Language"));
    }

    /** The language of the request being served: en or ja (en outside a request). */
    public static String current() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return "en";
        }
        return container.instance(Languages.class).get().tag();
    }

    /** The language tag for {@code <html lang>}: en or ja. */
    public String tag() {
        return locale().getLanguage();
    }

    public boolean japanese() {
        return Locale.JAPANESE.getLanguage().equals(tag());
    }

    /** The supported language for a tag a user chose, or null when it is not one. */
    public static Locale supported(String tag) {
        if (tag == null) {
            return null;
        }
        for (Locale candidate : SUPPORTED) {
            if (candidate.getLanguage().equalsIgnoreCase(tag.trim())) {
                return candidate;
            }
        }
        return null;
    }

    static Locale negotiate(String chosen, String acceptLanguage) {
        Locale fromCookie = supported(chosen);
        if (fromCookie != null) {
            return fromCookie;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
                if (best != null) {
                    return best;
                }
            } catch (IllegalArgumentException e) {
                // A malformed header counts as no preference.
            }
        }
        return Locale.ENGLISH;
    }
}
