package io.paddock.protocol.evidence;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.suite.Sampling;

import java.util.Arrays;
import java.util.List;

/**
 * The canonical binary encoding of a candidate's case results, version 1: the exact bytes
 * {@link EvidenceDigest} hashes (docs/formats.md, "Evidence digest"). Only deterministic
 * fields are encoded: never timings, never failure cause texts, never the runtime's last
 * error. All integers little-endian; floats as their IEEE-754 bits with NaN canonicalised
 * ({@link Float#floatToIntBits}); strings as {@code u32} byte length + UTF-8 (a lone
 * surrogate is encoded as U+FFFD, as a browser's TextEncoder does).
 */
public final class EvidenceEncoding {
    /** The four ASCII bytes every encoding starts with. */
    public static final byte[] MAGIC = {'P', 'E', 'V', 'D'};
    public static final int VERSION = 1;
    public static final int TAG_EVIDENCE = 1;
    public static final int TAG_FAILURE = 2;

    private EvidenceEncoding() {
    }

    /** The header: magic, version, case count. */
    public static byte[] header(int caseCount) {
        ByteSink out = new ByteSink(12);
        out.bytes(MAGIC);
        out.u32(VERSION);
        out.u32(caseCount);
        return out.toByteArray();
    }

    /** The header followed by every case record in order. */
    public static byte[] encode(List<? extends CaseResult> results) {
        ByteSink out = new ByteSink(256);
        out.bytes(header(results.size()));
        for (CaseResult r : results) {
            out.bytes(encodeCase(r));
        }
        return out.toByteArray();
    }

    /** One case record: a tag byte, then the evidence or failure fields. */
    public static byte[] encodeCase(CaseResult result) {
        if (result == null) {
            throw missing("case result");
        }
        ByteSink out = new ByteSink(256);
        if (result instanceof CaseEvidence e) {
            out.u8(TAG_EVIDENCE);
            writeEvidence(out, e);
        } else {
            CaseFailure f = (CaseFailure) result;
            out.u8(TAG_FAILURE);
            out.string(require(f.caseId(), "caseId"));
            out.u32(require(f.code(), "code").code());
        }
        return out.toByteArray();
    }

    private static void writeEvidence(ByteSink out, CaseEvidence e) {
        out.string(require(e.caseId(), "caseId"));
        out.ids(require(e.promptTokens(), "promptTokens"));
        out.ids(require(e.outputTokens(), "outputTokens"));
        out.string(require(e.outputText(), "outputText"));
        out.u8(e.validUtf8() ? 1 : 0);
        out.u8(e.matched() ? 1 : 0);
        out.f32(e.editSimilarity());
        out.f32(e.logLikelihoodSum());
        out.f32(e.logLikelihoodMean());
        out.u32(e.expectedTokens());
        Diagnostics d = require(e.diagnostics(), "diagnostics");
        out.u32(d.promptTokens());
        out.u32(d.generatedTokens());
        out.u32(d.kvLength());
        out.u64(d.peakScratchBytes());
        out.string(require(d.quantization(), "diagnostics.quantization"));
        out.u32(d.adapterCount());
        out.u64(d.assemblyChecksum());
        Sampling s = require(d.sampling(), "diagnostics.sampling");
        out.f32(s.temperature());
        out.u32(s.topK());
        out.f32(s.topP());
        out.u64(s.seed());
    }

    private static <T> T require(T value, String field) {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    private static FormatException missing(String field) {
        return new FormatException(ErrorCode.NULL_POINTER, "every encoded evidence field must be present", field);
    }

    /** A growable little-endian byte buffer. */
    private static final class ByteSink {
        private byte[] buf;
        private int size;

        ByteSink(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int extra) {
            if (extra > Integer.MAX_VALUE - 8 - size) {
                throw new FormatException(ErrorCode.INVALID_LENGTH, "evidence encoding must fit in 2^31 bytes",
                        (long) size + extra);
            }
            int need = size + extra;
            if (need > buf.length) {
                int grown = buf.length > (Integer.MAX_VALUE - 8) / 2 ? Integer.MAX_VALUE - 8 : buf.length * 2;
                buf = Arrays.copyOf(buf, Math.max(need, grown));
            }
        }

        void u8(int v) {
            ensure(1);
            buf[size++] = (byte) v;
        }

        void u32(int v) {
            ensure(4);
            buf[size++] = (byte) v;
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 24);
        }

        void u64(long v) {
            u32((int) v);
            u32((int) (v >>> 32));
        }

        /** IEEE-754 bits, every NaN written as 0x7FC00000. */
        void f32(float v) {
            u32(Float.floatToIntBits(v));
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, size, b.length);
            size += b.length;
        }

        void ids(int[] ids) {
            u32(ids.length);
            ensure(4 * ids.length);
            for (int id : ids) {
                u32(id);
            }
        }

        /** u32 byte length, then UTF-8 with lone surrogates as U+FFFD. */
        void string(String s) {
            byte[] utf8 = utf8(s);
            u32(utf8.length);
            bytes(utf8);
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** UTF-8 as the WHATWG encoder writes it: a lone surrogate becomes U+FFFD (EF BF BD). */
    static byte[] utf8(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            int cp = s.codePointAt(i);
            if (Character.isSupplementaryCodePoint(cp)) {
                i++;
                n += 4;
            } else if (cp < 0x80) {
                n += 1;
            } else if (cp < 0x800) {
                n += 2;
            } else {
                n += 3;
            }
        }
        byte[] out = new byte[n];
        int o = 0;
        for (int i = 0; i < s.length(); i++) {
            int cp = s.codePointAt(i);
            if (Character.isSupplementaryCodePoint(cp)) {
                i++;
                out[o++] = (byte) (0xF0 | (cp >>> 18));
                out[o++] = (byte) (0x80 | ((cp >>> 12) & 0x3F));
                out[o++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else if (cp < 0x80) {
                out[o++] = (byte) cp;
            } else if (cp < 0x800) {
                out[o++] = (byte) (0xC0 | (cp >>> 6));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                if (cp >= 0xD800 && cp <= 0xDFFF) {
                    cp = 0xFFFD;
                }
                out[o++] = (byte) (0xE0 | (cp >>> 12));
                out[o++] = (byte) (0x80 | ((cp >>> 6) & 0x3F));
                out[o++] = (byte) (0x80 | (cp & 0x3F));
            }
        }
        return out;
    }
}
