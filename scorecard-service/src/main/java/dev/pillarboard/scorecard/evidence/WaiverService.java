package dev.pillarboard.scorecard.evidence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.Waiver;
import dev.pillarboard.scorecard.config.ScorecardConfig;
import dev.pillarboard.scorecard.evaluation.EvaluationQueue;
import dev.pillarboard.scorecard.rubric.RubricService;
import dev.pillarboard.scorecard.sync.ProductMirror;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * Waivers: the owning team requests one; a team lead of that team (not the requester) or a platform
 * admin decides it, once. An approved waiver counts until it expires; the evaluator re-scores the
 * product when it does (see {@link EvaluationQueue#enqueueExpired()}).
 */
@ApplicationScoped
public class WaiverService {

    /** The partial unique index that allows one open request per product and check. */
    static final String ONE_OPEN_REQUEST = "waiver_one_request_idx";

    private final RubricService rubrics;
    private final ProductMirror products;
    private final EvaluationQueue queue;
    private final Caller caller;
    private final ScorecardConfig config;
    private final EntityManager em;

    public WaiverService(RubricService rubrics, ProductMirror products, EvaluationQueue queue, Caller caller,
            ScorecardConfig config, EntityManager em) {
        this.rubrics = rubrics;
        this.products = products;
        this.queue = queue;
        this.caller = caller;
        this.config = config;
        this.em = em;
    }

    /**
     * Requests a waiver until {@code expiresAt}; with {@code untilPhaseChange} it also ends the moment the product
     * leaves the phase it is in now (the catalog follower ends it), and {@code expiresAt} may be left out (the horizon).
     */
    @Transactional
    public Waiver request(WaiverRequest request) {
        Instant now = DatabaseTime.now();
        boolean untilPhaseChange = Boolean.TRUE.equals(request.untilPhaseChange());
        // The last day a waiver may run is a whole day (UTC), the one the refusal names: a form that asks for the end of
        // that day, as the portal's does, is not refused for the hours left of it.
        Instant latest = day(now.plus(config.waivers().maxDuration())).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                .minus(1, ChronoUnit.MICROS);
        Instant expiresAt = request.expiresAt() == null && untilPhaseChange ? latest : request.expiresAt();
        if (expiresAt == null) {
            throw ApiProblem.invalid("expiresAt", "is required (or ask untilPhaseChange: true)");
        }
        if (!expiresAt.isAfter(now)) {
            throw ApiProblem.invalid("expiresAt", "must be in the future");
        }
        if (expiresAt.isAfter(latest)) {
            throw ApiProblem.invalid("expiresAt", "may be at most " + config.waivers().maxDuration().toDays()
                    + " days ahead (until " + day(latest) + "); ask again when it expires");
        }
        if (rubrics.current().rubric().check(request.check()).isEmpty()) {
            throw ApiProblem.unprocessable("check", "the current rubric has no check '" + request.check() + "'");
        }
        ProductMirror.Lifecycle product = products.requireLifecycle(request.product(), "product");
        String owner = product.owner();
        caller.requireTeamMember(owner, "request waivers for '" + request.product() + "'");
        Waiver pending = pending(request.product(), request.check());
        if (pending != null) {
            throw alreadyRequested(pending.id, request.product(), request.check());
        }
        Waiver waiver = new Waiver();
        waiver.product = request.product();
        waiver.checkId = request.check();
        waiver.reason = request.reason().strip();
        waiver.requestedBy = caller.name();
        waiver.requestedAt = now;
        waiver.expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS);
        waiver.phase = untilPhaseChange ? product.phase() : null;
        waiver.status = Waiver.REQUESTED;
        try {
            // Flushed here, so that a concurrent request for the same check that got in first (the
            // partial unique index allows one open request) is answered like the check above, not 500.
            waiver.persistAndFlush();
        } catch (PersistenceException e) {
            if (!UniqueViolation.of(e, ONE_OPEN_REQUEST)) {
                throw e;
            }
            // This transaction is lost; the winner is committed, so a new one sees it.
            Waiver winner = QuarkusTransaction.requiringNew().call(() -> pending(request.product(), request.check()));
            throw alreadyRequested(winner == null ? null : winner.id, request.product(), request.check());
        }
        return waiver;
    }

    /** The UTC day of an instant (2027-06-02), as the refusals name a day. */
    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Waiver pending(String product, String check) {
        return Waiver.find("product = ?1 and checkId = ?2 and status = ?3", product, check, Waiver.REQUESTED).firstResult();
    }

    private static ApiProblem alreadyRequested(Long id, String product, String check) {
        return ApiProblem.conflict((id == null ? "A waiver" : "Waiver " + id) + " for " + check + " of " + product
                + " is already awaiting a decision");
    }

    @Transactional
    public Waiver decide(long id, WaiverDecision decision) {
        Waiver waiver = em.find(Waiver.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (waiver == null) {
            throw ApiProblem.notFound("waiver", Long.toString(id));
        }
        String owner = products.owners(List.of(waiver.product)).get(waiver.product);
        if (owner == null && !caller.isPlatformAdmin()) {
            throw ApiProblem.forbidden("The product '" + waiver.product + "' is no longer in the catalog; only a platform admin may decide");
        }
        caller.requireTeamLead(owner, "decide waivers of '" + waiver.product + "'");
        if (!Waiver.REQUESTED.equals(waiver.status)) {
            throw ApiProblem.conflict("Waiver " + id + " was already " + waiver.status + " by " + waiver.decidedBy + " at "
                    + waiver.decidedAt.truncatedTo(ChronoUnit.SECONDS));
        }
        if (!caller.isPlatformAdmin() && caller.name().equals(waiver.requestedBy)) {
            throw ApiProblem.forbidden("You requested waiver " + id + "; another team lead or a platform admin decides it (four eyes)");
        }
        Instant now = DatabaseTime.now();
        boolean approve = decision.decision().equals("approve");
        if (approve && !waiver.expiresAt.isAfter(now)) {
            throw ApiProblem.conflict("Waiver " + id + " expired on " + day(waiver.expiresAt) + " before it was decided; request a new one");
        }
        if (approve && waiver.endedAt != null) {
            throw ApiProblem.conflict("Waiver " + id + " was asked until " + waiver.product + " left " + waiver.phase
                    + ", which it did on " + day(waiver.endedAt) + "; request a new one");
        }
        waiver.status = approve ? Waiver.APPROVED : Waiver.REJECTED;
        waiver.decidedBy = caller.name();
        waiver.decidedAt = now;
        waiver.decisionComment = decision.comment() == null ? null : decision.comment().strip();
        queue.enqueue(List.of(waiver.product));
        return waiver;
    }

    @Transactional
    public Waiver get(long id) {
        Waiver waiver = Waiver.findById(id);
        if (waiver == null) {
            throw ApiProblem.notFound("waiver", Long.toString(id));
        }
        return waiver;
    }

    /**
     * Waivers, newest first. {@code owners} limits them to products of those teams (a lead's inbox);
     * {@code expiresBefore} to those that stop counting before that instant (expiring soon).
     */
    @Transactional
    public Page<Waiver> list(String product, List<String> owners, String status, Instant expiresBefore, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (product != null) {
            query.append(" and product = :product");
            parameters.and("product", product);
        }
        if (owners != null && !owners.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<String> slugs = em.createNativeQuery("SELECT slug FROM product WHERE owner = ANY(CAST(:owners AS text[]))")
                    .setParameter("owners", owners.toArray(String[]::new)).getResultList();
            if (slugs.isEmpty()) {
                // Nothing matches, but the other parameters are still checked (a bad status is a 400).
                query.append(" and 1 = 0");
            } else {
                query.append(" and product in :products");
                parameters.and("products", slugs);
            }
        }
        if (expiresBefore != null) {
            query.append(" and expiresAt < :expiresBefore");
            parameters.and("expiresBefore", expiresBefore);
        }
        if (status != null) {
            switch (status) {
                case Waiver.REQUESTED, Waiver.REJECTED -> {
                    query.append(" and status = :status");
                    parameters.and("status", status);
                }
                case Waiver.APPROVED -> {
                    query.append(" and status = 'approved' and expiresAt > :now and endedAt is null");
                    parameters.and("now", DatabaseTime.now());
                }
                case Waiver.EXPIRED -> {
                    query.append(" and status = 'approved' and (expiresAt <= :now or endedAt is not null)");
                    parameters.and("now", DatabaseTime.now());
                }
                default -> throw ApiProblem.invalid("status", "'" + status
                        + "' is not one of requested, approved, rejected, expired");
            }
        }
        var found = Waiver.find(query.toString(), Sort.descending("requestedAt").and("id", Sort.Direction.Descending),
                parameters);
        return new Page<>(found.page(page, size).list(), found.count());
    }
}
