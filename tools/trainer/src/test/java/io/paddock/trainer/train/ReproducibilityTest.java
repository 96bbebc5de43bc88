package io.paddock.trainer.train;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterWriter;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.hash.Sha256;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.SlmWriter;
import io.paddock.trainer.lora.LoraSpec;
import io.paddock.trainer.lora.LoraTrainer;
import io.paddock.trainer.model.ModelShape;
import io.paddock.trainer.model.ParamSet;
import io.paddock.trainer.optim.AdamConfig;
import io.paddock.trainer.task.TaskMix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same spec gives the same bytes, on 1 or 2 threads and on every JDK; training lowers the loss.
 * The golden digests pin the training arithmetic: if a change to the trainer moves them, the
 * committed examples no longer regenerate byte for byte — remake them ({@code paddock examples
 * make}) and update the digests together.
 */
class ReproducibilityTest {
    static final String GOLDEN_MODEL = "sha256:94d0aa2e69ea19f290a4e1ef054a043ff84a677ce23ea7bc1f303175ab1284ac";
    static final String GOLDEN_ADAPTER = "sha256:57a558aecf805bf558c27cb5dc60ec192a1dc858159f064dec295acd23365ecb";

    static final TrainSpec TINY = new TrainSpec(ModelShape.of(32, 2, 2, 64, 32),
            TaskMix.parse(List.of("reverse:1-4@3", "add:1@1")), 11, 30, 8, AdamConfig.of(3e-3f, 5, 0.01f));

    @Test
    void trainingTwiceGivesIdenticalFiles(@TempDir Path dir) throws Exception {
        List<Double> losses = new ArrayList<>();
        ParamSet a = ModelTrainer.train(TINY, 2, (step, total, loss, lr) -> losses.add(loss));
        ParamSet b = ModelTrainer.train(TINY, 1, TrainProgress.NONE);
        Path fa = dir.resolve("a.slm");
        Path fb = dir.resolve("b.slm");
        SlmFiles.write(a.toSlm(), fa);
        SlmFiles.write(b.toSlm(), fb);
        assertThat(Files.readAllBytes(fa)).isEqualTo(Files.readAllBytes(fb));
        assertThat(Digest.of(Files.readAllBytes(fa)).toString()).as("golden model digest").isEqualTo(GOLDEN_MODEL);
        assertThat(losses).hasSize(30);
        assertThat(losses.get(29)).isLessThan(losses.get(0) * 0.8);
        SlmModel back = SlmFiles.read(fa, io.paddock.protocol.slm.ChecksumPolicy.STRICT);
        assertThat(SlmWriter.toBytes(back)).isEqualTo(Files.readAllBytes(fa));
    }

    @Test
    void adapterTrainingTwiceGivesIdenticalFiles() {
        SlmModel parent = ModelTrainer.train(TINY, 2, TrainProgress.NONE).toSlm();
        byte[] sha = Sha256.hash(SlmWriter.toBytes(parent));
        LoraSpec spec = new LoraSpec(List.of("layers.*.wq.weight", "layers.*.w2.weight"), 2,
                TaskMix.parse(List.of("add:1")), 5, 10, 8, AdamConfig.of(3e-3f, 2, 0f), 0.5f);
        Adapter x = LoraTrainer.train(parent, sha, spec, 2, TrainProgress.NONE);
        Adapter y = LoraTrainer.train(parent, sha, spec, 1, TrainProgress.NONE);
        assertThat(AdapterWriter.write(x)).isEqualTo(AdapterWriter.write(y));
        assertThat(Digest.of(AdapterWriter.write(x)).toString()).as("golden adapter digest").isEqualTo(GOLDEN_ADAPTER);
        assertThat(x.records()).hasSize(4);
        assertThat(x.binding().parentSha256()).isEqualTo(sha);
    }
}
