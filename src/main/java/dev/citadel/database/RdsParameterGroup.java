package dev.citadel.database;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import dev.citadel.component.ComponentError;

import javax.annotation.Nullable;
import java.util.Map;

/**
 * {@code <name>-params}, an {@code aws.rds.ParameterGroup} with {@code rds.force_ssl=1}: the server side of seed 004's
 * "no pg_hba.conf entry ... no encryption", so SSL is not left to each client. One per RDS instance (not per app user):
 * attach {@link #groupName()} as the instance's {@code parameterGroupName}.
 */
public final class RdsParameterGroup extends ComponentResource {
    public static final String TYPE = "citadel:database:RdsParameterGroup";

    private final Output<String> groupName;
    private final String family;

    public RdsParameterGroup(String name, RdsParameterGroupArgs args) {
        this(name, args, null);
    }

    public RdsParameterGroup(String name, RdsParameterGroupArgs args, @Nullable ComponentResourceOptions options) {
        super(TYPE, name, options);
        try {
            this.family = args.family();
            this.groupName = AwsRds.forceSslParameterGroup(name + "-params", args.family(), CustomResourceOptions.builder().parent(this).build());
            registerOutputs(Map.of("groupName", groupName, "family", Output.of(family)));
        } catch (IllegalArgumentException e) {
            // Named here, where the name is known: a builder ran before it was.
            throw ComponentError.of(TYPE, name, e);
        }
    }

    public Output<String> groupName() {
        return groupName;
    }

    public Output<String> family() {
        return Output.of(family);
    }
}
