package dev.pillarboard.portal.client;

/** The services the portal reads from. */
public enum Downstream {
    CATALOG("catalog"),
    SCORECARD("scorecard");

    private final String id;

    Downstream(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
