package example.grafana;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import dev.citadel.identity.ApiServer;
import dev.citadel.identity.ApiServerConfig;
import dev.citadel.identity.GroupBinding;
import dev.citadel.identity.OidcRbac;
import dev.citadel.identity.OidcRbacArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This stack declares neither the Pulumi AWS SDK nor any of Citadel's CLI dependencies, and Citadel marks
 * them optional, so they must not be on its classpath; the components it uses work without them, and the
 * one that cannot (the EKS target) says which artifact to add.
 */
class WithoutOptionalDependenciesTest {

    @AfterEach
    void cleanup() {
        PulumiTest.cleanup();
    }

    @Test
    void theAwsSdkIsNotOnTheClasspath() {
        // Citadel's own loader: the one ApiServer.eks() looks in.
        assertThrows(ClassNotFoundException.class, () -> Class.forName(
                "com.pulumi.aws.eks.IdentityProviderConfig", false, ApiServer.class.getClassLoader()));
    }

    @Test
    void theCliOnlyDependenciesAreNotOnTheClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("picocli.CommandLine"));
        // citadel verify's libraries: the CLI's, not a component's.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.nimbusds.jwt.SignedJWT"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.jsoup.Jsoup"));
    }

    @Test
    void theEksTargetNamesTheArtifactToAdd() {
        var awsSdk = System.getProperty("citadel.awsSdk");
        assertTrue(awsSdk.matches("com\\.pulumi:aws:\\d+\\.\\d+\\.\\d+"), () -> "citadel.awsSdk not filled in: " + awsSdk);
        var builder = OidcRbacArgs.builder().issuer("https://sso.example.com/realms/apps", "kubernetes", "admin");
        var thrown = assertThrows(IllegalArgumentException.class, () -> builder.apiServer(ApiServer.eks("prod")));
        assertEquals("apiServer: ApiServer.eks(\"prod\") needs the Pulumi AWS SDK on the classpath: add " + awsSdk
                + " to your pom (Citadel declares it optional, so that stacks without an EKS target do not download it)",
                thrown.getMessage());
    }

    @Test
    void oidcRbacWithAnotherTargetEmitsWithoutTheAwsSdk() {
        var types = new CopyOnWriteArrayList<String>();
        Mocks mocks = args -> {
            types.add(args.type);
            return CompletableFuture.completedFuture(Mocks.ResourceResult.of(Optional.of(args.name + "-id"), args.inputs));
        };
        var result = PulumiTest.withMocks(mocks).runTest(ctx -> {
            var rbac = new OidcRbac("apps-oidc", OidcRbacArgs.builder()
                    .issuer("https://sso.example.com/realms/apps", "kubernetes", "admin")
                    .bind("admin", GroupBinding.CLUSTER_ADMIN)
                    .apiServer(ApiServer.talos())
                    .build());
            ctx.export("talosPatch", ((ApiServerConfig.TalosPatch) rbac.apiServer()).patch());
        });
        assertTrue(result.exceptions().isEmpty(), () -> "the program threw: " + result.exceptions());
        assertEquals(0, result.exitCode(), () -> "the program failed: " + result.errors());
        assertTrue(types.contains(OidcRbac.TYPE), () -> "types: " + types);
        assertEquals(List.of("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"),
                types.stream().filter(t -> t.contains("ClusterRoleBinding")).toList(), () -> "types: " + types);
        var patch = String.valueOf(PulumiTest.extractValue(result.output("talosPatch", String.class)));
        assertTrue(patch.contains("https://sso.example.com/realms/apps"), patch);
    }
}
