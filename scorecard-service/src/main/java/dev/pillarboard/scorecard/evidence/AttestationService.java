package dev.pillarboard.scorecard.evidence;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.HttpUrl;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.Attestation;
import dev.pillarboard.scorecard.config.ScorecardConfig;
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
    private final Duration maxClockSkew;

    public AttestationService(RubricService rubrics, ProductMirror products, EvaluationQueue queue, Caller caller,
            ScorecardConfig config) {
        this.rubrics = rubrics;
        this.products = products;
        this.queue = queue;
        this.caller = caller;
        this.maxClockSkew = config.signals().maxClockSkew();
    }

    /**
     * Records an attestation. {@code performedAt} (null: now) is when the practice happened: not in the future (beyond
     * the allowed clock skew), not before the product was created, and recent enough that it would not have lapsed
     * already; the check's validity counts from it.
     */
    @Transactional
    public Attestation attest(AttestationRequest request, Instant performedAt) {
        String url = request.evidenceUrl().strip();
        requireHttpUrl(url);
        Check check = rubrics.current().rubric().check(request.check()).orElseThrow(() -> ApiProblem.unprocessable("check",
                "the current rubric has no check '" + request.check() + "'"));
        if (!(check.evidence() instanceof EvidenceRule.AttestationRule rule)) {
            throw ApiProblem.unprocessable("check", "'" + check.id() + "' is decided by " + check.evidence().kind()
                    + " evidence, not by attestation");
        }
        ProductMirror.Lifecycle product = products.requireLifecycle(request.product(), "product");
        caller.requireTeamMember(product.owner(), "attest checks of '" + request.product() + "'");
        Instant now = DatabaseTime.now();
        Instant performed = performedAt == null ? now : performedAt.truncatedTo(ChronoUnit.MICROS);
        if (performed.isAfter(now.plus(maxClockSkew))) {
            throw ApiProblem.invalid("performedAt", "is in the future; attest a practice once it has happened");
        }
        if (performed.isAfter(now)) {
            performed = now;
        }
        if (product.createdAt() != null && performed.isBefore(product.createdAt())) {
            throw ApiProblem.invalid("performedAt", "is before the product was created (" + product.createdAt() + ")");
        }
        Instant validUntil = performed.plus(Duration.ofDays(rule.validForDays()));
        if (!validUntil.isAfter(now)) {
            throw ApiProblem.invalid("performedAt", "is more than " + rule.validForDays() + " days ago, the validity of "
                    + check.id() + ": the attestation would have lapsed already; do the practice again, then attest it");
        }
        Attestation attestation = new Attestation();
        attestation.product = request.product();
        attestation.checkId = check.id();
        attestation.attestedBy = caller.name();
        attestation.attestedAt = now;
        attestation.performedAt = performed;
        attestation.validUntil = validUntil;
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
