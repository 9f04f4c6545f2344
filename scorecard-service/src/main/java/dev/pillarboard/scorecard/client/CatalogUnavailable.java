package dev.pillarboard.scorecard.client;

/** The catalog could not be read (down, slow, refusing, or answering nonsense). Never carries a raw client exception up. */
public class CatalogUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogUnavailable(String message) {
        super(message, null, false, false);
    }
}
