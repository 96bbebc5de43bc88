package io.paddock.cli;

import io.paddock.protocol.evidence.Diagnostics;
import io.paddock.runtime.eval.Assembler;
import io.paddock.runtime.eval.Candidate;
import io.paddock.runtime.generate.GenerationResult;
import io.paddock.runtime.generate.Generator;
import io.paddock.runtime.kernel.Kernels;
import io.paddock.runtime.model.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code paddock generate MODEL [--adapter A]... --prompt TEXT}: one deterministic generation and its diagnostics. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate text from a model (plus adapters, in order) and print the runtime diagnostics.")
final class GenerateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "the .slm model")
    Path model;

    @Option(names = "--adapter", paramLabel = "A", description = "an adapter package; repeat to stack them in order")
    List<Path> adapters = new ArrayList<>();

    @Option(names = "--prompt", required = true, paramLabel = "TEXT")
    String prompt;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "default 64")
    int maxNewTokens;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    KernelOptions kernelOptions;

    @Option(names = "--json", description = "JSON output, with prompt and generated token ids")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Model assembled = Assembler.assemble(
                new Candidate(Inputs.model(model), Inputs.adapters(adapters), Inputs.sha256(model)));
        Kernels kernels = kernelOptions.create();
        try {
            GenerationResult r = new Generator(kernels)
                    .generate(assembled, prompt.getBytes(StandardCharsets.UTF_8), maxNewTokens, sampling.sampling());
            print(System.out, r, kernels.name());
        } finally {
            KernelOptions.close(kernels);
        }
        return ExitCode.OK;
    }

    private void print(PrintStream out, GenerationResult r, String kernels) {
        Diagnostics d = r.diagnostics();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prompt", prompt);
            m.put("prompt_tokens", r.promptTokens());
            m.put("text", r.text());
            m.put("valid_utf8", r.validUtf8());
            m.put("output_tokens", r.outputTokens());
            m.put("diagnostics", diagnostics(d, kernels));
            out.println(Json.pretty(m));
            return;
        }
        out.println(r.text());
        if (!r.validUtf8()) {
            out.println("(output is not valid UTF-8: invalid bytes shown as U+FFFD; as evidence this is a failed match)");
        }
        out.println();
        out.printf("tokens      prompt %d, generated %d, kv length %d%n", d.promptTokens(), d.generatedTokens(),
                d.kvLength());
        out.printf("time        prefill %.1f ms, decode %.1f ms, %.1f tokens/s (%s)%n", d.prefillNanos() / 1e6,
                d.decodeNanos() / 1e6, d.tokensPerSecond(), kernels);
        out.printf("model       %s, %d adapter(s), assembly checksum %s, scratch %,d bytes%n", d.quantization(),
                d.adapterCount(), Json.hex64(d.assemblyChecksum()), d.peakScratchBytes());
        out.printf("sampling    temperature %s, top_k %d, top_p %s, seed %s%n", d.sampling().temperature(),
                d.sampling().topK(), d.sampling().topP(), Long.toUnsignedString(d.sampling().seed()));
        out.printf("last error  %s%n", d.lastError().isEmpty() ? "none" : d.lastError());
    }

    static Map<String, Object> diagnostics(Diagnostics d, String kernels) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prompt_token_count", d.promptTokens());
        m.put("generated_token_count", d.generatedTokens());
        m.put("prefill_ms", d.prefillNanos() / 1e6);
        m.put("decode_ms", d.decodeNanos() / 1e6);
        m.put("tokens_per_second", d.tokensPerSecond());
        m.put("kv_length", d.kvLength());
        m.put("peak_scratch_bytes", d.peakScratchBytes());
        m.put("quantization", d.quantization());
        m.put("adapter_count", d.adapterCount());
        m.put("assembly_checksum", Json.hex64(d.assemblyChecksum()));
        m.put("last_error", d.lastError());
        m.put("kernels", kernels);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("temperature", d.sampling().temperature());
        s.put("top_k", d.sampling().topK());
        s.put("top_p", d.sampling().topP());
        s.put("seed", Long.toUnsignedString(d.sampling().seed()));
        m.put("sampling", s);
        return m;
    }
}
