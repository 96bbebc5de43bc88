package io.paddock.protocol.hash;

import io.paddock.protocol.slm.TensorNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameHashAndChecksumTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "tok_embeddings.weight, 771EF68A9B91C762",
            "norm.weight, E45E883176C5CE0F",
            "output.weight, 6D1CF81EF83B28C6",
            "layers.0.attn_norm.weight, 87180B38FDF51EA9",
            "layers.0.wq.weight, 2E1920BDB77012A5"})
    void referenceNameHashes(String name, String hex) {
        assertThat(Fnv.nameHash(name)).isEqualTo(Long.parseUnsignedLong(hex, 16));
    }

    @Test
    void canonicalLayerNamesMatchTheReferenceSpelling() {
        assertThat(TensorNames.layer(0, "attn_norm")).isEqualTo("layers.0.attn_norm.weight");
        assertThat(TensorNames.layer(0, "wq")).isEqualTo("layers.0.wq.weight");
    }

    @Test
    void c1ChecksumIsIncrementalAndZeroesItsField() {
        byte[] a = new byte[300];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i * 31);
        }
        byte[] b = a.clone();
        for (int i = 100; i < 108; i++) {
            b[i] = (byte) 0xEE;
        }
        FileChecksum split = new FileChecksum(100);
        split.update(a, 0, 101);
        split.update(a, 101, 199);

        assertThat(split.value()).isEqualTo(FileChecksum.of(a, 100)).isEqualTo(FileChecksum.of(b, 100));
        assertThat(FileChecksum.of(a, 100)).isNotEqualTo(FileChecksum.of(a, 200));
    }

    @Test
    void c1ChecksumFollowsTheFormula() {
        byte[] data = {1, 2, 3};
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < data.length; i++) {
            h = Long.rotateLeft(h ^ (data[i] ^ ((long) i << 8)), 23) * 0x100000001B3L;
        }

        assertThat(FileChecksum.of(data, 100)).isEqualTo(h);
    }
}
