package io.sparkoperator;

import io.sparkoperator.config.ConfigException;
import io.sparkoperator.config.OperatorConfig;
import io.sparkoperator.config.OperatorFlags;
import io.sparkoperator.logging.LoggingSetup;
import java.lang.System.Logger.Level;

/**
 * {@code spark-operator [flags]}: reads the configuration (flags, then {@code SPARK_OPERATOR_*} environment),
 * sets up logging, starts the operator and stops it on SIGTERM. Exit codes: 0 after a clean stop, 1 when starting
 * failed or the leader Lease was lost, 2 for bad flags.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (OperatorFlags.wantsHelp(args)) {
            System.out.print(OperatorFlags.help());
            return;
        }
        OperatorConfig config;
        try {
            config = OperatorFlags.parse(args, System.getenv());
        } catch (ConfigException e) {
            System.err.println("spark-operator: bad configuration:");
            e.problems().forEach(problem -> System.err.println("  " + problem));
            System.err.println("Run with --help for the list of flags.");
            System.exit(2);
            return;
        }
        LoggingSetup.configure(config.logging());
        System.Logger log = System.getLogger(Main.class.getName());
        Operator operator;
        try {
            operator = Operator.start(config, System.getenv());
        } catch (Exception e) {
            // The message says what failed and where; the stack trace only helps at --log-level=debug.
            log.log(Level.ERROR, "spark-operator failed to start: " + e.getMessage());
            log.log(Level.DEBUG, "start-up failure", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("shutdown").unstarted(operator::shutdown));
        log.log(Level.INFO, () -> "spark-operator started; " + (config.leaderElection().enabled()
                ? "reconciling once it holds the Lease " + config.leaderElection().lockNamespace() + "/"
                        + config.leaderElection().lockName() + "; " : "") + "watching " + (config.watchesAllNamespaces()
                ? "all namespaces" : "namespaces " + config.namespaces()));
        try {
            operator.awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
