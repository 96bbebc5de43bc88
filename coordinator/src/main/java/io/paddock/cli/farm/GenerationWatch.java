package io.paddock.cli.farm;

import io.paddock.cli.ProgressBar;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.PrintStream;

/** Polls a generation until it finishes, drawing a progress bar with its ETA. */
final class GenerationWatch {
    private GenerationWatch() {
    }

    /** The final status document (done, failed or cancelled). */
    static JsonObject await(FarmClient client, String id, PrintStream err, String label) throws IOException {
        ProgressBar bar = new ProgressBar(err, label);
        while (true) {
            JsonObject status = client.status(id);
            JsonObject p = status.getJsonObject("progress");
            String state = status.getString("status");
            boolean finished = state.equals("done") || state.equals("failed") || state.equals("cancelled");
            long total = p.getLong("cases_total");
            long done = finished ? total : Math.min(p.getLong("cases_done"), total - 1);
            bar.update(done, total, state.equals("running") ? p.getInteger("finished_candidates") + "/"
                    + status.getJsonArray("candidates").size() + " candidates" : state);
            if (finished) {
                return status;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + id, e);
            }
        }
    }
}
