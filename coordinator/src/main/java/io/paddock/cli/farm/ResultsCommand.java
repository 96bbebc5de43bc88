package io.paddock.cli.farm;

import io.paddock.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code paddock results ID --coordinator URL [--format table|json|csv] [--evidence FILE]}. */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = "Print a finished generation's ranking (table, json or csv); optionally save its evidence JSONL.")
public final class ResultsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "the generation id")
    String id;

    @Mixin
    ClientOptions client;

    @Option(names = "--format", defaultValue = "table", description = "table (default), json or csv")
    String format;

    @Option(names = "--evidence", paramLabel = "FILE", description = "also write the evidence JSONL to FILE")
    Path evidence;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json") && !format.equals("csv")) {
            throw new IllegalArgumentException("--format must be table, json or csv, got '" + format + "'");
        }
        FarmClient c = client.client();
        try {
            System.out.print(c.ranking(id, format));
            if (evidence != null) {
                c.evidence(id, evidence);
                System.err.println("evidence written to " + evidence);
            }
            return ExitCode.OK;
        } catch (FarmException e) {
            if (e.status() == 409) {
                System.err.println("paddock results: " + e.getMessage());
                return ExitCode.FAILURE;
            }
            return Exits.refused(e, System.err, "results");
        }
    }
}
