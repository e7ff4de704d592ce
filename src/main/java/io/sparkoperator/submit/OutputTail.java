package io.sparkoperator.submit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the last lines of a child's stderr (or stdout) within a character budget (a chatty or stuck child must not
 * grow the operator's heap); the reason for a failure is at the end. Long lines are cut. Thread-safe.
 */
final class OutputTail {
    static final int MAX_LINE = 2_000;

    private final int maxChars;
    private final Deque<String> lines = new ArrayDeque<>();
    private int chars;
    private long dropped;

    OutputTail(int maxChars) {
        this.maxChars = maxChars;
    }

    /** What a tail of {@code maxChars} keeps of these lines. */
    static List<String> of(List<String> lines, int maxChars) {
        OutputTail tail = new OutputTail(maxChars);
        lines.forEach(tail::add);
        return tail.lines();
    }

    synchronized void add(String line) {
        String l = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line;
        lines.addLast(l);
        chars += l.length();
        while (chars > maxChars && lines.size() > 1) {
            chars -= lines.removeFirst().length();
            dropped++;
        }
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    synchronized long droppedLines() {
        return dropped;
    }
}
