package dev.pillarboard.portal.web;

/** A page cannot be shown without a service that is not answering: the page says so (503), with the layout. */
public class ServiceDown extends RuntimeException {

    private final String service;

    public ServiceDown(String service) {
        super(service + " unavailable");
        this.service = service;
    }

    public String service() {
        return service;
    }
}
