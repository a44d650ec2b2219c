package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;

/** {@code keycloak:openid/groupMembershipProtocolMapper:GroupMembershipProtocolMapper}: the groups claim, on a client scope. */
@ResourceType(type = KeycloakGroupMembershipMapper.TYPE)
public final class KeycloakGroupMembershipMapper extends CustomResource {
    public static final String TYPE = dev.citadel.contract.KeycloakObjects.GROUP_MEMBERSHIP_MAPPER;

    public KeycloakGroupMembershipMapper(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.KEYCLOAK.pin(options));
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "realmId", required = true) private Output<String> realmId;
        @Import(name = "clientScopeId") private Output<String> clientScopeId;
        @Import(name = "name") private Output<String> name;
        @Import(name = "claimName", required = true) private Output<String> claimName;
        @Import(name = "fullPath") private Output<Boolean> fullPath;
        @Import(name = "addToIdToken") private Output<Boolean> addToIdToken;
        @Import(name = "addToAccessToken") private Output<Boolean> addToAccessToken;
        @Import(name = "addToUserinfo") private Output<Boolean> addToUserinfo;
        @Import(name = "addToTokenIntrospection") private Output<Boolean> addToTokenIntrospection;

        public Args realmId(Output<String> v) { this.realmId = v; return this; }
        public Args clientScopeId(Output<String> v) { this.clientScopeId = v; return this; }
        public Args name(String v) { this.name = Output.of(v); return this; }
        public Args claimName(String v) { this.claimName = Output.of(v); return this; }
        public Args fullPath(boolean v) { this.fullPath = Output.of(v); return this; }
        public Args addToIdToken(boolean v) { this.addToIdToken = Output.of(v); return this; }
        public Args addToAccessToken(boolean v) { this.addToAccessToken = Output.of(v); return this; }
        public Args addToUserinfo(boolean v) { this.addToUserinfo = Output.of(v); return this; }
        public Args addToTokenIntrospection(boolean v) { this.addToTokenIntrospection = Output.of(v); return this; }
    }
}
