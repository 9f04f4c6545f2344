package dev.pillarboard.portal.view;

import io.quarkus.qute.TemplateData;

import dev.pillarboard.portal.client.CatalogData;
import dev.pillarboard.portal.client.ScorecardData;

/**
 * The services' records that templates read: Qute generates a value resolver for each at build time, so a page does
 * not fall back to reflection for the records that tags receive untyped (a product list row's pillars, a check's
 * evidence). Nothing else lives here.
 */
@TemplateData(target = ScorecardData.PillarScore.class)
@TemplateData(target = ScorecardData.OpenTasks.class)
@TemplateData(target = ScorecardData.Summary.class)
@TemplateData(target = ScorecardData.Waived.class)
@TemplateData(target = ScorecardData.CheckResult.class)
@TemplateData(target = ScorecardData.LastReview.class)
@TemplateData(target = ScorecardData.Scorecard.class)
@TemplateData(target = ScorecardData.HistoryPoint.class)
@TemplateData(target = ScorecardData.History.class)
@TemplateData(target = ScorecardData.TeamProduct.class)
@TemplateData(target = ScorecardData.TeamTotals.class)
@TemplateData(target = ScorecardData.TeamRef.class)
@TemplateData(target = ScorecardData.TeamSummary.class)
@TemplateData(target = ScorecardData.Task.class)
@TemplateData(target = ScorecardData.Waiver.class)
@TemplateData(target = ScorecardData.Review.class)
@TemplateData(target = ScorecardData.Attestation.class)
@TemplateData(target = ScorecardData.Phase.class)
@TemplateData(target = ScorecardData.Gap.class)
@TemplateData(target = ScorecardData.Readiness.class)
@TemplateData(target = ScorecardData.Pillar.class)
@TemplateData(target = ScorecardData.RubricCheck.class)
@TemplateData(target = ScorecardData.RubricOverride.class)
@TemplateData(target = EvidenceText.Line.class)
@TemplateData(target = ScorecardData.Rubric.class)
@TemplateData(target = ScorecardData.RubricVersion.class)
@TemplateData(target = ScorecardData.Job.class)
@TemplateData(target = ScorecardData.Overview.class)
@TemplateData(target = ScorecardData.PhaseCount.class)
@TemplateData(target = ScorecardData.FailingCheck.class)
@TemplateData(target = ScorecardData.TeamStanding.class)
@TemplateData(target = ScorecardData.TeamHistory.class)
@TemplateData(target = ScorecardData.TeamPoint.class)
@TemplateData(target = ScorecardData.Changes.class)
@TemplateData(target = ScorecardData.CheckChange.class)
@TemplateData(target = ScorecardData.PhaseChange.class)
@TemplateData(target = ScorecardData.Published.class)
@TemplateData(target = CatalogData.Product.class)
@TemplateData(target = CatalogData.Contact.class)
@TemplateData(target = CatalogData.Team.class)
@TemplateData(target = CatalogData.Change.class)
@TemplateData(target = CatalogData.ImportItem.class)
@TemplateData(target = CatalogData.ImportReport.class)
final class TemplateTypes {

    private TemplateTypes() {
    }
}
