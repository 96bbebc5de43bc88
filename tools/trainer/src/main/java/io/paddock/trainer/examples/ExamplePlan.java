package io.paddock.trainer.examples;

import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.adapter.RandomAdapterSpec;
import io.paddock.protocol.generation.Objectives;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.TokenizerSpec;
import io.paddock.protocol.suite.Sampling;
import io.paddock.trainer.lora.LoraSpec;
import io.paddock.trainer.model.ModelShape;
import io.paddock.trainer.optim.AdamConfig;
import io.paddock.trainer.task.SuiteMaker;
import io.paddock.trainer.task.TaskMix;
import io.paddock.trainer.train.TrainSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * Every setting behind the files of {@code examples/}: the parent's training, the held-out
 * suites, the trained adapter, the random mutations, the adapter for a foreign model, and the
 * demo generation. {@link #standard()} is what the committed files were made with.
 *
 * @param parent         the parent's training
 * @param suites         held-out suites, the first being the parent's main task
 * @param adapter        the trained low-rank adapter
 * @param adapterName    its file stem under {@code adapters/}
 * @param adapterTask    the task (suite) it is trained to improve
 * @param mutations      random descendants, bound to the parent
 * @param foreignModel   a random model of another shape
 * @param foreignAdapter an adapter made for that model (does not bind to the parent)
 * @param sampling       the demo generation's sampling
 * @param objectives     the demo generation's objective weights
 */
public record ExamplePlan(TrainSpec parent, List<SuitePlan> suites, LoraSpec adapter, String adapterName,
                          String adapterTask, List<MutationPlan> mutations, RandomModelSpec foreignModel,
                          RandomAdapterSpec foreignAdapter, Sampling sampling, Objectives objectives) {
    public static final String GENERATION_NAME = "demo: a trained parent and its descendants";
    /** Quality first; log-likelihood, cost, speed and size as tie-breakers. */
    public static final Objectives OBJECTIVES = new Objectives(1, 0.25, 0.1, 0.05, 0.1);

    public ExamplePlan {
        suites = List.copyOf(suites);
        mutations = List.copyOf(mutations);
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("the examples need at least one suite");
        }
    }

    /** The committed examples. */
    public static ExamplePlan standard() {
        TrainSpec parent = new TrainSpec(ModelShape.of(128, 4, 4, 384, 64),
                TaskMix.parse(List.of("reverse:1-6@4", "add:2@1")), 1, 2500, 32, AdamConfig.of(2e-3f, 100, 0.01f));
        LoraSpec adapter = new LoraSpec(List.of("layers.*.w*.weight"), 16,
                TaskMix.parse(List.of("add:2@3", "reverse:1-6@1")), 7, 1500, 32, AdamConfig.of(3e-3f, 100, 0f),
                (float) (1 / Math.sqrt(16)));
        List<SuitePlan> suites = suites(parent, 100, 40);
        return new ExamplePlan(parent, suites, adapter, "add-lora", "add",
                mutations(new float[] {3f, 10f, 30f}, new float[] {10f, 30f, 100f}, new float[] {3f, 10f, 30f}),
                defaultForeignModel(), defaultForeignAdapter(), Sampling.GREEDY, OBJECTIVES);
    }

    /** A seconds-long version with the same structure (for tests). */
    public static ExamplePlan tiny() {
        TrainSpec parent = new TrainSpec(ModelShape.of(32, 2, 2, 64, 32),
                TaskMix.parse(List.of("reverse:1-4@3", "add:2@1")), 1, 20, 8, AdamConfig.of(3e-3f, 5, 0.01f));
        LoraSpec adapter = new LoraSpec(List.of("layers.*.wq.weight", "layers.*.w2.weight"), 2,
                TaskMix.parse(List.of("add:2")), 7, 5, 8, AdamConfig.of(3e-3f, 2, 0f), 0.5f);
        List<SuitePlan> suites = suites(parent, 12, 4);
        return new ExamplePlan(parent, suites, adapter, "add-lora", "add",
                mutations(new float[] {1f, 4f, 16f}, new float[] {1f, 4f, 16f}, new float[] {1f, 4f, 16f}),
                defaultForeignModel(), defaultForeignAdapter(), Sampling.GREEDY, OBJECTIVES);
    }

    /** One suite per task of the parent, in its order, each with the task's default seed. */
    private static List<SuitePlan> suites(TrainSpec parent, int cases, int demoCases) {
        List<SuitePlan> out = new ArrayList<>();
        for (TaskMix.Entry e : parent.tasks().entries()) {
            out.add(new SuitePlan(e.task(), cases, demoCases, SuiteMaker.defaultSeed(e.task())));
        }
        return out;
    }

    /** Dense (on the attention outputs), sparse and low-rank (on every tensor) at light, medium, heavy. */
    private static List<MutationPlan> mutations(float[] dense, float[] sparse, float[] lowRank) {
        String[] strength = {"light", "medium", "heavy"};
        List<MutationPlan> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            out.add(new MutationPlan("dense-" + strength[i], RandomAdapterSpec.defaults(AdapterKind.DENSE, 101 + i)
                    .withTensors("layers.*.wo.weight").withScale(dense[i]).withBindParent(true)));
        }
        for (int i = 0; i < 3; i++) {
            out.add(new MutationPlan("sparse-" + strength[i], RandomAdapterSpec.defaults(AdapterKind.SPARSE, 201 + i)
                    .withDensity(0.02).withScale(sparse[i]).withBindParent(true)));
        }
        for (int i = 0; i < 3; i++) {
            out.add(new MutationPlan("lowrank-" + strength[i], RandomAdapterSpec.defaults(AdapterKind.LOW_RANK,
                    301 + i).withRank(4).withScale(lowRank[i]).withBindParent(true)));
        }
        return out;
    }

    /** A random model of another shape (2 layers, hidden 64), for the adapter that cannot bind. */
    private static RandomModelSpec defaultForeignModel() {
        return RandomModelSpec.of(2, 64, 4, 4, 192, 64, TokenizerSpec.btok(), DType.F32, false, 9);
    }

    private static RandomAdapterSpec defaultForeignAdapter() {
        return RandomAdapterSpec.defaults(AdapterKind.LOW_RANK, 401).withRank(4);
    }
}
