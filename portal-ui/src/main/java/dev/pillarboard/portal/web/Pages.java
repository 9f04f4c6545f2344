package dev.pillarboard.portal.web;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.RequestScoped;

import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.portal.i18n.Languages;
import dev.pillarboard.portal.i18n.Msg;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * What every page answer goes through: the negotiated language set on the template (Qute's REST integration would
 * otherwise use only the first Accept-Language entry), the one-time confirmation read, redirects after a form
 * (303, post/redirect/get) that carry a confirmation, and the portal's cookies.
 */
@RequestScoped
public class Pages {

    private final Languages languages;
    private final Flash flash;
    private final Here here;
    private final RoutingContext request;

    public Pages(Languages languages, Flash flash, Here here, RoutingContext request) {
        this.languages = languages;
        this.flash = flash;
        this.here = here;
        this.request = request;
    }

    /** The messages in this request's language, for texts made in Java (chart labels). */
    public Msg msg() {
        return MessageBundles.get(Msg.class, Localized.Literal.of(languages.tag()));
    }

    /** This request's language, for what is formatted in Java (a chart's dates). */
    public Locale locale() {
        return languages.locale();
    }

    public TemplateInstance render(TemplateInstance page) {
        flash.text();
        return page.setLocale(languages.locale());
    }

    /** A 303 to a path of this portal (anything else goes home), with a confirmation for the next page. */
    public <T> RestResponse<T> redirect(String path, Flash.Kind kind, String argument) {
        if (kind != null) {
            cookie(Flash.COOKIE, Flash.value(kind, argument), Flash.LIFETIME);
        }
        return RestResponse.seeOther(URI.create(LocalPath.orHome(path)));
    }

    public <T> RestResponse<T> redirect(String path) {
        return redirect(path, null, null);
    }

    /** Sets a cookie of this portal: for every path, HttpOnly, SameSite=Lax, and Secure when the page came over https. */
    public void cookie(String name, String value, Duration lifetime) {
        request.response().addCookie(Cookie.cookie(name, value).setPath("/").setMaxAge(lifetime.toSeconds())
                .setHttpOnly(true).setSecure(here.secure()).setSameSite(CookieSameSite.LAX));
    }
}
