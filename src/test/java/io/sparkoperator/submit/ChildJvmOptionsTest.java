package io.sparkoperator.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void archiveOnlyFromJdk19AndExtrasAppended() {
        ChildJvmOptions o = new ChildJvmOptions(true, Path.of("/cds"), List.of("-Xmx256m"));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=/cds/spark-submit.jsa", "-Xmx256m"), o.options(21));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Xmx256m"), o.options(17));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-Xmx256m"), o.options(0), "unknown JDK: no archive");
        assertEquals(List.of(), ChildJvmOptions.jdkDefaults().options(25));
    }

    @Test
    void fromJdk25AnAotCacheIsTrainedOnceThenUsed() {
        ChildJvmOptions o = ChildJvmOptions.tuned(Path.of("/cds"));
        assertEquals(Path.of("/cds/spark-submit.aot"), o.cacheFile(25));
        assertEquals(Path.of("/cds/spark-submit.jsa"), o.cacheFile(24), "JDK 24 has no -XX:AOTCacheOutput");
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:AOTCache=/cds/spark-submit.aot"),
                o.options(25, ChildJvmOptions.CacheUse.USE));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:AOTCacheOutput=/cds/spark-submit.aot.training"),
                o.options(26, ChildJvmOptions.CacheUse.CREATE));
        assertEquals(List.of("-XX:TieredStopAtLevel=1"), o.options(25, ChildJvmOptions.CacheUse.NONE));
        assertEquals(List.of("-XX:TieredStopAtLevel=1", "-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=/cds/spark-submit.jsa"), o.options(21, ChildJvmOptions.CacheUse.CREATE),
                "the dynamic archive creates itself with the same options");
    }

    @Test
    void javaFeatureVersionComesFromTheReleaseFile() throws Exception {
        Files.writeString(tmp.resolve("release"), "JAVA_VERSION=\"1.8.0_392\"\n");
        assertEquals(8, JavaRuntime.featureVersion(tmp));
        Files.writeString(tmp.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.1\"\n");
        assertEquals(25, JavaRuntime.featureVersion(tmp));
        assertEquals(0, JavaRuntime.featureVersion(tmp.resolve("missing")));
        assertEquals(Runtime.version().feature(), JavaRuntime.featureVersion(Path.of(System.getProperty("java.home"))));
    }

    @Test
    void masterUrlFromTheServiceEnvironmentBracketsIpv6() {
        assertEquals("k8s://https://10.96.0.1:443",
                MasterUrl.inCluster(java.util.Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443")));
        assertEquals("k8s://https://[fd00::1]:443",
                MasterUrl.inCluster(java.util.Map.of("KUBERNETES_SERVICE_HOST", "fd00::1", "KUBERNETES_SERVICE_PORT", "443")));
    }
}
