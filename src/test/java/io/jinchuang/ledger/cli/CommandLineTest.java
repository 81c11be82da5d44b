package io.jinchuang.ledger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Main;
import io.jinchuang.ledger.api.TestClient;
import io.jinchuang.ledger.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The command line as a user runs it (its own process), and the profiles' rules about tokens. */
class CommandLineTest {

    private static Process ledger(Path dataDir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.jinchuang.ledger.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LEDGER_DATA_DIR", dataDir.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String run(Process process, int expectedExit) throws Exception {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command did not finish");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectedExit, process.exitValue(), () -> "stdout: " + out + "\nstderr: " + err);
        return out.isBlank() ? err : out;
    }

    @Test
    void aTokenCreatedOnTheCommandLineIsPrintedOnceAndWorks() throws Exception {
        Path dataDir = Files.createTempDirectory("ledger-cli-");
        String token = run(ledger(dataDir, Map.of(), "tokens", "create", "--name", "auditor-1", "--role", "AUDITOR"), 0)
                .trim();
        assertTrue(token.matches("lgr_[A-Za-z0-9_-]{43}"), token);
        run(ledger(dataDir, Map.of(), "tokens", "create", "--name", "auditor-1", "--role", "AUDITOR"), 2);
        run(ledger(dataDir, Map.of(), "tokens", "create", "--name", "m", "--role", "MANAGER"), 2);
        run(ledger(dataDir, Map.of(), "tokens", "create", "--name", "x", "--role", "KING"), 2);

        Map<String, String> overrides = new HashMap<>(Map.of("ledger.data-dir", dataDir.toString(), "ledger.db.url", "",
                "ledger.port", "0", "ledger.profile", "prod"));
        Main.Service service = Main.Service.start(Settings.load(Map.of(), overrides));
        try {
            TestClient client = new TestClient(service.app().port());
            assertEquals(200, client.get(token, "/api/v1/funds").status());
            assertEquals(401, client.get("demo-admin", "/api/v1/funds").status(), "prod seeds no demo tokens");
            assertEquals(403, client.post(token, "/api/v1/companies", "{}").status());
        } finally {
            service.stop();
        }
    }

    @Test
    void theProductionProfileRefusesADatabaseWithDemoTokens() throws Exception {
        Path dataDir = Files.createTempDirectory("ledger-prod-");
        Map<String, String> overrides = new HashMap<>(Map.of("ledger.data-dir", dataDir.toString(), "ledger.db.url", "",
                "ledger.port", "0", "ledger.profile", "demo", "ledger.demo-data", "false"));
        Main.Service.start(Settings.load(Map.of(), overrides)).stop();
        overrides.put("ledger.profile", "prod");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Main.Service.start(Settings.load(Map.of(), overrides)));
        assertTrue(refused.getMessage().contains("demo tokens"), refused.getMessage());
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryIsToldWhy() throws Exception {
        Path dataDir = Files.createTempDirectory("ledger-lock-");
        Map<String, String> overrides = Map.of("ledger.data-dir", dataDir.toString(), "ledger.db.url", "",
                "ledger.port", "0", "ledger.profile", "demo", "ledger.demo-data", "false");
        Main.Service service = Main.Service.start(Settings.load(Map.of(), overrides));
        try {
            String said = run(ledger(dataDir, Map.of(), "tokens", "create", "--name", "n", "--role", "ADMIN"), 2);
            assertTrue(said.contains("another process has the ledger"), said);
        } finally {
            service.stop();
        }
    }

    /**
     * The class-data archive's training run (scripts/build-if-needed) starts the demo service on
     * a throw-away directory, gets its 200 on /health, and leaves the user's data alone.
     */
    @Test
    void theClassArchiveTrainingRunStartsAnswersAndLeavesNoData() throws Exception {
        Path dataDir = Files.createTempDirectory("ledger-training-home-");
        run(ledger(dataDir, Map.of("LEDGER_LOG_LEVEL", "WARN"), "class-archive-training"), 0);
        try (var left = Files.list(dataDir)) {
            assertEquals(List.of(), left.toList(), "the training run wrote into the configured data directory");
        }
    }
}
