package dev.pillarboard.catalog.service;

/** Formats shared by the request records and the Backstage importer. */
public final class Rules {

    public static final String SLUG = "[a-z0-9][a-z0-9-]{0,61}[a-z0-9]";
    public static final String SLUG_MESSAGE = "must be 2-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit";
    public static final String TAG = "[a-z0-9:+#]+(-[a-z0-9:+#]+)*";
    public static final String TAG_MESSAGE = "must be 1-63 characters of a-z, 0-9, ':', '+', '#', words joined by single '-'";
    public static final String LINK_KEY = "[a-z0-9][a-z0-9-]{0,62}";
    public static final String LINK_KEY_MESSAGE = "link names are 1-63 characters of a-z, 0-9 and '-' (e.g. repo, runbook, dashboard, on-call, docs)";
    public static final String ANNOTATION_KEY = "[A-Za-z0-9][A-Za-z0-9._/-]{0,254}";
    public static final String ANNOTATION_KEY_MESSAGE = "annotation keys are 1-255 characters of letters, digits, '.', '_', '/', '-'";
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_TAGS = 32;
    public static final int MAX_TAG = 63;
    public static final int MAX_LINKS = 32;
    public static final int MAX_ANNOTATIONS = 64;
    public static final int MAX_ANNOTATION_VALUE = 2000;

    private Rules() {
    }
}
