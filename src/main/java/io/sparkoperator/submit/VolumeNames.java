package io.sparkoperator.submit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Volume names for ConfigMaps mounted by the template ({@code <configmap>-vol}). A volume name must be a DNS-1123
 * label: dots become dashes, and a name over 63 characters is cut and given a short hash of the full name, so two
 * long names stay distinct.
 */
final class VolumeNames {
    private static final int MAX = 63;

    private VolumeNames() {
    }

    static String forConfigMap(String configMapName) {
        String name = (configMapName + "-vol").toLowerCase().replace('.', '-');
        if (name.length() <= MAX) {
            return name;
        }
        return name.substring(0, MAX - 9).replaceAll("-+$", "") + "-" + shortHash(configMapName);
    }

    private static String shortHash(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
