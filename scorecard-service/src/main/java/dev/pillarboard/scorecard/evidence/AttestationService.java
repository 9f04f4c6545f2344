package dev.pillarboard.scorecard.evidence;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.HttpUrl;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.Attestation;
import dev.pillarboard.scorecard.engine.Check;
import dev.pillarboard.scorecard.engine.EvidenceRule;
import dev.pillarboard.scorecard.evaluation.EvaluationQueue;
import dev.pillarboard.scorecard.rubric.RubricService;
import dev.pillarboard.scorecard.sync.ProductMirror;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Attestations: a member of the owning team states that an attestable check's practice is in place. */
@ApplicationScoped
public class AttestationService {

    private final RubricService rubrics;
    private final ProductMirror products;
    private final EvaluationQueue queue;
    private final Caller caller;

    public AttestationService(RubricService rubrics, ProductMirror products, EvaluationQueue queue, Caller caller) {
        this.rubrics = rubrics;
        this.products = products;
        this.queue = queue;
        this.caller = caller;
    }

    @Transactional
    public Attestation attest(AttestationRequest request) {
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
        attestation.attestedAt = DatabaseTime.now();
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
        if (!HttpUrl.Validator.isHttpUrl(url)) {
            throw ApiProblem.invalid("evidenceUrl", "must be an absolute http(s) URL, e.g. https://wiki.example.com/incident-process");
        }
    }

}
