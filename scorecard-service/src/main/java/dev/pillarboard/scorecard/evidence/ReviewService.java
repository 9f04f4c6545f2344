package dev.pillarboard.scorecard.evidence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import dev.pillarboard.common.ApiProblem;
import dev.pillarboard.common.DatabaseTime;
import dev.pillarboard.common.Page;
import dev.pillarboard.common.security.Caller;
import dev.pillarboard.scorecard.Review;
import dev.pillarboard.scorecard.rubric.RubricService;
import dev.pillarboard.scorecard.sync.ProductMirror;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** Reviews: a team lead of the owning team (or a platform admin) signs off a product's scorecard. */
@ApplicationScoped
public class ReviewService {

    private final ProductMirror products;
    private final Caller caller;
    private final RubricService rubrics;
    private final EntityManager em;

    public ReviewService(ProductMirror products, Caller caller, RubricService rubrics, EntityManager em) {
        this.products = products;
        this.caller = caller;
        this.rubrics = rubrics;
        this.em = em;
    }

    @Transactional
    public Review review(ReviewRequest request) {
        String owner = products.requireOwner(request.product(), "product");
        caller.requireTeamLead(owner, "review the scorecard of '" + request.product() + "'");
        Review review = new Review();
        review.product = request.product();
        review.decision = request.decision();
        review.comment = request.comment() == null ? "" : request.comment().strip();
        review.reviewedBy = caller.name();
        review.reviewedAt = DatabaseTime.now();
        Object[] card = scorecard(request.product());
        review.rubricVersion = card == null ? rubrics.currentVersion() : ((Number) card[0]).intValue();
        review.score = card == null || card[1] == null ? null : ((Number) card[1]).intValue();
        review.persist();
        em.flush();
        // The status of every check at the sign-off, so that the next review can show what changed since.
        em.createNativeQuery("""
                UPDATE review SET checks = (SELECT jsonb_object_agg(e ->> 'id', e ->> 'status')
                    FROM scorecard s, jsonb_array_elements(s.checks::jsonb) e WHERE s.product = review.product)
                WHERE id = :id""").setParameter("id", review.id).executeUpdate();
        return review;
    }

    private Object[] scorecard(String product) {
        var rows = em.createNativeQuery("SELECT rubric_version, score FROM scorecard WHERE product = :product")
                .setParameter("product", product).getResultList();
        return rows.isEmpty() ? null : (Object[]) rows.get(0);
    }

    @Transactional
    public Page<Review> list(String product, int page, int size) {
        var found = product == null
                ? Review.find("1 = 1", Sort.descending("reviewedAt").and("id", Sort.Direction.Descending))
                : Review.find("product = :product", Sort.descending("reviewedAt").and("id", Sort.Direction.Descending),
                        Parameters.with("product", product));
        return new Page<>(found.page(page, size).list(), found.count());
    }

    @Transactional
    public Review get(long id) {
        Review review = Review.findById(id);
        if (review == null) {
            throw ApiProblem.notFound("review", Long.toString(id));
        }
        return review;
    }
}
