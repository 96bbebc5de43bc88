package io.paddock.protocol.adapter;

/** The three adapter families of C7, by magic, file extension and command-line label. */
public enum AdapterKind {
    DENSE("ADP1", ".adp1", "dense"),
    SPARSE("ASP1", ".asp1", "sparse"),
    LOW_RANK("ALR1", ".alr1", "lowrank");

    private final String magic;
    private final String extension;
    private final String label;

    AdapterKind(String magic, String extension, String label) {
        this.magic = magic;
        this.extension = extension;
        this.label = label;
    }

    public String magic() {
        return magic;
    }

    public String extension() {
        return extension;
    }

    /** The command-line label: {@code dense}, {@code sparse} or {@code lowrank}. */
    public String label() {
        return label;
    }

    /** The kind with this command-line label; IllegalArgumentException naming the choices otherwise. */
    public static AdapterKind fromLabel(String label) {
        for (AdapterKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown adapter kind '" + label + "' (expected dense, sparse or lowrank)");
    }

    /** The kind whose 4-byte magic starts at {@code offset}, or null if none matches (or too few bytes). */
    public static AdapterKind fromMagic(byte[] bytes, int offset) {
        if (offset < 0 || bytes.length - offset < 4) {
            return null;
        }
        for (AdapterKind k : values()) {
            String m = k.magic;
            if (bytes[offset] == m.charAt(0) && bytes[offset + 1] == m.charAt(1)
                    && bytes[offset + 2] == m.charAt(2) && bytes[offset + 3] == m.charAt(3)) {
                return k;
            }
        }
        return null;
    }
}
