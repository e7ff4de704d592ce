package io.sparkoperator.submit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Argument lists fit to log: the value of any {@code --conf} whose key looks secret is replaced. */
final class SecretRedaction {
    static final String MASK = "*****";
    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(token|password|passwd|secret|credential|key).*");

    private SecretRedaction() {
    }

    /** The command line as it may be logged: secret confs and the spec's secret values masked. */
    static String commandLine(List<String> argv, SecretValues secrets) {
        return secrets.mask(String.join(" ", redact(argv)));
    }

    static List<String> redact(List<String> argv) {
        List<String> out = new ArrayList<>(argv.size());
        boolean confValueNext = false;
        for (String a : argv) {
            out.add(confValueNext ? redactConf(a) : a);
            confValueNext = "--conf".equals(a) || "-c".equals(a);
        }
        return out;
    }

    static String redactConf(String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq < 0) {
            return keyValue;
        }
        String key = keyValue.substring(0, eq);
        return isSecretKey(key) ? key + "=" + MASK : keyValue;
    }

    static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }
}
