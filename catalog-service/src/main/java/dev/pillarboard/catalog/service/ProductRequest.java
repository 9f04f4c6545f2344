package dev.pillarboard.catalog.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.pillarboard.common.HttpUrl;

/**
 * A product as a client writes it (POST, PUT, and the result of a merge patch). Server-set
 * fields ({@code revision}, {@code createdAt}, {@code updatedAt}) are accepted and ignored;
 * any other unknown field is an error.
 */
@JsonIgnoreProperties(value = { "revision", "createdAt", "updatedAt" }, allowGetters = false)
public record ProductRequest(
        @NotBlank @Pattern(regexp = Rules.SLUG, message = Rules.SLUG_MESSAGE) String slug,
        @NotBlank @Size(max = Rules.MAX_NAME) @Text String name,
        @Size(max = Rules.MAX_DESCRIPTION) @Text(multiline = true) String description,
        @NotBlank @Pattern(regexp = Rules.SLUG, message = "must be a team slug") String owner,
        @NotBlank @KnownPhase String phase,
        @NotNull @Min(1) @Max(3) Integer tier,
        @Size(max = Rules.MAX_TAGS) List<@NotNull @Size(max = Rules.MAX_TAG) @Pattern(regexp = Rules.TAG, message = Rules.TAG_MESSAGE) String> tags,
        @Size(max = Rules.MAX_LINKS) Map<@Pattern(regexp = Rules.LINK_KEY, message = Rules.LINK_KEY_MESSAGE) String, @NotNull @HttpUrl String> links,
        @Size(max = Rules.MAX_ANNOTATIONS) @BackstageAnnotations Map<@Pattern(regexp = Rules.ANNOTATION_KEY, message = Rules.ANNOTATION_KEY_MESSAGE) String, @NotNull @Size(max = Rules.MAX_ANNOTATION_VALUE) @Text(multiline = true) String> annotations) {

    public ProductRequest {
        description = description == null ? "" : description;
        tags = tags == null ? List.of() : tags;
        links = links == null ? Map.of() : links;
        annotations = annotations == null ? Map.of() : annotations;
    }

    /** The request as it is stored: name and description stripped, tags without repeats, links and annotations sorted. */
    public ProductRequest normalized() {
        return new ProductRequest(slug, name.strip(), description.strip(), owner, phase, tier,
                List.copyOf(new LinkedHashSet<>(tags)), new TreeMap<>(links), new TreeMap<>(annotations));
    }
}
