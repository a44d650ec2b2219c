package dev.citadel.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.citadel.identity.KeycloakRealm;
import dev.citadel.plan.Plan;
import dev.citadel.value.Redacted;
import dev.citadel.verify.RealmDrift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A realm as the plan declares it: the {@code realmJson} output of a {@link KeycloakRealm} (secrets as
 * {@code ${PLACEHOLDER}}s), its target and the Keycloak it lives in.
 *
 * @param keycloakUrl Keycloak's base URL from the realm's issuer; empty when the plan does not know it yet
 */
record DeclaredRealm(String name, JsonObject json, RealmDrift.Target target, Optional<String> keycloakUrl) {

    /** Every KeycloakRealm of the plan, by realm name; none is a one-line error naming the stack setting. */
    static List<DeclaredRealm> of(Plan plan, String stack) {
        var realms = new ArrayList<DeclaredRealm>();
        for (var component : plan.ofType(KeycloakRealm.TYPE)) {
            var outputs = plan.outputsOf(component).map(o -> Redacted.plain(o)).orElse(null);
            if (!(outputs instanceof java.util.Map<?, ?> map) || !(map.get("realmJson") instanceof String text)) {
                continue;
            }
            JsonObject json;
            try {
                json = JsonParser.parseString(text).getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                throw new IllegalStateException("the realmJson of KeycloakRealm '" + component.name() + "' is not a JSON object", e);
            }
            var name = json.get("realm").getAsString();
            var target = RealmDrift.Target.of(map.get("target") instanceof String t ? t : null);
            var suffix = "/realms/" + name;
            var issuer = map.get("issuerUrl") instanceof String i && i.endsWith(suffix) ? i : null;
            realms.add(new DeclaredRealm(name, json, target,
                    Optional.ofNullable(issuer).map(i -> i.substring(0, i.length() - suffix.length()))));
        }
        if (realms.isEmpty()) {
            throw new IllegalArgumentException("stack '" + stack + "' declares no Keycloak realm (no citadel:identity.realm in"
                    + " stacks/Pulumi." + stack + ".yaml): there is nothing to compare or adopt");
        }
        realms.sort(Comparator.comparing(DeclaredRealm::name));
        return realms;
    }
}
