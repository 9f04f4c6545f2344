package dev.pillarboard.scorecard.engine;

/**
 * One problem found while loading a rubric.
 *
 * @param line    1-based line in the YAML text
 * @param column  1-based column, or 0 when not meaningful
 * @param checkId the id of the check the problem is in, or null if outside a check (or the check has no id)
 * @param path    the field path, e.g. {@code checks[7].requirements.pmf}; empty for the whole document
 * @param message what is wrong, e.g. "'requird' is not one of required, recommended, n/a"
 */
public record RubricProblem(int line, int column, String checkId, String path, String message) {

    /**
     * The problem as one line, e.g.
     * {@code line 42, column 12: checks[7] (id: slo-defined) .requirements.pmf: 'requird' is not one of required, recommended, n/a}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder("line ").append(line);
        if (column > 0) {
            text.append(", column ").append(column);
        }
        text.append(": ");
        String shownPath = path == null ? "" : path;
        if (checkId != null && shownPath.startsWith("checks[")) {
            int end = shownPath.indexOf(']');
            String rest = shownPath.substring(end + 1);
            shownPath = shownPath.substring(0, end + 1) + " (id: " + checkId + ")" + (rest.isEmpty() ? "" : " " + rest);
        }
        if (!shownPath.isEmpty()) {
            text.append(shownPath).append(": ");
        }
        return text.append(message).toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
