package io.paddock.coordinator.store;

/** What a stored package is, told by its first bytes. */
public enum PackageKind {
    /** An SLM1 model package. */
    MODEL,
    /** An ADP1, ASP1 or ALR1 adapter package. */
    ADAPTER,
    /** A JSONL eval suite. */
    SUITE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PackageKind fromLabel(String label) {
        for (PackageKind k : values()) {
            if (k.label().equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown package kind '" + label + "'");
    }
}
