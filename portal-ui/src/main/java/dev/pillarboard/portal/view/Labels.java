package dev.pillarboard.portal.view;

import io.quarkus.qute.TemplateExtension;

import dev.pillarboard.portal.i18n.Msg;

/**
 * Labels of the values the services return (statuses, requirements, roles, phases…), from the message bundle in the
 * page's language. A value the portal does not know yet is shown as the service wrote it, never as an error.
 */
@TemplateExtension
public final class Labels {

    private Labels() {
    }

    /**
     * pass, fail, waived, n/a, unknown (no usable evidence: a signal older than the rule allows, an attestation missing
     * or lapsed; distinct from fail), not-connected (a signal never pushed), insufficient-data.
     */
    static String statusLabel(String status, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (status == null ? "" : status) {
            case "pass" -> msg.status_pass();
            case "fail" -> msg.status_fail();
            case "waived" -> msg.status_waived();
            case "n/a" -> msg.status_na();
            case "unknown" -> msg.status_unknown();
            case "not-connected" -> msg.status_not_connected();
            case "insufficient-data" -> msg.status_insufficient_data();
            default -> status == null ? "" : status;
        };
    }

    /** What a status that is neither pass nor fail means, for the status's tooltip; empty for the others. */
    static String statusHint(String status, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (status == null ? "" : status) {
            case "unknown" -> msg.status_hint_unknown();
            case "not-connected" -> msg.status_hint_not_connected();
            case "insufficient-data" -> msg.status_hint_insufficient_data();
            default -> "";
        };
    }

    /** The icon beside a status word (colour is never the only signal). */
    static String statusGlyph(String status) {
        return switch (status == null ? "" : status) {
            case "pass" -> "✓";
            case "fail" -> "✕";
            case "waived" -> "⊘";
            case "n/a" -> "–";
            case "unknown", "not-connected" -> "?";
            case "insufficient-data" -> "…";
            default -> "•";
        };
    }

    /**
     * The CSS class of a status: s-pass, s-fail, s-waived, s-na, s-unknown, s-connect (a signal never pushed: connect
     * it), s-few (too little data to judge).
     */
    static String statusClass(String status) {
        return switch (status == null ? "" : status) {
            case "not-connected" -> "s-connect";
            case "insufficient-data" -> "s-few";
            case "pass" -> "s-pass";
            case "fail" -> "s-fail";
            case "waived" -> "s-waived";
            case "n/a" -> "s-na";
            default -> "s-unknown";
        };
    }

    static String requirementLabel(String requirement, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (requirement == null ? "n/a" : requirement) {
            case "required" -> msg.req_required();
            case "recommended" -> msg.req_recommended();
            case "n/a" -> msg.req_na();
            default -> requirement;
        };
    }

    static String requirementClass(String requirement) {
        return switch (requirement == null ? "n/a" : requirement) {
            case "required" -> "req-required";
            case "recommended" -> "req-recommended";
            default -> "req-na";
        };
    }

    static String roleLabel(String role, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (role == null ? "" : role) {
            case "platform-admin" -> msg.role_platform_admin();
            case "team-lead" -> msg.role_team_lead();
            case "developer" -> msg.role_developer();
            default -> role;
        };
    }

    /** The built-in phases have labels in both languages; a phase of another rubric shows its id. */
    static String phaseLabel(String phase, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (phase == null ? "" : phase) {
            case "pre-launch" -> msg.phase_pre_launch();
            case "pre-pmf" -> msg.phase_pre_pmf();
            case "pmf" -> msg.phase_pmf();
            default -> phase == null ? "" : phase;
        };
    }

    static String phaseClass(String phase) {
        return phase == null ? "phase" : "phase phase-" + phase.replaceAll("[^a-z0-9-]", "");
    }

    static String taskStatusLabel(String status, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (status == null ? "" : status) {
            case "active" -> msg.task_active();
            case "open" -> msg.task_open();
            case "in-progress" -> msg.task_in_progress();
            case "done" -> msg.task_done();
            default -> status;
        };
    }

    static String waiverStatusLabel(String status, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (status == null ? "" : status) {
            case "requested" -> msg.waiver_requested();
            case "approved" -> msg.waiver_approved();
            case "rejected" -> msg.waiver_rejected();
            case "expired" -> msg.waiver_expired();
            default -> status;
        };
    }

    static String decisionLabel(String decision, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (decision == null ? "" : decision) {
            case "approved" -> msg.review_approved();
            case "changes-requested" -> msg.review_changes_requested();
            default -> decision;
        };
    }

    static String evidenceLabel(String kind, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (kind == null ? "" : kind) {
            case "catalog" -> msg.evidence_catalog();
            case "signal" -> msg.evidence_signal();
            case "attestation" -> msg.evidence_attestation();
            default -> kind;
        };
    }

    static String outcomeLabel(String outcome, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (outcome == null ? "" : outcome) {
            case "created" -> msg.outcome_created();
            case "updated" -> msg.outcome_updated();
            case "unchanged" -> msg.outcome_unchanged();
            case "skipped" -> msg.outcome_skipped();
            case "rejected" -> msg.outcome_rejected();
            default -> outcome;
        };
    }

    static String changeKindLabel(String kind, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (kind == null ? "" : kind) {
            case "team" -> msg.change_kind_team();
            case "product" -> msg.change_kind_product();
            default -> kind;
        };
    }

    static String changeOpLabel(String op, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (op == null ? "" : op) {
            case "created" -> msg.change_created();
            case "updated" -> msg.change_updated();
            case "deleted" -> msg.change_deleted_op();
            default -> op;
        };
    }

    static String jobStatusLabel(String status, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Msg msg = Display.msg(locale);
        return switch (status == null ? "" : status) {
            case "queued" -> msg.job_queued();
            case "running" -> msg.job_running();
            case "done" -> msg.job_done();
            case "failed" -> msg.job_failed();
            default -> status;
        };
    }
}
