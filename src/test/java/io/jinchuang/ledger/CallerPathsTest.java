package io.jinchuang.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paths on the command line are the caller's, though scripts/ledger runs in the project's directory. */
class CallerPathsTest {
    private static final Map<String, String> CALLER = Map.of("LEDGER_CALLER_DIR", "/home/auditor/work");

    @Test
    void aRelativePathIsTheCallersAndAnAbsoluteOneIsKept() {
        assertEquals(Path.of("/home/auditor/work/statements"), Main.fromCaller(CALLER, Path.of("statements")));
        assertEquals(Path.of("/home/auditor/out"), Main.fromCaller(CALLER, Path.of("../out")));
        assertEquals(Path.of("/srv/report"), Main.fromCaller(CALLER, Path.of("/srv/report")));
        assertNull(Main.fromCaller(CALLER, null));
    }

    @Test
    void withoutTheScriptPathsAreTheProcesssOwn() {
        assertEquals(Path.of("statements"), Main.fromCaller(Map.of(), Path.of("statements")));
    }
}
