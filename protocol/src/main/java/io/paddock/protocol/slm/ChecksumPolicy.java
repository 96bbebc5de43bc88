package io.paddock.protocol.slm;

/** What a C1 file-checksum mismatch means: an error (default) or a warning (files from other packers). */
public enum ChecksumPolicy {
    STRICT,
    LENIENT
}
