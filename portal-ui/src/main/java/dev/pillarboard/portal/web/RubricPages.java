package dev.pillarboard.portal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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

import dev.pillarboard.portal.client.Paged;
import dev.pillarboard.portal.client.Problem;
import dev.pillarboard.portal.client.Reply;
import dev.pillarboard.portal.client.ScorecardData;
import dev.pillarboard.portal.client.Scorecards;
import dev.pillarboard.portal.security.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * The rubric: pillars × checks with the requirement in each phase, its versions, one check's page (why, how to
 * fix, requirement per phase, and how the user's teams' products fare on it), and for platform admins publishing a
 * new version (the YAML with each error next to its line) and starting a full evaluation with its progress.
 */
@Path("/rubric")
@Produces(MediaType.TEXT_HTML)
public class RubricPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rubric(ScorecardData.Rubric rubric, Paged<ScorecardData.RubricVersion> versions,
                Paged<ScorecardData.Job> jobs, Pager versionPager);

        static native TemplateInstance check(ScorecardData.Rubric rubric, ScorecardData.RubricCheck check,
                ScorecardData.Pillar pillar, Paged<ScorecardData.Summary> mine, ScorecardData.FailingCheck org,
                List<String> teams);

        static native TemplateInstance publish(String yaml, List<YamlLine> lines, FormErrors errors, int inForce,
                ScorecardData.DryRun checked);

        static native TemplateInstance job(ScorecardData.Job job);
    }

    /** A line of the submitted YAML with the problems reported for it. */
    public record YamlLine(int number, String text, List<String> problems) {
        public boolean bad() {
            return !problems.isEmpty();
        }
    }

    private final Scorecards scorecards;
    private final Parallel parallel;
    private final Viewer viewer;
    private final Pages pages;

    public RubricPages(Scorecards scorecards, Parallel parallel, Viewer viewer, Pages pages) {
        this.scorecards = scorecards;
        this.parallel = parallel;
        this.viewer = viewer;
        this.pages = pages;
    }

    @GET
    public TemplateInstance rubric(@RestQuery("versions") String versionPage) {
        int page = Params.page(versionPage);
        var rubric = parallel.fetch(scorecards::rubric);
        var versions = parallel.fetch(() -> scorecards.rubricVersions(page, 10));
        var jobs = parallel.fetch(() -> viewer.isAdmin() ? scorecards.evaluations(0, 5) : Paged.<ScorecardData.Job> empty());
        CompletableFuture.allOf(rubric, versions, jobs).join();
        ScorecardData.Rubric found = rubric.join().orElseThrow(() -> new ServiceDown("scorecard"));
        return pages.render(Templates.rubric(found, versions.join(), jobs.join(),
                Pager.of(versions.join(), "/rubric", "versions", null)));
    }

    @GET
    @Path("checks/{id}")
    public TemplateInstance check(@RestPath String id) {
        String checkId = Params.slug(id);
        if (checkId == null) {
            throw new NotFoundException();
        }
        List<String> teams = viewer.teams();
        var rubric = parallel.fetch(scorecards::rubric);
        var mine = parallel.fetch(() -> teams.isEmpty() ? Paged.<ScorecardData.Summary> empty()
                : scorecards.summaries(new Scorecards.SummaryQuery(teams, null, null, null, null, checkId, null, null,
                        "name", 0, 100)));
        var overview = parallel.fetch(() -> scorecards.overview(List.of(), 100));
        CompletableFuture.allOf(rubric, mine, overview).join();
        ScorecardData.Rubric found = rubric.join().orElseThrow(() -> new ServiceDown("scorecard"));
        ScorecardData.RubricCheck check = found.check(checkId).orElseThrow(NotFoundException::new);
        ScorecardData.Pillar pillar = found.pillars().stream().filter(p -> p.id().equals(check.pillar())).findFirst()
                .orElse(new ScorecardData.Pillar(check.pillar(), check.pillar(), "", null));
        ScorecardData.FailingCheck org = overview.join().failingChecks().stream().filter(c -> c.check().equals(checkId))
                .findFirst().orElse(null);
        return pages.render(Templates.check(found, check, pillar, mine.join(), org, teams));
    }

    @GET
    @Path("publish")
    public TemplateInstance publishForm() {
        requireAdmin();
        String yaml = scorecards.rubricYaml().orElseThrow(() -> new ServiceDown("scorecard"));
        int inForce = scorecards.rubric().map(ScorecardData.Rubric::version).orElse(0);
        return pages.render(Templates.publish(yaml, List.of(), FormErrors.NONE, inForce, null));
    }

    @POST
    @Path("publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object publish(@RestForm String yaml, @RestForm String action) {
        requireAdmin();
        String text = yaml == null ? "" : yaml.replace("\r\n", "\n");
        if ("check".equals(action)) {
            // See before you publish: the impact, nothing stored; the form stays filled to publish from here.
            Reply<ScorecardData.DryRun> checked = scorecards.checkRubric(text);
            int inForce = scorecards.rubric().map(ScorecardData.Rubric::version).orElse(0);
            if (!checked.ok()) {
                return ProductForms.status(pages.render(Templates.publish(text, lines(text, checked.problem()),
                        FormErrors.of(checked, f -> f), inForce, null)), checked);
            }
            return pages.render(Templates.publish(text, List.of(), FormErrors.NONE, inForce, checked.value()));
        }
        Reply<ScorecardData.Published> reply = scorecards.publish(text);
        if (!reply.ok()) {
            int inForce = scorecards.rubric().map(ScorecardData.Rubric::version).orElse(0);
            return ProductForms.status(pages.render(Templates.publish(text, lines(text, reply.problem()),
                    FormErrors.of(reply, f -> f), inForce, null)), reply);
        }
        ScorecardData.Published published = reply.value();
        String target = published.evaluation() != null ? "/rubric/evaluations/" + published.evaluation().id() : "/rubric";
        return pages.redirect(target, Flash.Kind.rubric_published, Integer.toString(published.version()));
    }

    @POST
    @Path("evaluations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object evaluate() {
        requireAdmin();
        Reply<ScorecardData.Job> reply = scorecards.startEvaluation();
        if (!reply.ok()) {
            throw reply.unavailable() ? new ServiceDown("scorecard") : new NotFoundException();
        }
        return pages.redirect("/rubric/evaluations/" + reply.value().id(), Flash.Kind.evaluation_started,
                reply.value().id());
    }

    /** A full evaluation's progress; the page reloads itself every two seconds until the job ends (no script). */
    @GET
    @Path("evaluations/{id}")
    public TemplateInstance job(@RestPath String id) {
        if (id == null || !id.matches("[0-9a-fA-F-]{1,64}")) {
            throw new NotFoundException();
        }
        Reply<ScorecardData.Job> reply = scorecards.evaluation(id);
        if (reply.notFound()) {
            throw new NotFoundException();
        }
        return pages.render(Templates.job(reply.found().orElseThrow(() -> new ServiceDown("scorecard"))));
    }

    private void requireAdmin() {
        if (!viewer.isAdmin()) {
            throw new jakarta.ws.rs.ForbiddenException();
        }
    }

    /** The YAML's lines with the problems the service reported ("line 18"), each next to its line. */
    static List<YamlLine> lines(String yaml, Problem problem) {
        Map<Integer, List<String>> byLine = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        if (problem != null) {
            for (Problem.Violation v : problem.violations()) {
                Integer line = FormErrors.yamlLine(v.field());
                if (line != null) {
                    byLine.computeIfAbsent(line, n -> new ArrayList<>()).add(v.message());
                } else {
                    // not a line: shown above the text
                    general.add(v.message());
                }
            }
        }
        String[] texts = yaml.split("\n", -1);
        List<YamlLine> lines = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            lines.add(new YamlLine(i + 1, texts[i], byLine.getOrDefault(i + 1, List.of())));
        }
        if (!general.isEmpty()) {
            lines.add(0, new YamlLine(0, "", general));
        }
        return lines;
    }
}
