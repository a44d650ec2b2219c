package dev.citadel.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What a block of code returned, and everything it wrote on the side: {@code System.out},
 * {@code System.err} and every {@code java.util.logging} record at any level (raw message, parameters,
 * formatted record with its stack trace), so a test can say what no channel may ever show.
 *
 * @param logRecords one string per record
 */
public record Captured<T>(T value, String stdout, String stderr, List<String> logRecords) {

    public Captured {
        logRecords = List.copyOf(logRecords);
    }

    public static <T> Captured<T> capture(Callable<T> body) throws Exception {
        var records = new ArrayList<String>();
        var formatter = new SimpleFormatter();
        var handler = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                var params = record.getParameters() == null ? "" : " " + Arrays.deepToString(record.getParameters());
                records.add(record.getLoggerName() + " " + record.getLevel() + ": " + record.getMessage() + params
                        + "\n" + formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        var root = Logger.getLogger("");
        var rootLevel = root.getLevel();
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var systemOut = System.out;
        var systemErr = System.err;
        root.addHandler(handler);
        root.setLevel(Level.ALL);
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        T value;
        try {
            value = body.call();
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
            root.setLevel(rootLevel);
            root.removeHandler(handler);
        }
        synchronized (handler) {
            return new Captured<>(value, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), records);
        }
    }

    /** Every channel, for a search. */
    public String everything() {
        return stdout + "\n" + stderr + "\n" + String.join("\n", logRecords);
    }
}
