package dev.pillarboard.portal.web;

import java.net.URI;

import jakarta.enterprise.context.RequestScoped;

import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.portal.i18n.Languages;
import dev.pillarboard.portal.i18n.Msg;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;

/**
 * What every page answer goes through: the negotiated language set on the template (Qute's REST integration would
 * otherwise use only the first Accept-Language entry), the one-time confirmation read, and redirects after a form
 * (303, post/redirect/get) that carry a confirmation.
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

    public TemplateInstance render(TemplateInstance page) {
        flash.text();
        return page.setLocale(languages.locale());
    }

    /** A 303 to a path of this portal (anything else goes home), with a confirmation for the next page. */
    public <T> RestResponse<T> redirect(String path, Flash.Kind kind, String argument) {
        if (kind != null) {
            request.response().addCookie(Flash.cookie(kind, argument, here.secure()));
        }
        return RestResponse.seeOther(URI.create(LocalPath.orHome(path)));
    }

    public <T> RestResponse<T> redirect(String path) {
        return redirect(path, null, null);
    }
}
