package io.paddock.cli;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterReader;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.slm.ChecksumPolicy;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.worker.FileDigests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading packages from disk for the commands. */
final class Inputs {
    private Inputs() {
    }

    static SlmModel model(Path path) throws IOException {
        return SlmFiles.read(path, ChecksumPolicy.STRICT);
    }

    static List<Adapter> adapters(List<Path> paths) throws IOException {
        List<Adapter> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(AdapterReader.read(Files.readAllBytes(p)));
        }
        return out;
    }

    /** SHA-256 of a file. */
    static Digest sha256(Path path) throws IOException {
        return FileDigests.sha256(path);
    }

    /** The 4-byte magic of a file, or "" if shorter. */
    static String magic(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 ? new String(m, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        }
    }
}
