package dev.pillarboard.portal.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of the rubric pages and the Backstage import ({@code {rubric:key}} in templates).
 * The texts are in {@code messages/rubric_en.properties} and {@code messages/rubric_ja.properties}; the build checks
 * that every method has a text in both and that every parameter a text uses exists. (The portal's texts are
 * split over three bundles because Quarkus 3.33 generates an invalid resolver for a bundle of some 400 messages.)
 */
@MessageBundle(value = "rubric", locale = "en")
public interface RubricMsg {

    @Message
    String rubric_intro(String v, String checks, String pillars);

    @Message
    String rubric_published(String date, String who);

    @Message
    String rubric_publish();

    @Message
    String rubric_evaluate();

    @Message
    String rubric_matrix();

    @Message
    String rubric_matrix_sub();

    @Message
    String rubric_phases();

    @Message
    String rubric_settings(String days, String validity);

    @Message
    String rubric_versions();

    @Message
    String rubric_in_force();

    @Message
    String rubric_jobs();

    @Message
    String col_evidence();

    @Message
    String col_weight();

    @Message
    String col_title();

    @Message
    String col_published();

    @Message
    String weight_n(String n);

    @Message
    String job_failed_n(String n);

    @Message
    String check_mine();

    @Message
    String check_mine_no_teams();

    @Message
    String check_per_phase();

    @Message
    String check_org();

    @Message
    String check_org_text(String required, String failing, String applicable);

    @Message
    String publish_intro(String v);

    @Message
    String publish_problems();

    @Message
    String publish_yaml();

    @Message
    String publish_hint();

    @Message
    String publish_submit();

    @Message
    String job_title();

    @Message
    String job_progress(String done, String total);

    @Message
    String job_requested_by();

    @Message
    String job_created();

    @Message
    String job_started();

    @Message
    String job_finished();

    @Message
    String job_error();

    @Message
    String job_refreshing();

    @Message
    String import_title();

    @Message
    String import_intro();

    @Message
    String import_file();

    @Message
    String import_file_hint();

    @Message
    String import_paste();

    @Message
    String import_dry_run();

    @Message
    String import_dry_outcome();

    @Message
    String import_done();

    @Message
    String import_for_real();

    @Message
    String import_for_real_hint();

    @Message
    String import_ignored(String n);

    @Message
    String import_for_real_hint_rejected(String n);

    @Message
    String import_nothing();

    @Message
    String import_nothing_rejected();

    @Message
    String import_refused();

    @Message
    String import_changes();

    @Message
    String col_document();

    @Message
    String col_outcome();

    @Message
    String col_reason();

    @Message
    String publish_check();

    @Message
    String impact_title();

    @Message
    String impact_intro(String title, String checks, String inForce);

    @Message
    String impact_scored();

    @Message
    String impact_of_products(String n);

    @Message
    String impact_meet();

    @Message
    String impact_newly(String meet, String miss);

    @Message
    String impact_tasks();

    @Message
    String impact_tasks_hint();

    @Message
    String impact_p1();

    @Message
    String impact_unscorable(String n, String phases, String products);

    @Message
    String impact_added();

    @Message
    String impact_removed();

    @Message
    String impact_col_products();

    @Message
    String impact_col_meet();

    @Message
    String impact_col_newly_miss();

    @Message
    String impact_col_newly_meet();

    @Message
    String impact_col_open();

    @Message
    String impact_col_close();

    @Message
    String impact_nothing_stored();

    // ---- a check's evidence rule as sentences (view/EvidenceText): lead, then a key or field as code, then the test

    @Message
    String ev_signal();

    @Message
    String ev_field();

    @Message
    String ev_all();

    @Message
    String ev_any();

    @Message
    String ev_attestation(String days);

    @Message
    String ev_pushed();

    @Message
    String ev_present();

    @Message
    String ev_equals(String value);

    @Message
    String ev_in(String values);

    @Message
    String ev_matches(String value);

    @Message
    String ev_gte(String value);

    @Message
    String ev_lte(String value);

    @Message
    String ev_contains(String value);

    @Message
    String ev_within(String duration);

    @Message
    String ev_max_age(String duration);

    @Message
    String ev_min_count();

    @Message
    String ev_min_count_rest(String n);

    @Message
    String ev_days(String n);

    @Message
    String ev_hours(String n);

    @Message
    String ev_minutes(String n);

    @Message
    String ev_when_tier(String tiers);

    @Message
    String ev_when_tag(String tags);

    @Message
    String ev_when_both(String tiers, String tags);

    @Message
    String check_rule_others();

    @Message
    String check_col_requirement();

    @Message
    String check_overrides_why();
}
