package io.jinchuang.ledger.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading a command's output (its own process) until a line says it got far enough, to kill it there. */
final class ProcessOutput {
    private ProcessOutput() {}

    /** Reads lines until one matches {@code pattern} and {@code enough} accepts the match. */
    static MatchResult awaitLine(Process process, Pattern pattern, Predicate<MatchResult> enough) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = reader.readLine()) != null) {
            Matcher match = pattern.matcher(line);
            if (match.find() && enough.test(match)) {
                return match.toMatchResult();
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the command ended before a line " + pattern + " said enough:\n" + seen);
    }
}
