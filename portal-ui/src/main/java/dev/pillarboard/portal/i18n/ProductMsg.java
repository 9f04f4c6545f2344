package dev.pillarboard.portal.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the product pages, the product and evidence forms and the reviews ({@code {product:key}} in templates).
 * The texts are in {@code messages/product_en.properties} and {@code messages/product_ja.properties}; the build checks
 * that every method has a text in both and that every parameter a text uses exists. (The portal's texts are
 * split over three bundles because Quarkus 3.33 generates an invalid resolver for a bundle of some 400 messages.)
 */
@MessageBundle(value = "product", locale = "en")
public interface ProductMsg {

    @Message
    String owned_by();

    @Message
    String product_edit();

    @Message
    String product_side();

    @Message
    String view_as_next(String phase);

    @Message
    String view_current(String phase);

    @Message
    String review_sign_off();

    @Message
    String not_evaluated_yet();

    @Message
    String unscorable_banner(String phase);

    @Message
    String no_scorecard();

    @Message
    String meets_bar_q_yes(String phase);

    @Message
    String meets_bar_q_no(String phase);

    @Message
    String meets_bar_text();

    @Message
    String misses_bar_text(String n);

    @Message
    String readiness_for(String phase);

    @Message
    String readiness_see(String phase);

    @Message
    String evaluated_ago(String when);

    @Message
    String rubric_version_n(String n);

    @Message
    String overall_score(String n);

    @Message
    String review_due();

    @Message
    String next_checklist_title(String phase);

    @Message
    String next_checklist_ready(String phase);

    @Message
    String next_checklist_intro(String done, String total, String phase);

    @Message
    String do_next();

    @Message
    String do_next_sub();

    @Message
    String do_next_sub_grace_p3();

    @Message
    String do_next_sub_grace();

    @Message
    String do_next_sub_p3();

    @Message
    String do_next_none();

    @Message
    String action_attest();

    @Message
    String action_attest_submit();

    @Message
    String action_request_waiver();

    @Message
    String action_request_waiver_submit();

    @Message
    String action_edit_catalog();

    @Message
    String action_signal(String key);

    @Message
    String action_open_task();

    @Message
    String action_move_task();

    @Message
    String action_approve();

    @Message
    String action_reject();

    @Message
    String field_evidence_url();

    @Message
    String field_evidence_url_hint();

    @Message
    String field_comment();

    @Message
    String field_reason();

    @Message
    String field_reason_hint();

    @Message
    String field_expires();

    @Message
    String field_expires_hint();

    @Message
    String field_performed();

    @Message
    String field_performed_hint();

    @Message
    String field_until_phase();

    @Message
    String field_until_phase_hint();

    @Message
    String field_decision_comment();

    @Message
    String checks_title();

    @Message
    String score_n(String n);

    @Message
    String req_now();

    @Message
    String req_next(String phase);

    @Message
    String check_reason();

    @Message
    String check_evidence();

    @Message
    String check_waiver();

    @Message
    String check_task();

    @Message
    String check_why();

    @Message
    String check_fix();

    @Message
    String check_page();

    @Message
    String evidence_age(String when);

    @Message
    String evidence_attested(String when);

    @Message
    String evidence_performed(String date);

    @Message
    String evidence_valid_until(String date, String when);

    @Message
    String evidence_lapsed(String date);

    @Message
    String waived_until(String who, String date);

    @Message
    String waiver_pending_for_check();

    @Message
    String tasks_title();

    @Message
    String tasks_sub(String open, String done);

    @Message
    String tasks_none_open();

    @Message
    String tasks_done_show(String n);

    @Message
    String col_closed();

    @Message
    String tasks_none();

    @Message
    String col_priority();

    @Message
    String col_task();

    @Message
    String col_status();

    @Message
    String col_assignee();

    @Message
    String col_due();

    @Message
    String col_actions();

    @Message
    String pillars_vs_bar();

    @Message
    String bar_ok();

    @Message
    String bar_gap(String n);

    @Message
    String trend_title();

    @Message
    String trend_empty();

    /** Under a trend whose first point comes days after the window's start. */
    @Message
    String trend_since(String date);

    @Message
    String waivers_title();

    @Message
    String waivers_none();

    @Message
    String waiver_line(String who, String date, String until);

    @Message
    String waiver_decided(String who, String date);

    @Message
    String last_review();

    @Message
    String reviewed_by(String who, String date);

    @Message
    String review_due_since(String date);

    @Message
    String review_due_never();

    @Message
    String do_next_more(String n);

    @Message
    String action_details();

    @Message
    String product_edit_title(String name);

    @Message
    String product_form_intro();

    @Message
    String form_conflict();

    @Message
    String form_unavailable();

    @Message
    String form_refused();

    @Message
    String form_forbidden();

    @Message
    String field_slug();

    @Message
    String field_slug_hint();

    @Message
    String field_name();

    @Message
    String field_description();

    @Message
    String field_owner();

    @Message
    String field_pick();

    @Message
    String field_phase_hint();

    @Message
    String field_tier_hint();

    @Message
    String field_tags();

    @Message
    String field_tags_hint();

    @Message
    String field_links();

    @Message
    String field_other_links();

    @Message
    String field_lines_hint();

    @Message
    String field_annotations();

    @Message
    String field_annotations_hint();

    @Message
    String action_create();

    @Message
    String action_save();

    @Message
    String action_cancel();

    @Message
    String phase_change_title(String name);

    @Message
    String phase_change_heading(String from, String to);

    @Message
    String phase_change_intro();

    @Message
    String phase_change_required(String n);

    @Message
    String phase_change_recommended(String n);

    @Message
    String phase_change_relaxed(String n);

    @Message
    String phase_change_none();

    @Message
    String phase_change_p1(String n);

    @Message
    String phase_change_all_pass();

    @Message
    String phase_change_confirm(String phase);

    @Message
    String phase_change_back();

    @Message
    String col_before();

    @Message
    String col_status_today();

    @Message
    String attest_title();

    @Message
    String waiver_explain();

    @Message
    String field_assignee_hint();

    @Message
    String task_done_explain();

    @Message
    String task_created();

    @Message
    String task_check_rubric();

    @Message
    String task_closed();

    @Message
    String task_reopened();

    @Message
    String decision_title();

    @Message
    String waiver_requested_by();

    @Message
    String waiver_decided_by();

    @Message
    String queue_intro(String teams);

    @Message
    String queue_intro_admin();

    @Message
    String queue_not_lead();

    @Message
    String queue_waivers(String n);

    @Message
    String queue_waivers_none();

    @Message
    String queue_own(String n);

    @Message
    String queue_due(String n);

    @Message
    String waiver_until(String date);

    @Message
    String signoff_title(String name);

    @Message
    String signoff_since(String date, String who);

    @Message
    String signoff_last(String decision);

    @Message
    String signoff_changes_unavailable();

    @Message
    String signoff_phase(String from, String to, String date);

    @Message
    String signoff_checks(String n);

    @Message
    String signoff_checks_not_recorded();

    @Message
    String signoff_no_flips();

    @Message
    String signoff_then();

    @Message
    String signoff_now();

    @Message
    String signoff_opened(String n);

    @Message
    String signoff_closed(String n);

    @Message
    String signoff_waivers(String n);

    @Message
    String signoff_first();

    @Message
    String signoff_first_text(String n, String p1);

    @Message
    String signoff_standing();

    @Message
    String signoff_open_tasks(String p1, String p2, String p3);

    @Message
    String signoff_not_met(String n);

    @Message
    String signoff_all_met();

    @Message
    String signoff_in_force(String n);

    @Message
    String signoff_task();

    @Message
    String signoff_decision();

    @Message
    String signoff_submit();

    @Message
    String check_rule();

    @Message
    String rule_override(String label);

    @Message
    String rule_phase(String phase);

    @Message
    String check_grace();

    @Message
    String grace_until(String date);

    @Message
    String check_insufficient();

    @Message
    String insufficient_text();

    @Message
    String check_connect();

    @Message
    String connect_n(String n);

    @Message
    String insufficient_n(String n);

    @Message
    String waived_in_phase(String phase);

    @Message
    String extra_credit_title();

    @Message
    String extra_credit_text();
}
