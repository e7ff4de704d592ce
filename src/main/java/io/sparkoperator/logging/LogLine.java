package io.sparkoperator.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** What both formatters print, taken from one JUL record (ours or any other, e.g. fabric8's via SLF4J). */
record LogLine(Instant time, String level, String logger, String thread, LogResource resource, String message,
        List<StructuredRecord.Field> fields, Throwable error) {

    static LogLine of(LogRecord record, Formatter formatter) {
        LogResource resource = null;
        List<StructuredRecord.Field> fields = List.of();
        if (record instanceof StructuredRecord structured) {
            resource = structured.resource();
            fields = structured.fields();
        }
        if (resource == null) {
            resource = LogContext.current();
        }
        String message = formatter.formatMessage(record);
        return new LogLine(record.getInstant(), LogLevel.nameOf(record.getLevel()),
                record.getLoggerName() == null ? "" : record.getLoggerName(), threadName(), resource,
                message == null ? "" : message, fields, record.getThrown());
    }

    /** Formatters run on the logging thread (handlers are synchronous). Virtual threads have no name. */
    private static String threadName() {
        Thread t = Thread.currentThread();
        return t.getName().isEmpty() ? (t.isVirtual() ? "virtual-" : "thread-") + t.threadId() : t.getName();
    }

    static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString().stripTrailing();
    }
}
