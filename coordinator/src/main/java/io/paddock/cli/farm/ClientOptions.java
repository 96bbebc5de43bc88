package io.paddock.cli.farm;

import picocli.CommandLine.Option;

import java.net.URI;

/** {@code --coordinator URL --token T}: where a client command talks to. */
final class ClientOptions {
    @Option(names = "--coordinator", required = true, paramLabel = "URL",
            description = "the coordinator's base URL, e.g. http://lab-1:8080")
    URI coordinator;

    @Option(names = "--token", paramLabel = "T", description = "the submit token (needed to submit and cancel)")
    String token;

    FarmClient client() {
        String scheme = coordinator.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("--coordinator must be an http:// or https:// URL, got " + coordinator);
        }
        return new FarmClient(coordinator, token);
    }
}
