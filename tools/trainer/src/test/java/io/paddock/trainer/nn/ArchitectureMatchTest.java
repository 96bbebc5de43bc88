package io.paddock.trainer.nn;

import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.runtime.generate.Generator;
import io.paddock.runtime.kernel.ScalarKernels;
import io.paddock.runtime.model.Model;
import io.paddock.trainer.data.Shard;
import io.paddock.trainer.data.TokenSequence;
import io.paddock.trainer.model.ModelShape;
import io.paddock.trainer.model.Param;
import io.paddock.trainer.model.ParamSet;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trainer's network is the runtime's architecture: the per-token loss of the trainer's
 * forward pass equals the runtime's teacher-forced log-probabilities of the same model (up to
 * float rounding, the summation orders differ).
 */
class ArchitectureMatchTest {

    @Test
    void trainerLossEqualsRuntimeLogLikelihood() {
        ModelShape shape = ModelShape.of(16, 2, 2, 24, 32);
        ParamSet p = ParamSet.initialize(shape, 9);
        XorShift64 rng = new XorShift64(4);
        for (Param t : p.all()) {
            float[] v = t.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = t.vector() ? 1f + 0.4f * (rng.nextFloat() - 0.5f) : (rng.nextFloat() * 2f - 1f) * 0.4f;
            }
            t.refreshTransposed();
        }
        String prompt = "rev:abcdef=";
        String answer = "fedcba";
        TokenSequence seq = TokenSequence.of(prompt, answer);

        Network net = new Network(shape);
        Activations act = new Activations(shape);
        double trainerLoss = net.forward(p, Shard.pack(List.of(seq)), act);

        SlmModel slm = p.toSlm();
        Model model = Model.of(slm);
        Generator gen = new Generator(new ScalarKernels(), model);
        int[] promptIds = Generator.promptTokens(model, prompt.getBytes(StandardCharsets.UTF_8));
        int[] continuation = Arrays.copyOfRange(seq.ids(), seq.answerStart(), seq.ids().length);
        float[] logProbs = gen.teacherForcedLogProbs(model, promptIds, continuation);

        assertThat(promptIds).containsExactly(Arrays.copyOf(seq.ids(), seq.answerStart()));
        double runtimeLoss = 0;
        for (float lp : logProbs) {
            runtimeLoss -= lp;
        }
        assertThat(runtimeLoss).isGreaterThan(1.0);
        assertThat(trainerLoss).isCloseTo(runtimeLoss, Offset.offset(1e-4 * runtimeLoss));
    }
}
