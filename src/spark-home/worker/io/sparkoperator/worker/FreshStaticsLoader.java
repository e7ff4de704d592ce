package io.sparkoperator.worker;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * A class loader per submission that defines anew the few Spark classes whose statics must not outlive one
 * submission, and leaves every other class to its parent (the worker's class path, where all of Spark is).
 *
 * <p>The driver ConfigMap name is a {@code static final} of {@code KubernetesClientUtils}, fixed at class
 * initialisation. {@code Client} and {@code KubernetesClientApplication} are the classes on the submission path
 * that reach it (a bytecode search of spark-kubernetes 4.1.1: the others are driver-side scheduler classes a
 * submission never loads), so they come along, inner classes included: a class resolves the names it refers to
 * through its own loader. Everything else stays shared and compiled, and must stay so: Spark's {@code Config}
 * registers its entries in a process-wide registry that refuses a second registration.
 *
 * <p>As the thread's context class loader it is also where Hadoop looks its configuration files up (those come
 * from {@link HadoopConfigResources}, found once per worker life) and where fabric8's client builder looks its
 * client class up by name: it gets {@link SharedSerializationClient}, fabric8's client on the worker's one JSON
 * mapping.
 */
final class FreshStaticsLoader extends URLClassLoader {
    private static final List<String> FRESH = List.of(
            "org.apache.spark.deploy.k8s.submit.KubernetesClientUtils",
            "org.apache.spark.deploy.k8s.submit.Client",
            "org.apache.spark.deploy.k8s.submit.KubernetesClientApplication");

    /** The client class fabric8's builder looks up here by this name (see {@link SharedSerializationClient}). */
    private static final String FABRIC8_CLIENT = "io.fabric8.kubernetes.client.impl.KubernetesClientImpl";

    /** Unnamed: a stack trace through its classes reads as a fresh spark-submit's (no loader name in frames). */
    FreshStaticsLoader(URL[] kubernetesJars, ClassLoader parent) {
        super(kubernetesJars, parent);
    }

    /** Whether this loader defines the class itself: a listed class or one of its inner classes. */
    static boolean fresh(String className) {
        for (String prefix : FRESH) {
            if (className.equals(prefix) || className.startsWith(prefix + "$")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public URL getResource(String name) {
        return HadoopConfigResources.serves(name)
                ? HadoopConfigResources.resource(name, super::getResource) : super.getResource(name);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(FABRIC8_CLIENT)) {
            // (a name look-up, not a class reference: fabric8 only needs a client with the constructor it calls)
            return SharedSerializationClient.class;
        }
        if (!fresh(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
