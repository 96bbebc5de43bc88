package io.paddock.trainer.examples;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterReader;
import io.paddock.protocol.adapter.AdapterWriter;
import io.paddock.protocol.adapter.RandomAdapters;
import io.paddock.protocol.generation.CandidateSpec;
import io.paddock.protocol.generation.GenerationSpec;
import io.paddock.protocol.generation.SuiteRef;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.hash.Sha256;
import io.paddock.protocol.slm.ChecksumPolicy;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.ModelConverter;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.SlmFormat;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.SlmWriter;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.Suite;
import io.paddock.protocol.suite.SuiteWriter;
import io.paddock.trainer.eval.RuntimeEval;
import io.paddock.trainer.eval.SuiteScore;
import io.paddock.trainer.lora.LoraTrainer;
import io.paddock.trainer.model.ParamSet;
import io.paddock.trainer.task.SuiteMaker;
import io.paddock.trainer.train.ModelTrainer;
import io.paddock.trainer.train.TrainProgress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Makes every file of {@code examples/} from an {@link ExamplePlan}, then measures the result
 * with the runtime. All files are deterministic (the same plan gives the same bytes, whatever the
 * thread count); only the reported times vary.
 *
 * <pre>
 * parent.slm, parent-q8_0.slm, parent-q4_0.slm     the trained parent and its quantized forms
 * suites/&lt;task&gt;.jsonl, suites/demo.jsonl            held-out suites; the demo mixes their first cases
 * adapters/&lt;name&gt;.alr1                             the trained adapter (bound to parent.slm)
 * adapters/{dense,sparse,lowrank}-{light,medium,heavy}.*   random mutations (bound to parent.slm)
 * adapters/foreign.alr1                            made for another model: does not bind
 * demo/generation.json                             the demo generation (paths relative to it)
 * </pre>
 */
public final class ExampleMaker {
    public static final String PARENT = "parent.slm";
    public static final String FOREIGN = "foreign";
    public static final String DEMO_SUITE = "demo.jsonl";
    private static final int LOG_EVERY = 100;

    private ExampleMaker() {
    }

    public static ExampleReport make(ExamplePlan plan, Path out, int threads, Consumer<String> log) throws IOException {
        Files.createDirectories(out.resolve("suites"));
        Files.createDirectories(out.resolve("adapters"));
        Files.createDirectories(out.resolve("demo"));
        Map<String, Long> sizes = new LinkedHashMap<>();

        // 1. the parent and its quantized forms
        long start = System.nanoTime();
        ParamSet params = ModelTrainer.train(plan.parent(), threads, progress("parent", log));
        double parentSeconds = (System.nanoTime() - start) / 1e9;
        SlmModel f32 = params.toSlm();
        byte[] parentBytes = write(out, PARENT, SlmWriter.toBytes(f32), sizes);
        byte[] parentSha = Sha256.hash(parentBytes);
        for (DType dtype : new DType[] {DType.Q8_0, DType.Q4_0}) {
            SlmModel q = ModelConverter.convert(f32, dtype, SlmFormat.DEFAULT_Q4_BLOCK);
            write(out, quantizedName(dtype), SlmWriter.toBytes(q), sizes);
        }
        log.accept(String.format(Locale.ROOT, "parent trained in %.1f s", parentSeconds));

        // 2. held-out suites, and the demo suite from their first cases
        List<EvalCase> demoCases = new ArrayList<>();
        for (SuitePlan s : plan.suites()) {
            List<EvalCase> cases = SuiteMaker.cases(s.task(), s.cases(), s.seed());
            write(out, "suites/" + s.fileName(), SuiteWriter.toUtf8(new Suite(s.task().name(), cases)), sizes);
            demoCases.addAll(cases.subList(0, s.demoCases()));
        }
        write(out, "suites/" + DEMO_SUITE, SuiteWriter.toUtf8(new Suite("demo", demoCases)), sizes);

        // 3. the trained adapter
        start = System.nanoTime();
        Adapter trained = LoraTrainer.train(f32, parentSha, plan.adapter(), threads, progress("adapter", log));
        double adapterSeconds = (System.nanoTime() - start) / 1e9;
        write(out, adapterPath(plan), AdapterWriter.write(trained), sizes);
        log.accept(String.format(Locale.ROOT, "adapter trained in %.1f s", adapterSeconds));

        // 4. random mutations, and an adapter made for a foreign model
        for (MutationPlan m : plan.mutations()) {
            Adapter mutation = RandomAdapters.generate(f32, parentSha, m.spec());
            write(out, "adapters/" + m.fileName(), AdapterWriter.write(mutation), sizes);
        }
        SlmModel foreign = RandomModels.generate(plan.foreignModel());
        Adapter foreignAdapter = RandomAdapters.generate(foreign, null, plan.foreignAdapter());
        write(out, foreignPath(plan), AdapterWriter.write(foreignAdapter), sizes);

        // 5. the demo generation
        GenerationSpec generation = generation(plan);
        write(out, "demo/generation.json", GenerationJson.write(generation).getBytes(StandardCharsets.UTF_8), sizes);

        // 6. measure, from the written files
        log.accept("measuring with the runtime (greedy)…");
        return measure(plan, out, generation, parentSeconds, adapterSeconds, sizes);
    }

    /** The demo generation: parent, quantized forms, trained adapter, mutations, foreign adapter. */
    public static GenerationSpec generation(ExamplePlan plan) {
        List<CandidateSpec> c = new ArrayList<>();
        c.add(new CandidateSpec("parent", "../" + PARENT, List.of(), true));
        c.add(new CandidateSpec("parent-q8_0", "../" + quantizedName(DType.Q8_0), List.of(), false));
        c.add(new CandidateSpec("parent-q4_0", "../" + quantizedName(DType.Q4_0), List.of(), false));
        c.add(new CandidateSpec(plan.adapterName(), "../" + PARENT, List.of("../" + adapterPath(plan)), false));
        for (MutationPlan m : plan.mutations()) {
            c.add(new CandidateSpec(m.name(), "../" + PARENT, List.of("../adapters/" + m.fileName()), false));
        }
        c.add(new CandidateSpec(FOREIGN, "../" + PARENT, List.of("../" + foreignPath(plan)), false));
        return new GenerationSpec(ExamplePlan.GENERATION_NAME, new SuiteRef.Reference("../suites/" + DEMO_SUITE),
                plan.sampling(), plan.objectives(), c);
    }

    public static String quantizedName(DType dtype) {
        return "parent-" + dtype.label() + ".slm";
    }

    static String adapterPath(ExamplePlan plan) {
        return "adapters/" + plan.adapterName() + ".alr1";
    }

    static String foreignPath(ExamplePlan plan) {
        return "adapters/" + FOREIGN + plan.foreignAdapter().kind().extension();
    }

    private static ExampleReport measure(ExamplePlan plan, Path out, GenerationSpec generation, double parentSeconds,
                                         double adapterSeconds, Map<String, Long> sizes) throws IOException {
        Path parentPath = out.resolve(PARENT);
        SlmModel parent = SlmFiles.read(parentPath, ChecksumPolicy.STRICT);
        Digest parentDigest = Digest.of(Files.readAllBytes(parentPath));
        Map<String, SlmModel> forms = new LinkedHashMap<>();
        forms.put("parent", parent);
        forms.put("parent-q8_0", SlmFiles.read(out.resolve(quantizedName(DType.Q8_0)), ChecksumPolicy.STRICT));
        forms.put("parent-q4_0", SlmFiles.read(out.resolve(quantizedName(DType.Q4_0)), ChecksumPolicy.STRICT));
        Adapter trained = AdapterReader.read(Files.readAllBytes(out.resolve(adapterPath(plan))));

        Map<String, Map<String, SuiteScore>> bySuite = new LinkedHashMap<>();
        for (SuitePlan s : plan.suites()) {
            List<EvalCase> cases = SuiteMaker.cases(s.task(), s.cases(), s.seed());
            Map<String, SuiteScore> scores = new LinkedHashMap<>();
            forms.forEach((name, model) -> scores.put(name, RuntimeEval.score(model, cases)));
            scores.put(plan.adapterName(), RuntimeEval.score(parent, List.of(trained), parentDigest, cases));
            bySuite.put("suites/" + s.fileName(), scores);
        }

        List<EvalCase> demoCases = new ArrayList<>();
        for (SuitePlan s : plan.suites()) {
            demoCases.addAll(SuiteMaker.cases(s.task(), s.cases(), s.seed()).subList(0, s.demoCases()));
        }
        Map<String, SuiteScore> demo = new LinkedHashMap<>();
        for (CandidateSpec c : generation.candidates()) {
            SlmModel model = forms.getOrDefault(c.id(), parent);
            List<Adapter> adapters = new ArrayList<>();
            for (String a : c.adapters()) {
                adapters.add(AdapterReader.read(Files.readAllBytes(out.resolve(a.substring("../".length())))));
            }
            Digest digest = model == parent ? parentDigest : null;
            demo.put(c.id(), RuntimeEval.score(model, adapters, digest, demoCases));
        }
        return new ExampleReport(parentSeconds, adapterSeconds, bySuite, demo, sizes);
    }

    private static byte[] write(Path out, String name, byte[] bytes, Map<String, Long> sizes) throws IOException {
        Files.write(out.resolve(name), bytes);
        sizes.put(name, (long) bytes.length);
        return bytes;
    }

    private static TrainProgress progress(String what, Consumer<String> log) {
        long start = System.nanoTime();
        double[] sum = new double[1];
        int[] count = new int[1];
        return (step, total, meanLoss, lr) -> {
            sum[0] += meanLoss;
            count[0]++;
            if (step % LOG_EVERY == 0 || step == total) {
                log.accept(String.format(Locale.ROOT, "%s step %d/%d  loss %.4f  lr %.5f  %.1f s", what, step, total,
                        sum[0] / count[0], lr, (System.nanoTime() - start) / 1e9));
                sum[0] = 0;
                count[0] = 0;
            }
        };
    }
}
