package dev.citadel.verify;

import java.util.List;

/** Every check of one {@code citadel verify} run, in the order they ran. */
public record Report(List<CheckResult> results) {

    public Report {
        results = List.copyOf(results);
    }

    public long count(CheckResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    public boolean passed() {
        return count(CheckResult.Status.FAIL) == 0;
    }

    /** The result of the named check, if it ran. */
    public java.util.Optional<CheckResult> result(String check) {
        return results.stream().filter(r -> r.check().equals(check)).findFirst();
    }

    /** The last line: {@code verify: OK, 9 passed, 0 failed, 1 skipped} (or {@code FAILED}). */
    public String summary() {
        return "verify: " + (passed() ? "OK" : "FAILED") + ", " + count(CheckResult.Status.PASS) + " passed, "
                + count(CheckResult.Status.FAIL) + " failed, " + count(CheckResult.Status.SKIP) + " skipped";
    }
}
