package io.sparkoperator.worker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What one submission printed, on stdout or stderr (Spark logs to stderr): the worker points {@code System.out}
 * and {@code System.err} here before Spark's logging starts, so its console appender writes here too. Keeps at
 * most {@code maxBytes}, the tail, as spark-submit's caller keeps a tail of its stderr.
 */
final class CapturedOutput extends OutputStream {
    private final int maxBytes;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    CapturedOutput(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void write(int b) {
        buffer.write(b);
        trim();
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) {
        buffer.write(bytes, off, len);
        trim();
    }

    /** The lines printed since the last call, and a fresh start for the next submission. */
    synchronized List<String> takeLines() {
        String text = buffer.toString(StandardCharsets.UTF_8);
        buffer = new ByteArrayOutputStream();
        return text.isEmpty() ? List.of() : List.of(text.split("\r?\n"));
    }

    private void trim() {
        if (buffer.size() > 2 * maxBytes) {
            byte[] all = buffer.toByteArray();
            buffer = new ByteArrayOutputStream();
            buffer.write(all, all.length - maxBytes, maxBytes);
        }
    }
}
