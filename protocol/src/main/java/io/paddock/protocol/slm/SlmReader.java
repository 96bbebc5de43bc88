package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.Fnv;
import io.paddock.protocol.io.ByteSource;
import io.paddock.protocol.io.ByteSources;
import io.paddock.protocol.io.LittleEndian;
import io.paddock.protocol.tokenizer.Tokenizer;
import io.paddock.protocol.tokenizer.TokenizerSections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates SLM1 packages in the order of reference §11.5: header and C1 checksum →
 * tensor directory and ranges → tokenizer section → required name hashes present, no duplicates
 * → exact global and per-layer shapes → each tensor decoded with its finite checks. Every
 * failure is a {@link FormatException}; no allocation is sized by a field before the range it
 * describes was checked against the file size.
 *
 * <p>Large files: {@link #readLayout} reads only the header, tokenizer and directory; then
 * {@link #readTensor} decodes one tensor at a time ({@link #readTensorInPlace} validates one and
 * leaves it in the source).
 */
public final class SlmReader {
    private SlmReader() {
    }

    /** The whole model, strict checksum. */
    public static SlmModel read(ByteSource source) {
        return read(source, ChecksumPolicy.STRICT);
    }

    /** The whole model; tensors in C3 order. */
    public static SlmModel read(ByteSource source, ChecksumPolicy policy) {
        SlmInfo info = readLayout(source, policy);
        List<Tensor> tensors = new ArrayList<>(info.tensors().size());
        for (TensorEntry e : info.tensors()) {
            tensors.add(readTensor(source, info, e));
        }
        return new SlmModel(info.model(), info.tokenizer(), tensors);
    }

    /** Full validation (every tensor decoded, then dropped) and the package's description. */
    public static SlmInfo inspect(ByteSource source, ChecksumPolicy policy) {
        SlmInfo info = readLayout(source, policy);
        for (TensorEntry e : info.tensors()) {
            readTensor(source, info, e);
        }
        return info;
    }

    /** Stages 1–5: header, checksum, directory, tokenizer, names and shapes; no tensor data is read. */
    public static SlmInfo readLayout(ByteSource source, ChecksumPolicy policy) {
        long size = source.size();
        List<String> warnings = new ArrayList<>();
        SlmHeader header = header(source);
        long computed = checksum(source, header, policy, warnings);
        ModelHeaderRules.validate(header.model());
        layout(header, size);

        byte[] dirBytes = ByteSources.readRange(source, header.tensorDirectoryOffset(),
                (header.tensorCount() & 0xFFFFFFFFL) * SlmFormat.DIRECTORY_ENTRY_LENGTH,
                ErrorCode.INVALID_HEADER, "tensor directory");
        List<DirectoryEntry> directory = TensorDirectory.parse(dirBytes, header.tensorDirectoryOffset(),
                header.tensorDataOffset(), size);

        byte[] section = ByteSources.readRange(source, header.tokenizerOffset(), header.tokenizerLength(),
                ErrorCode.INVALID_HEADER, "tokenizer section");
        Tokenizer tokenizer = TokenizerSections.parse(section, header.tokenizerOffset(), header.model().vocabSize());

        List<TensorEntry> tensors = resolve(header.model(), directory, header.tensorDirectoryOffset());
        checkShapes(header.model(), tensors);

        long parameters = 0;
        List<Tensor> layout = new ArrayList<>(tensors.size());
        for (TensorEntry t : tensors) {
            parameters += t.elementCount();
            layout.add(new Tensor(t.entry().nameHash(), t.entry().dims(), null));
        }
        return new SlmInfo(header, size, tokenizer, tensors, parameters, computed,
                CompatibilityChecksums.tokenizerChecksum(section),
                CompatibilityChecksums.tensorLayoutChecksum(layout), warnings);
    }

    /** Stage 6 for one tensor of a package whose layout was read by {@link #readLayout}. */
    public static Tensor readTensor(ByteSource source, SlmInfo layout, TensorEntry entry) {
        TensorData data = TensorDecoder.decode(source, entry.entry(), layout.header().tensorDataOffset());
        return new Tensor(entry.entry().nameHash(), entry.dims(), data);
    }

    /**
     * Stage 6 without decoding: the same checks as {@link #readTensor}, with the same errors, made
     * by scanning the stored bytes; the tensor's data is a {@link TensorData.Stored} that reads
     * {@code source} in place (so {@code source} must outlive it and never change).
     */
    public static Tensor readTensorInPlace(ByteSource source, SlmInfo layout, TensorEntry entry) {
        TensorData data = TensorDecoder.inPlace(source, entry.entry(), layout.header().tensorDataOffset());
        return new Tensor(entry.entry().nameHash(), entry.dims(), data);
    }

    private static SlmHeader header(ByteSource source) {
        long size = source.size();
        byte[] head = new byte[(int) Math.min(size, SlmFormat.HEADER_LENGTH)];
        source.read(0, head, 0, head.length);
        if (head.length < 4 || head[0] != 'S' || head[1] != 'L' || head[2] != 'M' || head[3] != '1') {
            throw new FormatException(ErrorCode.INVALID_MODEL_MAGIC, "file must start with SLM1", 0, hex(head, 4));
        }
        if (head.length < 8) {
            throw new FormatException(ErrorCode.INVALID_HEADER, "file must hold the 108-byte header", 0, size + " bytes");
        }
        int version = LittleEndian.getInt(head, SlmFormat.OFF_VERSION);
        if (version != SlmFormat.VERSION) {
            throw new FormatException(ErrorCode.UNSUPPORTED_MODEL_VERSION, "version must be 1", SlmFormat.OFF_VERSION,
                    Integer.toUnsignedString(version));
        }
        if (head.length < SlmFormat.HEADER_LENGTH) {
            throw new FormatException(ErrorCode.INVALID_HEADER, "file must hold the 108-byte header", 0, size + " bytes");
        }
        SlmHeader header = SlmHeader.decode(head);
        long headerLength = header.headerLength() & 0xFFFFFFFFL;
        if (headerLength < SlmFormat.HEADER_LENGTH || headerLength > size) {
            throw new FormatException(ErrorCode.INVALID_HEADER, "header_length must be at least 108 and inside the file ("
                    + size + " bytes)", SlmFormat.OFF_HEADER_LENGTH, headerLength);
        }
        return header;
    }

    private static long checksum(ByteSource source, SlmHeader header, ChecksumPolicy policy, List<String> warnings) {
        long computed = ByteSources.checksum(source, SlmFormat.OFF_CHECKSUM);
        long stored = header.checksum();
        if (stored == computed) {
            return computed;
        }
        String rule = stored == 0 ? "checksum must be nonzero" : "checksum must equal the C1 checksum of the file (computed 0x"
                + Long.toHexString(computed) + ")";
        if (policy == ChecksumPolicy.STRICT) {
            throw new FormatException(ErrorCode.INVALID_HEADER, rule, SlmFormat.OFF_CHECKSUM, "0x" + Long.toHexString(stored));
        }
        warnings.add(rule + ": stored 0x" + Long.toHexString(stored));
        return computed;
    }

    /** The header's layout fields against each other and the file: sections in order, inside, aligned. */
    private static void layout(SlmHeader h, long size) {
        long headerLength = h.headerLength() & 0xFFFFFFFFL;
        if (Long.compareUnsigned(h.tokenizerOffset(), headerLength) < 0) {
            fail("tokenizer_offset must not precede the end of the header (" + headerLength + ")",
                    SlmFormat.OFF_TOKENIZER_OFFSET, Long.toUnsignedString(h.tokenizerOffset()));
        }
        if (!ByteSources.inside(h.tokenizerOffset(), h.tokenizerLength(), size)) {
            fail("tokenizer_offset + tokenizer_length must lie inside the file (" + size + " bytes)",
                    SlmFormat.OFF_TOKENIZER_LENGTH,
                    Long.toUnsignedString(h.tokenizerOffset()) + "+" + Long.toUnsignedString(h.tokenizerLength()));
        }
        long tokenizerEnd = h.tokenizerOffset() + h.tokenizerLength();
        long dir = h.tensorDirectoryOffset();
        if (dir % SlmFormat.ALIGNMENT != 0) {
            fail("tensor_directory_offset must be a multiple of 64", SlmFormat.OFF_TENSOR_DIRECTORY_OFFSET,
                    Long.toUnsignedString(dir));
        }
        if (Long.compareUnsigned(dir, tokenizerEnd) < 0) {
            fail("tensor_directory_offset must not precede the end of the tokenizer section (" + tokenizerEnd + ")",
                    SlmFormat.OFF_TENSOR_DIRECTORY_OFFSET, Long.toUnsignedString(dir));
        }
        long dirLength = (h.tensorCount() & 0xFFFFFFFFL) * SlmFormat.DIRECTORY_ENTRY_LENGTH;
        if (!ByteSources.inside(dir, dirLength, size)) {
            fail("tensor_count × 64 directory bytes must lie inside the file (" + size + " bytes)",
                    SlmFormat.OFF_TENSOR_COUNT, Integer.toUnsignedString(h.tensorCount()));
        }
        long data = h.tensorDataOffset();
        if (data % SlmFormat.ALIGNMENT != 0) {
            fail("tensor_data_offset must be a multiple of 64", SlmFormat.OFF_TENSOR_DATA_OFFSET,
                    Long.toUnsignedString(data));
        }
        if (Long.compareUnsigned(data, dir + dirLength) < 0 || Long.compareUnsigned(data, size) > 0) {
            fail("tensor_data_offset must lie between the end of the directory (" + (dir + dirLength)
                    + ") and the end of the file (" + size + ")", SlmFormat.OFF_TENSOR_DATA_OFFSET, Long.toUnsignedString(data));
        }
    }

    /** Stage 4: every directory hash is a distinct required name, and every required name is present. */
    private static List<TensorEntry> resolve(ModelHeader h, List<DirectoryEntry> directory, long dirOffset) {
        Map<Long, DirectoryEntry> byHash = new HashMap<>();
        for (DirectoryEntry e : directory) {
            if (byHash.putIfAbsent(e.nameHash(), e) != null) {
                throw new FormatException(ErrorCode.INVALID_TENSOR_DIRECTORY, "name hashes must be unique",
                        e.entryOffset(), hashString(e.nameHash()));
            }
        }
        int limit = (int) Math.min(ModelShapes.tensorCount(h), directory.size() + 1L);
        List<TensorShape> shapes = ModelShapes.expected(h, limit);
        List<TensorEntry> resolved = new ArrayList<>(shapes.size());
        for (TensorShape s : shapes) {
            DirectoryEntry e = byHash.remove(s.nameHash());
            if (e == null) {
                throw new FormatException(ErrorCode.MISSING_TENSOR, "required tensor " + s.name() + " ("
                        + hashString(s.nameHash()) + ") must be in the directory", dirOffset, "absent");
            }
            resolved.add(new TensorEntry(s.name(), e));
        }
        for (DirectoryEntry e : directory) {
            if (byHash.containsKey(e.nameHash())) {
                String why = h.tiedOutput() && e.nameHash() == Fnv.nameHash(TensorNames.OUTPUT)
                        ? "output.weight must be absent when flags mark the output as tied"
                        : "name hash must be a tensor of this model (" + resolved.size() + " required)";
                throw new FormatException(ErrorCode.INVALID_TENSOR_DIRECTORY, why, e.entryOffset(), hashString(e.nameHash()));
            }
        }
        return resolved;
    }

    /** Stage 5: exact dims (GQA: wk/wv are kvDim × hidden). */
    private static void checkShapes(ModelHeader h, List<TensorEntry> tensors) {
        List<TensorShape> shapes = ModelShapes.expected(h, tensors.size());
        for (int i = 0; i < tensors.size(); i++) {
            int[] want = shapes.get(i).dims();
            DirectoryEntry e = tensors.get(i).entry();
            if (e.rank() != want.length) {
                throw new FormatException(ErrorCode.SHAPE_MISMATCH, tensors.get(i).name() + " must have rank "
                        + want.length + " " + Arrays.toString(want), e.fieldOffset(SlmFormat.ENTRY_RANK), e.rank());
            }
            for (int d = 0; d < want.length; d++) {
                if (e.dims()[d] != want[d]) {
                    throw new FormatException(ErrorCode.SHAPE_MISMATCH, tensors.get(i).name() + " dim" + d + " must be "
                            + want[d] + " (shape " + Arrays.toString(want) + ")",
                            e.fieldOffset(SlmFormat.ENTRY_DIMS + 4 * d), e.dims()[d]);
                }
            }
        }
    }

    private static String hashString(long h) {
        return "0x" + Long.toHexString(h);
    }

    private static String hex(byte[] b, int max) {
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < Math.min(max, b.length); i++) {
            sb.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        return b.length < max ? sb + " (file has " + b.length + " bytes)" : sb.toString();
    }

    private static void fail(String rule, long offset, Object value) {
        throw new FormatException(ErrorCode.INVALID_HEADER, rule, offset, value);
    }
}
