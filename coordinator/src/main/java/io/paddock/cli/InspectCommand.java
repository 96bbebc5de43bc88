package io.paddock.cli;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterBinding;
import io.paddock.protocol.adapter.AdapterFormat;
import io.paddock.protocol.adapter.AdapterReader;
import io.paddock.protocol.adapter.DeltaRecord;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.hash.FileChecksum;
import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.slm.ChecksumPolicy;
import io.paddock.protocol.slm.ModelHeader;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.SlmInfo;
import io.paddock.protocol.slm.TensorEntry;
import io.paddock.protocol.slm.TensorNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code paddock inspect FILE [--json]}: header, tokenizer, tensors, checksums of a package. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show a .slm model or an adapter package: header, tokenizer, tensor table, "
                + "parameter count, checksums, SHA-256; for an adapter also what it binds to. "
                + "Corrupt input exits 3 with the rule and offset.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a .slm, .adp1, .asp1 or .alr1 file")
    Path file;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Option(names = "--checksum", defaultValue = "strict",
            description = "strict (default) or lenient: lenient reports a file-checksum mismatch as a warning")
    String checksum;

    @Override
    public Integer call() throws IOException {
        ChecksumPolicy policy = switch (checksum) {
            case "strict" -> ChecksumPolicy.STRICT;
            case "lenient" -> ChecksumPolicy.LENIENT;
            default -> throw new IllegalArgumentException("--checksum must be strict or lenient: got " + checksum);
        };
        String magic = Inputs.magic(file);
        Map<String, Object> report = magic.equals("SLM1") || !isAdapterMagic(magic)
                ? modelReport(SlmFiles.inspect(file, policy))
                : adapterReport(Files.readAllBytes(file));
        report.put("sha256", Inputs.sha256(file).toString());
        PrintStream out = System.out;
        if (json) {
            out.println(Json.pretty(report));
        } else {
            printText(out, report);
        }
        return ExitCode.OK;
    }

    private static boolean isAdapterMagic(String magic) {
        return magic.equals("ADP1") || magic.equals("ASP1") || magic.equals("ALR1");
    }

    private Map<String, Object> modelReport(SlmInfo info) {
        ModelHeader m = info.model();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file.toString());
        r.put("kind", "model");
        r.put("bytes", info.fileSize());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("magic", "SLM1");
        header.put("version", info.header().version());
        header.put("header_length", info.header().headerLength());
        header.put("model_type", m.modelType());
        header.put("flags", m.flags());
        header.put("tied_output", m.tiedOutput());
        header.put("vocab_size", m.vocabSize());
        header.put("special_token_count", m.specialTokenCount());
        header.put("hidden_size", m.hiddenSize());
        header.put("layer_count", m.layerCount());
        header.put("head_count", m.headCount());
        header.put("kv_head_count", m.kvHeadCount());
        header.put("head_dim", m.headDim());
        header.put("ffn_size", m.ffnSize());
        header.put("max_context", m.maxContext());
        header.put("rope_theta", m.ropeTheta());
        header.put("rms_norm_epsilon", m.rmsNormEpsilon());
        header.put("tokenizer_offset", info.header().tokenizerOffset());
        header.put("tokenizer_length", info.header().tokenizerLength());
        header.put("tensor_directory_offset", info.header().tensorDirectoryOffset());
        header.put("tensor_count", info.header().tensorCount());
        header.put("tensor_data_offset", info.header().tensorDataOffset());
        r.put("header", header);
        Map<String, Object> tok = new LinkedHashMap<>();
        tok.put("kind", info.tokenizerKind());
        tok.put("vocab_size", info.tokenizer().vocabSize());
        tok.put("merges", info.mergeCount());
        tok.put("specials", Map.of("bos", 256, "eos", 257, "pad", 258, "unk", 259));
        r.put("tokenizer", tok);
        List<Map<String, Object>> tensors = new ArrayList<>();
        for (TensorEntry t : info.tensors()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", t.name());
            e.put("dtype", t.dtype().label());
            e.put("shape", t.dims());
            e.put("bytes", t.storedBytes());
            e.put("scale_bytes", t.scaleBytes());
            e.put("offset", t.entry().byteOffset());
            e.put("block_size", t.entry().blockSize());
            tensors.add(e);
        }
        r.put("tensors", tensors);
        r.put("parameter_count", info.parameterCount());
        r.put("quantization", info.quantization());
        Map<String, Object> sums = new LinkedHashMap<>();
        sums.put("file_stored", Json.hex64(info.storedChecksum()));
        sums.put("file_computed", Json.hex64(info.computedChecksum()));
        sums.put("file_ok", info.checksumMatches());
        sums.put("tokenizer", Json.hex64(info.tokenizerChecksum()));
        sums.put("tensor_layout", Json.hex64(info.tensorLayoutChecksum()));
        r.put("checksums", sums);
        r.put("warnings", info.warnings());
        return r;
    }

    private Map<String, Object> adapterReport(byte[] bytes) {
        Adapter a = AdapterReader.read(bytes);
        AdapterBinding b = a.binding();
        Map<Long, String> names = namesFor(b);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file.toString());
        r.put("kind", "adapter");
        r.put("bytes", (long) bytes.length);
        r.put("family", a.kind().magic() + " (" + a.kind().label() + ")");
        r.put("scale", a.scale());
        r.put("payload_count", a.records().size());
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("model_flags", b.modelFlags());
        binds.put("tensor_count", b.tensorCount());
        binds.put("parameter_count", b.parameterCount());
        binds.put("tensor_layout_checksum", Json.hex64(b.tensorLayoutChecksum()));
        binds.put("tokenizer_checksum", Json.hex64(b.tokenizerChecksum()));
        binds.put("parent", b.hasParent() ? Digest.fromBytes(b.parentSha256()).toString() : "unbound");
        r.put("binds_to", binds);
        List<Map<String, Object>> records = new ArrayList<>();
        long deltaParams = 0;
        for (DeltaRecord d : a.records()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("tensor", names.getOrDefault(d.nameHash(), Json.hex64(d.nameHash())));
            e.put("shape", new int[] {d.rows(), d.cols()});
            if (d instanceof DeltaRecord.Sparse s) {
                e.put("nnz", s.indices().length);
                deltaParams += s.indices().length;
            } else if (d instanceof DeltaRecord.LowRank l) {
                e.put("rank", l.rank());
                deltaParams += (long) l.a().length + l.b().length;
            } else {
                deltaParams += (long) d.rows() * d.cols();
            }
            e.put("bytes", AdapterFormat.recordBytes(d));
            records.add(e);
        }
        r.put("records", records);
        r.put("delta_values", deltaParams);
        r.put("checksums", Map.of("file", Json.hex64(FileChecksum.of(bytes, AdapterFormat.OFFSET_CHECKSUM))));
        return r;
    }

    /** Canonical names for the model shape an adapter binds to (names are not stored, only hashes). */
    private static Map<Long, String> namesFor(AdapterBinding b) {
        boolean tied = (b.modelFlags() & ModelHeader.FLAG_TIED_OUTPUT) != 0;
        int fixed = tied ? 2 : 3;
        Map<Long, String> names = new HashMap<>();
        if (b.tensorCount() < fixed || (b.tensorCount() - fixed) % 9 != 0) {
            return names;
        }
        for (String n : TensorNames.canonicalOrder((b.tensorCount() - fixed) / 9, tied)) {
            names.put(Fnv.nameHash(n), n);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintStream out, Map<String, Object> r) {
        out.printf("%-13s %s (%,d bytes)%n", "file", r.get("file"), (Long) r.get("bytes"));
        out.printf("%-13s %s%n", "sha256", r.get("sha256"));
        if ("model".equals(r.get("kind"))) {
            Map<String, Object> h = (Map<String, Object>) r.get("header");
            out.printf("%-13s SLM1 v%s, header %s bytes, model_type %s, flags 0x%x (%s output)%n", "format",
                    h.get("version"), h.get("header_length"), h.get("model_type"), (Integer) h.get("flags"),
                    Boolean.TRUE.equals(h.get("tied_output")) ? "tied" : "untied");
            out.printf("%-13s layers %s, hidden %s, heads %s (kv %s, head_dim %s), ffn %s, context %s, vocab %s%n",
                    "shape", h.get("layer_count"), h.get("hidden_size"), h.get("head_count"), h.get("kv_head_count"),
                    h.get("head_dim"), h.get("ffn_size"), h.get("max_context"), h.get("vocab_size"));
            out.printf("%-13s rope_theta %s, rms_norm_epsilon %s%n", "constants", h.get("rope_theta"),
                    h.get("rms_norm_epsilon"));
            Map<String, Object> t = (Map<String, Object>) r.get("tokenizer");
            out.printf("%-13s %s, vocab %s, %s merges (section at %s, %s bytes)%n", "tokenizer", t.get("kind"),
                    t.get("vocab_size"), t.get("merges"), h.get("tokenizer_offset"), h.get("tokenizer_length"));
            out.printf("%-13s %,d%n", "parameters", (Long) r.get("parameter_count"));
            out.printf("%-13s %s%n", "quantization", r.get("quantization"));
            Map<String, Object> c = (Map<String, Object>) r.get("checksums");
            out.printf("%-13s file %s (%s), tokenizer %s, tensor layout %s%n", "checksums", c.get("file_stored"),
                    Boolean.TRUE.equals(c.get("file_ok")) ? "verified" : "MISMATCH, computed " + c.get("file_computed"),
                    c.get("tokenizer"), c.get("tensor_layout"));
            out.printf("%-13s directory at %s, data at %s%n", "layout", h.get("tensor_directory_offset"),
                    h.get("tensor_data_offset"));
            out.println();
            out.printf("  %-28s %-5s %-12s %12s %10s %12s%n", "tensor", "dtype", "shape", "bytes", "scales", "offset");
            for (Map<String, Object> e : (List<Map<String, Object>>) r.get("tensors")) {
                out.printf("  %-28s %-5s %-12s %,12d %,10d %12d%n", e.get("name"), e.get("dtype"),
                        shape((int[]) e.get("shape")), (Long) e.get("bytes"), (Long) e.get("scale_bytes"),
                        (Long) e.get("offset"));
            }
            for (String w : (List<String>) r.get("warnings")) {
                out.println("warning: " + w);
            }
        } else {
            out.printf("%-13s %s, scale %s, %s records, %,d delta values%n", "adapter", r.get("family"),
                    r.get("scale"), r.get("payload_count"), (Long) r.get("delta_values"));
            Map<String, Object> b = (Map<String, Object>) r.get("binds_to");
            out.printf("%-13s flags 0x%x, %s tensors, %,d parameters%n", "binds to", (Integer) b.get("model_flags"),
                    b.get("tensor_count"), (Long) b.get("parameter_count"));
            out.printf("%-13s tensor layout %s, tokenizer %s%n", "", b.get("tensor_layout_checksum"),
                    b.get("tokenizer_checksum"));
            out.printf("%-13s %s%n", "parent", b.get("parent"));
            out.printf("%-13s file %s (verified)%n", "checksums", ((Map<String, Object>) r.get("checksums")).get("file"));
            out.println();
            out.printf("  %-28s %-12s %-10s %12s%n", "tensor", "shape", "detail", "bytes");
            for (Map<String, Object> e : (List<Map<String, Object>>) r.get("records")) {
                String detail = e.containsKey("nnz") ? "nnz " + e.get("nnz")
                        : e.containsKey("rank") ? "rank " + e.get("rank") : "dense";
                out.printf("  %-28s %-12s %-10s %,12d%n", e.get("tensor"), shape((int[]) e.get("shape")), detail,
                        (Long) e.get("bytes"));
            }
        }
    }

    private static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : "x").append(dims[i]);
        }
        return sb.toString();
    }
}
