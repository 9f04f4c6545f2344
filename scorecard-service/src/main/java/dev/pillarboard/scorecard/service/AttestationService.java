package dev.pillarboard.scorecard.service;

import dev.pillarboard.common.security.Caller;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.scorecard.Attestation;
import dev.pillarboard.scorecard.Clock;
import dev.pillarboard.scorecard.engine.Check;
import dev.pillarboard.scorecard.engine.EvidenceRule;
import dev.pillarboard.scorecard.rest.Requests;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Attestations: a member of the owning team states that an attestable check's practice is in place. */
@ApplicationScoped
public class AttestationService {

    private final RubricService rubrics;
    private final Products products;
    private final EvaluationQueue queue;
    private final Caller caller;

    public AttestationService(RubricService rubrics, Products products, EvaluationQueue queue, Caller caller) {
        this.rubrics = rubrics;
        this.products = products;
        this.queue = queue;
        this.caller = caller;
    }

    @Transactional
    public Attestation attest(Requests.Attestation request) {
        String url = request.evidenceUrl().strip();
        requireHttpUrl(url);
        Check check = rubrics.current().rubric().check(request.check()).orElseThrow(() -> ApiProblem.unprocessable("check",
                "the current rubric has no check '" + request.check() + "'"));
        if (!(check.evidence() instanceof EvidenceRule.AttestationRule rule)) {
            throw ApiProblem.unprocessable("check", "'" + check.id() + "' is decided by " + check.evidence().kind()
                    + " evidence, not by attestation");
        }
        String owner = products.requireOwner(request.product(), "product");
        caller.requireTeamMember(owner, "attest checks of '" + request.product() + "'");
        Attestation attestation = new Attestation();
        attestation.product = request.product();
        attestation.checkId = check.id();
        attestation.attestedBy = caller.name();
        attestation.attestedAt = Clock.now();
        attestation.validUntil = attestation.attestedAt.plus(Duration.ofDays(rule.validForDays()));
        attestation.evidenceUrl = url;
        attestation.comment = request.comment() == null ? "" : request.comment().strip();
        attestation.persist();
        queue.enqueue(List.of(attestation.product));
        return attestation;
    }

    @Transactional
    public Attestation get(long id) {
        Attestation attestation = Attestation.findById(id);
        if (attestation == null) {
            throw ApiProblem.notFound("attestation", Long.toString(id));
        }
        return attestation;
    }

    @Transactional
    public Page<Attestation> list(String product, String check, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (product != null) {
            query.append(" and product = :product");
            parameters.and("product", product);
        }
        if (check != null) {
            query.append(" and checkId = :check");
            parameters.and("check", check);
        }
        var found = Attestation.find(query.toString(), Sort.descending("attestedAt").and("id", Sort.Direction.Descending),
                parameters);
        return new Page<>(found.page(page, size).list(), found.count());
    }

    static void requireHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getHost().isBlank()) {
                throw ApiProblem.invalid("evidenceUrl", "must be an absolute http(s) URL, e.g. https://wiki.example.com/incident-process");
            }
        } catch (URISyntaxException e) {
            throw ApiProblem.invalid("evidenceUrl", "is not a URL: " + e.getReason());
        }
    }

}
