package dev.citadel.database;

import com.google.gson.GsonBuilder;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.citadel.secrets.VaultBackedSecret;
import dev.citadel.secrets.VaultBackedSecretArgs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@link RdsAppUser}'s connection details where the app reads them ({@link Publish}), after {@code ready}: the
 * role, database and grants, or the Job that made them. The keys are the ones RDS uses in the secrets it manages and
 * seed 004's ExternalSecrets read ({@code username}, {@code password}, {@code engine}, {@code host}, {@code port},
 * {@code dbname}), plus {@code sslmode} and {@code jdbcUrl}.
 */
final class RdsPublishing {
    private RdsPublishing() {
    }

    /** Registers the publishing resources under {@code parent}; returns where the details went ({@code ""} for none). */
    static Output<String> publish(RdsAppUser parent, String name, RdsAppUserArgs a, List<Resource> ready) {
        var publish = a.publish();
        if (publish instanceof Publish.VaultKv vault) {
            return vaultKv(parent, name, a, vault, ready);
        }
        if (publish instanceof Publish.AwsSecretsManager aws) {
            var details = details(parent, a);
            var keys = new ArrayList<>(details.keySet());
            var json = Output.all(List.copyOf(details.values())).applyValue(values -> {
                var doc = new TreeMap<String, Object>();
                for (int i = 0; i < keys.size(); i++) {
                    // RDS's own secrets carry the port as a number; ESO renders it as text either way.
                    doc.put(keys.get(i), keys.get(i).equals("port") ? (Object) a.port() : values.get(i));
                }
                return new GsonBuilder().disableHtmlEscaping().create().toJson(doc);
            }).asSecret();
            return AwsRds.connectionSecret(name + "-connection", aws.name(), json,
                    CustomResourceOptions.builder().parent(parent).dependsOn(ready).build());
        }
        return Output.of("");
    }

    private static Output<String> vaultKv(RdsAppUser parent, String name, RdsAppUserArgs a, Publish.VaultKv vault, List<Resource> ready) {
        var b = VaultBackedSecretArgs.builder()
                .store(vault.store())
                .path(vault.path())
                // The password's own marker: a rotation changes the ExternalSecrets' annotation, so ESO re-syncs at once.
                .rotation(a.password().rotation());
        // A component's dependsOn does not reach its children; the values themselves wait for the URNs of what made the
        // role, so the SecretV2 (and the ExternalSecrets after it) carry that dependency.
        var gate = Output.all(ready.stream().map(Resource::urn).toList()).applyValue(urns -> "");
        details(parent, a).forEach((key, value) -> b.value(key, gate.apply(ignored -> value)));
        vault.namespaces().forEach(b::syncTo);
        var secret = new VaultBackedSecret(name + "-connection", b.build(),
                ComponentResourceOptions.builder().parent(parent).dependsOn(ready).build());
        return secret.vaultPath();
    }

    /** Key to value, in the order written; the password stays a secret. */
    private static Map<String, Output<String>> details(RdsAppUser user, RdsAppUserArgs a) {
        var d = new LinkedHashMap<String, Output<String>>();
        d.put("username", user.user());
        d.put("password", a.password().value().orElseThrow().asSecret());
        d.put("engine", Output.of("postgres"));
        d.put("host", user.host());
        d.put("port", Output.of(String.valueOf(a.port())));
        d.put("dbname", user.database());
        d.put("sslmode", user.sslmode());
        d.put("jdbcUrl", user.jdbcUrl());
        return d;
    }
}
