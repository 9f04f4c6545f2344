package dev.pillarboard.catalog.backstage;

import java.util.Locale;

/**
 * A Backstage entity reference, {@code [kind:][namespace/]name}, compared case-insensitively as
 * Backstage does.
 */
public record EntityRef(String kind, String namespace, String name) {

    public static final String DEFAULT_NAMESPACE = "default";

    /** Parses a reference; {@code defaultKind} applies when the text names no kind. */
    public static EntityRef parse(String text, String defaultKind) {
        String rest = text.trim();
        String kind = defaultKind;
        int colon = rest.indexOf(':');
        if (colon > 0) {
            kind = rest.substring(0, colon);
            rest = rest.substring(colon + 1);
        }
        String namespace = DEFAULT_NAMESPACE;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            namespace = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        }
        return new EntityRef(kind.toLowerCase(Locale.ROOT), namespace.toLowerCase(Locale.ROOT), rest.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return kind + ":" + namespace + "/" + name;
    }
}
