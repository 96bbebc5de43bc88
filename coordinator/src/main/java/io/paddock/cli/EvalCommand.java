package io.paddock.cli;

import io.paddock.coordinator.rank.Interval;
import io.paddock.coordinator.rank.QualityBootstrap;
import io.paddock.protocol.error.FormatException;
import io.paddock.protocol.evidence.CaseEvidence;
import io.paddock.protocol.evidence.CaseFailure;
import io.paddock.protocol.evidence.CaseResult;
import io.paddock.protocol.json.JsonWriter;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.Suite;
import io.paddock.protocol.suite.SuiteParser;
import io.paddock.protocol.wire.WireCodec;
import io.paddock.runtime.eval.Candidate;
import io.paddock.runtime.eval.CandidateEvaluation;
import io.paddock.runtime.eval.Evaluator;
import io.paddock.runtime.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code paddock eval MODEL [--adapter A]... --suite FILE [--out DIR]}: run an eval suite on one candidate. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate one candidate (model + adapters) on an eval suite: per-case table, summary, "
                + "evidence.jsonl and summary.json.")
final class EvalCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL")
    Path model;

    @Option(names = "--adapter", paramLabel = "A", description = "an adapter package; repeat to stack them in order")
    List<Path> adapters = new ArrayList<>();

    @Option(names = "--suite", required = true, paramLabel = "FILE", description = "JSONL eval suite")
    Path suiteFile;

    @Option(names = "--out", paramLabel = "DIR", description = "write evidence.jsonl and summary.json here")
    Path outDir;

    @Option(names = "--quiet", description = "no per-case table")
    boolean quiet;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    KernelOptions kernelOptions;

    @Override
    public Integer call() throws IOException {
        Suite suite = SuiteParser.parse(Files.readAllBytes(suiteFile), suiteFile.getFileName().toString());
        Candidate candidate = new Candidate(Inputs.model(model), Inputs.adapters(adapters), Inputs.sha256(model));
        PrintStream out = System.out;
        ProgressBar bar = new ProgressBar(System.err, "eval");
        Kernels kernels = kernelOptions.create();
        CandidateEvaluation evaluation;
        try {
            evaluation = new Evaluator(kernels).evaluate(candidate, suite.cases(), sampling.sampling(),
                    (i, n, r) -> bar.update(i + 1, n, r.caseId()));
        } finally {
            KernelOptions.close(kernels);
        }
        if (evaluation instanceof CandidateEvaluation.Failed f) {
            throw new FormatException(f.code(), "the candidate cannot be assembled", f.cause());
        }
        CandidateEvaluation.Completed done = (CandidateEvaluation.Completed) evaluation;
        if (!quiet) {
            printTable(out, suite.cases(), done.results());
        }
        Map<String, Object> summary = summary(suite, done);
        printSummary(out, summary);
        if (outDir != null) {
            Files.createDirectories(outDir);
            StringBuilder jsonl = new StringBuilder();
            for (CaseResult r : done.results()) {
                jsonl.append(JsonWriter.write(WireCodec.caseResultToJson(r))).append('\n');
            }
            Files.writeString(outDir.resolve("evidence.jsonl"), jsonl, StandardCharsets.UTF_8);
            Files.writeString(outDir.resolve("summary.json"), Json.pretty(summary) + "\n", StandardCharsets.UTF_8);
            out.printf("wrote %s and %s%n", outDir.resolve("evidence.jsonl"), outDir.resolve("summary.json"));
        }
        return ExitCode.OK;
    }

    private static void printTable(PrintStream out, List<EvalCase> cases, List<CaseResult> results) {
        out.printf("%-16s %-6s %6s %8s %8s  %s%n", "case", "result", "edit", "loglik", "tok/s", "output");
        for (int i = 0; i < results.size(); i++) {
            CaseResult r = results.get(i);
            if (r instanceof CaseEvidence e) {
                out.printf("%-16s %-6s %6.3f %8.3f %8.1f  %s%n", clip(e.caseId(), 16), e.matched() ? "pass" : "fail",
                        e.editSimilarity(), e.logLikelihoodMean(), e.diagnostics().tokensPerSecond(),
                        clip(printable(e.outputText()), 40) + (e.matched() ? "" : "  (expected " + clip(printable(cases.get(i).expected()), 24) + ")"));
            } else {
                CaseFailure f = (CaseFailure) r;
                out.printf("%-16s %-6s %6s %8s %8s  %s: %s%n", clip(f.caseId(), 16), "error", "-", "-", "-",
                        f.code().publishedName(), f.cause());
            }
        }
        out.println();
    }

    private Map<String, Object> summary(Suite suite, CandidateEvaluation.Completed done) throws IOException {
        List<CaseResult> results = done.results();
        int[] scores = new int[results.size()];
        int passed = 0;
        int errored = 0;
        double llSum = 0;
        long llTokens = 0;
        double edit = 0;
        long generated = 0;
        long decodeNanos = 0;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof CaseEvidence e) {
                scores[i] = e.matched() ? 1 : 0;
                passed += scores[i];
                llSum += e.logLikelihoodSum();
                llTokens += e.expectedTokens();
                edit += e.editSimilarity();
                generated += e.diagnostics().generatedTokens();
                decodeNanos += e.diagnostics().decodeNanos();
            } else {
                errored++;
            }
        }
        Interval ci = QualityBootstrap.interval(scores, 2000, sampling.seed);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.toString());
        m.put("model_sha256", Inputs.sha256(model).toString());
        List<String> adapterNames = new ArrayList<>();
        for (Path a : adapters) {
            adapterNames.add(a.toString());
        }
        m.put("adapters", adapterNames);
        m.put("suite", suiteFile.toString());
        m.put("cases", results.size());
        m.put("passed", passed);
        m.put("failed", results.size() - passed - errored);
        m.put("errored", errored);
        m.put("pass_rate", (double) passed / results.size());
        m.put("pass_rate_95ci", List.of(ci.low(), ci.high()));
        m.put("mean_loglik_per_token", llTokens == 0 ? 0.0 : llSum / llTokens);
        m.put("mean_edit_similarity", results.size() == errored ? 0.0 : edit / (results.size() - errored));
        m.put("tokens_per_second", decodeNanos == 0 ? 0.0 : generated / (decodeNanos / 1e9));
        m.put("evidence_digest", done.evidenceDigest());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("temperature", sampling.temperature);
        s.put("top_k", sampling.topK);
        s.put("top_p", sampling.topP);
        s.put("seed", Long.toUnsignedString(sampling.seed));
        m.put("sampling", s);
        m.put("suite_cases", suite.size());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void printSummary(PrintStream out, Map<String, Object> s) {
        List<Double> ci = (List<Double>) s.get("pass_rate_95ci");
        out.printf("pass rate   %d/%d = %.1f%%  (95%% bootstrap interval %.1f%% – %.1f%%)%n", (Integer) s.get("passed"),
                (Integer) s.get("cases"), 100 * (Double) s.get("pass_rate"), 100 * ci.get(0), 100 * ci.get(1));
        out.printf("errors      %d case(s) could not run%n", (Integer) s.get("errored"));
        out.printf("loglik      %.4f per expected token (mean)%n", (Double) s.get("mean_loglik_per_token"));
        out.printf("edit sim    %.3f (mean)%n", (Double) s.get("mean_edit_similarity"));
        out.printf("speed       %.1f tokens/s%n", (Double) s.get("tokens_per_second"));
        out.printf("evidence    %s%n", s.get("evidence_digest"));
    }

    private static String printable(String s) {
        return s.replace("\n", "\\n").replace("\t", "\\t");
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
