package dev.pillarboard.portal.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.pillarboard.portal.client.Catalog;
import dev.pillarboard.portal.client.CatalogData;
import dev.pillarboard.portal.client.Reply;
import dev.pillarboard.portal.client.ScorecardData;
import dev.pillarboard.portal.client.Scorecards;
import dev.pillarboard.portal.security.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Creating and editing a product (members of the owning team; the catalog decides). Changing the phase first shows
 * which checks become required (and which of them fail today, so would open P1 tasks), and saves only when the user
 * confirms. A refused form comes back with each error next to its field and the values kept; a change someone else
 * made meanwhile (412) is shown with the current values.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ProductForms {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(ProductForm form, boolean create, FormErrors errors, List<CatalogData.Team> owners,
                List<ScorecardData.Phase> phases, List<String> commonLinks);

        static native TemplateInstance phaseChange(ProductForm form, PhaseChange change);
    }

    /** What a phase change does to the product's requirements, check by check. */
    public record PhaseChange(String from, String to, List<ChangeLine> newlyRequired, List<ChangeLine> newlyRecommended,
            List<ChangeLine> noLongerRequired, int newP1) {
    }

    public record ChangeLine(String check, String title, String pillar, String before, String after, String status) {
    }

    private final Catalog catalog;
    private final Scorecards scorecards;
    private final Viewer viewer;
    private final Pages pages;

    public ProductForms(Catalog catalog, Scorecards scorecards, Viewer viewer, Pages pages) {
        this.catalog = catalog;
        this.scorecards = scorecards;
        this.viewer = viewer;
        this.pages = pages;
    }

    @GET
    @Path("products/new")
    public TemplateInstance create(@RestQuery String team) {
        String owner = Params.slug(team);
        if (owner == null && viewer.teams().size() == 1) {
            owner = viewer.teams().get(0);
        }
        List<ScorecardData.Phase> phases = phases();
        return form(ProductForm.empty(owner, phases.isEmpty() ? "" : phases.get(0).id()), true, FormErrors.NONE);
    }

    @POST
    @Path("products/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object created(MultivaluedMap<String, String> fields) {
        ProductForm form = ProductForm.of(single(fields));
        ProductForm.Body body = form.body(pages.msg());
        if (!body.errors().isEmpty()) {
            return form(form, true, new FormErrors(body.errors(), null, 400));
        }
        Reply<CatalogData.Product> reply = catalog.create(body.json());
        if (!reply.ok()) {
            return status(form(form, true, FormErrors.of(reply, ProductForm::fieldOf)), reply);
        }
        return pages.redirect("/products/" + reply.value().slug(), Flash.Kind.product_created, reply.value().name());
    }

    @GET
    @Path("products/{slug}/edit")
    public TemplateInstance edit(@RestPath String slug) {
        Reply<CatalogData.Product> reply = existing(slug);
        return form(ProductForm.of(reply.value(), reply.etag()), false, FormErrors.NONE);
    }

    @POST
    @Path("products/{slug}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object saved(@RestPath String slug, MultivaluedMap<String, String> fields) {
        Map<String, String> values = single(fields);
        values.put("slug", Params.slug(slug) == null ? "" : slug);
        ProductForm form = ProductForm.of(values);
        ProductForm.Body body = form.body(pages.msg());
        if (!body.errors().isEmpty()) {
            return form(form, false, new FormErrors(body.errors(), null, 400));
        }
        if (form.phaseChanged() && !"yes".equals(values.get("confirm"))) {
            return pages.render(Templates.phaseChange(form, phaseChange(form)));
        }
        Reply<CatalogData.Product> reply = catalog.replace(form.slug(), form.etag(), body.json());
        if (reply.status() == 412) {
            // Someone saved a change meanwhile: show what the product is now, and say so.
            Reply<CatalogData.Product> current = catalog.product(form.slug());
            ProductForm now = current.found().map(p -> ProductForm.of(p, current.etag())).orElse(form);
            return status(form(now, false, FormErrors.of(reply, ProductForm::fieldOf)), reply);
        }
        if (reply.notFound()) {
            throw new NotFoundException();
        }
        if (!reply.ok()) {
            return status(form(form, false, FormErrors.of(reply, ProductForm::fieldOf)), reply);
        }
        return pages.redirect("/products/" + form.slug(), Flash.Kind.product_saved, reply.value().name());
    }

    PhaseChange phaseChange(ProductForm form) {
        Optional<ScorecardData.Rubric> rubric = scorecards.rubric();
        Map<String, String> status = new HashMap<>();
        scorecards.scorecard(form.slug()).found()
                .ifPresent(card -> card.checks().forEach(c -> status.put(c.id(), c.status())));
        List<ChangeLine> required = new ArrayList<>();
        List<ChangeLine> recommended = new ArrayList<>();
        List<ChangeLine> relaxed = new ArrayList<>();
        int newP1 = 0;
        for (ScorecardData.RubricCheck check : rubric.map(ScorecardData.Rubric::checks).orElse(List.of())) {
            String before = check.requirementIn(form.originalPhase());
            String after = check.requirementIn(form.phase());
            ChangeLine line = new ChangeLine(check.id(), check.title(), check.pillar(), before, after,
                    status.getOrDefault(check.id(), "unknown"));
            if ("required".equals(after) && !"required".equals(before)) {
                required.add(line);
                if (!"pass".equals(line.status()) && !"waived".equals(line.status())) {
                    newP1++;
                }
            } else if ("recommended".equals(after) && "n/a".equals(before)) {
                recommended.add(line);
            } else if ("required".equals(before) && !"required".equals(after)) {
                relaxed.add(line);
            }
        }
        return new PhaseChange(form.originalPhase(), form.phase(), required, recommended, relaxed, newP1);
    }

    private Reply<CatalogData.Product> existing(String slug) {
        String product = Params.slug(slug);
        if (product == null) {
            throw new NotFoundException();
        }
        Reply<CatalogData.Product> reply = catalog.product(product);
        if (reply.notFound()) {
            throw new NotFoundException();
        }
        if (!reply.ok()) {
            throw new ServiceDown("catalog");
        }
        return reply;
    }

    private TemplateInstance form(ProductForm form, boolean create, FormErrors errors) {
        List<CatalogData.Team> teams = catalog.teams();
        List<CatalogData.Team> owners = viewer.isAdmin() ? teams
                : teams.stream().filter(t -> viewer.memberOf(t.slug()) || t.slug().equals(form.owner())).toList();
        return pages.render(Templates.form(form, create, errors, owners, phases(), ProductForm.COMMON_LINKS));
    }

    private List<ScorecardData.Phase> phases() {
        return scorecards.rubric().map(ScorecardData.Rubric::phases).orElse(List.of());
    }

    /** The refused form with the service's status (400, 403, 409, 412, 422; 503 when it is down). */
    static Response status(TemplateInstance page, Reply<?> reply) {
        int status = reply.unavailable() ? 503 : reply.status();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(page).build();
    }

    static Map<String, String> single(MultivaluedMap<String, String> fields) {
        Map<String, String> values = new HashMap<>();
        fields.forEach((k, v) -> {
            if (!v.isEmpty()) {
                values.put(k, v.get(0));
            }
        });
        return values;
    }
}
