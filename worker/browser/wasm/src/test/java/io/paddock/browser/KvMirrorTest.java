package io.paddock.browser;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attention-cache copies on the JVM (heap blocks with made-up addresses): each read brings the
 * slice's rows up to date under the forward pass's discipline (row p written right before the
 * reads at p + 1 positions), across a reset that rewrites the rows, and gives up on slices that do
 * not fit or caches over the budget.
 */
class KvMirrorTest {
    private final List<LinearBlock> blocks = new ArrayList<>();
    private final LinearAllocator heap = bytes -> {
        LinearBlock b = new LinearBlock(ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN), 4096 * (blocks.size() + 1));
        blocks.add(b);
        return b;
    };
    private static final long BUDGET = 4096;
    private final KvMirror mirror = new KvMirror(heap, BUDGET);

    @Test
    void everyReadSeesTheRowsWrittenSoFarAcrossAReset() {
        int stride = 6;
        int width = 3;
        float[] cache = new float[8 * stride];
        for (int sequence = 0; sequence < 3; sequence++) {
            int length = sequence == 1 ? 8 : 5 - sequence;
            for (int pos = 0; pos < length; pos++) {
                for (int off = 0; off < stride; off++) {
                    cache[pos * stride + off] = 100 * sequence + 10 * pos + off;
                }
                for (int off = 0; off < stride; off += width) {
                    int address = mirror.sync(cache, off, stride, pos + 1, width);
                    assertThat(address).isEqualTo(4096);
                    FloatBuffer copy = blocks.get(0).buffer().asFloatBuffer();
                    for (int p = 0; p <= pos; p++) {
                        for (int d = 0; d < width; d++) {
                            assertThat(copy.get(p * stride + off + d)).as("sequence %d pos %d row %d", sequence, pos, p)
                                    .isEqualTo(cache[p * stride + off + d]);
                        }
                    }
                }
            }
        }
        assertThat(blocks).hasSize(1);
    }

    @Test
    void aSliceSeenFirstLateIsCopiedWhole() {
        float[] cache = new float[4 * 5];
        for (int i = 0; i < cache.length; i++) {
            cache[i] = i + 1;
        }
        int address = mirror.sync(cache, 1, 5, 4, 4);
        assertThat(address).isPositive();
        FloatBuffer copy = blocks.get(0).buffer().asFloatBuffer();
        for (int p = 0; p < 4; p++) {
            for (int d = 1; d < 5; d++) {
                assertThat(copy.get(p * 5 + d)).isEqualTo(cache[p * 5 + d]);
            }
        }
    }

    @Test
    void slicesOutsideTheRowsAndCachesOverTheBudgetAreNotMirrored() {
        float[] cache = new float[4 * 8];
        assertThat(mirror.sync(cache, 6, 8, 1, 4)).isEqualTo(-1);
        assertThat(mirror.sync(cache, 0, 8, 5, 4)).isEqualTo(-1);
        assertThat(mirror.sync(cache, 0, 8, 0, 4)).isEqualTo(-1);
        float[] huge = new float[(int) (BUDGET / 4) + 1];
        assertThat(mirror.sync(huge, 0, 8, 1, 8)).isEqualTo(-1);
        assertThat(blocks).isEmpty();
    }

    @Test
    void aCacheThatDoesNotFitNeverEvictsLiveCopiesOnlyIdleOnes() {
        int floats = (int) (BUDGET / 4 / 2);
        float[] a = new float[floats];
        float[] b = new float[floats];
        float[] c = new float[floats];
        c[0] = 3;
        assertThat(mirror.sync(a, 0, 4, 1, 4)).isEqualTo(4096);
        assertThat(mirror.sync(b, 0, 4, 1, 4)).isEqualTo(2 * 4096);
        // a and b are being read: c is not mirrored (its caller reads the array), nothing is rebuilt
        for (int step = 0; step < 200; step++) {
            assertThat(mirror.sync(a, 0, 4, 1, 4)).isEqualTo(4096);
            assertThat(mirror.sync(b, 0, 4, 1, 4)).isEqualTo(2 * 4096);
            assertThat(mirror.sync(c, 0, 4, 1, 4)).isEqualTo(-1);
        }
        assertThat(blocks).hasSize(2);
        // a and b stop being read (their state finished): once idle they make room for c
        int address = -1;
        for (int read = 0; read < 2 * KvMirror.IDLE_READS_PER_COPY + 1 && address < 0; read++) {
            address = mirror.sync(c, 0, 4, 1, 4);
        }
        assertThat(address).isEqualTo(3 * 4096);
        assertThat(blocks.get(2).buffer().asFloatBuffer().get(0)).isEqualTo(3f);
    }
}
