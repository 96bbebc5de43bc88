package io.paddock.trainer.lora;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterBinding;
import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.random.XorShift64;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.TensorData;
import io.paddock.runtime.eval.Assembler;
import io.paddock.runtime.eval.Candidate;
import io.paddock.trainer.data.Shard;
import io.paddock.trainer.data.TokenSequence;
import io.paddock.trainer.model.ModelShape;
import io.paddock.trainer.model.Param;
import io.paddock.trainer.model.ParamSet;
import io.paddock.trainer.nn.Activations;
import io.paddock.trainer.nn.Grads;
import io.paddock.trainer.nn.Network;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoraFactorsTest {

    @Test
    void trainingWeightsEqualTheRuntimesAssembledWeightsBitForBit() {
        ParamSet p = ParamSet.initialize(ModelShape.of(32, 1, 2, 48, 16), 3);
        SlmModel parent = p.toSlm();
        XorShift64 rng = new XorShift64(8);
        Param w2 = p.layer(0).w2();
        LoraFactors f = new LoraFactors(w2, 3);
        fill(f.a, rng, 0.3f);
        fill(f.b, rng, 0.3f);
        f.apply();
        Adapter adapter = new Adapter(AdapterKind.LOW_RANK, AdapterBinding.of(parent, null), 1f, List.of(f.record()));
        SlmModel assembled = Assembler.weights(Candidate.of(parent, List.of(adapter)));
        float[] runtime = ((TensorData.F32) assembled.tensor(w2.name()).data()).values();
        assertThat(runtime).containsExactly(w2.value());
        assertThat(runtime).isNotEqualTo(((TensorData.F32) parent.tensor(w2.name()).data()).values());
    }

    @Test
    void factorGradientsMatchFiniteDifferences() {
        ModelShape shape = ModelShape.of(8, 2, 2, 12, 16);
        ParamSet p = ParamSet.initialize(shape, 4);
        XorShift64 rng = new XorShift64(12);
        for (Param t : p.all()) {
            if (!t.vector()) {
                fill(t.value(), rng, 0.5f);
                t.refreshTransposed();
            }
        }
        Param target = p.layer(1).wv();
        LoraFactors f = new LoraFactors(target, 2);
        fill(f.a, rng, 0.5f);
        fill(f.b, rng, 0.5f);
        f.apply();
        Shard shard = Shard.pack(List.of(TokenSequence.of("ab=", "ba"), TokenSequence.of("7+5=", "12")));
        Network net = new Network(shape);
        Activations act = new Activations(shape);
        Grads g = new Grads(p, t -> t == target);
        net.lossAndGradient(p, shard, act, g, 1f);
        f.backward(g.of(target));
        float h = 1e-2f;
        for (float[][] pair : new float[][][] {{f.a, f.gradA}, {f.b, f.gradB}}) {
            float[] v = pair[0];
            for (int i = 0; i < v.length; i++) {
                float keep = v[i];
                v[i] = keep + h;
                f.apply();
                double up = net.forward(p, shard, act);
                v[i] = keep - h;
                f.apply();
                double down = net.forward(p, shard, act);
                v[i] = keep;
                f.apply();
                double numeric = (up - down) / (2 * h);
                assertThat((double) pair[1][i]).as("factor element %d", i)
                        .isCloseTo(numeric, Offset.offset(3e-3 + 2e-2 * Math.abs(numeric)));
            }
        }
    }

    private static void fill(float[] v, XorShift64 rng, float amplitude) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (rng.nextFloat() * 2f - 1f) * amplitude;
        }
    }
}
