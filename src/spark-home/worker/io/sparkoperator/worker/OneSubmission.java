package io.sparkoperator.worker;

import java.io.PrintStream;
import java.net.URL;
import java.util.Properties;
import org.apache.spark.deploy.SparkSubmit;
import org.apache.spark.deploy.SparkSubmit$;
import scala.Option;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs {@code SparkSubmit.main} once, as a new spark-submit JVM would, and leaves nothing behind for the next run.
 *
 * <p>Spark keeps process-wide state. The one that breaks a second submission is in the Kubernetes module: the
 * driver ConfigMap name is a {@code static final} of {@code KubernetesClientUtils}, fixed at class initialisation,
 * so a second submission into a namespace would overwrite (on a real server: fail on) the first app's immutable
 * ConfigMap. So each submission defines that class and the submit classes that reach it afresh, in a {@link
 * FreshStaticsLoader} of its own (Spark loads its submit class through the thread's context class loader); the
 * rest of Spark, Scala, fabric8 and Jackson stay loaded and compiled. The other process-wide
 * things: {@code System.exit} (Spark's {@code exitFn} is pointed at an unwind of this run), system properties
 * (restored to the worker's own after each run) and the context class loader (restored).
 */
final class OneSubmission {
    private static final Exit EXIT = new Exit();
    private final URL[] kubernetesJars;
    private final PrintStream console;
    private final Properties baseline;

    OneSubmission(URL[] kubernetesJars, PrintStream console) {
        this.kubernetesJars = kubernetesJars.clone();
        this.console = console;
        this.baseline = (Properties) System.getProperties().clone();
    }

    /** The exit code spark-submit would have ended with; what it printed went to {@code console}. */
    int run(String[] args) {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (FreshStaticsLoader kubernetes = new FreshStaticsLoader(kubernetesJars, saved)) {
            thread.setContextClassLoader(kubernetes);
            SparkSubmit$.MODULE$.exitFn_$eq(EXIT);
            SparkSubmit.main(args);
            return 0;
        } catch (Throwable t) {
            if (t instanceof WorkerExit exit) {
                return exit.exitCode();
            }
            // What the JVM's default handler prints for an exception out of main, and its exit code.
            console.print("Exception in thread \"main\" ");
            t.printStackTrace(console);
            return 1;
        } finally {
            thread.setContextClassLoader(saved);
            restoreSystemProperties();
            SparkDefaultLogging.afterSubmission();
            console.flush();
        }
    }

    private void restoreSystemProperties() {
        Properties now = System.getProperties();
        for (String name : now.stringPropertyNames()) {
            if (!baseline.containsKey(name)) {
                System.clearProperty(name);
            }
        }
        for (String name : baseline.stringPropertyNames()) {
            String value = baseline.getProperty(name);
            if (!value.equals(now.getProperty(name))) {
                System.setProperty(name, value);
            }
        }
    }

    /** Spark's {@code exitFn(code, cause)}: end this submission with {@code code}, not the JVM. */
    private static final class Exit extends AbstractFunction2<Object, Option<Throwable>, BoxedUnit> {
        @Override
        public BoxedUnit apply(Object exitCode, Option<Throwable> cause) {
            throw Exit.<RuntimeException>unchecked(new WorkerExit((Integer) exitCode));
        }

        /** Scala has no checked exceptions; Java's compiler needs telling that this one may pass. */
        @SuppressWarnings("unchecked")
        private static <T extends Throwable> T unchecked(Throwable t) throws T {
            throw (T) t;
        }
    }
}
