package io.jinchuang.ledger.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jinchuang.ledger.Ledger;
import io.jinchuang.ledger.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2's value cache is off in a process that opens the ledger, unless the JVM was started with
 * its property. Each case runs in a JVM of its own: H2 reads the property once, when its
 * settings class first initialises, and this test JVM's other tests may have loaded H2 first.
 */
class H2ValueCacheTest {
    @TempDir
    Path dir;

    /** Opens a ledger in {@code args[0]}, then prints whether H2's value cache is on. */
    public static void main(String[] args) {
        try (Ledger ledger = Ledger.open(Settings.load(Map.of(), Map.of("ledger.data-dir", args[0],
                "ledger.demo-data", "false")))) {
            System.out.println("objectCache=" + org.h2.engine.SysProperties.OBJECT_CACHE);
        }
    }

    private String probe(String... jvmOptions) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), H2ValueCacheTest.class.getName(),
                dir.resolve("data").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the probe did not finish");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        return out.lines().filter(line -> line.startsWith("objectCache=")).findFirst().orElse(out);
    }

    @Test
    void openingTheLedgerTurnsTheCacheOff() throws Exception {
        assertEquals("objectCache=false", probe());
    }

    @Test
    void anOperatorsOwnSettingStands() throws Exception {
        assertEquals("objectCache=true", probe("-Dh2.objectCache=true"));
    }
}
