package io.sparkoperator.batch;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resource amounts summed and written as Kubernetes' canonical text (what client-go's {@code Quantity.String()}
 * writes into a PodGroup): binary suffixes for memory that came in Mi ({@code 1792Mi}, {@code 2Gi}), decimal ones
 * otherwise ({@code 1500m}, {@code 2}).
 */
final class Quantities {
    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    private static final String[] DECIMAL = {"m", "", "k", "M", "G", "T", "P", "E"};
    private static final BigInteger K = BigInteger.valueOf(1024);
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

    private Quantities() {
    }

    /** A resource amount and whether it is written with binary suffixes. */
    record Amount(BigDecimal value, boolean binary) {
        Amount plus(Amount other) {
            return new Amount(value.add(other.value), binary);
        }

        Amount times(long n) {
            return new Amount(value.multiply(BigDecimal.valueOf(n)), binary);
        }

        String text() {
            return binary && value.abs().compareTo(BigDecimal.valueOf(1024)) >= 0 ? binaryText(value) : decimalText(value);
        }
    }

    static Amount parse(String text) {
        Quantity q = new Quantity(text);
        String format = q.getFormat() == null ? "" : q.getFormat();
        return new Amount(Quantity.getAmountInBytes(q), format.endsWith("i"));
    }

    /** Adds {@code more} into {@code into}, key by key (the first amount's format wins, as in client-go). */
    static void add(Map<String, Amount> into, Map<String, Amount> more) {
        more.forEach((k, v) -> into.merge(k, v, Amount::plus));
    }

    static Map<String, Amount> times(Map<String, Amount> perPod, long n) {
        Map<String, Amount> out = new LinkedHashMap<>();
        perPod.forEach((k, v) -> out.put(k, v.times(n)));
        return out;
    }

    static Map<String, Quantity> toQuantities(Map<String, Amount> amounts) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        amounts.forEach((k, v) -> out.put(k, new Quantity(v.text())));
        return out;
    }

    private static String binaryText(BigDecimal value) {
        BigInteger bytes = value.setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        int suffix = 0;
        while (suffix < BINARY.length - 1 && bytes.signum() != 0 && bytes.mod(K).signum() == 0) {
            bytes = bytes.divide(K);
            suffix++;
        }
        return bytes + BINARY[suffix];
    }

    private static String decimalText(BigDecimal value) {
        BigInteger milli = value.movePointRight(3).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
        if (milli.signum() == 0) {
            return "0";
        }
        int suffix = 0;
        while (suffix < DECIMAL.length - 1 && milli.mod(THOUSAND).signum() == 0) {
            milli = milli.divide(THOUSAND);
            suffix++;
        }
        return milli + DECIMAL[suffix];
    }
}
