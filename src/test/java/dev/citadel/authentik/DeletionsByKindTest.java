package dev.citadel.authentik;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.citadel.authentik.ParsedBlueprint.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seed 001 deleted flows, stages, a group, a role and unbound policies by hand (issue 24 item 5): each kind can be kept
 * deleted by its identifiers, validated against authentik's vendored schema, and a deletion of what Citadel itself
 * renders is refused.
 */
class DeletionsByKindTest {
    @Test
    void everyKindIsDeletedByItsModelAndIdentifiers() {
        var yaml = new BlueprintSet(List.of(Presets.deleted("citadel-deleted", List.of(
                BlueprintObject.Deleted.flow("headscale-auth"),
                BlueprintObject.Deleted.stage("prompt", "headscale-prompt"),
                BlueprintObject.Deleted.stage("user_login", "oauth-enrollment-login"),
                BlueprintObject.Deleted.policy("expression", "map github username"),
                BlueprintObject.Deleted.group("authentik Read-only"),
                BlueprintObject.Deleted.role("authentik Read-only"))))).files().get("citadel-deleted.yaml");
        var bp = ParsedBlueprint.parse("citadel-deleted.yaml", yaml);
        assertThat(bp.entries()).allSatisfy(e -> assertThat(e).containsEntry("state", "absent").doesNotContainKey("attrs"));
        assertThat(bp.entries()).extracting(e -> e.get("model") + " " + map(e, "identifiers")).containsExactly(
                "authentik_flows.flow {slug=headscale-auth}",
                "authentik_stages_prompt.promptstage {name=headscale-prompt}",
                "authentik_stages_user_login.userloginstage {name=oauth-enrollment-login}",
                "authentik_policies_expression.expressionpolicy {name=map github username}",
                "authentik_core.group {name=authentik Read-only}",
                "authentik_rbac.role {name=authentik Read-only}");
        assertThat(new BlueprintSchema().violations(yaml)).isEmpty();
    }

    @Test
    void aTypeAuthentikDoesNotHaveIsRefused() {
        assertThatThrownBy(() -> BlueprintObject.Deleted.stage("login", "x")).hasMessageContaining("stage type 'login' is not one "
                + "authentik has").hasMessageContaining("user_login");
        assertThatThrownBy(() -> BlueprintObject.Deleted.policy("python", "x")).hasMessageContaining("policy type 'python'")
                .hasMessageContaining("expression");
    }

    @Test
    void deletingWhatCitadelRendersIsRefused() {
        var deleteTheInvitationGroup = Presets.deleted("citadel-deleted", List.of(BlueprintObject.Deleted.group("user")));
        assertThatThrownBy(() -> new BlueprintSet(List.of(Presets.invitationEnrollment("user"), deleteTheInvitationGroup)))
                .hasMessageContaining("blueprint citadel-deleted deletes authentik_core.group user, which blueprint "
                        + "citadel-invitation-enrollment renders").hasMessageContaining("drop it from the deletions");
        var deleteThePolicy = Presets.deleted("citadel-deleted", List.of(BlueprintObject.Deleted.policy("expression",
                Presets.GROUP_ASSIGNMENT_POLICY)));
        assertThatThrownBy(() -> new BlueprintSet(List.of(Presets.invitationEnrollment("user"), deleteThePolicy)))
                .hasMessageContaining("deletes authentik_policies_expression.expressionpolicy invitation-group-assignment");
        var deleteTheLoginStage = Presets.deleted("citadel-deleted", List.of(BlueprintObject.Deleted.stage("user_login",
                AuthentikDefaults.LOGIN_STAGE)));
        assertThatThrownBy(() -> new BlueprintSet(List.of(Presets.persistentSessions(4), deleteTheLoginStage)))
                .hasMessageContaining("deletes authentik_stages_user_login.userloginstage default-authentication-login");
    }
}
