package dev.citadel.cli;

/** The exit codes CI scripts branch on. */
final class ExitCodes {
    static final int CLEAN = 0;
    static final int MANDATORY_VIOLATIONS = 1;
    /** {@code citadel verify}: at least one check failed. */
    static final int CHECK_FAILED = 1;
    /** A program or usage error: bad config, unknown stack, a component that rejected its input. */
    static final int ERROR = 2;

    private ExitCodes() {
    }
}
