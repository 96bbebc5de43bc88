package io.paddock.protocol.adapter;

/** The three adapter families of C7, by magic and file extension. */
public enum AdapterKind {
    DENSE("ADP1", ".adp1"),
    SPARSE("ASP1", ".asp1"),
    LOW_RANK("ALR1", ".alr1");

    private final String magic;
    private final String extension;

    AdapterKind(String magic, String extension) {
        this.magic = magic;
        this.extension = extension;
    }

    public String magic() {
        return magic;
    }

    public String extension() {
        return extension;
    }
}
