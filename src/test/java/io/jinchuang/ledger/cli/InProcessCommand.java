package io.jinchuang.ledger.cli;

import io.jinchuang.ledger.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * A command of {@code scripts/ledger} run in the test's own JVM, as {@link Main} runs it:
 * its settings given as system properties (the configuration reads them like environment
 * variables), its standard output and error captured.
 */
public final class InProcessCommand {
    public record Run(int exit, String out, String err) {}

    private InProcessCommand() {}

    public static Run run(Map<String, String> settings, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        settings.forEach(System::setProperty);
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            settings.keySet().forEach(System::clearProperty);
        }
    }
}
