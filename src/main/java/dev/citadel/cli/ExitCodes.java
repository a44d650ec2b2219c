package dev.citadel.cli;

/** The exit codes CI scripts branch on. */
final class ExitCodes {
    static final int CLEAN = 0;
    static final int MANDATORY_VIOLATIONS = 1;
    /** A program or usage error: bad config, unknown stack, a component that rejected its input. */
    static final int ERROR = 2;

    private ExitCodes() {
    }
}
