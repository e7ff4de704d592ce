package io.sparkoperator.logging;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Configures java.util.logging once at startup: the root logger gets a single handler on stderr with the chosen
 * format and level. fabric8 logs through SLF4J, which slf4j-jdk14 routes to the same handler.
 */
public final class LoggingSetup {
    /** JDK internals that are very chatty at FINE; kept at INFO even with debug on. */
    static final List<String> QUIET_AT_DEBUG = List.of("sun.net", "jdk.internal", "javax.management", "sun.rmi",
            "java.io.serialization", "jdk.event");
    /**
     * Loggers whose warnings repeat what the operator says once per outage (fabric8's informer reflector warns on
     * every retry of a failed list or watch); heard only at debug.
     */
    static final List<String> REPEATED_WARNINGS = List.of("io.fabric8.kubernetes.client.informers.impl.cache.Reflector");

    /** JUL keeps loggers only weakly: a logger given a level must be held, or a later lookup forgets the level. */
    private static final Set<Logger> TUNED = ConcurrentHashMap.newKeySet();

    private LoggingSetup() {
    }

    public static void configure(LogSettings settings) {
        configure(settings, System.err);
    }

    /** As {@link #configure(LogSettings)}, writing to {@code target} (tests). */
    public static void configure(LogSettings settings, OutputStream target) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new LineHandler(target, formatter(settings));
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(settings.level().julLevel());
        for (String name : QUIET_AT_DEBUG) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(settings.level() == LogLevel.DEBUG ? Level.INFO : null);
            TUNED.add(logger);
        }
        for (String name : REPEATED_WARNINGS) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(settings.level() == LogLevel.DEBUG ? null : Level.SEVERE);
            TUNED.add(logger);
        }
    }

    static Formatter formatter(LogSettings settings) {
        return settings.format() == LogFormat.JSON ? new JsonFormatter()
                : new PlainFormatter(settings.level() == LogLevel.DEBUG);
    }

    /** Writes and flushes every record at once, so lines from many threads never interleave or lag. */
    private static final class LineHandler extends StreamHandler {
        LineHandler(OutputStream target, Formatter formatter) {
            super(target instanceof PrintStream ps ? ps : target, formatter);
            try {
                setEncoding(StandardCharsets.UTF_8.name());
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
        }

        @Override
        public synchronized void close() {
            flush();
        }
    }
}
