package io.jinchuang.ledger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * The logging set-up, in code rather than logback.xml: one line per event, key=value pairs
 * (logfmt) with the request id of the HTTP request. Logback's XML reader was a fifth of the
 * service's start-up (issue 6). {@code LEDGER_LOG_LEVEL} sets the level (INFO by default);
 * {@code LEDGER_LOG_TARGET} the stream ({@code System.out}; the command line sets
 * {@code System.err}, since stdout may carry an export); each as a system property or an
 * environment variable; a blank value counts as unset and a level logback does not know is
 * INFO. With {@code -Dlogback.configurationFile=FILE} that file configures logging instead
 * (a logback.xml on the class path no longer does).
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "ts=%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} level=%level logger=%logger{0} "
            + "requestId=%X{requestId:--} actor=%X{actor:--} %msg%n%ex";
    /** Libraries that log their own workings at INFO: only their warnings. */
    static final List<String> QUIET = List.of("org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb",
            "org.jooq");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, LogSetup::setting);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code settings}: a setting's value by name, null when unset. */
    static void configure(LoggerContext context, java.util.function.UnaryOperator<String> settings) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("OUT");
        out.setTarget(or(settings.apply("LEDGER_LOG_TARGET"), "System.out"));
        out.setEncoder(encoder);
        out.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(or(settings.apply("LEDGER_LOG_LEVEL"), "INFO"), Level.INFO));
        root.addAppender(out);
        QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
    }

    /** A system property, else an environment variable. */
    private static String setting(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }

    private static String or(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value.strip();
    }
}
