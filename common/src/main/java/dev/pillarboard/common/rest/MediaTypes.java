package dev.pillarboard.common.rest;

/** Media types the services speak besides JSON ({@link Problem#MEDIA_TYPE} for errors). */
public final class MediaTypes {

    /** RFC 7386 JSON merge patch. */
    public static final String MERGE_PATCH = "application/merge-patch+json";

    private MediaTypes() {
    }
}
