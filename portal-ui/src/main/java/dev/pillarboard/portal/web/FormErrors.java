package dev.pillarboard.portal.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pillarboard.portal.client.Problem;
import dev.pillarboard.portal.client.Reply;
import dev.pillarboard.portal.i18n.Languages;
import dev.pillarboard.portal.i18n.ServiceText;

/**
 * What went wrong with a form, for showing each error next to its field: the service's violations by form field
 * (the service names fields as its API does, {@code links.runbook}, {@code tags[2]}; a mapping turns them into the
 * form's names), and a message for the whole form (403, 409, 412, a service that is down).
 */
public record FormErrors(Map<String, String> fields, String general, int status) {

    public static final FormErrors NONE = new FormErrors(Map.of(), null, 0);

    /** How the services name the line of a YAML text in a violation's field. */
    private static final Pattern YAML_LINE = Pattern.compile("line (\\d{1,9})");

    public static FormErrors of(Reply<?> reply, UnaryOperator<String> fieldOfForm) {
        if (reply.unavailable()) {
            return new FormErrors(Map.of(), null, 503);
        }
        Problem problem = reply.problem();
        String language = Languages.current();
        // Several violations may land on one form field (two tags of one text box): each message once.
        Map<String, Set<String>> messages = new LinkedHashMap<>();
        for (Problem.Violation violation : problem.violations()) {
            String field = violation.field() == null ? "" : fieldOfForm.apply(violation.field());
            String text = ServiceText.in(violation.field(), violation.message(), language);
            Integer line = yamlLine(violation.field());
            if (line != null && !field.equals(violation.field())) {
                // A problem of a YAML text shown in one box (an import's): the line goes first.
                text = ServiceText.atLine(line.toString(), text, language);
            }
            messages.computeIfAbsent(field, f -> new LinkedHashSet<>()).add(text);
        }
        boolean japanese = "ja".equals(language);
        Map<String, String> fields = new LinkedHashMap<>();
        messages.forEach((field, texts) -> fields.put(field, String.join(japanese ? "。" : "; ", texts)));
        String general = problem.detail() != null ? problem.detail() : problem.title();
        boolean shownByField = !fields.isEmpty() && !fields.containsKey("");
        if (shownByField && (ServiceText.isCountOfViolations(general) || namesItsOneViolation(problem))) {
            // The API counts its violations ("4 fields are invalid"), the form shows them per field (fewer at times);
            // one violation's detail names the API's field ("expiresAt: …"), the form shows it next to its label.
            general = ServiceText.fieldsToFix(fields.size(), language);
        } else if (japanese) {
            // A detail in words (a 409's, a 403's) read in Japanese; else, with fields, how many to fix.
            String read = ServiceText.in(null, general, language);
            general = read != null && !read.equals(general) ? read
                    : fields.isEmpty() ? general
                    : ServiceText.fieldsToFix(fields.size(), language);
        }
        return new FormErrors(fields, general, problem.status());
    }

    /** The line of a YAML text a violation's field names ("line 18": 18), or null for any other field. */
    static Integer yamlLine(String field) {
        Matcher line = YAML_LINE.matcher(field == null ? "" : field);
        return line.matches() ? Integer.valueOf(line.group(1)) : null;
    }

    /** Whether the detail is the API's "field: message" of its only violation. */
    private static boolean namesItsOneViolation(Problem problem) {
        if (problem.violations().size() != 1) {
            return false;
        }
        Problem.Violation only = problem.violations().get(0);
        return (only.field() + ": " + only.message()).equals(problem.detail());
    }

    public static FormErrors field(String field, String message) {
        return new FormErrors(Map.of(field, message), null, 400);
    }

    public boolean any() {
        return status != 0;
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public String get(String field) {
        return fields.get(field);
    }

    public boolean unavailable() {
        return status == 503;
    }

    public boolean conflict() {
        return status == 412;
    }

    public boolean forbidden() {
        return status == 403;
    }
}
