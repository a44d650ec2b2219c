package dev.citadel.authentik;

import dev.citadel.authentik.BlueprintObject.Authentication;
import dev.citadel.authentik.BlueprintObject.Designation;
import dev.citadel.authentik.BlueprintObject.Flow;
import dev.citadel.authentik.BlueprintObject.FlowStageBinding;
import dev.citadel.authentik.BlueprintObject.IdentificationStage;
import dev.citadel.authentik.BlueprintObject.Layout;
import dev.citadel.authentik.BlueprintObject.OAuth2Provider;
import dev.citadel.authentik.BlueprintObject.PasswordStage;
import dev.citadel.authentik.BlueprintObject.UserLoginStage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** What BlueprintSet refuses at build, without a deployment, and the messages that say what to do. */
class BlueprintSetTest {
    private static IllegalArgumentException rejection(Supplier<?> build) {
        try {
            build.get();
        } catch (IllegalArgumentException e) {
            return e;
        }
        throw new AssertionError("expected the blueprints to be rejected, but they were accepted");
    }

    private static Flow flow(String id, String slug) {
        return new Flow(id, slug, slug, slug, Designation.AUTHENTICATION, Authentication.NONE, Layout.STACKED);
    }

    private static PasswordStage password(String id) {
        return new PasswordStage(id, "pw-" + id, List.of("authentik.core.auth.InbuiltBackend"));
    }

    private static BlueprintSet set(Blueprint... blueprints) {
        return new BlueprintSet(List.of(blueprints));
    }

    @Test
    void theSeed001SetIsAccepted() {
        assertThat(Seed001.homelab().build().blueprints().blueprints()).hasSize(10);
    }

    @Test
    void aKeyOfNamingNoEntryIsRefused() {
        var e = rejection(() -> set(Blueprint.builder("login").add(new IdentificationStage("id", "ident", List.of("username"),
                Ref.keyOf("pasword"), null)).build()));
        assertThat(e).hasMessageContaining("blueprint login, entry id").hasMessageContaining("!KeyOf pasword names no entry of this blueprint")
                .hasMessageContaining("use a !Find");
    }

    @Test
    void aKeyOfNamingALaterEntryIsRefused() {
        var e = rejection(() -> set(Blueprint.builder("login").add(
                new IdentificationStage("id", "ident", List.of("username"), Ref.keyOf("pw"), null), password("pw")).build()));
        assertThat(e).hasMessageContaining("!KeyOf pw names an entry further down").hasMessageContaining("move it up");
    }

    @Test
    void aFindMatchingNothingIsRefusedNamingAuthentik19715() {
        var e = rejection(() -> set(Blueprint.builder("app").add(new OAuth2Provider("p", "Grafana", BlueprintObject.ClientType.PUBLIC,
                "grafana", List.of(BlueprintObject.RedirectUri.strict("https://grafana.lan/cb")), null,
                Ref.flow("default-provider-authorization-implict-consent"), Ref.flow(AuthentikDefaults.PROVIDER_INVALIDATION_FLOW),
                List.of())).build()));
        assertThat(e).hasMessageContaining("!Find [authentik_flows.flow, [slug, default-provider-authorization-implict-consent]]")
                .hasMessageContaining("matches nothing").hasMessageContaining("authentik#19715");
    }

    @Test
    void aFindOfAnotherBlueprintsObjectNeedsTheDependency() {
        var flows = Blueprint.builder("flows").add(flow("f", "citadel-login")).build();
        var binder = Blueprint.builder("binder").add(password("pw"),
                new FlowStageBinding("b", Ref.flow("citadel-login"), Ref.keyOf("pw"), 10, false));
        var e = rejection(() -> set(flows, binder.build()));
        assertThat(e).hasMessageContaining("created by blueprint flows").hasMessageContaining("add .dependsOn(\"flows\")");
        assertThat(set(flows, binder.dependsOn("flows").build()).files().get("binder.yaml"))
                .contains("model: authentik_blueprints.metaapplyblueprint")
                .contains("identifiers:\n      name: flows\n    required: true");
    }

    @Test
    void aFindOfADeletedDefaultIsRefused() {
        var gone = Presets.deleted("gone", List.of(BlueprintObject.Deleted.flow(AuthentikDefaults.PROVIDER_INVALIDATION_FLOW)));
        var e = rejection(() -> set(gone, Presets.firstPartyOidcApp("Forgejo", "https://git.lan/cb")));
        assertThat(e).hasMessageContaining("names what blueprint gone deletes (state absent)");
    }

    @Test
    void aDuplicateEntryIdIsRefused() {
        var e = rejection(() -> set(Blueprint.builder("twice").add(password("pw"), new UserLoginStage("pw", "login", "weeks=4")).build()));
        assertThat(e).hasMessageContaining("blueprint twice: two entries have the id 'pw'").hasMessageContaining("give each entry its own id");
    }

    @Test
    void aFlowSlugClashAcrossBlueprintsIsRefused() {
        var e = rejection(() -> set(Blueprint.builder("a").add(flow("f", "citadel-login")).build(),
                Blueprint.builder("b").add(flow("g", "citadel-login")).build()));
        assertThat(e).hasMessageContaining("flow slug citadel-login is declared twice (blueprint a as present, blueprint b as present)")
                .hasMessageContaining("give a new flow its own slug");
    }

    @Test
    void creatingAndDeletingTheSameFlowIsAClashToo() {
        var e = rejection(() -> set(Blueprint.builder("a").add(flow("f", "invitation-enrollment")).build(),
                Presets.deleted("gone", List.of(BlueprintObject.Deleted.flow("invitation-enrollment")))));
        assertThat(e).hasMessageContaining("blueprint gone deletes authentik_flows.flow invitation-enrollment, which blueprint a renders")
                .hasMessageContaining("drop it from the deletions");
    }

    @Test
    void bindingThePasswordStageAnIdentificationStageEmbedsIsRefused() {
        var e = rejection(() -> set(Blueprint.builder("two-screens").add(password("pw"),
                new IdentificationStage("id", "ident", List.of("username"), Ref.keyOf("pw"), null),
                new FlowStageBinding("b", Ref.flow(AuthentikDefaults.AUTHENTICATION_FLOW), Ref.keyOf("pw"), 20, false)).build()));
        assertThat(e).hasMessageContaining("identification stage ident (blueprint two-screens) embeds password stage pw-pw, which flow "
                + "default-authentication-flow also binds at order 20").hasMessageContaining("delete that binding (state absent)");
    }

    @Test
    void bindingTheEmbeddedPasswordStageFromAnotherBlueprintIsRefusedToo() {
        var rebind = Blueprint.builder("rebind").add(new FlowStageBinding("b", Ref.flow(AuthentikDefaults.AUTHENTICATION_FLOW),
                new Ref.Find(Models.PASSWORD_STAGE, "name", AuthentikDefaults.PASSWORD_STAGE), 30, false))
                .dependsOn(Presets.ONE_SCREEN_LOGIN).build();
        var e = rejection(() -> set(Presets.oneScreenLogin(), rebind));
        // At order 20 it is the very binding the preset deletes: that is refused as a clash of the two declarations.
        assertThat(rejection(() -> set(Presets.oneScreenLogin(), Blueprint.builder("rebind20").add(new FlowStageBinding("b",
                Ref.flow(AuthentikDefaults.AUTHENTICATION_FLOW), new Ref.Find(Models.PASSWORD_STAGE, "name", AuthentikDefaults.PASSWORD_STAGE),
                20, false)).dependsOn(Presets.ONE_SCREEN_LOGIN).build())))
                .hasMessageContaining("blueprint citadel-one-screen-login deletes authentik_flows.flowstagebinding")
                .hasMessageContaining("which blueprint rebind20 renders");
        assertThat(e).hasMessageContaining("blueprint rebind: identification stage default-authentication-identification "
                + "(blueprint citadel-one-screen-login) embeds password stage default-authentication-password");
    }

    @Test
    void dependenciesMustExistAndNotCycle() {
        assertThat(rejection(() -> set(Blueprint.builder("a").add(flow("f", "x")).dependsOn("b").build())))
                .hasMessageContaining("blueprint a depends on 'b', which is not in the set [a]");
        assertThat(rejection(() -> set(Blueprint.builder("a").add(flow("f", "x")).dependsOn("b").build(),
                Blueprint.builder("b").add(flow("g", "y")).dependsOn("a").build())))
                .hasMessageContaining("depends on itself");
    }

    @Test
    void valuesAuthentikCannotParseAreRefusedWhereTheyAreWritten() {
        assertThat(rejection(() -> new UserLoginStage("l", "login", "4 weeks")))
                .hasMessageContaining("session_duration is '4 weeks'").hasMessageContaining("weeks=4");
        assertThat(rejection(() -> Presets.persistentSessions(0))).hasMessageContaining("weeks is 0");
        assertThat(rejection(() -> BlueprintObject.RedirectUri.strict("http://git.lan/cb"))).hasMessageContaining("is not https");
        assertThat(rejection(() -> new OAuth2Provider("p", "X", BlueprintObject.ClientType.PUBLIC, "x",
                List.of(BlueprintObject.RedirectUri.strict("https://x/cb")), null, Ref.flow(AuthentikDefaults.AUTHENTICATION_FLOW), null, List.of())))
                .hasMessageContaining("invalidation_flow is missing and authentik requires it");
        assertThat(rejection(() -> flow("f", "Login Flow"))).hasMessageContaining("flow slug 'Login Flow' is not a slug");
        assertThat(rejection(() -> Presets.invitationEnrollment("admins\"; import os"))).hasMessageContaining("is not a plain group name");
        assertThat(rejection(() -> AuthentikFlowArgs.builder().build())).hasMessageContaining("blueprints is empty");
        assertThat(rejection(() -> Seed001.homelab().namespace("Authentik").build())).hasMessageContaining("namespace");
    }

    @Test
    void renderingIsDeterministic() {
        assertThat(Seed001.homelab().build().blueprints().files()).isEqualTo(Seed001.homelab().build().blueprints().files());
        assertThat(Presets.oneScreenLogin().entries().get(2).identifiers().keySet()).containsExactly("target", "stage", "order");
    }
}
