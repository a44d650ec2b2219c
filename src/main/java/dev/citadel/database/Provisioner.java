package dev.citadel.database;

import dev.citadel.names.KubernetesNames;

/**
 * Who runs the SQL. {@link #provider()}: the postgresql provider, from wherever {@code pulumi up} runs (it must
 * reach the endpoint). {@link #job}: a Kubernetes Job in the cluster, for an RDS in private subnets behind EKS
 * (the common case), running the idempotent script {@link RdsSql} renders. Both reach the same end state.
 */
public sealed interface Provisioner {

    static Provisioner provider() {
        return new Provider();
    }

    /** A Job in {@code namespace} with the pinned {@link Job#DEFAULT_IMAGE}; the passwords' Secrets must be in that namespace. */
    static Job job(String namespace) {
        return new Job(namespace, Job.DEFAULT_IMAGE);
    }

    record Provider() implements Provisioner {
    }

    /**
     * @param namespace where the Job runs
     * @param image     an image with {@code psql} 15 or later (the script uses {@code \getenv})
     */
    record Job(String namespace, String image) implements Provisioner {
        /** psql 15+ for {@code \getenv}; a pinned tag, never latest (seed 004's images drifted under a moving tag). */
        public static final String DEFAULT_IMAGE = "postgres:15.15-alpine";

        public Job {
            KubernetesNames.label("provisioner.job namespace", namespace);
            if (image == null || image.isBlank() || !image.contains(":") || image.endsWith(":latest")) {
                throw new IllegalArgumentException("provisioner.job image: '" + image
                        + "' must pin a version tag or digest with psql 15 or later, e.g. " + DEFAULT_IMAGE);
            }
        }

        public Job withImage(String other) {
            return new Job(namespace, other);
        }
    }
}
