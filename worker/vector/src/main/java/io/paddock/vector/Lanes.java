package io.paddock.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The fixed vector shapes of the Vector API kernels (constants only). The float species is
 * always 256 bits: its 8 lanes are exactly the 8 C9 stripes ({@code lane j} accumulates the
 * elements {@code ≡ j mod 8}). Kept apart from {@link VectorKernels} so that loading that
 * class does not need the incubator module.
 */
final class Lanes {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    static final VectorSpecies<Byte> B64 = ByteVector.SPECIES_64;

    /** Lanes 4..7 then 0..3. */
    static final VectorShuffle<Float> SWAP_HALVES = VectorShuffle.fromValues(F, 4, 5, 6, 7, 0, 1, 2, 3);
    /** Swaps lane pairs inside each half: 2,3,0,1 | 6,7,4,5. */
    static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromValues(F, 2, 3, 0, 1, 6, 7, 4, 5);
    /** Swaps neighbouring lanes: 1,0,3,2,5,4,7,6. */
    static final VectorShuffle<Float> SWAP_NEIGHBOURS = VectorShuffle.fromValues(F, 1, 0, 3, 2, 5, 4, 7, 6);
    /** Lanes 4..7. */
    static final VectorMask<Float> UPPER_HALF = VectorMask.fromLong(F, 0xF0L);
    /** Lanes 2, 3, 6, 7. */
    static final VectorMask<Float> UPPER_PAIRS = VectorMask.fromLong(F, 0xCCL);

    /** Left shifts that bring nibble {@code k} of a 32-bit word to the top: {@code 28 - 4k}. */
    static final IntVector NIBBLE_SHIFTS = IntVector.fromArray(I, new int[] {28, 24, 20, 16, 12, 8, 4, 0}, 0);

    /** Little-endian 32-bit reads from a byte array (four packed q4_0 bytes = eight nibbles). */
    static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Lanes() {
    }
}
