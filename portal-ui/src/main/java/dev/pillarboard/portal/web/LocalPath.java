package dev.pillarboard.portal.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A path of this portal to send a user back to, from a form's hidden field or a query parameter: only a path
 * ("/products?phase=pmf"), never another site ("https://evil.example", "//evil.example", "/\evil.example").
 * Without this check a link could use the portal to redirect its users anywhere (an open redirect).
 */
public final class LocalPath {

    private LocalPath() {
    }

    public static Optional<String> of(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > 2000 || candidate.charAt(0) != '/') {
            return Optional.empty();
        }
        if (candidate.startsWith("//") || candidate.contains("\\")) {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.empty();
            }
        }
        try {
            URI uri = new URI(candidate);
            if (uri.getScheme() != null || uri.getRawAuthority() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    /** The path when it is local, else the home page. */
    public static String orHome(String candidate) {
        return of(candidate).orElse("/");
    }
}
