package io.paddock.protocol.suite;

/** How a case's output is compared to its expected text. */
public enum MatchRule {
    EXACT("exact"),
    PREFIX("prefix"),
    CONTAINS("contains");

    private final String label;

    MatchRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean matches(String output, String expected) {
        return switch (this) {
            case EXACT -> output.equals(expected);
            case PREFIX -> output.startsWith(expected);
            case CONTAINS -> output.contains(expected);
        };
    }
}
