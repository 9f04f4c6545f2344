package dev.pillarboard.portal.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.pillarboard.portal.client.Problem;
import dev.pillarboard.portal.client.Reply;
import dev.pillarboard.portal.client.ScorecardData;
import dev.pillarboard.portal.client.Scorecards;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The forms that feed the scorecard: attest a check, request a waiver, decide a waiver, move a task. The product
 * page carries small versions of them; a refused form comes back on its own page with each error next to its
 * field and the values kept, and a success goes back (303) with a confirmation.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class EvidenceForms {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance attest(String product, ScorecardData.RubricCheck check, Map<String, String> values,
                FormErrors errors);

        static native TemplateInstance waiver(String product, ScorecardData.RubricCheck check, Map<String, String> values,
                FormErrors errors);

        static native TemplateInstance task(ScorecardData.Task task, ScorecardData.RubricCheck check, String etag,
                Map<String, String> values, FormErrors errors, String back);

        static native TemplateInstance decision(ScorecardData.Waiver waiver, Map<String, String> values, FormErrors errors,
                String back);
    }

    private final Scorecards scorecards;
    private final Pages pages;

    public EvidenceForms(Scorecards scorecards, Pages pages) {
        this.scorecards = scorecards;
        this.pages = pages;
    }

    // ---------------------------------------------------------------- attestations and waiver requests

    /** The two forms about one check of a product, attest and request a waiver, which take the same values. */
    @FunctionalInterface
    interface CheckForm {
        TemplateInstance page(String product, ScorecardData.RubricCheck check, Map<String, String> values,
                FormErrors errors);
    }

    @GET
    @Path("products/{slug}/attest")
    public TemplateInstance attestForm(@RestPath String slug, @RestQuery String check) {
        return blank(Templates::attest, slug, check);
    }

    @POST
    @Path("products/{slug}/attestations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object attest(@RestPath String slug, @RestForm String check, @RestForm String evidenceUrl,
            @RestForm String performedAt, @RestForm String comment) {
        String product = slug(slug);
        Map<String, String> values = values("check", check, "evidenceUrl", evidenceUrl, "performedAt", performedAt,
                "comment", comment);
        // The day the practice happened, as the API takes it (an ISO date); none means today.
        String performed = trimmed(performedAt);
        if (performed != null && !isDate(performed)) {
            return notADate(Templates::attest, product, check, values, "performedAt", "2026-11-30");
        }
        Reply<ScorecardData.Attestation> reply = scorecards.attest(body(product, check, "evidenceUrl",
                trimmed(evidenceUrl), "performedAt", performed, "comment", trimmed(comment)));
        if (!reply.ok()) {
            return again(Templates::attest, product, check, values, FormErrors.of(reply, f -> f), reply);
        }
        return pages.redirect("/products/" + product + "#check-" + check, Flash.Kind.attested, titleOf(check));
    }

    @GET
    @Path("products/{slug}/waiver")
    public TemplateInstance waiverForm(@RestPath String slug, @RestQuery String check) {
        return blank(Templates::waiver, slug, check);
    }

    @POST
    @Path("products/{slug}/waivers")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object requestWaiver(@RestPath String slug, @RestForm String check, @RestForm String reason,
            @RestForm String expiresAt, @RestForm String untilPhaseChange) {
        String product = slug(slug);
        // A waiver until the product changes phase may leave its date out; any other needs one.
        boolean untilPhase = "true".equals(untilPhaseChange);
        Map<String, String> values = values("check", check, "reason", reason, "expiresAt", expiresAt,
                "untilPhaseChange", untilPhase ? "true" : null);
        Optional<String> until = endOfDay(expiresAt);
        if (until.isEmpty() && !(untilPhase && trimmed(expiresAt) == null)) {
            return notADate(Templates::waiver, product, check, values, "expiresAt", "2027-03-31");
        }
        Map<String, Object> body = body(product, check, "reason", trimmed(reason));
        until.ifPresent(date -> body.put("expiresAt", date));
        if (untilPhase) {
            body.put("untilPhaseChange", true);
        }
        Reply<ScorecardData.Waiver> reply = scorecards.requestWaiver(body);
        if (!reply.ok()) {
            return again(Templates::waiver, product, check, values, FormErrors.of(reply, f -> f), reply);
        }
        return pages.redirect("/products/" + product + "#waiver-" + reply.value().id(), Flash.Kind.waiver_requested,
                titleOf(check));
    }

    /** A check's form, empty; 404 for a product slug that cannot be one or a check the rubric does not have. */
    private TemplateInstance blank(CheckForm form, String slug, String check) {
        return pages.render(form.page(slug(slug), check(check), Map.of(), FormErrors.NONE));
    }

    /** A check's form again, each error next to its field and the values kept, in the status of the refusal. */
    private Object again(CheckForm form, String product, String check, Map<String, String> values, FormErrors errors,
            Reply<?> refusal) {
        return ProductForms.status(pages.render(form.page(product, checkOrNull(check), values, errors)), refusal);
    }

    /** A check's form again, its date field refused before anything is sent (400). */
    private Object notADate(CheckForm form, String product, String check, Map<String, String> values, String field,
            String example) {
        return again(form, product, check, values, FormErrors.field(field, pages.msg().err_date(example)),
                Reply.refused(new Problem(null, "Bad date", 400, null, null)));
    }

    /** What a check's form sends: the product, the check and the form's own fields (name, value, …) that have a value. */
    private static Map<String, Object> body(String product, String check, Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product", product);
        body.put("check", check);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                body.put((String) fields[i], fields[i + 1]);
            }
        }
        return body;
    }

    // ---------------------------------------------------------------- waiver decisions

    @GET
    @Path("waivers/{id}")
    public TemplateInstance waiver(@RestPath String id, @RestQuery("return") String back) {
        ScorecardData.Waiver waiver = scorecards.waiver(number(id)).found().orElseThrow(NotFoundException::new)
                .titledBy(scorecards.rubric().orElse(null));
        return pages.render(Templates.decision(waiver, Map.of(), FormErrors.NONE, LocalPath.orHome(back)));
    }

    @POST
    @Path("waivers/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object decide(@RestPath String id, @RestForm String decision, @RestForm String comment,
            @RestForm("return") String back) {
        long waiverId = number(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        body.put("comment", trimmed(comment));
        Reply<ScorecardData.Waiver> reply = scorecards.decideWaiver(waiverId, body);
        String target = LocalPath.orHome(back);
        if (!reply.ok()) {
            if (reply.notFound()) {
                throw new NotFoundException();
            }
            ScorecardData.Waiver waiver = scorecards.waiver(waiverId).found().orElse(null);
            if (waiver == null) {
                throw new ServiceDown("scorecard");
            }
            return ProductForms.status(pages.render(Templates.decision(waiver.titledBy(scorecards.rubric().orElse(null)),
                    values("decision", decision, "comment", comment), FormErrors.of(reply, f -> f), target)), reply);
        }
        ScorecardData.Waiver decided = reply.value();
        return pages.redirect(target, "approved".equals(decided.status()) ? Flash.Kind.waiver_approved
                : Flash.Kind.waiver_rejected, decided.product() + " · " + titleOf(decided.check()));
    }

    // ---------------------------------------------------------------- tasks

    @GET
    @Path("tasks/{id}")
    public TemplateInstance task(@RestPath String id, @RestQuery("return") String back) {
        Reply<ScorecardData.Task> reply = scorecards.task(number(id));
        if (reply.notFound()) {
            throw new NotFoundException();
        }
        return taskPage(reply, EvidenceForms::taskValues, FormErrors.NONE, back);
    }

    @POST
    @Path("tasks/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object moveTask(@RestPath String id, @RestForm String status, @RestForm String assignee,
            @RestForm String dueDate, @RestForm String etag, @RestForm("return") String back) {
        long taskId = number(id);
        Map<String, Object> patch = new LinkedHashMap<>();
        if (status != null && !status.isBlank()) {
            patch.put("status", status);
        }
        patch.put("assignee", trimmed(assignee));
        patch.put("dueDate", dueDate == null || dueDate.isBlank() ? null : dueDate.trim());
        Reply<ScorecardData.Task> reply = scorecards.patchTask(taskId, etag == null || etag.isBlank() ? null : etag, patch);
        if (reply.notFound()) {
            throw new NotFoundException();
        }
        if (!reply.ok()) {
            // After a 412 the form shows the task as it is now (with its new ETag); otherwise what the user sent.
            return ProductForms.status(taskPage(scorecards.task(taskId), task -> reply.status() == 412 ? taskValues(task)
                    : values("status", status, "assignee", assignee, "dueDate", dueDate), FormErrors.of(reply, f -> f),
                    back), reply);
        }
        ScorecardData.Task task = reply.value();
        return pages.redirect(back(back, task), Flash.Kind.task_saved, task.title());
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, String> taskValues(ScorecardData.Task task) {
        return values("status", task.status(), "assignee", task.assignee(), "dueDate",
                task.dueDate() == null ? null : task.dueDate().toString());
    }

    private static String back(String back, ScorecardData.Task task) {
        return LocalPath.of(back).orElse("/products/" + task.product() + "#task-" + task.id());
    }

    private ScorecardData.RubricCheck check(String id) {
        ScorecardData.RubricCheck check = checkOrNull(id);
        if (check == null) {
            throw new NotFoundException();
        }
        return check;
    }

    private ScorecardData.RubricCheck checkOrNull(String id) {
        return scorecards.rubric().flatMap(r -> r.check(id)).orElse(null);
    }

    private String titleOf(String check) {
        return String.valueOf(ScorecardData.Rubric.titleOf(scorecards.rubric().orElse(null), check, null));
    }

    /**
     * A task's page as it is now (the service titles it in the page's language), beside the form the check's fix and
     * why it matters (when the rubric still has the check), the form filled with {@code values} of the task.
     */
    private TemplateInstance taskPage(Reply<ScorecardData.Task> current,
            Function<ScorecardData.Task, Map<String, String>> values, FormErrors errors, String back) {
        ScorecardData.Rubric rubric = scorecards.rubric().orElse(null);
        ScorecardData.Task task = current.found().orElseThrow(() -> new ServiceDown("scorecard"));
        ScorecardData.RubricCheck check = rubric == null ? null : rubric.check(task.check()).orElse(null);
        return pages.render(Templates.task(task, check, current.etag(), values.apply(task), errors, back(back, task)));
    }

    private static String slug(String slug) {
        String product = Params.slug(slug);
        if (product == null) {
            throw new NotFoundException();
        }
        return product;
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException();
        }
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The end of that day in UTC, as the waiver's expiry; empty when it is not a date. */
    static Optional<String> endOfDay(String date) {
        if (date == null || date.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(date.trim()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                    .minusSeconds(1).toString());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> values(String... pairs) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
        }
        return values;
    }
}
