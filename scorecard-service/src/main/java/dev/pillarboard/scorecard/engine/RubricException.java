package dev.pillarboard.scorecard.engine;

import java.util.List;

/**
 * A rubric could not be loaded. Carries every problem found (not only the first), each with its
 * line, the check it is in and the field path; {@link #getMessage()} lists them one per line.
 */
public class RubricException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final transient List<RubricProblem> problems;

    /**
     * Creates the exception.
     *
     * @param source   the name of the YAML source (file or resource), for the message
     * @param problems at least one problem, in document order
     */
    public RubricException(String source, List<RubricProblem> problems) {
        super(format(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The name of the YAML source. */
    public String source() {
        return source;
    }

    /** Every problem found, in document order. */
    public List<RubricProblem> problems() {
        return problems;
    }

    private static String format(String source, List<RubricProblem> problems) {
        if (problems.size() == 1) {
            return source + ": " + problems.get(0).describe();
        }
        StringBuilder text = new StringBuilder(source).append(": ").append(problems.size()).append(" problems");
        for (RubricProblem problem : problems) {
            text.append("\n  ").append(problem.describe());
        }
        return text.toString();
    }
}
