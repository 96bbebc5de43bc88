package io.paddock.protocol.adapter;

import io.paddock.protocol.error.ErrorCode;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AdapterValidatorTest {
    private static final SlmModel F32 = TestModels.model(21, DType.F32);
    private static final byte[] SHA = AdapterRoundTripTest.sha(9);

    private static Adapter withBinding(Adapter a, AdapterBinding b) {
        return new Adapter(a.kind(), b, a.scale(), a.records());
    }

    private static FormatException mismatch(Adapter a, SlmModel m, String field, long offset) {
        FormatException e = catchThrowableOfType(FormatException.class, () -> AdapterValidator.validate(a, m, SHA));
        assertThat(e).as("expected ADAPTER_MISMATCH on " + field).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.ADAPTER_MISMATCH);
        assertThat(e.offset()).isEqualTo(offset);
        assertThat(e.getMessage()).contains(field);
        return e;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void oneAdapterBindsToEveryDtypeOfItsParent(DType dtype) {
        SlmModel m = TestModels.model(21, dtype);
        for (Adapter a : List.of(AdapterBytes.dense(F32, 1f), AdapterBytes.sparse(F32, 1f),
                AdapterBytes.lowRank(F32, 1f))) {
            assertThatCode(() -> AdapterValidator.validate(a, m, SHA)).doesNotThrowAnyException();
            assertThatCode(() -> AdapterValidator.validateWithoutParent(a, m)).doesNotThrowAnyException();
        }
    }

    @Test
    void eachBindingFieldIsChecked() {
        Adapter a = AdapterBytes.sparse(F32, 1f);
        AdapterBinding b = a.binding();
        FormatException flags = mismatch(withBinding(a, new AdapterBinding(1, b.tensorCount(), b.parameterCount(),
                b.tensorLayoutChecksum(), b.tokenizerChecksum(), b.parentSha256())), F32, "flags", 12);
        assertThat(flags.badValue()).isEqualTo("flags: adapter 0x00000001 != model 0x00000000");

        FormatException count = mismatch(withBinding(a, new AdapterBinding(0, 20, b.parameterCount(),
                b.tensorLayoutChecksum(), b.tokenizerChecksum(), b.parentSha256())), F32, "tensor_count", 16);
        assertThat(count.badValue()).isEqualTo("tensor_count: adapter 20 != model 21");

        FormatException params = mismatch(withBinding(a, new AdapterBinding(0, 21, -1L,
                b.tensorLayoutChecksum(), b.tokenizerChecksum(), b.parentSha256())), F32, "parameter_count", 24);
        assertThat(params.badValue()).isEqualTo("parameter_count: adapter 18446744073709551615 != model "
                + F32.parameterCount());

        FormatException layout = mismatch(withBinding(a, new AdapterBinding(0, 21, b.parameterCount(),
                0x1234L, b.tokenizerChecksum(), b.parentSha256())), F32, "tensor_layout_checksum", 32);
        assertThat(layout.badValue()).isEqualTo("tensor_layout_checksum: adapter 0x0000000000001234 != model "
                + Hex.u64(b.tensorLayoutChecksum()));
        assertThat(layout.rule()).isEqualTo("tensor_layout_checksum must match the model");

        FormatException tok = mismatch(withBinding(a, new AdapterBinding(0, 21, b.parameterCount(),
                b.tensorLayoutChecksum(), ~b.tokenizerChecksum(), b.parentSha256())), F32, "tokenizer_checksum", 40);
        assertThat(tok.badValue()).startsWith("tokenizer_checksum: adapter 0x");
    }

    @Test
    void flagsDifferForATiedModel() {
        SlmModel tied = TestModels.model(21, DType.F32, true);
        mismatch(AdapterBytes.sparse(F32, 1f), tied, "flags", 12);
    }

    @Test
    void parentDigestIsCheckedOnlyWhenPresent() {
        Adapter unbound = AdapterBytes.sparse(F32, 1f);
        Adapter bound = withBinding(unbound, AdapterBinding.of(F32, SHA));
        assertThatCode(() -> AdapterValidator.validate(unbound, F32, AdapterRoundTripTest.sha(1)))
                .doesNotThrowAnyException();
        assertThatCode(() -> AdapterValidator.validate(bound, F32, SHA)).doesNotThrowAnyException();
        FormatException e = catchThrowableOfType(FormatException.class,
                () -> AdapterValidator.validate(bound, F32, AdapterRoundTripTest.sha(1)));
        assertThat(e.code()).isEqualTo(ErrorCode.ADAPTER_MISMATCH);
        assertThat(e.offset()).isEqualTo(48);
        assertThat(e.badValue()).isEqualTo("parent_sha256: adapter sha256:" + Hex.bytes(SHA)
                + " != model sha256:" + Hex.bytes(AdapterRoundTripTest.sha(1)));
        assertThatCode(() -> AdapterValidator.validateWithoutParent(bound, F32)).doesNotThrowAnyException();
        assertThatThrownBy(() -> AdapterValidator.validate(bound, F32, new byte[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyRecordMustNameAModelTensor() {
        AdapterBinding b = AdapterBinding.of(F32, null);
        Adapter a = new Adapter(AdapterKind.DENSE, b, 1f, List.of(new DeltaRecord.Dense(42, 1, 2, new float[2])));
        FormatException e = mismatch(a, F32, "every record's tensor must exist", 96);
        assertThat(e.badValue()).isEqualTo("name_hash 0x000000000000002a is not a tensor of the model");
    }

    @Test
    void everyRecordMustHaveItsTensorsShape() {
        AdapterBinding b = AdapterBinding.of(F32, null);
        Adapter transposed = new Adapter(AdapterKind.LOW_RANK, b, 1f, List.of(new DeltaRecord.LowRank(
                AdapterBytes.hash("layers.0.w2.weight"), 64, 32, 1, new float[64], new float[32])));
        FormatException e = mismatch(transposed, F32, "record shape must equal its tensor's", 104);
        assertThat(e.badValue()).isEqualTo("layers.0.w2.weight: adapter 64x32 != model 32x64");

        Adapter column = new Adapter(AdapterKind.DENSE, b, 1f, List.of(new DeltaRecord.Dense(
                AdapterBytes.hash("norm.weight"), 32, 1, new float[32])));
        assertThat(mismatch(column, F32, "record shape", 104).badValue())
                .isEqualTo("norm.weight: adapter 32x1 != model 1x32");

        // the second record's offset follows the first record's size
        Adapter second = AdapterBytes.sparse(F32, 1f);
        DeltaRecord.Sparse r0 = (DeltaRecord.Sparse) second.records().get(0);
        DeltaRecord.Sparse r1 = (DeltaRecord.Sparse) second.records().get(1);
        Adapter bad = new Adapter(AdapterKind.SPARSE, b, 1f, List.of(r0,
                new DeltaRecord.Sparse(r1.nameHash(), r1.rows() + 1, r1.cols(), r1.indices(), r1.deltas())));
        mismatch(bad, F32, "record shape", 96 + AdapterFormat.recordBytes(r0) + 8);
    }

    @Test
    void malformedInMemoryAdaptersAreInvalidNotMismatched() {
        AdapterBinding b = AdapterBinding.of(F32, null);
        Adapter nan = new Adapter(AdapterKind.DENSE, b, 1f, List.of(new DeltaRecord.Dense(
                AdapterBytes.hash("norm.weight"), 1, 32, new float[32])));
        ((DeltaRecord.Dense) nan.records().get(0)).deltas()[31] = Float.NaN;
        FormatException e = catchThrowableOfType(FormatException.class, () -> AdapterValidator.validate(nan, F32, SHA));
        assertThat(e.code()).isEqualTo(ErrorCode.NON_FINITE_VALUE);
        assertThat(e.offset()).isEqualTo(96 + 16 + 4 * 31);

        Adapter outOfRange = new Adapter(AdapterKind.SPARSE, b, 1f, List.of(new DeltaRecord.Sparse(
                AdapterBytes.hash("norm.weight"), 1, 32, new int[] {32}, new float[] {1})));
        FormatException r = catchThrowableOfType(FormatException.class,
                () -> AdapterValidator.validateWithoutParent(outOfRange, F32));
        assertThat(r.code()).isEqualTo(ErrorCode.INVALID_ADAPTER);
        assertThat(r.rule()).contains("sparse index must be < rows*cols = 32");
    }
}
