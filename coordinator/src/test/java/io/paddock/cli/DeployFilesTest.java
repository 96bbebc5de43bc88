package io.paddock.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Every paddock command line written in deploy/ (compose, Kubernetes, systemd) parses with the real CLI. */
class DeployFilesTest {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Pattern FLOW_SEQUENCE = Pattern.compile("(?:command|args): \\[(.*?)]", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    @Test
    void composeAndKubernetesCommandsParse() throws IOException {
        List<List<String>> commands = new ArrayList<>();
        for (Path file : List.of(DEPLOY.resolve("compose/compose.yaml"), DEPLOY.resolve("kubernetes/paddock.yaml"))) {
            Matcher m = FLOW_SEQUENCE.matcher(Files.readString(file));
            while (m.find()) {
                List<String> args = new ArrayList<>();
                Matcher q = QUOTED.matcher(m.group(1));
                while (q.find()) {
                    args.add(substitute(q.group(1)));
                }
                commands.add(args);
            }
        }
        assertThat(commands).hasSizeGreaterThanOrEqualTo(4);
        commands.forEach(DeployFilesTest::assertParses);
    }

    @Test
    void systemdUnitsParse() throws IOException {
        try (var units = Files.list(DEPLOY.resolve("systemd"))) {
            for (Path unit : units.toList()) {
                String exec = Files.readAllLines(unit).stream().filter(l -> l.startsWith("ExecStart=")).findFirst()
                        .orElseThrow();
                String[] words = exec.substring(exec.indexOf("bin/paddock") + "bin/paddock".length()).trim().split("\\s+");
                List<String> args = new ArrayList<>();
                for (String w : words) {
                    args.add(substitute(w));
                }
                assertParses(args);
            }
        }
    }

    private static String substitute(String word) {
        return word.replaceAll("\\$\\{[^}]*}|\\$\\([^)]*\\)|%i", "x");
    }

    private static void assertParses(List<String> args) {
        assertThatCode(() -> Main.commandLine().parseArgs(args.toArray(String[]::new)))
                .as("paddock %s", String.join(" ", args)).doesNotThrowAnyException();
        CommandLine.ParseResult r = Main.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(r.hasSubcommand()).as("paddock %s names a command", args).isTrue();
    }
}
