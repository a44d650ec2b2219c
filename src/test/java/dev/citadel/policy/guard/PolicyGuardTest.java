package dev.citadel.policy.guard;

import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.rules.PolicyPack;
import org.junit.jupiter.api.Test;
import pulumirpc.Resource.RegisterResourceRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard refuses a registration a mandatory policy rejects, naming the policy, and lets compliant ones through. */
class PolicyGuardTest {
    static final String URN = "urn:pulumi:homelab::citadel::kubernetes:external-secrets.io/v1:ExternalSecret::powerdns-api-key";

    final PolicyGuard guard = new PolicyGuard(new PolicyEngine(PolicyPack.policies(), PackConfig.empty()));

    @Test
    void aViolatingResourceIsRefused() {
        var request = externalSecret(List.of(Value.newBuilder().setStructValue(Struct.newBuilder().putFields("sourceRef",
                struct(Struct.newBuilder().putFields("generatorRef", struct(Struct.newBuilder()
                        .putFields("kind", str("Password")).putFields("name", str("powerdns-api-key-generator"))))))).build()));
        assertThat(guard.refusal(URN, request)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("Citadel policy guard blocked kubernetes:external-secrets.io/v1:ExternalSecret 'powerdns-api-key': ")
                .contains("[no-regenerating-secret-generators]")
                .contains("powerdns-api-key")
                .endsWith("(the guard runs the mandatory policies inside the program; exceptions go in citadel:policies)"));
    }

    @Test
    void aCompliantResourceIsLetThrough() {
        assertThat(guard.refusal(URN, externalSecret(List.of()))).isEmpty();
    }

    static RegisterResourceRequest externalSecret(List<Value> dataFrom) {
        var spec = Struct.newBuilder().putFields("refreshInterval", str("1h"))
                .putFields("dataFrom", Value.newBuilder().setListValue(ListValue.newBuilder().addAllValues(dataFrom)).build());
        return RegisterResourceRequest.newBuilder().setType("kubernetes:external-secrets.io/v1:ExternalSecret")
                .setName("powerdns-api-key").setCustom(true)
                .setObject(Struct.newBuilder().putFields("apiVersion", str("external-secrets.io/v1"))
                        .putFields("kind", str("ExternalSecret"))
                        .putFields("metadata", struct(Struct.newBuilder().putFields("name", str("powerdns-api-key"))))
                        .putFields("spec", struct(spec)))
                .build();
    }

    static Value str(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    static Value struct(Struct.Builder b) {
        return Value.newBuilder().setStructValue(b).build();
    }
}
