package io.sparkoperator.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the objects made for an app's Spark UI, with the Go operator's rule for names over 63 characters:
 * the first {@code 63 - len(suffix) - 10} characters of the app name, a dash, 8 hex digits of the MD5 of the full
 * name, a dash and the suffix.
 */
public final class UiNames {
    private static final int MAX = 63;

    private UiNames() {
    }

    public static String service(String appName) {
        return shortened(appName, "ui-svc");
    }

    public static String ingress(String appName) {
        return shortened(appName, "ui-ingress");
    }

    static String shortened(String appName, String suffix) {
        String full = appName + "-" + suffix;
        if (full.length() <= MAX) {
            return full;
        }
        String prefix = appName.substring(0, Math.min(appName.length(), MAX - suffix.length() - 10));
        return prefix + "-" + md5Hex(full).substring(0, 8) + "-" + suffix;
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is always present in the JDK", e);
        }
    }
}
