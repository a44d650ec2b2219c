package dev.citadel.policy.rules;

import dev.citadel.policy.EnforcementLevel;
import dev.citadel.policy.PackConfig;
import dev.citadel.policy.PolicyEngine;
import dev.citadel.policy.PolicyResource;
import dev.citadel.value.Prop;
import dev.citadel.value.PropDecoder;
import dev.citadel.policy.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * references-resolve, one reference kind at a time: each case is an object that answers a name and an object that uses
 * it. Used right, the plan is clean; renamed, one mandatory finding names both ends; pointed into a namespace the stack
 * does not write to, an advisory names the assumption; unknown at preview, undecidable.
 */
class ReferencesResolvePolicyTest {
    private final ReferencesResolve policy = new ReferencesResolve();

    /**
     * @param answer  YAML of the object(s) that answer {@code NAME} in namespace {@code app}
     * @param use     YAML of the object that uses it; {@code NAME} and {@code NS} stand for the name and its namespace
     * @param target  how the finding names the target, e.g. {@code Secret app/NAME}
     */
    record Case(String kind, String right, String answer, String use, String target) {
        String stack(String name, String namespace) {
            return ("resources:\n" + answer + use).replace("NAME", name).replace("NS", namespace)
                    .replace("RIGHT", right);
        }

        @Override
        public String toString() {
            return kind;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("Service host in container env", "app-db", cnpgCluster("RIGHT"), deployment("""
                        env:
                          - {name: DATABASE_HOST, value: "NAME-rw.NS.svc"}
                """), "Service NS/NAME-rw"),
                new Case("Service host in chart values", "app-db-pooler-rw", cnpgCluster("app-db") + """
                          - apiVersion: postgresql.cnpg.io/v1
                            kind: Pooler
                            metadata: {name: RIGHT, namespace: app}
                            spec: {cluster: {name: app-db}}
                        """, release("""
                          postgres: {url: "postgresql://NAME.NS.svc.cluster.local:5432/app?sslmode=require"}
                        """), "Service NS/NAME"),
                new Case("Service host in a rendered config", "metrics", service("RIGHT"), """
                          - apiVersion: v1
                            kind: ConfigMap
                            metadata: {name: scrape, namespace: NS}
                            data: {targets: "http://NAME.NS.svc:9090/metrics"}
                        """, "Service NS/NAME"),
                new Case("secretKeyRef of a workload", "app-env", externalSecret("RIGHT"), deployment("""
                        env:
                          - name: TOKEN
                            valueFrom: {secretKeyRef: {name: NAME, key: token}}
                """), "Secret NS/NAME"),
                new Case("configMapKeyRef of a workload", "app-config", configMap("RIGHT"), deployment("""
                        env:
                          - name: MODE
                            valueFrom: {configMapKeyRef: {name: NAME, key: mode}}
                """), "ConfigMap NS/NAME"),
                new Case("envFrom Secret of a CronJob", "app-env", externalSecret("RIGHT"), """
                          - apiVersion: batch/v1
                            kind: CronJob
                            metadata: {name: nightly, namespace: NS}
                            spec:
                              jobTemplate:
                                spec:
                                  template:
                                    spec:
                                      containers:
                                        - name: job
                                          image: ghcr.io/example/job:1.0.0
                                          envFrom: [{secretRef: {name: NAME}}]
                        """, "Secret NS/NAME"),
                new Case("volume ConfigMap of a workload", "app-config", configMap("RIGHT"), deployment("""
                        volumeMounts: [{name: config, mountPath: /etc/app}]
                    volumes:
                      - name: config
                        configMap: {name: NAME}
                """), "ConfigMap NS/NAME"),
                new Case("secretKeyRef in chart values", "app-env", externalSecret("RIGHT"), release("""
                          env:
                            - name: TOKEN
                              valueFrom: {secretKeyRef: {name: NAME, key: token}}
                        """), "Secret NS/NAME"),
                new Case("ExternalSecret's SecretStore", "vault", """
                          - apiVersion: external-secrets.io/v1
                            kind: SecretStore
                            metadata: {name: RIGHT, namespace: app}
                            spec: {provider: {fake: {data: []}}}
                        """, """
                          - apiVersion: external-secrets.io/v1
                            kind: ExternalSecret
                            metadata: {name: app-env, namespace: NS}
                            spec: {secretStoreRef: {name: NAME}, target: {name: app-env}}
                        """, "SecretStore NS/NAME"),
                new Case("cert-manager ClusterIssuer Secret", "powerdns-api-key", externalSecret("RIGHT").replace("app}", "cert-manager}"), """
                          - apiVersion: cert-manager.io/v1
                            kind: ClusterIssuer
                            metadata: {name: letsencrypt}
                            spec:
                              acme:
                                privateKeySecretRef: {name: letsencrypt-account-key}
                                solvers:
                                  - dns01:
                                      webhook:
                                        config:
                                          apiKeySecretRef: {name: NAME, key: PDNS_API_KEY, namespace: cert-manager}
                        """, "Secret cert-manager/NAME"),
                new Case("CNPG role passwordSecret", "app-postgres", externalSecret("RIGHT"), """
                          - apiVersion: postgresql.cnpg.io/v1
                            kind: Cluster
                            metadata: {name: app-db, namespace: NS}
                            spec:
                              managed:
                                roles: [{name: app, passwordSecret: {name: NAME}}]
                        """, "Secret NS/NAME"),
                new Case("barman ObjectStore credentials", "s3-keys", externalSecret("RIGHT"), """
                          - apiVersion: barmancloud.cnpg.io/v1
                            kind: ObjectStore
                            metadata: {name: app-db, namespace: NS}
                            spec:
                              configuration:
                                destinationPath: s3://backups/
                                s3Credentials:
                                  accessKeyId: {name: NAME, key: ACCESS_KEY_ID}
                                  secretAccessKey: {name: NAME, key: ACCESS_SECRET_KEY}
                        """, "Secret NS/NAME"),
                new Case("CNPG barmanObjectName", "app-db", """
                          - apiVersion: barmancloud.cnpg.io/v1
                            kind: ObjectStore
                            metadata: {name: RIGHT, namespace: app}
                            spec: {configuration: {destinationPath: "s3://backups/"}}
                        """, """
                          - apiVersion: postgresql.cnpg.io/v1
                            kind: Cluster
                            metadata: {name: app-db, namespace: NS}
                            spec:
                              plugins:
                                - {name: barman-cloud.cloudnative-pg.io, isWALArchiver: true, parameters: {barmanObjectName: NAME}}
                        """, "ObjectStore NS/NAME"),
                new Case("ScheduledBackup's cluster", "app-db", cnpgCluster("RIGHT"), """
                          - apiVersion: postgresql.cnpg.io/v1
                            kind: ScheduledBackup
                            metadata: {name: app-db-daily, namespace: NS}
                            spec: {schedule: "0 0 3 * * *", cluster: {name: NAME}}
                        """, "Cluster NS/NAME"),
                new Case("RBAC roleRef", "secret-reader", """
                          - apiVersion: rbac.authorization.k8s.io/v1
                            kind: Role
                            metadata: {name: RIGHT, namespace: app}
                            rules: []
                        """, """
                          - apiVersion: rbac.authorization.k8s.io/v1
                            kind: RoleBinding
                            metadata: {name: readers, namespace: NS}
                            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: NAME}
                            subjects: [{kind: Group, name: "oidc:readers"}]
                        """, "Role NS/NAME"),
                new Case("Keycloak a realm import targets", "keycloak", """
                          - apiVersion: k8s.keycloak.org/v2alpha1
                            kind: Keycloak
                            metadata: {name: RIGHT, namespace: app}
                            spec: {instances: 1}
                        """, """
                          - apiVersion: k8s.keycloak.org/v2alpha1
                            kind: KeycloakRealmImport
                            metadata: {name: homelab, namespace: NS}
                            spec: {keycloakCRName: NAME, realm: {realm: homelab}}
                        """, "Keycloak NS/NAME"));
    }

    @ParameterizedTest(name = "{0}: used right, nothing to report")
    @MethodSource("cases")
    void aReferenceToWhatTheStackRendersPasses(Case c) {
        assertThat(RuleRun.run(policy, c.stack(c.right(), "app"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}: renamed, one mandatory finding naming both ends")
    @MethodSource("cases")
    void aDanglingReferenceIsOneMandatoryFindingNamingBothEnds(Case c) {
        var violations = RuleRun.run(policy, c.stack("renamed", "app"));
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY);
            assertThat(v.message()).contains(c.target().replace("NAME", "renamed").replace("NS", "app"))
                    .contains("nothing answers it")
                    .contains("preinstalled");
        });
    }

    @ParameterizedTest(name = "{0}: declared preinstalled, it resolves")
    @MethodSource("cases")
    void aReferenceDeclaredPreinstalledResolves(Case c) {
        var target = c.target().replace("NAME", "renamed").replace("NS", "app");
        var declared = "config: {preinstalled: [\"" + target + "\"]}\n";
        assertThat(RuleRun.run(policy, declared + c.stack("renamed", "app"))).isEmpty();
    }

    /** The references made by name (a host is found by reading a string: an unknown string holds no host to check). */
    static Stream<Case> namedCases() {
        return cases().filter(c -> !c.kind().startsWith("Service host"));
    }

    @ParameterizedTest(name = "{0}: unknown at preview, undecidable")
    @MethodSource("namedCases")
    void aNameNotKnownBeforeDeploymentIsUndecidableNeverClean(Case c) {
        assertThat(RuleRun.run(policy, c.stack("\"[unknown]\"", "app"))).isNotEmpty()
                .allSatisfy(v -> assertThat(v.message()).contains("not known until deployment"));
    }

    @Test
    void aReferenceIntoANamespaceTheStackDoesNotWriteToIsAnAdvisoryNamingTheAssumption() {
        var violations = RuleRun.run(policy, """
                resources:
                  - apiVersion: barmancloud.cnpg.io/v1
                    kind: ObjectStore
                    metadata: {name: app-db, namespace: app}
                    spec:
                      configuration:
                        destinationPath: s3://backups/
                        endpointURL: http://rustfs.storage.svc.cluster.local:9000
                        s3Credentials:
                          accessKeyId: {name: s3-keys, key: ACCESS_KEY_ID}
                          secretAccessKey: {name: s3-keys, key: ACCESS_SECRET_KEY}
                  - apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata: {name: s3-keys, namespace: app}
                    spec: {secretStoreRef: {kind: ClusterSecretStore, name: vault}, target: {name: s3-keys}}
                  - apiVersion: external-secrets.io/v1
                    kind: ClusterSecretStore
                    metadata: {name: vault}
                    spec: {provider: {vault: {server: "http://vault.vault.svc:8200"}}}
                """);
        assertThat(violations).hasSize(2).allSatisfy(v -> assertThat(v.level()).isEqualTo(EnforcementLevel.ADVISORY))
                .anySatisfy(v -> assertThat(v.message()).contains("Service storage/rustfs").contains("not one this stack writes to"))
                .anySatisfy(v -> assertThat(v.message()).contains("Service vault/vault"));
    }

    @Test
    void seed004AnExternalSecretsClusterSecretStoreThatNothingRendersOrDeclaresBlocks() {
        var seed004 = """
                resources:
                  - apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata: {name: backstage-postgres, namespace: backstage}
                    spec:
                      secretStoreRef: {kind: ClusterSecretStore, name: aws-secretsmanager}
                      data: [{secretKey: password, remoteRef: {key: goldenpath/dev/backstage/postgres, property: password}}]
                """;
        assertThat(RuleRun.run(policy, seed004)).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY);
            assertThat(v.message()).contains("ExternalSecret backstage-postgres (spec.secretStoreRef) names ClusterSecretStore "
                    + "aws-secretsmanager; nothing answers it: the stack renders no ClusterSecretStore");
        });
        assertThat(RuleRun.run(policy, "config: {preinstalled: [ClusterSecretStore aws-secretsmanager]}\n" + seed004)).isEmpty();
    }

    @Test
    void whatCnpgAndTheOperatorsCreateAnswersWithoutBeingRendered() {
        assertThat(RuleRun.run(policy, "resources:\n" + cnpgCluster("app-db") + deployment("""
                        env:
                          - {name: DB, value: "app-db-ro.app.svc"}
                          - name: PASSWORD
                            valueFrom: {secretKeyRef: {name: app-db-app, key: password}}
                          - name: CA
                            valueFrom: {secretKeyRef: {name: app-db-ca, key: ca.crt}}
                          - name: ROOT_CA
                            valueFrom: {configMapKeyRef: {name: kube-root-ca.crt, key: ca.crt}}
                          - {name: API, value: "https://kubernetes.default.svc"}
                """).replace("NS", "app") + """
                  - apiVersion: rbac.authorization.k8s.io/v1
                    kind: ClusterRoleBinding
                    metadata: {name: oidc-admins}
                    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                    subjects: [{kind: Group, name: "oidc:admin"}]
                """)).isEmpty();
    }

    @Test
    void anOptionalReferenceNeedsNoAnswer() {
        assertThat(RuleRun.run(policy, "resources:\n" + deployment("""
                        env:
                          - name: EXTRA
                            valueFrom: {secretKeyRef: {name: maybe-there, key: x, optional: true}}
                """).replace("NS", "app"))).isEmpty();
    }

    @Test
    void aChartCitadelDoesNotModelMayCreateTheObjectSoItsNamespaceGetsAnAdvisoryNotABlock() {
        var violations = RuleRun.run(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: grafana
                    inputs: {name: grafana, namespace: monitoring, chart: grafana, values: {}}
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: datasources, namespace: monitoring}
                    data: {url: "http://grafana.monitoring.svc:80"}
                """);
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(EnforcementLevel.ADVISORY);
            assertThat(v.message()).contains("chart grafana (grafana)").contains("may create it");
        });
    }

    @Test
    void anUnknownValueWhereAHostGoesIsUndecidableButAnUnknownElsewhereIsNoReference() {
        var stack = "resources:\n" + deployment("""
                        env:
                          - {name: DATABASE_HOST, value: "[unknown]"}
                          - {name: WORKERS, value: "[unknown]"}
                """).replace("NS", "app");
        assertThat(RuleRun.run(policy, stack)).singleElement().satisfies(v -> assertThat(v.message())
                .contains("spec.template.spec.containers[app].env[DATABASE_HOST].value").contains("not known until deployment"));
        assertThat(RuleRun.run(policy, stack.replace("- {name: DATABASE_HOST, value: \"[unknown]\"}\n", ""))).isEmpty();
        // A whole env list not known yet may hold any host or key reference.
        var unknownEnv = "resources:\n" + deployment("""
                        env: "[unknown]"
                """).replace("NS", "app");
        assertThat(RuleRun.messages(policy, unknownEnv)).isNotEmpty()
                .allSatisfy(m -> assertThat(m).contains("spec.template.spec.containers[app].env").contains("not known until deployment"))
                .anySatisfy(m -> assertThat(m).contains("What spec.template.spec.containers[app].env of Deployment app holds"));
    }

    @Test
    void aReferenceInsideASecretValueIsJudgedButNeverPrinted() {
        var url = "postgresql://app:hunter2@typo-rw.app.svc:5432/app";
        var plain = Map.<String, Object>of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "app", "namespace", "app"),
                "spec", Map.of("template", Map.of("spec", Map.of("containers", List.of(Map.of("name", "app",
                        "env", List.of(Map.of("name", "DATABASE_URL", "value", url))))))));
        var props = (Prop.Obj) markSecret(PropDecoder.fromPlain(plain), url);
        var resource = new PolicyResource("urn:pulumi:test::citadel::kubernetes:apps/v1:Deployment::app",
                "kubernetes:apps/v1:Deployment", "app", props, Optional.empty(), List.of());

        var findings = new PolicyEngine(List.of(policy), PackConfig.empty()).analyzeStack(List.of(resource));

        assertThat(findings).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY);
            assertThat(v.message()).contains("inside a value marked secret").doesNotContain("typo", "hunter2");
        });
    }

    /** The value equal to {@code text}, wrapped as the engine sends a secret. */
    private static Prop markSecret(Prop value, String text) {
        if (value instanceof Prop.Str s && s.value().equals(text)) {
            return new Prop.Secret(s);
        }
        if (value instanceof Prop.Obj o) {
            var fields = new TreeMap<String, Prop>();
            o.fields().forEach((k, v) -> fields.put(k, markSecret(v, text)));
            return new Prop.Obj(fields);
        }
        if (value instanceof Prop.Arr a) {
            return new Prop.Arr(a.items().stream().map(v -> markSecret(v, text)).toList());
        }
        return value;
    }

    @Test
    void aChartNotKnownBeforeDeploymentMakesItsNamespacesMissesUndecidable() {
        assertThat(RuleRun.run(policy, """
                resources:
                  - type: kubernetes:helm.sh/v3:Release
                    name: grafana
                    inputs: {name: grafana, namespace: monitoring, chart: "[unknown]", values: {}}
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: datasources, namespace: monitoring}
                    data: {url: "http://grafana.monitoring.svc:80"}
                """)).singleElement().satisfies(v -> {
            assertThat(v.level()).isEqualTo(EnforcementLevel.MANDATORY);
            assertThat(v.message()).contains("The chart of Helm release grafana in monitoring").contains("not known until deployment");
        });
    }

    @Test
    void aMalformedPreinstalledEntryIsRefusedNamingTheForm() {
        List<Violation> violations = RuleRun.run(policy, "config: {preinstalled: [\"rustfs-backup in storage\"]}\nresources: []\n");
        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message())
                .startsWith("the policy cannot run: preinstalled entry 'rustfs-backup in storage'").contains("'Kind namespace/name'")
                .doesNotContain("Exception"));
    }

    private static String cnpgCluster(String name) {
        return """
                  - apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: %s, namespace: app}
                    spec: {instances: 1}
                """.formatted(name);
    }

    private static String service(String name) {
        return """
                  - apiVersion: v1
                    kind: Service
                    metadata: {name: %s, namespace: app}
                    spec: {ports: [{port: 9090}]}
                """.formatted(name);
    }

    private static String configMap(String name) {
        return """
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: %s, namespace: app}
                    data: {mode: production}
                """.formatted(name);
    }

    private static String externalSecret(String target) {
        return """
                  - apiVersion: external-secrets.io/v1
                    kind: ExternalSecret
                    metadata: {name: %s-sync, namespace: app}
                    spec: {secretStoreRef: {kind: ClusterSecretStore, name: vault}, target: {name: %s}}
                  - apiVersion: external-secrets.io/v1
                    kind: ClusterSecretStore
                    metadata: {name: vault}
                    spec: {provider: {fake: {data: []}}}
                """.formatted(target, target);
    }

    /** A Deployment in NS whose one container carries {@code containerTail} (and, further out, pod-level keys). */
    private static String deployment(String containerTail) {
        return """
                  - apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: app, namespace: NS}
                    spec:
                      template:
                        spec:
                          containers:
                            - name: app
                              image: ghcr.io/example/app:1.0.0
                """ + containerTail.lines().map(l -> "      " + l + "\n").reduce("", String::concat);
    }

    private static String release(String values) {
        return """
                  - type: kubernetes:helm.sh/v3:Release
                    name: app
                    inputs:
                      name: app
                      namespace: NS
                      chart: authentik
                      values:
                """ + values.lines().map(l -> "      " + l + "\n").reduce("", String::concat);
    }
}
