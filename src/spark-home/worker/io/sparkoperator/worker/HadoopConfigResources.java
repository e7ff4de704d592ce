package io.sparkoperator.worker;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * Hadoop's configuration files ({@code core-default.xml}, {@code core-site.xml}, ...) as a submission finds them on
 * the worker's class path, looked up once per worker life and then served from memory.
 *
 * <p>Why: Spark builds four Hadoop {@code Configuration}s per submission, and each one looks its default resources
 * up through the thread's class loader and parses them: {@code core-default.xml} is 152 kB in a 9,400-entry jar
 * that Hadoop opens afresh each time (it turns the jar cache off), and a missing {@code core-site.xml} is searched
 * for in every jar. That was 30 % of a warm submission's CPU. The class path does not change in a worker's life,
 * so the lookup is done once; the found file is kept without its {@code <description>} elements and comments
 * (two thirds of its bytes, which Hadoop's parser skips), and only when a parse of the kept copy gives exactly the
 * properties and final parameters of the original; otherwise the original bytes are served.
 */
final class HadoopConfigResources {
    /** Hadoop's file names ({@code core-default.xml}, {@code hdfs-site.xml}, ...), at the class path's top. */
    private static final Pattern SERVED = Pattern.compile("[A-Za-z0-9_.]+-(default|site)\\.xml");
    private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?-->");
    private static final Pattern DESCRIPTION = Pattern.compile("(?s)<description>.*?</description>");
    private static final Map<String, Optional<URL>> FOUND = new ConcurrentHashMap<>();

    private HadoopConfigResources() {
    }

    /**
     * {@code java -cp <Spark's jars>:spark-submit-worker.jar io.sparkoperator.worker.HadoopConfigResources <name>...}:
     * for each resource, how the worker serves it (for a look at what a class path gives; a test reads it).
     */
    public static void main(String[] names) throws IOException {
        for (String name : names) {
            URL found = ClassLoader.getSystemClassLoader().getResource(name);
            URL served = serves(name) ? resource(name, n -> found) : found;
            System.out.println(name + ": " + (found == null ? "absent" : size(found) + " bytes, served "
                    + size(served) + " bytes" + ("trimmed".equals(served.getRef()) ? ", trimmed" : ", as found")));
        }
    }

    private static int size(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes().length;
        }
    }

    static boolean serves(String name) {
        return SERVED.matcher(name).matches();
    }

    /** The resource {@code name} as {@code lookup} finds it, from memory after the first time; null when absent. */
    static URL resource(String name, Function<String, URL> lookup) {
        return FOUND.computeIfAbsent(name, n -> Optional.ofNullable(lookup.apply(n)).map(url -> inMemory(n, url)))
                .orElse(null);
    }

    private static URL inMemory(String name, URL original) {
        byte[] bytes;
        try (InputStream in = original.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            return original; // unreadable now: Hadoop reports it as it would have
        }
        byte[] trimmed = trimmed(bytes);
        boolean useTrimmed = trimmed != null && sameConfiguration(bytes, trimmed);
        byte[] served = useTrimmed ? trimmed : bytes;
        try {
            // The fragment marks a trimmed copy where Hadoop logs the URL it parses.
            return URL.of(new URI("worker-memory", null, "/" + name, useTrimmed ? "trimmed" : null),
                    new BytesHandler(served));
        } catch (Exception e) {
            return original;
        }
    }

    /** The file without comments and descriptions; null when it is not a plain Hadoop configuration file. */
    private static byte[] trimmed(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.contains("<configuration") || text.contains("<![CDATA[") || text.contains("xi:include")) {
            return null;
        }
        String out = DESCRIPTION.matcher(COMMENT.matcher(text).replaceAll("")).replaceAll("");
        return out.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether Hadoop reads the same properties, values and final parameters from both. */
    private static boolean sameConfiguration(byte[] original, byte[] trimmed) {
        try {
            return Read.of(original).equals(Read.of(trimmed));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What Hadoop reads from one file: its properties (raw values) and which of them are final. */
    private record Read(Map<String, String> properties, Set<String> finals) {
        static Read of(byte[] xml) {
            Configuration conf = new Configuration(false);
            conf.addResource(new ByteArrayInputStream(xml), "check");
            Map<String, String> properties = new TreeMap<>();
            for (Map.Entry<String, String> entry : conf) { // loads it
                properties.put(entry.getKey(), entry.getValue());
            }
            return new Read(properties, new TreeSet<>(conf.getFinalParameters()));
        }
    }

    /** Opens the kept bytes. */
    private static final class BytesHandler extends URLStreamHandler {
        private final byte[] bytes;

        BytesHandler(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(bytes);
                }

                @Override
                public int getContentLength() {
                    return bytes.length;
                }
            };
        }
    }
}
