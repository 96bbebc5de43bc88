package io.paddock.trainer.nn;

import io.paddock.protocol.random.XorShift64;
import io.paddock.trainer.data.Shard;
import io.paddock.trainer.data.TokenSequence;
import io.paddock.trainer.model.ModelShape;
import io.paddock.trainer.model.Param;
import io.paddock.trainer.model.ParamSet;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole network's backward pass against central finite differences, tensor by tensor. */
class NetworkGradientTest {

    @Test
    void everyTensorMatchesFiniteDifferences() {
        ModelShape shape = ModelShape.of(8, 2, 2, 12, 16);
        ParamSet p = ParamSet.initialize(shape, 5);
        XorShift64 rng = new XorShift64(77);
        for (Param t : p.all()) {                       // larger weights than the init, so every path matters
            float[] v = t.value();
            for (int i = 0; i < v.length; i++) {
                v[i] = t.vector() ? 1f + (rng.nextFloat() - 0.5f) : (rng.nextFloat() * 2f - 1f) * 0.6f;
            }
            t.refreshTransposed();
        }
        Shard shard = Shard.pack(List.of(TokenSequence.of("ab=", "ba"), TokenSequence.of("xyz:", "q"),
                TokenSequence.of("a", "bcd")));
        Network net = new Network(shape);
        Activations act = new Activations(shape);
        Grads g = Grads.all(p);
        net.lossAndGradient(p, shard, act, g, 1f);

        float h = 1e-2f;
        int checked = 0;
        for (int ti = 0; ti < p.all().size(); ti++) {
            Param t = p.all().get(ti);
            float[] grad = g.at(ti);
            for (int sample = 0; sample < 6; sample++) {
                int i = t.name().equals("tok_embeddings.weight") || t.name().equals("output.weight")
                        ? pickUsedRow(t, rng) : rng.nextInt(t.size());
                float keep = t.value()[i];
                t.value()[i] = keep + h;
                t.refreshTransposed();
                double up = net.forward(p, shard, act);
                t.value()[i] = keep - h;
                t.refreshTransposed();
                double down = net.forward(p, shard, act);
                t.value()[i] = keep;
                t.refreshTransposed();
                double numeric = (up - down) / (2 * h);
                assertThat((double) grad[i]).as("%s element %d", t.name(), i)
                        .isCloseTo(numeric, Offset.offset(3e-3 + 2e-2 * Math.abs(numeric)));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(6 * p.all().size());
    }

    /** An element of a row of a token the shard uses (other rows have zero gradient). */
    private static int pickUsedRow(Param t, XorShift64 rng) {
        int[] used = {'a', 'b', '=', 'z', ':', 257, 256};
        return used[rng.nextInt(used.length)] * t.cols() + rng.nextInt(t.cols());
    }
}
