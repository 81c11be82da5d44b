package io.jinchuang.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The logging set-up in code writes what logback.xml wrote: logfmt lines, the level and stream asked for. */
class LogSetupTest {

    @Test
    void writesOneLogfmtLinePerEventWithTheRequestIdToTheStreamAskedFor() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        LogbackMDCAdapter mdc = new LogbackMDCAdapter();
        context.setMDCAdapter(mdc);
        try {
            LogSetup.configure(context, Map.of("LEDGER_LOG_TARGET", "System.err", "LEDGER_LOG_LEVEL", "warn")::get);
            mdc.put("requestId", "r-1");
            context.getLogger("journal").info("event=hidden");
            context.getLogger("journal").warn("event=shown fund=BF0");
        } finally {
            mdc.clear();
            context.stop();
            System.setErr(saved);
        }
        // the stream is the process's: look for this test's lines only
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("logger=journal")).toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z level=WARN logger=journal "
                + "requestId=r-1 actor=- event=shown fund=BF0"), lines.get(0));
    }

    @Test
    void infoByDefaultAndOnlyWarningsFromChattyLibraries() {
        LoggerContext context = new LoggerContext();
        LogSetup.configure(context, name -> null);
        assertEquals(Level.INFO, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel());
        for (String quiet : LogSetup.QUIET) {
            assertEquals(Level.WARN, context.getLogger(quiet).getEffectiveLevel(), quiet);
        }
        assertEquals(Level.INFO, context.getLogger("io.jinchuang.ledger.http").getEffectiveLevel());
        context.stop();
    }

    @Test
    void logbackFindsItAsAServiceAndAConfigurationFileTakesOver() {
        List<Class<?>> found = java.util.ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                .map(java.util.ServiceLoader.Provider::type).collect(java.util.stream.Collectors.toList());
        assertEquals(List.of(LogSetup.class), found);
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "elsewhere.xml");
        LoggerContext context = new LoggerContext();
        try {
            assertEquals(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY,
                    new LogSetup().configure(context));
            assertFalse(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext(),
                    "nothing configured by LogSetup");
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
            context.stop();
        }
    }
}
