package io.sparkoperator.bench.apiserver;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away self-signed server certificate for 127.0.0.1 and localhost, made by the JDK's own {@code keytool}
 * (no certificate library on the class path) in a private temp dir: a PKCS12 key store for the server and the
 * certificate as PEM, which clients trust as their only CA. RSA 2048, what kubeadm gives an API server. {@link
 * #close} deletes the files.
 */
public final class SelfSignedCertificate implements AutoCloseable {
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final String ALIAS = "lean-api-server";
    private final Path dir;
    private final Path keyStore;
    private final Path caFile;
    private final char[] password;

    private SelfSignedCertificate(Path dir, char[] password) {
        this.dir = dir;
        this.keyStore = dir.resolve("server.p12");
        this.caFile = dir.resolve("ca.pem");
        this.password = password;
    }

    public static SelfSignedCertificate generate() throws IOException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        SelfSignedCertificate cert = new SelfSignedCertificate(Files.createTempDirectory("lean-api-tls"),
                HexFormat.of().formatHex(random).toCharArray());
        try {
            cert.keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=lean-api-server", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype", "PKCS12", "-keystore", cert.keyStore.toString());
            cert.keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", cert.keyStore.toString(),
                    "-file", cert.caFile.toString());
            return cert;
        } catch (IOException | RuntimeException e) {
            cert.close();
            throw e;
        }
    }

    /** The certificate in PEM: what a client passes as its CA ({@code --certificate-authority}, caCertFile). */
    public Path caFile() {
        return caFile;
    }

    /** A server-side context holding the key. */
    public SSLContext serverContext() throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the key store " + keyStore + ": " + e, e);
        }
    }

    /** Runs keytool with the store password passed in its environment (not on a command line others can read). */
    private void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass:env", "LEAN_API_STOREPASS", "-noprompt"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile());
        builder.environment().put("LEAN_API_STOREPASS", new String(password));
        Process process = builder.start();
        try {
            if (!process.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool " + args[0] + " ran", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " exited with " + process.exitValue() + ": "
                    + Files.readString(dir.resolve("keytool.log"), StandardCharsets.UTF_8).strip());
        }
    }

    @Override
    public void close() {
        for (Path file : List.of(keyStore, caFile, dir.resolve("keytool.log"), dir)) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind; nothing holds it open
            }
        }
    }
}
