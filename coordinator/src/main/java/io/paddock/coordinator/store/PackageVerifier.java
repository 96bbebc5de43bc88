package io.paddock.coordinator.store;

import io.paddock.runtime.model.CostModel;
import io.paddock.runtime.model.TensorFootprint;
import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterFormat;
import io.paddock.protocol.adapter.AdapterReader;
import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.ChecksumPolicy;
import io.paddock.protocol.slm.ModelHeader;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.SlmInfo;
import io.paddock.protocol.slm.TensorEntry;
import io.paddock.protocol.suite.Suite;
import io.paddock.protocol.suite.SuiteLimits;
import io.paddock.protocol.suite.SuiteParser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies a package on arrival, fully: a model is read tensor by tensor (every check of the
 * reader, strict checksum), an adapter and a suite are parsed whole. The kind is told by the
 * magic; anything else is refused. Blocking.
 */
public final class PackageVerifier {
    private PackageVerifier() {
    }

    /** Verifies the file and describes it; {@link FormatException} naming the rule if it is not valid. */
    public static PackageInfo verify(Path file, String digest, long bytes) throws IOException {
        byte[] magic = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(magic, 0, 4);
        }
        String m = n == 4 ? new String(magic, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        switch (m) {
            case "SLM1":
                return model(file, digest, bytes);
            case "ADP1":
            case "ASP1":
            case "ALR1":
                return adapter(file, digest, bytes);
            default:
                if (n > 0 && (magic[0] == '{' || magic[0] == ' ' || magic[0] == '\n' || magic[0] == '\r')) {
                    return suite(file, digest, bytes);
                }
                throw new FormatException(ErrorCode.INVALID_MODEL_MAGIC,
                        "a package must start with SLM1, ADP1, ASP1 or ALR1, or be a JSONL suite", 0,
                        hex(magic, n));
        }
    }

    private static PackageInfo model(Path file, String digest, long bytes) throws IOException {
        SlmInfo info = SlmFiles.inspect(file, ChecksumPolicy.STRICT);
        ModelHeader h = info.model();
        List<TensorFootprint> footprints = new ArrayList<>(info.tensors().size());
        for (TensorEntry t : info.tensors()) {
            footprints.add(new TensorFootprint(t.entry().nameHash(), (int) Math.min(t.entry().rows(), Integer.MAX_VALUE),
                    t.entry().byteLength(), t.scaleBytes()));
        }
        String detail = info.quantization() + " " + info.tokenizerKind() + " layers=" + h.layerCount() + " hidden="
                + h.hiddenSize() + " params=" + info.parameterCount();
        return new PackageInfo(digest, PackageKind.MODEL, bytes, detail, CostModel.bytesPerToken(h, footprints));
    }

    private static PackageInfo adapter(Path file, String digest, long bytes) throws IOException {
        if (bytes > AdapterFormat.MAX_BYTES) {
            throw new FormatException(ErrorCode.INVALID_ADAPTER, "an adapter must be at most " + AdapterFormat.MAX_BYTES
                    + " bytes", bytes);
        }
        Adapter adapter = AdapterReader.read(Files.readAllBytes(file));
        String detail = adapter.kind().magic() + " records=" + adapter.records().size() + " scale=" + adapter.scale();
        return new PackageInfo(digest, PackageKind.ADAPTER, bytes, detail, 0);
    }

    private static PackageInfo suite(Path file, String digest, long bytes) throws IOException {
        if (bytes > SuiteLimits.DEFAULT.maxBytes()) {
            throw new FormatException(ErrorCode.INVALID_SUITE, "a suite must be at most "
                    + SuiteLimits.DEFAULT.maxBytes() + " bytes", bytes);
        }
        Suite suite = SuiteParser.parse(Files.readAllBytes(file), digest);
        return new PackageInfo(digest, PackageKind.SUITE, bytes, "cases=" + suite.size(), 0);
    }

    private static String hex(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", b[i] & 0xFF));
        }
        return n == 0 ? "empty file" : sb.toString();
    }
}
