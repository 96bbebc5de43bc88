package io.paddock.protocol.slm;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.io.ChecksumOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an {@link SlmModel} in the exact C3 layout: the same model always gives the same bytes.
 * Streams in two passes (the first only computes the C1 checksum that the header carries), so
 * no whole-file array is built. The model is validated first with the reader's rules.
 */
public final class SlmWriter {
    private static final byte[] ZEROS = new byte[SlmFormat.ALIGNMENT];

    private SlmWriter() {
    }

    /** Writes {@code model} to {@code out} (not closed); tensors left in place are decoded once, first. */
    public static void write(SlmModel stored, OutputStream out) throws IOException {
        SlmModel model = decoded(stored);
        LayoutPlan plan = validate(model);
        byte[] tokenizer = model.tokenizer().sectionBytes();
        byte[] directory = directory(plan);
        SlmHeader header = header(model.header(), plan, 0);
        ChecksumOutputStream sum = new ChecksumOutputStream(SlmFormat.OFF_CHECKSUM);
        emit(model, plan, header.encode(), tokenizer, directory, sum);
        emit(model, plan, header.withChecksum(sum.value()).encode(), tokenizer, directory, out);
    }

    /** The package bytes in one array (for small models and tests). */
    public static byte[] toBytes(SlmModel model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code model} with every {@link TensorData.Stored} tensor decoded (itself if there is none). */
    private static SlmModel decoded(SlmModel model) {
        List<Tensor> tensors = new ArrayList<>(model.tensors().size());
        boolean any = false;
        for (Tensor t : model.tensors()) {
            TensorData d = TensorData.decodedForm(t.data());
            any |= d != t.data();
            tensors.add(d == t.data() ? t : new Tensor(t.nameHash(), t.dims(), d));
        }
        return any ? new SlmModel(model.header(), model.tokenizer(), tensors) : model;
    }

    /** The header a writer stores for {@code model} laid out as {@code plan}. */
    public static SlmHeader header(ModelHeader model, LayoutPlan plan, long checksum) {
        return new SlmHeader(SlmFormat.VERSION, SlmFormat.HEADER_LENGTH, model, plan.tokenizerOffset(),
                plan.tokenizerLength(), plan.directoryOffset(), plan.tensors().size(), plan.dataOffset(), checksum);
    }

    /** Checks the model against the header rules, the tokenizer and the exact tensor set; returns its layout. */
    private static LayoutPlan validate(SlmModel model) {
        ModelHeader h = model.header();
        ModelHeaderRules.validate(h);
        if (model.tokenizer().vocabSize() != h.vocabSize()) {
            throw new FormatException(ErrorCode.INVALID_TOKENIZER, "tokenizer vocabulary must equal vocab_size ("
                    + h.vocabSize() + ")", model.tokenizer().vocabSize());
        }
        List<TensorShape> expected = ModelShapes.expected(h);
        List<Tensor> tensors = model.tensors();
        if (tensors.size() != expected.size()) {
            throw new FormatException(ErrorCode.MISSING_TENSOR, "model must have exactly " + expected.size()
                    + " tensors in C3 order", tensors.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            TensorShape s = expected.get(i);
            Tensor t = tensors.get(i);
            if (t.nameHash() != s.nameHash()) {
                throw new FormatException(ErrorCode.MISSING_TENSOR, "tensor " + i + " must be " + s.name()
                        + " (C3 order)", "0x" + Long.toHexString(t.nameHash()));
            }
            if (!Arrays.equals(t.dims(), s.dims())) {
                throw new FormatException(ErrorCode.SHAPE_MISMATCH, s.name() + " must have dims "
                        + Arrays.toString(s.dims()), Arrays.toString(t.dims()));
            }
            TensorEncoder.check(t, s.name());
        }
        return SlmLayoutPlanner.plan(model);
    }

    private static byte[] directory(LayoutPlan plan) {
        List<TensorPlacement> tensors = plan.tensors();
        byte[] dir = new byte[SlmFormat.DIRECTORY_ENTRY_LENGTH * tensors.size()];
        for (int i = 0; i < tensors.size(); i++) {
            tensors.get(i).entry().encode(dir, i * SlmFormat.DIRECTORY_ENTRY_LENGTH);
        }
        return dir;
    }

    private static void emit(SlmModel model, LayoutPlan plan, byte[] header, byte[] tokenizer, byte[] directory,
                             OutputStream out) throws IOException {
        out.write(header);
        long pos = header.length;
        out.write(tokenizer);
        pos += tokenizer.length;
        pos = pad(out, pos, plan.directoryOffset());
        out.write(directory);
        pos += directory.length;
        pos = pad(out, pos, plan.dataOffset());
        List<Tensor> tensors = model.tensors();
        for (int i = 0; i < tensors.size(); i++) {
            TensorPlacement p = plan.tensors().get(i);
            TensorData d = tensors.get(i).data();
            pos = pad(out, pos, p.payloadOffset());
            TensorEncoder.writePayload(d, out);
            pos += p.payloadLength();
            if (d.dtype() != DType.F32) {
                pos = pad(out, pos, p.scaleOffset());
                TensorEncoder.writeScales(d, out);
                pos += p.scaleLength();
            }
        }
        pad(out, pos, plan.fileSize());
    }

    private static long pad(OutputStream out, long pos, long target) throws IOException {
        if (target < pos || target - pos > ZEROS.length) {
            throw new IllegalStateException("layout error: at " + pos + ", next section at " + target);
        }
        out.write(ZEROS, 0, (int) (target - pos));
        return target;
    }
}
