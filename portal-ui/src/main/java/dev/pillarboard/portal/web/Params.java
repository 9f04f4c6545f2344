package dev.pillarboard.portal.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Query parameters of the pages, read leniently: a page number or a filter that makes no sense is dropped (the page
 * shows everything) rather than answered with an error page, because these are links people edit and share.
 */
public final class Params {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private Params() {
    }

    public static int page(String value) {
        try {
            int page = value == null ? 0 : Integer.parseInt(value.trim());
            return page < 0 || page > 100_000 ? 0 : page;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A slug, or null when it is not one. */
    public static String slug(String value) {
        return value != null && SLUG.matcher(value.trim()).matches() ? value.trim() : null;
    }

    /** Team slugs from repeated parameters or comma-separated values, de-duplicated, at most 50. */
    public static List<String> slugs(List<String> values) {
        Set<String> slugs = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",")) {
                    String slug = slug(part);
                    if (slug != null && slugs.size() < 50) {
                        slugs.add(slug);
                    }
                }
            }
        }
        return new ArrayList<>(slugs);
    }

    /** One of the allowed values, or null. */
    public static String oneOf(String value, List<String> allowed) {
        return value != null && allowed.contains(value) ? value : null;
    }

    public static Integer tier(String value) {
        return "1".equals(value) || "2".equals(value) || "3".equals(value) ? Integer.valueOf(value) : null;
    }

    public static Boolean bool(String value) {
        return "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : null;
    }

    /** Free text for a search, trimmed, without control characters, at most 100 characters. */
    public static String text(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder();
        value.trim().codePoints().filter(c -> c >= 0x20 && c != 0x7f).limit(100).forEach(clean::appendCodePoint);
        return clean.isEmpty() ? null : clean.toString();
    }
}
