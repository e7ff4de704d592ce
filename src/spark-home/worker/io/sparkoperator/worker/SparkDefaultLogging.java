package io.sparkoperator.worker;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.filter.AbstractFilterable;
import org.apache.logging.log4j.core.filter.CompositeFilter;
import org.apache.spark.internal.Logging$;
import org.apache.spark.internal.SparkLoggerFactory;

/**
 * Spark's default log4j profile, set up once per worker life instead of four times per submission.
 *
 * <p>With no log4j configuration of the user's, a spark-submit JVM logs with Spark's own default profile, and
 * {@code SparkSubmit} rebuilds it from its file four times per submission (for its "interpreter" phase, to reset
 * it before the application class starts, and once more when that class first logs): a quarter of a warm
 * submission's CPU. Spark does that only while the profile in use is its own default; with a configuration it did
 * not load itself it leaves the appenders alone and only sets levels. So the worker loads Spark's default profile
 * itself, once, and Spark takes it for a user's. Two things keep the output what a fresh spark-submit prints:
 * <ul>
 *   <li>the layout: Spark's two default profiles differ only in it (pattern, or JSON lines when {@code
 *       spark.log.structuredLogging.enabled}); the root logger gets both consoles, each passing an event only while
 *       Spark's structured-logging switch (set from each submission's own conf) matches it;</li>
 *   <li>no build-up: Spark's "interpreter" phase adds a filter to each console every submission (on its own
 *       profile the rebuild dropped it), so {@link #afterSubmission()} takes those off again.</li>
 * </ul>
 * A worker started with a log4j configuration of the user's (e.g. {@code -Dlog4j2.configurationFile} in
 * {@code SPARK_SUBMIT_OPTS}) keeps it, as spark-submit would.
 */
final class SparkDefaultLogging {
    private static final String PATTERN_PROFILE = "org/apache/spark/log4j2-defaults.properties";
    private static final String JSON_PROFILE = "org/apache/spark/log4j2-json-layout.properties";
    /** The appender name both of Spark's profiles give their console. */
    private static final String CONSOLE = "console";
    /** The filter Spark's logging adds to every console appender in its interpreter phase. */
    private static final String SPARK_SHELL_FILTER = "org.apache.spark.internal.Logging$SparkShellLoggingFilter";

    private SparkDefaultLogging() {
    }

    /**
     * Loads Spark's default profile, with its JSON twin beside it, when log4j has nothing of the user's (what
     * Spark's own check says). Call before Spark logs anything; the consoles write to {@code System.err} as it is.
     */
    static void install() {
        if (!Logging$.MODULE$.islog4j2DefaultConfigured()) {
            return; // the user's configuration: Spark never rebuilds it, neither does the worker
        }
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.setConfigLocation(uri(PATTERN_PROFILE));
        Configuration config = context.getConfiguration();
        Appender pattern = config.getAppender(CONSOLE);
        ConsoleAppender json = ConsoleAppender.newBuilder()
                .setName(CONSOLE + "-json")
                .setTarget(ConsoleAppender.Target.SYSTEM_ERR)
                .setLayout(jsonLayoutOf(context))
                .setConfiguration(config)
                .build();
        json.start();
        ((AbstractFilterable) pattern).addFilter(new WhileStructured(false));
        json.addFilter(new WhileStructured(true));
        config.addAppender(json);
        LoggerConfig root = config.getRootLogger();
        root.addAppender(json, null, null);
        context.updateLoggers();
    }

    /** Takes off the consoles the filters Spark added during a submission; the worker's own stay. */
    static void afterSubmission() {
        sparkFilters().forEach(attached -> attached.on().removeFilter(attached.filter()));
    }

    /**
     * {@code java -cp <Spark's jars>:spark-submit-worker.jar io.sparkoperator.worker.SparkDefaultLogging}: sets the
     * profile up, runs {@code spark-submit --version} three times as the worker runs a submission, and prints after
     * each what the root logger's consoles carry (a check for tests: no filter of Spark's may build up).
     */
    public static void main(String[] args) {
        install();
        OneSubmission submission = new OneSubmission(new URL[0], System.err);
        for (int run = 1; run <= 3; run++) {
            int exit = submission.run(new String[] {"--version"});
            System.out.println("run " + run + ": exit " + exit + ", consoles " + consoles() + ", Spark's filters on them "
                    + sparkFilters().size() + ", Spark's own profile " + Logging$.MODULE$.islog4j2DefaultConfigured());
        }
    }

    private static List<String> consoles() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        return context.getConfiguration().getRootLogger().getAppenders().keySet().stream().sorted().toList();
    }

    /** A filter of Spark's interpreter phase and the appender it is on. */
    private record Attached(AbstractFilterable on, Filter filter) {
    }

    private static List<Attached> sparkFilters() {
        List<Attached> found = new ArrayList<>();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        for (Appender appender : context.getConfiguration().getAppenders().values()) {
            if (appender instanceof AbstractFilterable filterable) {
                for (Filter filter : filtersOf(filterable.getFilter())) {
                    if (filter.getClass().getName().equals(SPARK_SHELL_FILTER)) {
                        found.add(new Attached(filterable, filter));
                    }
                }
            }
        }
        return found;
    }

    private static Filter[] filtersOf(Filter filter) {
        if (filter == null) {
            return new Filter[0];
        }
        return filter instanceof CompositeFilter composite ? composite.getFiltersArray() : new Filter[] {filter};
    }

    /** The layout of the console in Spark's JSON profile, read from that file (not restated here). */
    private static Layout<?> jsonLayoutOf(LoggerContext context) {
        Configuration json = ConfigurationFactory.getInstance().getConfiguration(context,
                ConfigurationSource.fromUri(uri(JSON_PROFILE)));
        json.initialize(); // builds its appenders (not started; this configuration is never started or stopped)
        return json.getAppender(CONSOLE).getLayout();
    }

    private static URI uri(String resource) {
        URL url = Logging$.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("Spark's " + resource + " is not on the class path");
        }
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Passes an event only while Spark's structured-logging switch is {@code structured}, else denies it. */
    private static final class WhileStructured extends AbstractFilter {
        private final boolean structured;

        WhileStructured(boolean structured) {
            this.structured = structured;
            start();
        }

        @Override
        public Result filter(LogEvent event) {
            return SparkLoggerFactory.isStructuredLoggingEnabled() == structured ? Result.NEUTRAL : Result.DENY;
        }
    }
}
