package dev.pillarboard.catalog;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Test data created through the public API. Every test uses its own slugs, so tests never see
 * each other's data even though they share one database.
 */
public final class Fixtures {

    private Fixtures() {
    }


    /** A stand-in for another service: an HTTP server on a free local port, every path to the handler. */
    public static HttpServer localServer(HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", handler);
        server.start();
        return server;
    }
    /** A request with a YAML body (rest-assured must be told to send it as text). */
    public static RequestSpecification yaml(String body) {
        return given()
                .config(RestAssured.config().encoderConfig(
                        EncoderConfig.encoderConfig().encodeContentTypeAs("application/yaml", ContentType.TEXT)))
                .contentType("application/yaml")
                .body(body);
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a team; the caller must be a platform admin (@TestSecurity). */
    public static String team(String slug) {
        given().contentType(ContentType.JSON)
                .body(Map.of("slug", slug, "name", "Team " + slug, "contact", Map.of("email", slug + "@example.com")))
                .post("/api/teams")
                .then().statusCode(201);
        return slug;
    }

    public static Map<String, Object> product(String slug, String owner) {
        return Map.of(
                "slug", slug,
                "name", "Product " + slug,
                "description", "Sells tickets to " + slug,
                "owner", owner,
                "phase", "pre-pmf",
                "tier", 2,
                "tags", List.of("java", "payments"),
                "links", Map.of("repo", "https://github.com/acme/" + slug, "runbook", "https://wiki.example.com/" + slug),
                "annotations", Map.of("pagerduty.com/service-id", "P" + slug.hashCode()));
    }

    /** Creates a product and returns its ETag. */
    public static String createProduct(String slug, String owner) {
        return given().contentType(ContentType.JSON)
                .body(product(slug, owner))
                .post("/api/products")
                .then().statusCode(201)
                .extract().header("ETag");
    }
}
