package dev.citadel.policy.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An analyzer plugin process, launched the way the Pulumi CLI launches plugins: a child process with the
 * policy pack directory as its working directory and the engine address as the first argument, found
 * by the port it prints as the first line of stdout. Start-up is the wall time from just before the
 * process is created to the moment that line has been read.
 */
final class AnalyzerPlugin implements AutoCloseable {
    private final String label;
    private final Process process;
    private final long startupNanos;
    private final long portAtNanos;
    private final int port;
    private final StringBuffer stderr;

    private AnalyzerPlugin(String label, Process process, long startupNanos, long portAtNanos, int port, StringBuffer stderr) {
        this.portAtNanos = portAtNanos;
        this.label = label;
        this.process = process;
        this.startupNanos = startupNanos;
        this.port = port;
        this.stderr = stderr;
    }

    static AnalyzerPlugin launch(String label, List<String> command, Path workingDirectory, long timeoutSeconds) throws IOException {
        var builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        var stderr = new StringBuffer();
        var firstLine = new CompletableFuture<long[]>();
        long start = System.nanoTime();
        var process = builder.start();
        var stdoutReader = new Thread(() -> readPort(process.getInputStream(), firstLine), label + "-stdout");
        stdoutReader.setDaemon(true);
        stdoutReader.start();
        var stderrReader = new Thread(() -> drain(process.getErrorStream(), stderr), label + "-stderr");
        stderrReader.setDaemon(true);
        stderrReader.start();
        long[] portAndTime;
        try {
            portAndTime = firstLine.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            process.destroyForcibly();
            var cause = e instanceof ExecutionException ? e.getCause().getMessage() : e.toString();
            throw new IOException(label + " did not print its port (" + cause + "); command " + String.join(" ", command)
                    + " in " + workingDirectory + "; stderr:\n" + tail(stderr));
        }
        return new AnalyzerPlugin(label, process, portAndTime[1] - start, portAndTime[1], (int) portAndTime[0], stderr);
    }

    /** The CLI's contract: the first stdout line is the port. The rest of stdout is drained and dropped. */
    private static void readPort(InputStream out, CompletableFuture<long[]> firstLine) {
        try (var reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            var line = reader.readLine();
            long at = System.nanoTime();
            if (line == null) {
                firstLine.completeExceptionally(new IOException("stdout closed before a port was printed"));
                return;
            }
            try {
                firstLine.complete(new long[]{Integer.parseInt(line.strip()), at});
            } catch (NumberFormatException e) {
                firstLine.completeExceptionally(new IOException("first stdout line is not a port: '" + line + "'"));
                return;
            }
            while (reader.readLine() != null) {
                // keep the pipe from filling up
            }
        } catch (IOException e) {
            firstLine.completeExceptionally(e);
        }
    }

    private static void drain(InputStream in, StringBuffer into) {
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (into.length() < 64 * 1024) {
                    into.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the process went away
        }
    }

    private static String tail(StringBuffer text) {
        var s = text.toString();
        return s.length() > 4000 ? "..." + s.substring(s.length() - 4000) : s;
    }

    /** When the port line was read ({@link System#nanoTime()}): the analyzer is reachable, and idle until called. */
    long portAtNanos() {
        return portAtNanos;
    }

    double startupMillis() {
        return startupNanos / 1e6;
    }

    int port() {
        return port;
    }

    String stderr() {
        return stderr.toString();
    }

    /** CPU time (user + system, all threads) the process has used so far; the OS's clock-tick resolution. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    /** The most memory the process has held so far (VmHWM, Linux), in MiB; -1 where /proc does not say. */
    double peakRssMiB() {
        try {
            for (var line : java.nio.file.Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    boolean alive() {
        return process.isAlive();
    }

    String label() {
        return label;
    }

    /** As the CLI does when it is done with a plugin: terminate it, and kill it if it does not go. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
