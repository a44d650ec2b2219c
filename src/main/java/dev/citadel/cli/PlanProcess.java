package dev.citadel.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One {@code java -jar citadel.jar plan ...} run as a person starts it, and what it cost them: wall time, the CPU
 * time of the process tree (the launcher JVM and the plan JVM it relaunches into), and the peak resident set of
 * the largest process in it (the plan JVM).
 *
 * <p>Peak RSS is the kernel's high-water mark ({@code VmHWM} in {@code /proc/<pid>/status}), not heap-after-GC:
 * it is what a CI runner's memory limit or the OOM killer sees, and it includes heap the collector grew into but
 * never needed (that was most of the 1.2 GB a 10,000-resource plan used to take; its live heap never passed
 * 80 MB). The mark only rises, so reading it every {@value #SAMPLE_MILLIS} ms until the process exits misses at
 * most the growth of its last few milliseconds, when it is printing, not allocating. CPU time is read the same
 * way (via {@link ProcessHandle.Info#totalCpuDuration()}).
 */
record PlanProcess(double seconds, double cpuSeconds, long peakRssKib) {
    private static final long SAMPLE_MILLIS = 20;

    /** Runs {@code command} once with its output discarded; fails if the plan does not exit 0. */
    static PlanProcess run(List<String> command) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove(Launcher.IN_PROCESS);
        var start = System.nanoTime();
        var process = pb.start();
        var cpu = new HashMap<Long, Duration>();
        long peak = 0;
        ProcessHandle child = null;
        while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
            if (child == null) {
                // Found once: walking every process each turn would cost the measured plan CPU on 2 cores.
                child = process.descendants().findFirst().orElse(null);
            }
            peak = Math.max(peak, sample(process.toHandle(), cpu));
            if (child != null) {
                peak = Math.max(peak, sample(child, cpu));
            }
        }
        var seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException("plan exited " + process.exitValue() + ": " + String.join(" ", command));
        }
        var cpuSeconds = cpu.values().stream().mapToLong(Duration::toMillis).sum() / 1e3;
        return new PlanProcess(seconds, cpuSeconds, peak);
    }

    /** Records the process's CPU time so far; returns its peak RSS so far in KiB (0 once it is gone). */
    private static long sample(ProcessHandle process, Map<Long, Duration> cpu) {
        process.info().totalCpuDuration().ifPresent(d -> cpu.put(process.pid(), d));
        try {
            for (var line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // Exited between the check and the read, or no /proc (not Linux): no figure rather than a failed bench.
        }
        return 0;
    }

    /** The 1-minute load average, or "n/a" where /proc/loadavg does not exist: figures only compare under similar load. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
