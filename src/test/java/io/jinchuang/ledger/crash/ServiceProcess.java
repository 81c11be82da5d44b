package io.jinchuang.ledger.crash;

import io.jinchuang.ledger.api.TestClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The service as its own operating-system process, to be killed with SIGKILL. */
final class ServiceProcess {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;
    private int port;

    ServiceProcess(Path dataDir, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.environment = environment;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-service.log");
    }

    /** Starts the service and waits for /health to answer 200; returns the milliseconds that took. */
    long start() throws IOException, InterruptedException {
        port = freePort();
        // 1 GiB, so that H2's store threshold is raised as in production (64 MiB here, H2's own
        // 19 MiB): at 256 MiB the 16th-of-the-heap cap would leave about H2's own
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), "io.jinchuang.ledger.Main", "serve"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("LEDGER_DATA_DIR", dataDir.toString());
        builder.environment().put("LEDGER_PORT", Integer.toString(port));
        Instant started = Instant.now();
        process = builder.start();
        TestClient client = new TestClient(port);
        while (Duration.between(started, Instant.now()).compareTo(START_TIMEOUT) < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.get(null, "/health").status() == 200) {
                    return Duration.between(started, Instant.now()).toMillis();
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the service did not answer /health within " + START_TIMEOUT + "; see " + log);
    }

    /** SIGKILL: no shutdown hook, no flush, nothing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: the clean shutdown path. */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
