package dev.pillarboard.portal.web;

import java.time.Duration;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.pillarboard.portal.i18n.Languages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Signing in and out, and the language switch. The OIDC extension does the login (every page needs a session; an
 * anonymous visitor is sent to Keycloak and back to the page they asked for) and the logout ({@code /logout}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signedOut();
    }

    private final Pages pages;

    public AccountPages(Pages pages) {
        this.pages = pages;
    }

    /** Where the logout ends (open to everyone): a page that says so, with a way back in. */
    @GET
    @Path("signed-out")
    public TemplateInstance signedOut() {
        return pages.render(Templates.signedOut());
    }

    /**
     * An explicit sign-in link with a page to return to, {@code /login?next=/products/x}. Reaching this method means
     * the user is signed in; they go on to {@code next} only when it is a page of this portal (no open redirect).
     */
    @GET
    @Path("login")
    public RestResponse<Void> login(@RestQuery String next) {
        return pages.redirect(LocalPath.orHome(next));
    }

    /** The language switch of every page: remembered in a cookie for a year, then back to the same page. */
    @POST
    @Path("language")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public RestResponse<Void> language(@RestForm String lang, @RestForm("return") String back) {
        var chosen = Languages.supported(lang);
        if (chosen != null) {
            pages.cookie(Languages.COOKIE, chosen.getLanguage(), Duration.ofDays(365));
        }
        return pages.redirect(LocalPath.orHome(back));
    }
}
