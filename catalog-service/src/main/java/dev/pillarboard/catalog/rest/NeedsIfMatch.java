package dev.pillarboard.catalog.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * On a write that needs {@code If-Match} (the services check it with {@code IfMatch.requireRevision}): documents its
 * two answers once, for every such operation of the OpenAPI document.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@APIResponse(responseCode = "412", description = "Stale If-Match: someone changed it since you read it")
@APIResponse(responseCode = "428", description = "If-Match missing")
@interface NeedsIfMatch {
}
