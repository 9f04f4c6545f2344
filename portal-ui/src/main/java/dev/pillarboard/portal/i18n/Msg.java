package dev.pillarboard.portal.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Every general label and message of the portal: layout, values, confirmations, errors, home,
 * products, teams ({@code {msg:key}} in templates).
 * The texts are in {@code messages/msg_en.properties} and {@code messages/msg_ja.properties}; the build checks
 * that every method has a text in both and that every parameter a text uses exists. (The portal's texts are
 * split over three bundles because Quarkus 3.33 generates an invalid resolver for a bundle of some 400 messages.)
 */
@MessageBundle(value = "msg", locale = "en")
public interface Msg {

    @Message
    String skip_to_content();

    @Message
    String nav_label();

    @Message
    String nav_home();

    @Message
    String nav_products();

    @Message
    String nav_teams();

    @Message
    String nav_reviews();

    @Message
    String nav_rubric();

    @Message
    String nav_import();

    @Message
    String language_label();

    @Message
    String no_teams();

    @Message
    String sign_out();

    @Message
    String sign_in();

    @Message
    String footer_health();

    @Message
    String notice_catalog_down();

    @Message
    String notice_scorecard_down();

    @Message
    String back_home();

    @Message
    String see_all(String n);

    @Message
    String count_total(String n);

    @Message
    String progress_aria(String value);

    @Message
    String pager_label();

    @Message
    String pager_previous();

    @Message
    String pager_next();

    @Message
    String pager_showing(String from, String to, String total);

    @Message
    String status_pass();

    @Message
    String status_fail();

    @Message
    String status_waived();

    @Message
    String status_na();

    @Message
    String status_unknown();

    @Message
    String status_not_connected();

    @Message
    String status_insufficient_data();

    @Message
    String status_hint_unknown();

    @Message
    String status_hint_not_connected();

    @Message
    String status_hint_insufficient_data();

    @Message
    String req_required();

    @Message
    String req_recommended();

    @Message
    String req_na();

    @Message
    String role_platform_admin();

    @Message
    String role_team_lead();

    @Message
    String role_developer();

    @Message
    String phase_pre_launch();

    @Message
    String phase_pre_pmf();

    @Message
    String phase_pmf();

    @Message
    String task_open();

    @Message
    String task_in_progress();

    @Message
    String task_done();

    @Message
    String waiver_requested();

    @Message
    String waiver_approved();

    @Message
    String waiver_rejected();

    @Message
    String waiver_expired();

    @Message
    String review_approved();

    @Message
    String review_changes_requested();

    @Message
    String evidence_catalog();

    @Message
    String evidence_signal();

    @Message
    String evidence_attestation();

    @Message
    String outcome_created();

    @Message
    String outcome_updated();

    @Message
    String outcome_unchanged();

    @Message
    String outcome_skipped();

    @Message
    String outcome_rejected();

    @Message
    String job_queued();

    @Message
    String job_running();

    @Message
    String job_done();

    @Message
    String job_failed();

    @Message
    String change_kind_team();

    @Message
    String change_kind_product();

    @Message
    String change_created();

    @Message
    String change_updated();

    @Message
    String change_deleted_op();

    @Message
    String col_to_go_avg();

    @Message
    String change_deleted(String slug);

    /** A change in the feed: what it was to ("product") and what happened to it ("created"), in the language's order. */
    @Message
    String change_what(String kind, String op);

    @Message
    String ago_now();

    @Message
    String ago_minutes(String n);

    @Message
    String ago_hours(String n);

    @Message
    String ago_days(String n);

    @Message
    String in_future(String date);

    @Message
    String due_on(String date);

    @Message
    String closed_on(String date);

    @Message
    String pillar_meets();

    @Message
    String pillar_below(String n);

    @Message
    String pillar_not_applicable();

    @Message
    String pillar_short_observability();

    @Message
    String pillar_short_incident_response();

    @Message
    String pillar_short_release_change();

    @Message
    String pillar_short_security();

    @Message
    String pillar_short_resilience_capacity();

    @Message
    String required_failing(String n);

    @Message
    String flash_product_created(String what);

    @Message
    String flash_product_saved(String what);

    @Message
    String flash_attested(String what);

    @Message
    String flash_task_saved(String what);

    @Message
    String flash_waiver_requested(String what);

    @Message
    String flash_waiver_approved(String what);

    @Message
    String flash_waiver_rejected(String what);

    @Message
    String flash_review_signed(String what);

    @Message
    String flash_rubric_published(String what);

    @Message
    String flash_evaluation_started(String what);

    @Message
    String flash_language_changed();

    @Message
    String flash_imported(String what);

    @Message
    String error_not_found_title();

    @Message
    String error_not_found_text();

    @Message
    String error_form_title();

    @Message
    String error_form_text();

    @Message
    String error_unexpected_title();

    @Message
    String error_unexpected_text(String id);

    @Message
    String error_down_title();

    @Message
    String error_down_text();

    @Message
    String error_forbidden_title();

    @Message
    String error_forbidden_text();

    @Message
    String error_encoding_title();

    @Message
    String error_encoding_text(String field);

    @Message
    String error_too_large_title();

    @Message
    String error_too_large_text();

    @Message
    String error_too_large_back();

    @Message
    String error_unreadable_title();

    @Message
    String error_unreadable_text();

    @Message
    String signed_out_title();

    @Message
    String signed_out_heading();

    @Message
    String signed_out_text();

    @Message
    String home_title();

    @Message
    String home_heading(String name);

    @Message
    String home_intro();

    @Message
    String product_new();

    @Message
    String my_work();

    @Message
    String my_work_no_teams();

    @Message
    String my_work_nothing();

    @Message
    String my_below_bar();

    @Message
    String my_below_bar_none();

    @Message
    String my_p1_tasks();

    @Message
    String my_p1_none();

    @Message
    String my_waivers();

    @Message
    String my_waivers_none();

    @Message
    String waivers_to_decide(String n);

    @Message
    String waivers_mine(String n);

    @Message
    String waiver_asked_by(String who, String when);

    @Message
    String waiver_waiting_since(String when);

    @Message
    String my_reviews_due();

    @Message
    String my_reviews_none();

    @Message
    String last_review_ago(String when);

    @Message
    String never_reviewed();

    @Message
    String org_heading();

    @Message
    String org_products();

    @Message
    String org_meeting(String n, String pct);

    @Message
    String org_phase_meeting(String n);

    @Message
    String heat_title();

    @Message
    String heat_sub();

    @Message
    String heat_empty();

    @Message
    String heat_legend_label();

    @Message
    String heat_meets();

    @Message
    String heat_gaps(String n);

    @Message
    String heat_gaps_more(String n);

    @Message
    String heat_none();

    @Message
    String col_product();

    @Message
    String col_phase();

    @Message
    String col_distance();

    @Message
    String col_check();

    @Message
    String col_failing_required();

    @Message
    String my_in_grace(String n);

    @Message
    String coming_due();

    @Message
    String coming_due_sub(String n);

    @Message
    String coming_due_none(String n);

    @Message
    String coming_due_more(String n);

    @Message
    String due_today();

    @Message
    String due_tomorrow();

    @Message
    String due_in_days(String n);

    @Message
    String due_attestation();

    @Message
    String due_practice(String signal);

    @Message
    String due_waiver();

    @Message
    String due_grace();

    @Message
    String due_grace_checks(String n);

    @Message
    String failing_checks();

    @Message
    String failing_checks_none();

    @Message
    String recent_changes();

    @Message
    String recent_changes_none();

    @Message
    String products_title();

    @Message
    String products_intro();

    @Message
    String products_csv();

    @Message
    String products_none();

    @Message
    String products_none_match();

    @Message
    String filters_label();

    @Message
    String filter_teams();

    @Message
    String filter_my_teams();

    @Message
    String filter_any();

    @Message
    String filter_meets();

    @Message
    String filter_meets_yes();

    @Message
    String filter_meets_no();

    @Message
    String filter_pillar();

    @Message
    String filter_text();

    @Message
    String filter_text_hint();

    @Message
    String filter_apply();

    @Message
    String filter_clear();

    @Message
    String sort_label();

    @Message
    String sort_distance();

    @Message
    String sort_progress();

    @Message
    String sort_p1();

    @Message
    String sort_name();

    @Message
    String sort_evaluated();

    @Message
    String col_team();

    @Message
    String col_tier();

    @Message
    String col_progress();

    @Message
    String col_pillars();

    @Message
    String col_p1();

    @Message
    String tier_n(String n);

    @Message
    String meets_bar_short();

    @Message
    String misses_bar_short();

    @Message
    String unscorable(String problem);

    @Message
    String teams_title();

    @Message
    String teams_intro();

    @Message
    String teams_tree();

    @Message
    String teams_none();

    @Message
    String your_team();

    @Message
    String leaderboard_title();

    @Message
    String leaderboard_empty();

    @Message
    String leaderboard_note();

    @Message
    String leaderboard_rank();

    @Message
    String rank_sub(String n);

    @Message
    String col_products();

    @Message
    String col_meeting();

    @Message
    String col_avg_progress();

    @Message
    String col_to_go();

    @Message
    String col_next_readiness();

    @Message
    String sub_teams();

    @Message
    String team_products_link();

    @Message
    String team_matrix();

    @Message
    String team_no_products();

    @Message
    String team_board();

    @Message
    String team_trend();

    @Message
    String team_trend_progress();

    @Message
    String team_trend_meeting();

    @Message
    String open_p2_p3(String p2, String p3);

    @Message
    String last_phase();

    @Message
    String lane_empty();

    @Message
    String lane_more(String n);

    @Message
    String err_tier();

    @Message
    String err_name_value(String line);

    @Message
    String err_date(String example);

    @Message
    String err_file_too_large();

    @Message
    String err_file_not_utf8();

    @Message
    String err_yaml_missing();

    @Message
    String team_tasks_title(String team);

    @Message
    String team_tasks_intro();

    @Message
    String team_tasks_by_status();

    @Message
    String task_active();

    @Message
    String team_tasks_only(String priority);

    @Message
    String team_tasks_every_priority();

    @Message
    String team_not_connected();

    @Message
    String team_not_connected_sub();
}
