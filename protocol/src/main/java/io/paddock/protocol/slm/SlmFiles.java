package io.paddock.protocol.slm;

import io.paddock.protocol.io.FileSource;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** File-system edge of the SLM reader and writer (JVM only; the rest of the package is not tied to files). */
public final class SlmFiles {
    private SlmFiles() {
    }

    public static SlmModel read(Path path, ChecksumPolicy policy) throws IOException {
        try (FileSource source = FileSource.open(path)) {
            return SlmReader.read(source, policy);
        }
    }

    public static SlmInfo inspect(Path path, ChecksumPolicy policy) throws IOException {
        try (FileSource source = FileSource.open(path)) {
            return SlmReader.inspect(source, policy);
        }
    }

    /** Writes {@code model} to {@code path} (created or replaced), streaming. */
    public static void write(SlmModel model, Path path) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
            SlmWriter.write(model, out);
        }
    }
}
