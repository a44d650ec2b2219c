package dev.citadel.database;

import dev.citadel.contract.Postgres;

import java.util.regex.Pattern;

/**
 * An RDS PostgreSQL parameter group that sets {@code rds.force_ssl=1} explicitly, even on 15+ where it is AWS's
 * default: a changed engine default, or a group copied from a 14, must not silently let plain connections in.
 *
 * @param engineVersion the instance's engine version, e.g. {@code 15.15}
 * @param family        the group family; must be the engine's ({@code postgres15} for 15.x)
 */
public record RdsParameterGroupArgs(String engineVersion, String family) {
    /** What a stack adds to create the group: Citadel declares the AWS SDK optional. Kept equal to the pom's. */
    static final String SDK_ARTIFACT = "com.pulumi:aws:6.83.0";
    static final String SDK_CLASS = "com.pulumi.aws.rds.ParameterGroup";
    private static final Pattern ENGINE_VERSION = Pattern.compile("(\\d+)(\\.\\d+)*");

    public RdsParameterGroupArgs {
        if (engineVersion == null || !ENGINE_VERSION.matcher(engineVersion).matches()) {
            throw new IllegalArgumentException("engineVersion: '" + engineVersion + "' is not an RDS PostgreSQL version; give it as the "
                    + "instance reports it, e.g. 15.15");
        }
        var major = Integer.parseInt(engineVersion.split("\\.", 2)[0]);
        var expected = Postgres.familyFor(major);
        if (family == null) {
            family = expected;
        }
        var familyMajor = Postgres.familyMajor(family);
        if (familyMajor.isEmpty() || !family.startsWith("postgres")) {
            throw new IllegalArgumentException("family: '" + family + "' is not an RDS for PostgreSQL parameter group family; for engine "
                    + engineVersion + " use " + expected);
        }
        if (familyMajor.getAsInt() != major) {
            // RDS refuses to attach a group of another family; found at apply time, after the instance change was planned.
            throw new IllegalArgumentException("family: '" + family + "' does not match engineVersion " + engineVersion
                    + " (RDS attaches only a group of the engine's own family); use " + expected);
        }
        requireAwsSdk("parameterGroup", SDK_CLASS, "an RDS parameter group");
    }

    /** Fails, naming {@code field} and the artifact to add, when the optional AWS SDK (or the class of it) is missing. */
    static void requireAwsSdk(String field, String sdkClass, String what) {
        try {
            Class.forName(sdkClass, false, RdsParameterGroupArgs.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(field + ": " + what + " needs the Pulumi AWS SDK on the classpath: add "
                    + SDK_ARTIFACT + " to your pom (Citadel declares it optional, so that stacks without AWS do not download it)", e);
        }
    }

    /** The group for {@code engineVersion}, of its own family. */
    public static RdsParameterGroupArgs of(String engineVersion) {
        return new RdsParameterGroupArgs(engineVersion, null);
    }
}
