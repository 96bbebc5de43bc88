package io.paddock.trainer.examples;

import io.paddock.trainer.eval.SuiteScore;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link ExampleMaker} measured: training times (wall clock, not reproducible), held-out
 * accuracy of each parent form per task suite, the trained adapter against the parent, every
 * demo candidate on the demo suite (all through the runtime, greedy), and file sizes.
 */
public record ExampleReport(double parentSeconds, double adapterSeconds,
                            Map<String, Map<String, SuiteScore>> bySuite,
                            Map<String, SuiteScore> demo, Map<String, Long> fileBytes) {

    public ExampleReport {
        bySuite = copy(bySuite);
        demo = new LinkedHashMap<>(demo);
        fileBytes = new LinkedHashMap<>(fileBytes);
    }

    private static Map<String, Map<String, SuiteScore>> copy(Map<String, Map<String, SuiteScore>> in) {
        Map<String, Map<String, SuiteScore>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
        return out;
    }

    /** A plain-text summary for the terminal and the examples README. */
    public String render() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "training: parent %.1f s, adapter %.1f s (wall clock)%n",
                parentSeconds, adapterSeconds));
        for (Map.Entry<String, Map<String, SuiteScore>> suite : bySuite.entrySet()) {
            s.append("held-out suite ").append(suite.getKey()).append(":\n");
            suite.getValue().forEach((who, score) ->
                    s.append(String.format(Locale.ROOT, "  %-16s %s%n", who, score)));
        }
        s.append("demo suite (suites/demo.jsonl):\n");
        demo.forEach((who, score) -> s.append(String.format(Locale.ROOT, "  %-16s %s%n", who, score)));
        s.append("files:\n");
        fileBytes.forEach((file, bytes) -> s.append(String.format(Locale.ROOT, "  %-28s %,d bytes%n", file, bytes)));
        return s.toString();
    }
}
