package dev.pillarboard.portal.view;

import java.util.List;

import dev.pillarboard.portal.client.ScorecardData;
import dev.pillarboard.portal.i18n.Msg;
import io.quarkus.qute.TemplateExtension;

/** How pillars are drawn: a short mark, and a heat class by distance to the product's own phase bar. */
@TemplateExtension
public final class Pillars {

    private Pillars() {
    }

    /**
     * A pillar's short mark (its tile, its heatmap column) in the page's language: the rubric's {@code shortTitle}
     * when it gives one; else, for the default rubric's pillars, the message bundle's ("Obs", "Inc", "Rel", "Sec",
     * "Res"; "観測", "障害", "変更", "安全", "耐性": edition 1 has no short titles); else the first three letters of
     * the title's first word. (The first letters of a Japanese title are no abbreviation: "オブザーバビリティ" would
     * be "オブザ".)
     */
    static String abbr(ScorecardData.Pillar pillar, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        if (pillar.shortTitle() != null && !pillar.shortTitle().isBlank()) {
            return pillar.shortTitle();
        }
        return shortLabel(pillar.id(), pillar.title(), locale);
    }

    /** A scored pillar's short mark, from the rubric's pillar of the same id when the page has it (see above). */
    static String abbrIn(ScorecardData.PillarScore pillar, List<ScorecardData.Pillar> pillars,
            @TemplateExtension.TemplateAttribute("locale") Object locale) {
        if (pillars != null) {
            for (ScorecardData.Pillar known : pillars) {
                if (known.id().equals(pillar.id())) {
                    return abbr(known, locale);
                }
            }
        }
        return shortLabel(pillar.id(), pillar.title(), locale);
    }

    private static String shortLabel(String id, String title, Object locale) {
        Msg msg = Display.msg(locale);
        return switch (id == null ? "" : id) {
            case "observability" -> msg.pillar_short_observability();
            case "incident-response" -> msg.pillar_short_incident_response();
            case "release-change" -> msg.pillar_short_release_change();
            case "security" -> msg.pillar_short_security();
            case "resilience-capacity" -> msg.pillar_short_resilience_capacity();
            default -> abbreviation(title != null ? title : String.valueOf(id));
        };
    }

    static String abbreviation(String title) {
        String word = title.trim().split("[\\s&/-]+")[0];
        return word.length() <= 3 ? word : word.substring(0, 3);
    }

    /**
     * h0 meets its phase bar in this pillar; h1–h4 one, two, three, four or more required checks of the pillar not
     * met; hx nothing applies. Without a distance (an older service), a pillar below its bar is h2.
     */
    static String heatClass(ScorecardData.PillarScore pillar) {
        if (pillar == null || pillar.score() == null && pillar.meetsPhaseBar() == null) {
            return "hx";
        }
        if (Boolean.TRUE.equals(pillar.meetsPhaseBar())) {
            return "h0";
        }
        Integer distance = pillar.distance();
        if (distance == null) {
            return "h2";
        }
        return "h" + Math.max(1, Math.min(4, distance));
    }

    /** The pillar of a summary with this id, or null. */
    static ScorecardData.PillarScore pillar(ScorecardData.Summary summary, String id) {
        for (ScorecardData.PillarScore pillar : summary.pillars()) {
            if (pillar.id().equals(id)) {
                return pillar;
            }
        }
        return null;
    }
}
