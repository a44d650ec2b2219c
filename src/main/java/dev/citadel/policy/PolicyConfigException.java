package dev.citadel.policy;

/**
 * A policy's configuration, as the user wrote it under {@code citadel:policies}, that the policy cannot use. Reported
 * as the user's own mistake, in the message's words, not as a policy that crashed.
 */
public final class PolicyConfigException extends IllegalArgumentException {
    public PolicyConfigException(String message) {
        super(message);
    }
}
