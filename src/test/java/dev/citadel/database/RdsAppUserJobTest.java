package dev.citadel.database;

import dev.citadel.plan.Plan;
import dev.citadel.plan.Registration;
import dev.citadel.provider.PostgresqlRole;
import dev.citadel.value.Redacted;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The Job path through the offline plan: the ConfigMap with the script, the Job and its Secret wiring. */
class RdsAppUserJobTest {
    static final String JOB = "kubernetes:batch/v1:Job";
    static final String CONFIG_MAP = "kubernetes:core/v1:ConfigMap";

    private record Run(Plan plan, RdsAppUserArgs args) {
    }

    private static Run run(String rotation, UnaryOperator<RdsAppUserArgs.Builder> tweak) {
        var args = new RdsAppUserArgs[1];
        var plan = RdsPlans.plan(ctx -> {
            var secret = RdsPlans.appSecret("backstage-db", rotation);
            args[0] = tweak.apply(RdsPlans.backstage(Credential.of(secret, RdsPlans.NAMESPACE, "password"))
                    .provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA)).build();
            var user = new RdsAppUser("backstage-db", args[0],
                    com.pulumi.resources.ComponentResourceOptions.builder().dependsOn(secret).build());
            ctx.export("jobName", user.jobName());
        });
        return new Run(plan, args[0]);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Registration r) {
        return (Map<String, Object>) Redacted.kubernetesObject(r.inputs());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> job) {
        var spec = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) job.get("spec")).get("template")).get("spec");
        return ((List<Map<String, Object>>) spec.get("containers")).get(0);
    }

    private static String jobName(Run r) {
        return (String) ((Map<?, ?>) object(RdsPlans.only(r.plan(), JOB)).get("metadata")).get("name");
    }

    /**
     * The pod reads Secrets the stack syncs (the app password, a master shared by every user): the Job waits for what
     * the component waits for, not only for its own ConfigMap, or it starts before those Secrets exist.
     */
    @Test
    void theJobWaitsForWhatItsComponentWaitsFor() {
        var plan = RdsPlans.plan(ctx -> {
            var master = new RdsMasterSecret("platform-db-master", new RdsMasterSecret.Args(RdsPlans.NAMESPACE,
                    AwsSecretsManagerRef.of("aws-secretsmanager", "goldenpath/dev/rds/master")));
            new RdsAppUser("keycloak-db", RdsPlans.keycloak(RdsPlans.someRef()).masterPassword(master.credential())
                    .provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA).build(),
                    com.pulumi.resources.ComponentResourceOptions.builder().dependsOn(master).build());
        });

        var job = RdsPlans.only(plan, "kubernetes:batch/v1:Job");
        assertThat(job.dependsOn()).anyMatch(urn -> urn.endsWith("ExternalSecret::platform-db-master"))
                .anyMatch(urn -> urn.endsWith("ConfigMap::keycloak-db-sql"));
        assertThat(plan.ofType("kubernetes:external-secrets.io/v1:ExternalSecret")).as("one master Secret, the shared one").hasSize(1);
    }

    @Test
    void theConfigMapHoldsTheRenderedScriptAndNoProviderIsUsed() {
        var r = run("1", b -> b);
        var cm = object(RdsPlans.only(r.plan(), CONFIG_MAP));
        assertThat(((Map<?, ?>) cm.get("metadata")).get("name")).isEqualTo("backstage-db-sql");
        assertThat(((Map<?, ?>) cm.get("metadata")).get("namespace")).isEqualTo(RdsPlans.NAMESPACE);
        assertThat(((Map<?, ?>) cm.get("data")).get("provision.sql")).isEqualTo(RdsSql.render(r.args()).psql());
        assertThat(r.plan().ofType("pulumi:providers:postgresql")).isEmpty();
        assertThat(r.plan().ofType(PostgresqlRole.TYPE)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJobReadsBothPasswordsFromSecretsAndNeverCarriesThem() {
        var r = run("1", b -> b);
        var jobReg = RdsPlans.only(r.plan(), JOB);
        var job = object(jobReg);
        var c = container(job);
        assertThat(c.get("image")).isEqualTo(Provisioner.Job.DEFAULT_IMAGE);
        assertThat(c.get("command")).isEqualTo(RdsJob.COMMAND);
        assertThat(RdsJob.COMMAND.get(2)).endsWith("| psql -X -v ON_ERROR_STOP=1 -f /citadel/provision.sql");
        var env = (List<Map<String, Object>>) c.get("env");
        assertThat(env).contains(
                Map.of("name", "PGHOST", "value", RdsPlans.HOST),
                Map.of("name", "PGUSER", "value", "postgres"),
                Map.of("name", "PGSSLMODE", "value", "verify-full"),
                Map.of("name", "PGSSLROOTCERT", "value", "/citadel-ca/global-bundle.pem"),
                Map.of("name", "PGPASSWORD", "valueFrom", Map.of("secretKeyRef", Map.of("name", "rds-master", "key", "password"))),
                Map.of("name", RdsSql.PASSWORD_ENV, "valueFrom", Map.of("secretKeyRef", Map.of("name", "backstage-db", "key", "password"))));
        assertThat(env).allSatisfy(e -> assertThat(e).containsKey("name"));
        var text = String.valueOf(job);
        assertThat(text).doesNotContain(RdsPlans.MASTER_CANARY).doesNotContain(Redacted.SECRET);
        var cm = RdsPlans.only(r.plan(), CONFIG_MAP);
        assertThat(jobReg.dependsOn()).contains(cm.urn());
        assertThat(jobReg.parent()).isEqualTo(r.plan().find(RdsAppUser.TYPE, "backstage-db").orElseThrow().urn());
        assertThat(jobReg.name()).isEqualTo("backstage-db-provision");
    }

    /** Issue 23: the CA bundle by reference, mounted for psql; no service-account token the pod never uses. */
    @Test
    @SuppressWarnings("unchecked")
    void theCaBundleIsMountedByReferenceAndNoServiceAccountTokenIs() {
        var job = object(RdsPlans.only(run("1", b -> b).plan(), JOB));
        var pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) job.get("spec")).get("template")).get("spec");
        assertThat(pod).containsEntry("automountServiceAccountToken", false);
        assertThat((List<Object>) pod.get("volumes")).contains(Map.of("name", "ca", "configMap", Map.of("name", "rds-ca",
                "items", List.of(Map.of("key", "global-bundle.pem", "path", "global-bundle.pem")))));
        assertThat((List<Object>) container(job).get("volumeMounts")).contains(Map.of("name", "ca", "mountPath", "/citadel-ca", "readOnly", true));
        var secret = object(RdsPlans.only(run("1", b -> b.caBundle(CaBundle.secret("rds-ca", "ca.crt"))).plan(), JOB));
        var secretPod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) secret.get("spec")).get("template")).get("spec");
        assertThat((List<Object>) secretPod.get("volumes")).contains(Map.of("name", "ca", "secret", Map.of("secretName", "rds-ca",
                "items", List.of(Map.of("key", "ca.crt", "path", "ca.crt")))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void pulumiUpWaitsForTheJobWithinABoundAndNothingDeletesItBehindTheState() {
        var job = object(RdsPlans.only(run("1", b -> b).plan(), JOB));
        var annotations = (Map<String, Object>) ((Map<?, ?>) job.get("metadata")).get("annotations");
        // pulumi-kubernetes awaits a Job's Complete condition unless skipAwait is set; it must not be.
        assertThat(annotations).doesNotContainKey("pulumi.com/skipAwait").containsEntry("pulumi.com/timeoutSeconds", "660");
        var spec = (Map<String, Object>) job.get("spec");
        // Kubernetes fails it first (DeadlineExceeded), which the awaiter reports at once, before its own timeout.
        assertThat(spec).containsEntry("activeDeadlineSeconds", 600L).doesNotContainKey("ttlSecondsAfterFinished");
        assertThat(Integer.parseInt((String) annotations.get("pulumi.com/timeoutSeconds")))
                .isGreaterThan(((Number) spec.get("activeDeadlineSeconds")).intValue());
    }

    @Test
    void whatDependsOnTheComponentWaitsForTheJob() {
        var plan = RdsPlans.plan(ctx -> {
            var secret = RdsPlans.appSecret("backstage-db", "1");
            var user = new RdsAppUser("backstage-db", RdsPlans.backstage(Credential.of(secret, RdsPlans.NAMESPACE, "password"))
                    .provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA).build());
            // The app: a Deployment that may start only once its role exists.
            new dev.citadel.provider.KubernetesObject("backstage", new dev.citadel.provider.KubernetesObject.Args("apps/v1", "Deployment",
                    Map.of("name", "backstage", "namespace", "backstage"), Map.of()),
                    com.pulumi.resources.CustomResourceOptions.builder().dependsOn(user).build());
        });
        var job = RdsPlans.only(plan, JOB);
        assertThat(plan.find("kubernetes:apps/v1:Deployment", "backstage").orElseThrow().dependsOn()).contains(job.urn());
    }

    @Test
    void publishingWaitsForTheJob() {
        var plan = RdsPlans.plan(ctx -> {
            var secret = RdsPlans.appSecret("backstage-db", "1");
            new RdsAppUser("backstage-db", RdsPlans.backstage(Credential.of(secret, RdsPlans.NAMESPACE, "password"))
                    .provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA)
                    .publish(Publish.vaultKv(RdsAppUserPublishTest.STORE, "backstage/postgres-connection", "backstage")).build());
            new RdsAppUser("keycloak-db", RdsPlans.keycloak(Credential.of(RdsPlans.appSecret("keycloak-db", "1"), RdsPlans.NAMESPACE, "password"))
                    .provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA)
                    .publish(Publish.awsSecretsManager("goldenpath/dev/keycloak/postgres")).build());
        });
        var jobs = plan.ofType(JOB);
        var backstageJob = jobs.stream().filter(j -> j.name().equals("backstage-db-provision")).findFirst().orElseThrow();
        var keycloakJob = jobs.stream().filter(j -> j.name().equals("keycloak-db-provision")).findFirst().orElseThrow();
        assertThat(plan.find(dev.citadel.provider.VaultKvSecretV2.TYPE, "backstage-db-connection").orElseThrow().dependsOn())
                .contains(backstageJob.urn());
        assertThat(RdsPlans.only(plan, RdsAppUserPublishTest.AWS_SECRET).dependsOn()).contains(keycloakJob.urn());
        assertThat(RdsPlans.only(plan, RdsAppUserPublishTest.AWS_SECRET_VERSION).dependsOn()).contains(keycloakJob.urn());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMasterPasswordRdsKeepsInSecretsManagerIsSyncedByAnExternalSecretTheJobWaitsFor() {
        var plan = RdsPlans.plan(ctx -> {
            var secret = RdsPlans.appSecret("backstage-db", "1");
            new RdsAppUser("backstage-db", RdsPlans.backstage(Credential.of(secret, RdsPlans.NAMESPACE, "password"))
                    .masterPasswordInAwsSecretsManager(AwsSecretsManagerRef.of("aws-secretsmanager", "goldenpath/dev/rds/master"))
                    .provisioner(Provisioner.job(RdsPlans.NAMESPACE)).caBundle(RdsPlans.CA).build());
        });
        var es = plan.find(RdsAppUserPublishTest.EXTERNAL_SECRET, "backstage-db-master").orElseThrow();
        var object = object(es);
        var meta = (Map<String, Object>) object.get("metadata");
        assertThat(meta).containsEntry("name", "backstage-db-master").containsEntry("namespace", RdsPlans.NAMESPACE);
        assertThat((Map<String, Object>) meta.get("annotations")).containsEntry("pulumi.com/waitFor", "condition=Ready");
        var spec = (Map<String, Object>) object.get("spec");
        assertThat(spec.get("secretStoreRef")).isEqualTo(Map.of("name", "aws-secretsmanager", "kind", "ClusterSecretStore"));
        assertThat(spec.get("data")).isEqualTo(List.of(Map.of("secretKey", "password",
                "remoteRef", Map.of("key", "goldenpath/dev/rds/master", "property", "password"))));
        var jobReg = RdsPlans.only(plan, JOB);
        var env = (List<Map<String, Object>>) container(object(jobReg)).get("env");
        assertThat(env).contains(Map.of("name", "PGPASSWORD", "valueFrom",
                Map.of("secretKeyRef", Map.of("name", "backstage-db-master", "key", "password"))));
        assertThat(jobReg.dependsOn()).contains(es.urn());
    }

    @Test
    void theJobIsRenamedWhenTheDeclarationOrARotationChangesAndOnlyThen() {
        var first = jobName(run("1", b -> b));
        assertThat(first).matches("backstage-db-provision-[0-9a-f]{8}");
        assertThat(jobName(run("1", b -> b))).isEqualTo(first);
        assertThat(jobName(run("2", b -> b))).isNotEqualTo(first);
        assertThat(jobName(run("1", b -> b.createDatabase(false)))).isNotEqualTo(first);
        var annotations = (Map<?, ?>) ((Map<?, ?>) object(RdsPlans.only(run("2", b -> b).plan(), JOB)).get("metadata")).get("annotations");
        assertThat(annotations.get(RdsAppUser.ROTATION_ANNOTATION)).isEqualTo("0/2");
        assertThat(annotations.get(RdsAppUser.SQL_HASH_ANNOTATION)).asString().hasSize(16);
        assertThat(((Map<?, ?>) Redacted.plain(run("1", b -> b).plan().outputs())).get("jobName")).isEqualTo(first);
    }
}
