package io.sparkoperator.schedule;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Time zone names as Go's {@code time.LoadLocation} accepts them: IANA names ({@code Europe/Berlin}), {@code UTC}, and
 * {@code Local} (here: the operator's configured zone). Offsets like {@code +02:00}, which Go rejects, are rejected
 * too, so a manifest that works here also works with the Go operator.
 */
public final class TimeZones {
    private static final Set<String> IANA = ZoneId.getAvailableZoneIds();

    private TimeZones() {
    }

    /** The zone for {@code name}; {@code Local} means {@code operatorZone}. */
    public static ZoneId load(String name, ZoneId operatorZone) {
        if (name.equals("Local")) {
            return operatorZone;
        }
        if (name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (!IANA.contains(name)) {
            throw new ScheduleException("unknown time zone \"" + name + "\" (use an IANA name such as Europe/Berlin)");
        }
        return ZoneId.of(name);
    }
}
