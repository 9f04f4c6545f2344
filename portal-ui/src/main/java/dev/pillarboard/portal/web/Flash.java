package dev.pillarboard.portal.web;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import dev.pillarboard.portal.i18n.Languages;
import dev.pillarboard.portal.i18n.Msg;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * The confirmation a page shows once after a form's redirect (post/redirect/get): a message key of {@link Kind} and
 * one argument (a product name, a version), carried in a short-lived cookie that the next page reads and clears.
 */
@RequestScoped
@Named("flash")
public class Flash {

    /** The confirmations there are; a cookie naming anything else is ignored. */
    public enum Kind {
        product_created, product_saved, attested, task_saved, waiver_requested, waiver_approved, waiver_rejected,
        review_signed, rubric_published, evaluation_started, language_changed, imported
    }

    static final String COOKIE = "pb-flash";
    static final Duration LIFETIME = Duration.ofMinutes(1);

    private final RoutingContext request;
    private final Languages languages;
    private boolean read;
    private Kind kind;
    private String argument;

    public Flash(RoutingContext request, Languages languages) {
        this.request = request;
        this.languages = languages;
    }

    /** The confirmation to show on this page, in the page's language, or null. */
    public String text() {
        load();
        if (kind == null) {
            return null;
        }
        Msg msg = MessageBundles.get(Msg.class, Localized.Literal.of(languages.tag()));
        String what = argument == null ? "" : argument;
        return switch (kind) {
            case product_created -> msg.flash_product_created(what);
            case product_saved -> msg.flash_product_saved(what);
            case attested -> msg.flash_attested(what);
            case task_saved -> msg.flash_task_saved(what);
            case waiver_requested -> msg.flash_waiver_requested(what);
            case waiver_approved -> msg.flash_waiver_approved(what);
            case waiver_rejected -> msg.flash_waiver_rejected(what);
            case review_signed -> msg.flash_review_signed(what);
            case rubric_published -> msg.flash_rubric_published(what);
            case evaluation_started -> msg.flash_evaluation_started(what);
            case language_changed -> msg.flash_language_changed();
            case imported -> msg.flash_imported(what);
        };
    }

    /** The value of the cookie that carries a confirmation to the next page. */
    static String value(Kind kind, String argument) {
        return kind.name() + ":" + URLEncoder.encode(argument == null ? "" : argument, StandardCharsets.UTF_8);
    }

    private void load() {
        if (read) {
            return;
        }
        read = true;
        Cookie cookie = request.request().getCookie(COOKIE);
        if (cookie == null) {
            return;
        }
        // Shown once: the answer of this page removes it.
        request.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setMaxAge(0).setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX));
        String value = cookie.getValue();
        int colon = value.indexOf(':');
        if (colon < 0) {
            return;
        }
        try {
            kind = Kind.valueOf(value.substring(0, colon));
            argument = URLDecoder.decode(value.substring(colon + 1), StandardCharsets.UTF_8);
            if (argument.length() > 200) {
                argument = argument.substring(0, 200);
            }
        } catch (IllegalArgumentException e) {
            kind = null;
        }
    }
}
