package io.paddock.browser;

import io.paddock.protocol.adapter.Adapter;
import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.adapter.AdapterReader;
import io.paddock.protocol.adapter.AdapterWriter;
import io.paddock.protocol.adapter.RandomAdapterSpec;
import io.paddock.protocol.adapter.RandomAdapters;
import io.paddock.protocol.hash.Digest;
import io.paddock.protocol.io.ByteSource;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.SlmReader;
import io.paddock.protocol.slm.SlmWriter;
import io.paddock.protocol.slm.TokenizerSpec;
import io.paddock.protocol.suite.EvalCase;
import io.paddock.protocol.suite.MatchRule;

import java.util.List;

/** Seeded models, adapters and cases for the browser tests, as package bytes plus the JVM's view of them. */
final class Fixtures {
    private Fixtures() {
    }

    /** A package: its bytes and digest. */
    record Package(byte[] bytes, String digest) {
        static Package of(byte[] bytes) {
            return new Package(bytes, Digest.of(bytes).toString());
        }
    }

    /**
     * Model shapes chosen to exercise every kernel path: row counts not divisible by 4 (GQA kv dim),
     * widths with 8-, 16- and 32-element steps and scalar tails, q4_0 blocks of 32 and of 62
     * (32 + 16 + 8 + a 6-element tail).
     */
    static RandomModelSpec spec(DType dtype, boolean bpe, int shape, long seed) {
        TokenizerSpec tok = bpe ? TokenizerSpec.bpe(301) : TokenizerSpec.btok();
        RandomModelSpec s;
        switch (shape) {
            case 0:  // hidden 88 = 5×16 + 8, ffn 150 = 9×16 + 6; kv dim 44 (rows % 4 = 0) and vocab 301 (% 4 = 1)
                s = RandomModelSpec.of(2, 88, 2, 1, 150, 64, tok, dtype, false, seed);
                break;
            case 1:  // hidden 92 = 5×16 + 12, kv dim 46 (rows % 4 = 2), tied output
                s = RandomModelSpec.of(2, 92, 2, 1, 150, 64, tok, dtype, true, seed);
                break;
            case 2:  // q4_0 block 62: hidden 124, ffn 186
                s = new RandomModelSpec(2, 124, 2, 1, 186, 64, tok, dtype, 62, false, seed,
                        RandomModelSpec.DEFAULT_ROPE_THETA, RandomModelSpec.DEFAULT_RMS_NORM_EPSILON);
                break;
            default: // q4_0 block 32: hidden 96, ffn 160, tied
                s = RandomModelSpec.of(2, 96, 2, 1, 160, 64, tok, dtype, true, seed);
                break;
        }
        return s;
    }

    static Package model(RandomModelSpec spec) {
        return Package.of(SlmWriter.toBytes(RandomModels.generate(spec)));
    }

    /** The model as the JVM worker reads it (from the package bytes). */
    static SlmModel read(Package p) {
        return SlmReader.read(ByteSource.of(p.bytes()));
    }

    /** A seeded adapter of {@code kind} over some tensors of {@code base}, bound to its digest. */
    static Package adapter(Package base, AdapterKind kind, long seed) {
        SlmModel model = read(base);
        String tensors = kind == AdapterKind.DENSE ? "layers.1.*" : kind == AdapterKind.SPARSE ? "*" : "layers.*.w?.weight";
        RandomAdapterSpec spec = RandomAdapterSpec.defaults(kind, seed).withTensors(tensors).withDensity(0.05)
                .withBindParent(true).withScale(kind == AdapterKind.LOW_RANK ? 2f : 1f);
        Adapter a = RandomAdapters.generate(model, Digest.parse(base.digest()).bytes(), spec);
        return Package.of(AdapterWriter.write(a));
    }

    static Adapter readAdapter(Package p) {
        return AdapterReader.read(p.bytes());
    }

    /** Cases with every kind of outcome: matches or not, long and short, UTF-8 text, and one that fails (context). */
    static List<EvalCase> cases() {
        return List.of(
                new EvalCase("greeting", "Hello, world", " and", 12, MatchRule.PREFIX),
                new EvalCase("story", "Once upon a time there was", " a little", 24, MatchRule.CONTAINS),
                new EvalCase("the", "the theme of the thesis", "the", 8, MatchRule.EXACT),
                new EvalCase("utf8", "Grüße, 東京 ✓", "✓", 10, MatchRule.CONTAINS),
                new EvalCase("too-long", "x".repeat(80), "y", 4, MatchRule.EXACT),
                new EvalCase("fill", "a", "bcdefgh", 60, MatchRule.PREFIX));
    }
}
