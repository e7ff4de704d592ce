package io.sparkoperator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the replicas' {@link PassLogFile}s and finds any two passes over the same app that overlap in time (from two
 * replicas, or one replica twice). A replica killed with passes still open: they count as running until its kill.
 */
final class PassOverlaps {
    /** One pass of one replica over one app, on the shared monotonic clock. */
    record Pass(String replica, String app, long start, long end) {
    }

    /** What the logs held: how many passes, and the overlapping pairs (at most a few, for the report). */
    record Finding(int passes, int overlaps, List<String> examples) {
    }

    private PassOverlaps() {
    }

    /** @param killedAt per replica, when it was killed (nanoTime), for replicas that were */
    static Finding check(Map<String, Path> logs, Map<String, Long> killedAt) throws IOException {
        Map<String, List<Pass>> byApp = new HashMap<>();
        int passes = 0;
        for (Map.Entry<String, Path> log : logs.entrySet()) {
            for (Pass pass : read(log.getKey(), log.getValue(), killedAt.getOrDefault(log.getKey(), Long.MAX_VALUE))) {
                byApp.computeIfAbsent(pass.app(), app -> new ArrayList<>()).add(pass);
                passes++;
            }
        }
        int overlaps = 0;
        List<String> examples = new ArrayList<>();
        for (List<Pass> list : byApp.values()) {
            list.sort(Comparator.comparingLong(Pass::start));
            long reach = Long.MIN_VALUE;
            Pass reaching = null;
            for (Pass pass : list) {
                if (reaching != null && pass.start() < reach) {
                    overlaps++;
                    if (examples.size() < 5) {
                        examples.add(pass.app() + ": " + reaching.replica() + " until " + reach + ", "
                                + pass.replica() + " from " + pass.start());
                    }
                }
                if (pass.end() > reach) {
                    reach = pass.end();
                    reaching = pass;
                }
            }
        }
        return new Finding(passes, overlaps, examples);
    }

    private static List<Pass> read(String replica, Path log, long killedAt) throws IOException {
        Map<String, Long> open = new HashMap<>();
        List<Pass> passes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] part = line.split(" ", 3);
            if (part.length < 3) {
                continue; // a line cut short by the kill
            }
            long at = Long.parseLong(part[1]);
            if (part[0].equals("S")) {
                open.put(part[2], at);
            } else {
                Long start = open.remove(part[2]);
                if (start != null) {
                    passes.add(new Pass(replica, part[2], start, at));
                }
            }
        }
        if (!open.isEmpty() && killedAt == Long.MAX_VALUE) {
            throw new IllegalStateException(replica + " left " + open.size() + " passes without an end but was not"
                    + " killed: " + log);
        }
        open.forEach((app, start) -> passes.add(new Pass(replica, app, start, killedAt)));
        return passes;
    }
}
