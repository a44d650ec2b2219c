package dev.citadel.secrets;

/**
 * A secret whose consumer persisted the value when it first started and never reads it again (seed 003: authentik keeps
 * the bootstrap token it was given at first start; PowerDNS wrote its API key to its database at first boot). Rotating
 * the secret then changes the Secret but not the consumer's copy: the 403 and 401 of seed 003, caused by the fix.
 *
 * <p>Without state, Citadel cannot see a previous run; so the declaration pins the rotation marker the consumer read at
 * init, and {@link VaultBackedSecretArgs.Builder#build()} refuses a {@code rotation} other than that pin. A plain bump is
 * refused with the procedure; moving the pin with the marker, in the same change, is the explicit statement that the
 * procedure is being done.
 *
 * @param consumer         who persisted the value, and how a new one reaches it
 * @param rotationAtInit   the rotation marker the consumer read when it persisted the value
 */
public record PersistedAtInit(Consumer consumer, String rotationAtInit) {
    public PersistedAtInit {
        java.util.Objects.requireNonNull(consumer, "consumer");
    }

    /** Who persisted the value: a consumer Citadel knows the procedure for, or one the user describes. */
    public sealed interface Consumer permits AuthentikBootstrapToken, PowerDnsApiKey, Other {
        /** The consumer, as the refusal names it. */
        String name();

        /** What to run after {@code pulumi up} writes the new value, so the consumer holds it too. */
        String procedure();
    }

    /**
     * authentik creates its bootstrap token from {@code AUTHENTIK_BOOTSTRAP_TOKEN} once and ignores the variable after
     * (seed 003: "Terraform reads token B from secret → 403 Token invalid/expired"). The token still accepts the previous
     * value, so that one sets the new key through authentik's API: an overlap with no restart.
     */
    public record AuthentikBootstrapToken() implements Consumer {
        public static final String TOKEN = "authentik-bootstrap-token";

        @Override
        public String name() {
            return "authentik (it created token " + TOKEN + " from AUTHENTIK_BOOTSTRAP_TOKEN at first start)";
        }

        @Override
        public String procedure() {
            return "run citadel rotate-authentik-token --url <authentik> with CITADEL_PREVIOUS_TOKEN (the Vault version before) "
                    + "and CITADEL_NEW_TOKEN set: it calls POST /api/v3/core/tokens/" + TOKEN + "/set_key/ with the previous value "
                    + "and checks the new one; until then callers holding the new value get 403";
        }
    }

    /** PowerDNS wrote the API key to its database at first boot (seed 003); restarting it does not change the database. */
    public record PowerDnsApiKey() implements Consumer {
        @Override
        public String name() {
            return "PowerDNS (it wrote the API key to its database at first boot)";
        }

        @Override
        public String procedure() {
            return "write the new key where PowerDNS keeps it (its database, or a fresh volume) and restart it; until then "
                    + "the webhook, external-dns and the operator get 401";
        }
    }

    /** Any other consumer: its name and the procedure its application supports, in the user's words. */
    public record Other(String name, String procedure) implements Consumer {
        public Other {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("persistedAtInit consumer is empty; name the application that persisted the value");
            }
            if (procedure == null || procedure.isBlank()) {
                throw new IllegalArgumentException("persistedAtInit " + name + ": procedure is empty; say how a new value reaches it "
                        + "(a second token, an overlap window, a Job that updates its database), or the refusal cannot say how to rotate");
            }
        }
    }
}
