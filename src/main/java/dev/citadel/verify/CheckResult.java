package dev.citadel.verify;

/**
 * One smoke check's verdict, printed as one line: {@code PASS <check>: <detail>}. A FAIL's detail says what is
 * wrong and the fix; a SKIP's says which earlier failure (or missing option) made the check impossible. Details
 * never hold a password or a token.
 */
public record CheckResult(Status status, String check, String detail) {

    public enum Status { PASS, FAIL, SKIP }

    public static CheckResult pass(String check, String detail) {
        return new CheckResult(Status.PASS, check, detail);
    }

    public static CheckResult fail(String check, String detail) {
        return new CheckResult(Status.FAIL, check, detail);
    }

    public static CheckResult skip(String check, String detail) {
        return new CheckResult(Status.SKIP, check, detail);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    /** The printed line (one line: newlines in a detail are folded). */
    public String line() {
        return status + " " + check + ": " + detail.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
