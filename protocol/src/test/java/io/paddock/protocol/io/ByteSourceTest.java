package io.paddock.protocol.io;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.hash.FileChecksum;
import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.ChecksumPolicy;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.SlmInfo;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.SlmReader;
import io.paddock.protocol.slm.SlmWriter;
import io.paddock.protocol.slm.TokenizerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ByteSourceTest {

    private static byte[] randomBytes(int n, long seed) {
        XorShift64 rng = new XorShift64(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rng.next();
        }
        return b;
    }

    @Test
    void fileSourceReadsTheSameBytesAsTheArray(@TempDir Path dir) throws Exception {
        byte[] bytes = randomBytes(200_000, 1);
        Path file = dir.resolve("data.bin");
        Files.write(file, bytes);
        ByteSource array = ByteSource.of(bytes);

        try (FileSource source = FileSource.open(file)) {
            assertThat(source.size()).isEqualTo(array.size()).isEqualTo(200_000);
            XorShift64 rng = new XorShift64(2);
            for (int i = 0; i < 200; i++) {
                int pos = rng.nextInt(bytes.length);
                int len = rng.nextInt(Math.min(70_000, bytes.length - pos) + 1);
                byte[] a = new byte[len + 3];
                byte[] f = new byte[len + 3];
                array.read(pos, a, 3, len);
                source.read(pos, f, 3, len);
                assertThat(f).containsExactly(a);
                assertThat(Arrays.copyOfRange(f, 3, len + 3)).containsExactly(Arrays.copyOfRange(bytes, pos, pos + len));
            }
            assertThat(ByteSources.checksum(source, 100)).isEqualTo(FileChecksum.of(bytes, 100));
            assertThatThrownBy(() -> source.read(bytes.length - 1, new byte[2], 0, 2))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThatThrownBy(() -> array.read(-1, new byte[2], 0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void modelReadThroughTheFileChannelEqualsTheArrayPath(@TempDir Path dir) throws Exception {
        for (DType dtype : DType.values()) {
            SlmModel model = RandomModels.generate(
                    RandomModelSpec.of(2, 64, 4, 1, 128, 32, TokenizerSpec.bpe(300), dtype, false, 8));
            Path file = dir.resolve(dtype.label() + ".slm");
            SlmFiles.write(model, file);
            byte[] bytes = Files.readAllBytes(file);

            SlmModel fromFile = SlmFiles.read(file, ChecksumPolicy.STRICT);
            SlmModel fromArray = SlmReader.read(ByteSource.of(bytes));
            SlmInfo infoFile = SlmFiles.inspect(file, ChecksumPolicy.STRICT);
            SlmInfo infoArray = SlmReader.inspect(ByteSource.of(bytes), ChecksumPolicy.STRICT);

            assertThat(SlmWriter.toBytes(fromFile)).containsExactly(bytes);
            assertThat(SlmWriter.toBytes(fromArray)).containsExactly(bytes);
            assertThat(infoFile.header()).isEqualTo(infoArray.header());
            assertThat(infoFile.computedChecksum()).isEqualTo(infoArray.computedChecksum());
            assertThat(infoFile.tensorLayoutChecksum()).isEqualTo(infoArray.tensorLayoutChecksum());
            assertThat(infoFile.tokenizerChecksum()).isEqualTo(infoArray.tokenizerChecksum());
            assertThat(infoFile.parameterCount()).isEqualTo(infoArray.parameterCount());
        }
    }

    @Test
    void insideNeverOverflows() {
        assertThat(ByteSources.inside(0, 0, 0)).isTrue();
        assertThat(ByteSources.inside(10, 0, 10)).isTrue();
        assertThat(ByteSources.inside(11, 0, 10)).isFalse();
        assertThat(ByteSources.inside(4, 6, 10)).isTrue();
        assertThat(ByteSources.inside(4, 7, 10)).isFalse();
        assertThat(ByteSources.inside(5, -1L, 10)).isFalse();
        assertThat(ByteSources.inside(-1L, 1, 10)).isFalse();
        assertThat(ByteSources.inside(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE)).isFalse();
    }

    @Test
    void readRangeChecksTheFileAndTheArrayLimitBeforeAllocating() {
        ByteSource huge = new ByteSource() {
            @Override
            public long size() {
                return 1L << 40;
            }

            @Override
            public void read(long position, byte[] dst, int offset, int length) {
                throw new AssertionError("must not read");
            }
        };

        FormatException tooBig = assertThrows(FormatException.class,
                () -> ByteSources.readRange(huge, 64, 1L << 31, ErrorCode.INVALID_HEADER, "tokenizer section"));
        FormatException outside = assertThrows(FormatException.class,
                () -> ByteSources.readRange(huge, 64, 1L << 40, ErrorCode.INVALID_HEADER, "tokenizer section"));

        assertThat(tooBig.code()).isEqualTo(ErrorCode.INVALID_LENGTH);
        assertThat(tooBig.offset()).isEqualTo(64);
        assertThat(outside.code()).isEqualTo(ErrorCode.INVALID_HEADER);
        assertThat(outside.rule()).contains("tokenizer section must lie inside the file");
    }

    @Test
    void leBytesReadsLittleEndianAndReportsTruncationAtTheAbsoluteOffset() {
        byte[] b = {1, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, (byte) 0x80, 0x3F};
        LeBytes in = LeBytes.of(b, 1000, ErrorCode.INVALID_TOKENIZER, "BPE1 section");

        assertThat(in.u32(0)).isEqualTo(1);
        assertThat(in.u32Unsigned(4)).isEqualTo(0xFFFFFFFFL);
        assertThat(in.u64(0)).isEqualTo(0xFFFFFFFF00000001L);
        assertThat(in.f32(8)).isEqualTo(1f);
        assertThat(in.remaining(10)).isEqualTo(2);
        FormatException e = assertThrows(FormatException.class, () -> in.u64(8));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKENIZER);
        assertThat(e.offset()).isEqualTo(1008);
        assertThat(e.rule()).contains("BPE1 section is truncated");
        assertThrows(FormatException.class, () -> in.slice(10, 3));
        assertThrows(FormatException.class, () -> in.u32(-1));
        assertThrows(FormatException.class, () -> in.require(0, Long.MAX_VALUE));
    }

    @Test
    void littleEndianRoundTrips() {
        byte[] b = new byte[8];
        LittleEndian.putLong(b, 0, 0x0102030405060708L);
        assertThat(b).containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(LittleEndian.getLong(b, 0)).isEqualTo(0x0102030405060708L);
        LittleEndian.putFloat(b, 2, -2.5f);
        assertThat(LittleEndian.getFloat(b, 2)).isEqualTo(-2.5f);
        LittleEndian.putInt(b, 4, -2);
        assertThat(LittleEndian.getInt(b, 4)).isEqualTo(-2);
    }

    @Test
    void checksumOutputStreamMatchesTheOneShotChecksum() {
        byte[] bytes = randomBytes(5000, 3);
        ChecksumOutputStream out = new ChecksumOutputStream(100);

        out.write(bytes, 0, 99);
        out.write(bytes[99]);
        out.write(bytes, 100, bytes.length - 100);

        assertThat(out.count()).isEqualTo(5000);
        assertThat(out.value()).isEqualTo(FileChecksum.of(bytes, 100));
    }
}
