package io.paddock.cli.farm;

import io.paddock.cli.ExitCode;
import io.paddock.protocol.generation.GenerationFiles;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code paddock submit GENERATION.json --coordinator URL --token T [--wait]}. */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Upload a generation's packages to a coordinator and submit it; prints the generation id. "
                + "With --wait, shows progress and prints the ranking table when it is done.")
public final class SubmitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "GENERATION.json", description = "the generation file")
    Path generation;

    @Mixin
    ClientOptions client;

    @Option(names = "--wait", description = "wait for the ranking, with a progress bar")
    boolean await;

    @Option(names = "--fail-invalid-candidates",
            description = "a candidate that cannot run (refused package, adapter that does not bind) fails alone "
                    + "instead of the whole submission being rejected")
    boolean failInvalid;

    @Override
    public Integer call() throws IOException {
        GenerationFiles.LocalGeneration local = GenerationFiles.load(generation);
        FarmClient c = client.client();
        try {
            String json = GenerationUpload.prepare(local, c, System.err);
            JsonObject accepted = c.submit(json, failInvalid);
            String id = accepted.getString("id");
            System.out.println(id);
            if (!await) {
                return ExitCode.OK;
            }
            JsonObject status = GenerationWatch.await(c, id, System.err, local.spec().name());
            if (!status.getString("status").equals("done")) {
                System.err.println("paddock submit: generation " + id + " ended " + status.getString("status")
                        + (status.getString("message", "").isEmpty() ? "" : ": " + status.getString("message")));
                return ExitCode.FAILURE;
            }
            System.out.print(c.ranking(id, "table"));
            return ExitCode.OK;
        } catch (FarmException e) {
            return Exits.refused(e, System.err, "submit");
        }
    }
}
