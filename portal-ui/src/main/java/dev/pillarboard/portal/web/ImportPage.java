package dev.pillarboard.portal.web;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.pillarboard.portal.client.Catalog;
import dev.pillarboard.portal.client.CatalogData;
import dev.pillarboard.portal.client.Reply;
import dev.pillarboard.portal.i18n.ImportReasons;
import dev.pillarboard.portal.i18n.Languages;
import dev.pillarboard.portal.security.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Importing Backstage descriptors (platform admins): upload a {@code catalog-info.yaml} or paste it, see a dry run's
 * outcome for every document (created, updated, unchanged, skipped, rejected with the reason), then import for real.
 */
@Path("/import")
@Produces(MediaType.TEXT_HTML)
public class ImportPage {

    static final int MAX_BYTES = 32 * 1024 * 1024;

    @CheckedTemplate
    static class Templates {
        /**
         * {@code yaml}: the text the real import sends (what the dry run read); {@code pasted}: the text to show for
         * editing, the pasted one (a file's is not copied into the page).
         */
        static native TemplateInstance importer(String yaml, String pasted, CatalogData.ImportReport report,
                FormErrors errors);
    }

    private final Catalog catalog;
    private final Viewer viewer;
    private final Pages pages;

    public ImportPage(Catalog catalog, Viewer viewer, Pages pages) {
        this.catalog = catalog;
        this.viewer = viewer;
        this.pages = pages;
    }

    @GET
    public TemplateInstance form() {
        requireAdmin();
        return pages.render(Templates.importer("", "", null, FormErrors.NONE));
    }

    /** A dry run (the default) or the real import, of an uploaded file or of the pasted text. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object run(@RestForm FileUpload file, @RestForm String yaml, @RestForm String mode) throws IOException {
        requireAdmin();
        // A browser sends a textarea's lines ended by CR LF: the pasted text goes on as it was written.
        String text = yaml == null ? "" : yaml.replace("\r\n", "\n");
        String pasted = text;
        boolean uploaded = file != null && file.size() > 0;
        if (uploaded) {
            if (file.size() > MAX_BYTES) {
                return refused(pasted, "file", pages.msg().err_file_too_large());
            }
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Files.readAllBytes(file.uploadedFile()))).toString();
            } catch (CharacterCodingException e) {
                return refused("", "file", pages.msg().err_file_not_utf8());
            }
        }
        if (text.isBlank()) {
            return refused(pasted, "yaml", pages.msg().err_yaml_missing());
        }
        boolean dryRun = !"import".equals(mode);
        Reply<CatalogData.ImportReport> reply = catalog.importYaml(text, dryRun);
        if (!reply.ok()) {
            return ProductForms.status(pages.render(Templates.importer(text, pasted, null, FormErrors.of(reply, f -> "yaml"))),
                    reply);
        }
        String language = Languages.current();
        // A large file repeats a few reasons thousands of times ("kind User is not imported"): each is read once.
        Map<String, String> read = new HashMap<>();
        CatalogData.ImportReport report = reply.value()
                .withReasons(reason -> reason == null ? null : read.computeIfAbsent(reason, r -> ImportReasons.in(r, language)));
        if (!dryRun) {
            catalog.teamsChanged();
            return pages.render(Templates.importer("", "", report, FormErrors.NONE));
        }
        // After a dry run the pasted text stays in its box, to be corrected where a document was rejected.
        return pages.render(Templates.importer(text, uploaded ? "" : pasted, report, FormErrors.NONE));
    }

    private Object refused(String text, String field, String message) {
        return jakarta.ws.rs.core.Response.status(400).type(MediaType.TEXT_HTML_TYPE)
                .entity(pages.render(Templates.importer(text, text, null, FormErrors.field(field, message)))).build();
    }

    private void requireAdmin() {
        if (!viewer.isAdmin()) {
            throw new ForbiddenException();
        }
    }
}
