package io.paddock.runtime.eval;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.io.ByteSource;
import io.paddock.protocol.slm.ChecksumPolicy;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.SlmInfo;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.SlmReader;
import io.paddock.protocol.slm.SlmWriter;
import io.paddock.protocol.slm.Tensor;
import io.paddock.protocol.slm.TensorData;
import io.paddock.protocol.slm.TensorEntry;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;
import io.paddock.protocol.suite.Sampling;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.runtime.model.AssemblyChecksum;
import io.paddock.runtime.model.Dequantize;
import io.paddock.runtime.model.Model;
import io.paddock.runtime.model.TensorFootprint;
import io.paddock.protocol.slm.TensorNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model whose tensors are left in their package bytes ({@link TensorData.Stored}, as the
 * browser's SIMD path loads it) is, to the runtime, the same model as its decoded form: same C8
 * assembly checksum (hashed from the stored bytes), footprints, embedding rows, evidence, and the
 * same candidates once adapters are applied (only the touched tensors are decoded).
 */
class StoredTensorsTest {
    static final String WQ0 = TensorNames.layer(0, "wq");
    static final String W2_1 = TensorNames.layer(1, "w2");
    static final List<EvalCase> CASES = List.of(
            new EvalCase("a", "the cat", " sat", 5, MatchRule.PREFIX),
            new EvalCase("b", "hello", "hello world", 4, MatchRule.EXACT));

    @ParameterizedTest
    @EnumSource(DType.class)
    void aModelLeftInPlaceIsTheDecodedModel(DType dtype) {
        for (boolean tied : new boolean[] {false, true}) {
            byte[] bytes = SlmWriter.toBytes(TinyModels.random(21, dtype, tied));
            SlmModel decoded = SlmReader.read(ByteSource.of(bytes));
            SlmModel inPlace = readInPlace(bytes);
            for (Tensor t : inPlace.tensors()) {
                assertThat(t.data()).isInstanceOf(TensorData.Stored.class);
            }

            assertThat(AssemblyChecksum.of(inPlace)).isEqualTo(AssemblyChecksum.of(decoded));
            for (int i = 0; i < decoded.tensors().size(); i++) {
                assertThat(TensorFootprint.of(inPlace.tensors().get(i)))
                        .isEqualTo(TensorFootprint.of(decoded.tensors().get(i)));
            }
            TensorData embS = inPlace.tensor(TensorNames.TOK_EMBEDDINGS).data();
            TensorData embD = decoded.tensor(TensorNames.TOK_EMBEDDINGS).data();
            float[] rowS = new float[embS.cols()];
            float[] rowD = new float[embD.cols()];
            for (int r = 0; r < embS.rows(); r++) {
                Dequantize.row(embS, r, rowS);
                Dequantize.row(embD, r, rowD);
                assertThat(rowS).containsExactly(rowD);
            }

            Model m = Model.of(inPlace);
            assertThat(m.assemblyChecksum()).isEqualTo(Model.of(decoded).assemblyChecksum());
            assertThat(m.quantization()).isEqualTo(Model.of(decoded).quantization());
            for (Sampling sampling : List.of(Sampling.GREEDY, EvaluatorTest.STOCHASTIC)) {
                assertThat(evidence(Candidate.of(inPlace), sampling)).isEqualTo(evidence(Candidate.of(decoded), sampling));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void adaptersDecodeOnlyTheTensorsTheyTouch(DType dtype) {
        byte[] bytes = SlmWriter.toBytes(TinyModels.random(22, dtype, false));
        SlmModel decoded = SlmReader.read(ByteSource.of(bytes));
        SlmModel inPlace = readInPlace(bytes);
        List<Adapter> adapters = List.of(TinyModels.dense(inPlace, WQ0, 3, 0.5f), TinyModels.sparse(inPlace, W2_1, 7, 0.25f));

        SlmModel assembled = Assembler.weights(Candidate.of(inPlace, adapters));
        for (Tensor t : assembled.tensors()) {
            boolean touched = t.nameHash() == inPlace.tensor(WQ0).nameHash() || t.nameHash() == inPlace.tensor(W2_1).nameHash();
            assertThat(t.data() instanceof TensorData.Stored).as("tensor %x left in place", t.nameHash()).isEqualTo(!touched);
        }
        assertThat(Assembler.assemble(Candidate.of(inPlace, adapters)).assemblyChecksum())
                .isEqualTo(Assembler.assemble(Candidate.of(decoded, adapters)).assemblyChecksum());
        assertThat(evidence(Candidate.of(inPlace, adapters), Sampling.GREEDY))
                .isEqualTo(evidence(Candidate.of(decoded, adapters), Sampling.GREEDY));
    }

    private static String evidence(Candidate c, Sampling sampling) {
        // kernels that read a tensor left in place through its decoded form, as the browser's
        // linear-memory kernels read it through its bytes; everything else sees Stored as it is
        ScalarKernels scalar = new ScalarKernels();
        Kernels decoding = new Kernels() {
            @Override
            public void matvec(TensorData w, float[] x, float[] out, int outOffset, int rowStart, int rowEnd) {
                scalar.matvec(TensorData.decodedForm(w), x, out, outOffset, rowStart, rowEnd);
            }

            @Override
            public String name() {
                return "decoding-scalar";
            }
        };
        CandidateEvaluation e = new Evaluator(decoding).evaluate(c, CASES, sampling);
        assertThat(e).isInstanceOf(CandidateEvaluation.Completed.class);
        return ((CandidateEvaluation.Completed) e).evidenceDigest();
    }

    static SlmModel readInPlace(byte[] bytes) {
        ByteSource source = ByteSource.of(bytes);
        SlmInfo info = SlmReader.readLayout(source, ChecksumPolicy.STRICT);
        List<Tensor> tensors = new ArrayList<>();
        for (TensorEntry e : info.tensors()) {
            tensors.add(SlmReader.readTensorInPlace(source, info, e));
        }
        return new SlmModel(info.model(), info.tokenizer(), tensors);
    }
}
