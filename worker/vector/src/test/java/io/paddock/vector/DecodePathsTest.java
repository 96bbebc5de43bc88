package io.paddock.vector;

import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.TokenizerSpec;
import io.paddock.protocol.suite.Sampling;
import io.paddock.runtime.generate.GenerationResult;
import io.paddock.runtime.generate.Generator;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.runtime.model.Model;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole generations (matrix products and attention) give the same token ids on every JVM path:
 * scalar, Vector API, and either split over threads — greedy and stochastic, every dtype.
 */
class DecodePathsTest {

    @Test
    void everyPathGeneratesTheSameTokens() throws Exception {
        byte[] prompt = "The quick brown fox jumps over the lazy dog, again and again.".getBytes(StandardCharsets.UTF_8);
        List<Sampling> samplings = List.of(Sampling.GREEDY, new Sampling(0.9f, 40, 0.95f, 1234L));
        for (DType dtype : DType.values()) {
            Model model = Model.of(RandomModels.generate(new RandomModelSpec(2, 96, 6, 2, 160, 128,
                    TokenizerSpec.bpe(300), dtype, 32, false, 17, 10000f, 1e-5f)));
            for (Sampling sampling : samplings) {
                int[] reference = new Generator(new ScalarKernels()).generate(model, prompt, 48, sampling).outputTokens();
                for (Kernels kernels : List.of(new VectorKernels(), new ParallelKernels(new ScalarKernels(), 2, 1, 0),
                        new ParallelKernels(new VectorKernels(), 2, 1, 0))) {
                    GenerationResult r = new Generator(kernels).generate(model, prompt, 48, sampling);
                    assertThat(r.outputTokens()).as("%s %s %s", kernels.name(), dtype, sampling).isEqualTo(reference);
                    if (kernels instanceof AutoCloseable c) {
                        c.close();
                    }
                }
            }
        }
    }
}
