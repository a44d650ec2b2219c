package dev.citadel.plan;

/**
 * An object the program read from the cluster (Pulumi's {@code get}) during an offline plan, and what the plan knew
 * of it: the live tags a floor is checked against come from such reads.
 *
 * @param type the read's type token ({@code kubernetes:apps/v1:Deployment})
 * @param id   {@code namespace/name}
 */
public record LiveRead(String type, String id, Answer answer) {
    public enum Answer {
        /** Found in the {@code --live-tags} file: the plan checked against what runs. */
        FOUND,
        /** The file does not list it: planned as not running (a first install). */
        NOT_IN_FILE,
        /** No file was given: nothing live was checked. */
        UNCHECKED
    }
}
