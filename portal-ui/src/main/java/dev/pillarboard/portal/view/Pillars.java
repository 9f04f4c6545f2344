package dev.pillarboard.portal.view;

import dev.pillarboard.portal.client.ScorecardData;
import io.quarkus.qute.TemplateExtension;

/** How pillars are drawn: a short mark, and a heat class by distance to the product's own phase bar. */
@TemplateExtension
public final class Pillars {

    private Pillars() {
    }

    /** The first three letters of the title's first word: "Obs", "Inc", "Rel", "Sec", "Res". */
    static String abbr(ScorecardData.PillarScore pillar) {
        return abbreviation(pillar.title() != null ? pillar.title() : pillar.id());
    }

    static String abbr(ScorecardData.Pillar pillar) {
        return abbreviation(pillar.title() != null ? pillar.title() : pillar.id());
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
