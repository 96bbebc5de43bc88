package io.paddock.coordinator.bench;

import io.paddock.cli.Main;
import io.paddock.cli.farm.RunCommand;
import io.paddock.protocol.adapter.AdapterKind;
import io.paddock.protocol.adapter.AdapterWriter;
import io.paddock.protocol.adapter.RandomAdapterSpec;
import io.paddock.protocol.adapter.RandomAdapters;
import io.paddock.protocol.slm.DType;
import io.paddock.protocol.slm.ModelConverter;
import io.paddock.protocol.slm.RandomModelSpec;
import io.paddock.protocol.slm.RandomModels;
import io.paddock.protocol.slm.SlmFiles;
import io.paddock.protocol.slm.SlmModel;
import io.paddock.protocol.slm.TokenizerSpec;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Farm overhead: {@code paddock run} on a generation of about a minute of pure evaluation (four
 * candidates of a 4-layer, 256-wide model, 48 cases of 160 new tokens), printing the wall time
 * against the evaluation time divided by the workers. Arguments: [workers] [cases].
 */
public final class FarmOverheadBench {
    private FarmOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int cases = args.length > 1 ? Integer.parseInt(args[1]) : 48;
        Path dir = Files.createTempDirectory("paddock-overhead");
        SlmModel base = RandomModels.generate(RandomModelSpec.of(4, 256, 4, 4, 768, 512, TokenizerSpec.btok(),
                DType.F32, false, 5));
        SlmFiles.write(base, dir.resolve("base.slm"));
        SlmFiles.write(ModelConverter.convert(base, DType.Q8_0, 32), dir.resolve("q8.slm"));
        Files.write(dir.resolve("child.adp1"), AdapterWriter.write(RandomAdapters.generate(base, null,
                RandomAdapterSpec.defaults(AdapterKind.LOW_RANK, 9))));
        StringBuilder suite = new StringBuilder();
        for (int i = 0; i < cases; i++) {
            suite.append("{\"id\": \"c").append(i).append("\", \"prompt\": \"case ").append(i)
                    .append(": \", \"expected\": \"x\", \"max_new_tokens\": 160}\n");
        }
        Files.writeString(dir.resolve("suite.jsonl"), suite);
        Files.writeString(dir.resolve("g.json"), "{\"name\": \"overhead\", \"suite\": \"suite.jsonl\", \"candidates\": ["
                + "{\"id\": \"base\", \"model\": \"base.slm\", \"parent\": true},"
                + "{\"id\": \"q8\", \"model\": \"q8.slm\"},"
                + "{\"id\": \"lowrank\", \"model\": \"base.slm\", \"adapters\": [\"child.adp1\"]},"
                + "{\"id\": \"q8-lowrank\", \"model\": \"q8.slm\", \"adapters\": [\"child.adp1\"]}]}");
        CommandLine cl = Main.commandLine();
        if (!cl.getSubcommands().containsKey("run")) {
            cl.addSubcommand("run", new RunCommand());
        }
        int code = cl.execute("run", dir.resolve("g.json").toString(), "--workers", Integer.toString(workers),
                "--out", dir.resolve("out").toString());
        System.exit(code);
    }
}
