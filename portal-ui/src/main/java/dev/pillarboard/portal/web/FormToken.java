package dev.pillarboard.portal.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.quarkus.csrf.reactive.runtime.CsrfTokenParameterProvider;

/**
 * The CSRF token for the layout's own form (the language switch). Pages get it from the CSRF filter; an error page
 * for a path no page matched has none (the filter never ran), and then the layout leaves the switch out instead of
 * failing to render.
 */
@RequestScoped
@Named("formToken")
public class FormToken {

    private final CsrfTokenParameterProvider csrf;

    public FormToken(CsrfTokenParameterProvider csrf) {
        this.csrf = csrf;
    }

    public String token() {
        try {
            return csrf.getToken();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    public String parameterName() {
        return csrf.getParameterName();
    }
}
