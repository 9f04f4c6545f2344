package dev.pillarboard.portal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pillarboard.portal.client.CatalogData;
import dev.pillarboard.portal.i18n.Msg;

/**
 * The product form as the user filled it in, kept as text so that a refused form comes back exactly as sent. The
 * common links have their own fields; other links and the annotations are "name = value" lines.
 */
public record ProductForm(String slug, String name, String description, String owner, String phase, String tier,
        String tags, Map<String, String> links, String otherLinks, String annotations, String etag, String originalPhase) {

    /** The links most checks look at, in the order the form shows them. */
    public static final List<String> COMMON_LINKS = List.of("repo", "runbook", "dashboard", "on-call", "logs", "docs");

    public static ProductForm empty(String owner, String phase) {
        Map<String, String> links = new LinkedHashMap<>();
        COMMON_LINKS.forEach(l -> links.put(l, ""));
        return new ProductForm("", "", "", owner == null ? "" : owner, phase == null ? "" : phase, "3", "", links, "", "",
                null, null);
    }

    public static ProductForm of(CatalogData.Product product, String etag) {
        Map<String, String> links = new LinkedHashMap<>();
        COMMON_LINKS.forEach(l -> links.put(l, product.links().getOrDefault(l, "")));
        StringBuilder other = new StringBuilder();
        product.links().forEach((k, v) -> {
            if (!COMMON_LINKS.contains(k)) {
                other.append(k).append(" = ").append(v).append('\n');
            }
        });
        StringBuilder annotations = new StringBuilder();
        product.annotations().forEach((k, v) -> annotations.append(k).append(" = ").append(v.replace("\n", " ")).append('\n'));
        return new ProductForm(product.slug(), product.name(), product.description(), product.owner(), product.phase(),
                Integer.toString(product.tier()), String.join(", ", product.tags()), links, other.toString().strip(),
                annotations.toString().strip(), etag, product.phase());
    }

    public static ProductForm of(Map<String, String> fields) {
        Map<String, String> links = new LinkedHashMap<>();
        COMMON_LINKS.forEach(l -> links.put(l, fields.getOrDefault("link-" + l, "").strip()));
        return new ProductForm(value(fields, "slug"), value(fields, "name"), fields.getOrDefault("description", ""),
                value(fields, "owner"), value(fields, "phase"), value(fields, "tier"), value(fields, "tags"), links,
                fields.getOrDefault("otherLinks", ""), fields.getOrDefault("annotations", ""),
                blankToNull(fields.get("etag")), blankToNull(fields.get("originalPhase")));
    }

    public String link(String name) {
        return links.getOrDefault(name, "");
    }

    /** What the page's heading and crumbs call the product: its name, or its slug while the name field is blank. */
    public String heading() {
        return name == null || name.isBlank() ? slug : name;
    }

    public boolean phaseChanged() {
        return originalPhase != null && !originalPhase.equals(phase);
    }

    /** The JSON body for the catalog, or the form fields that could not even be read (said in the page's language). */
    public Body body(Msg msg) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", slug);
        body.put("name", name);
        body.put("description", description == null ? "" : description.strip());
        body.put("owner", owner);
        body.put("phase", phase);
        try {
            body.put("tier", Integer.parseInt(tier));
        } catch (NumberFormatException e) {
            errors.put("tier", msg.err_tier());
        }
        List<String> tagList = new ArrayList<>();
        for (String tag : tags == null ? new String[0] : tags.split("[,\\s]+")) {
            if (!tag.isBlank()) {
                tagList.add(tag.strip());
            }
        }
        body.put("tags", tagList);
        Map<String, String> linkMap = new LinkedHashMap<>();
        links.forEach((k, v) -> {
            if (!v.isBlank()) {
                linkMap.put(k, v);
            }
        });
        lines(otherLinks, "otherLinks", linkMap, errors, msg);
        body.put("links", linkMap);
        Map<String, String> annotationMap = new LinkedHashMap<>();
        lines(annotations, "annotations", annotationMap, errors, msg);
        body.put("annotations", annotationMap);
        return new Body(body, errors);
    }

    public record Body(Map<String, Object> json, Map<String, String> errors) {
    }

    /** The form field a catalog violation belongs to: links.runbook → link-runbook, tags[2] → tags. */
    public static String fieldOf(String apiField) {
        if (apiField.startsWith("links.") || apiField.startsWith("links[")) {
            String name = apiField.substring(6).replaceAll("^\\[|\\]$", "");
            int dot = name.indexOf('.');
            name = dot < 0 ? name : name.substring(0, dot);
            return COMMON_LINKS.contains(name) ? "link-" + name : "otherLinks";
        }
        if (apiField.equals("links")) {
            return "otherLinks";
        }
        if (apiField.startsWith("tags")) {
            return "tags";
        }
        if (apiField.startsWith("annotations")) {
            return "annotations";
        }
        return apiField;
    }

    private static void lines(String text, String field, Map<String, String> into, Map<String, String> errors,
            Msg msg) {
        if (text == null) {
            return;
        }
        int number = 0;
        for (String line : text.split("\\r?\\n")) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                errors.merge(field, msg.err_name_value(String.valueOf(number)), (a, b) -> a + "; " + b);
                continue;
            }
            into.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
    }

    private static String value(Map<String, String> fields, String name) {
        String value = fields.get(name);
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
