package io.sparkoperator.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkoperator.api.ApiJson;
import io.sparkoperator.submit.SubmitterConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator container runs as a non-root user on a read-only root filesystem, without privilege escalation or
 * capabilities, and everything it writes (pod template files, the class-data archive, JVM scratch files) goes to
 * /tmp, the one writable mount.
 */
class ContainerSecurityTest {
    static final Path DEPLOYMENT = Path.of("kustomize/base/operator/deployment.yaml");
    static final Path DOCKERFILE = Path.of("Dockerfile");

    @Test
    void theOperatorRunsAsNonRootOnAReadOnlyRootFilesystem() throws Exception {
        Path project = Manifest.projectDir();
        assertTrue(Files.exists(project.resolve(DEPLOYMENT)), "the Deployment at " + DEPLOYMENT);
        JsonNode deployment = ApiJson.serialization().unmarshal(Files.readString(project.resolve(DEPLOYMENT)),
                JsonNode.class);
        JsonNode pod = deployment.at("/spec/template/spec");
        assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(false), "runAsNonRoot");
        assertNotEquals(0, pod.at("/securityContext/runAsUser").asInt(0), "runAsUser is not root");
        assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText());
        assertFalse(pod.path("hostNetwork").asBoolean(false) || pod.path("hostPID").asBoolean(false), "no host");
        for (JsonNode c : pod.path("containers")) {
            JsonNode sc = c.path("securityContext");
            assertTrue(sc.path("readOnlyRootFilesystem").asBoolean(false), c.path("name") + " readOnlyRootFilesystem");
            assertEquals(false, sc.path("allowPrivilegeEscalation").asBoolean(true), "allowPrivilegeEscalation");
            assertEquals(false, sc.path("privileged").asBoolean(false), "privileged");
            assertEquals("[\"ALL\"]", sc.at("/capabilities/drop").toString(), "capabilities dropped");
            List<String> writable = new ArrayList<>();
            c.path("volumeMounts").forEach(m -> {
                if (!m.path("readOnly").asBoolean(false)) {
                    writable.add(m.path("mountPath").asText());
                }
            });
            assertEquals(List.of("/tmp"), writable, "the only writable mount");
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        SubmitterConfig defaults = SubmitterConfig.defaults(Path.of("/opt/spark"), "k8s://https://10.96.0.1:443");
        assertTrue(defaults.workDir().startsWith(tmp), "pod templates go under the temp dir: " + defaults.workDir());
        assertTrue(defaults.childJvm().classDataArchiveDir() == null
                || defaults.childJvm().classDataArchiveDir().startsWith(tmp), "the archive too");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(Files.readString(project.resolve(DOCKERFILE)));
        String last = null;
        while (user.find()) {
            last = user.group(1);
        }
        assertTrue(last != null && !last.equals("root") && !last.startsWith("0"), "the image's USER: " + last);
    }
}
