package dev.citadel.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import com.pulumi.core.annotations.ResourceType;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Map;

/** {@code random:index/randomPassword:RandomPassword}: generated once, then stable in state until a keeper changes. */
@ResourceType(type = RandomPassword.TYPE)
public final class RandomPassword extends CustomResource {
    public static final String TYPE = "random:index/randomPassword:RandomPassword";

    @Export(name = "result", refs = {String.class}, tree = "[0]")
    private Output<String> result;

    public RandomPassword(String name, Args args, @Nullable CustomResourceOptions options) {
        super(TYPE, name, args, Plugin.RANDOM.pin(options, "result", "bcryptHash"));
    }

    /** The generated value; always a secret. */
    public Output<String> result() {
        return result;
    }

    public static final class Args extends ResourceArgs {
        @Import(name = "length", required = true) private Output<Integer> length;
        @Import(name = "lower") private Output<Boolean> lower;
        @Import(name = "upper") private Output<Boolean> upper;
        @Import(name = "numeric") private Output<Boolean> numeric;
        @Import(name = "special") private Output<Boolean> special;
        @Import(name = "minLower") private Output<Integer> minLower;
        @Import(name = "minUpper") private Output<Integer> minUpper;
        @Import(name = "minNumeric") private Output<Integer> minNumeric;
        @Import(name = "minSpecial") private Output<Integer> minSpecial;
        @Import(name = "overrideSpecial") private Output<String> overrideSpecial;
        @Import(name = "keepers") private Output<Map<String, String>> keepers;

        public Args length(int v) { this.length = Output.of(v); return this; }
        public Args lower(boolean v) { this.lower = Output.of(v); return this; }
        public Args upper(boolean v) { this.upper = Output.of(v); return this; }
        public Args numeric(boolean v) { this.numeric = Output.of(v); return this; }
        public Args special(boolean v) { this.special = Output.of(v); return this; }
        public Args minLower(int v) { this.minLower = Output.of(v); return this; }
        public Args minUpper(int v) { this.minUpper = Output.of(v); return this; }
        public Args minNumeric(int v) { this.minNumeric = Output.of(v); return this; }
        public Args minSpecial(int v) { this.minSpecial = Output.of(v); return this; }
        public Args overrideSpecial(String v) { this.overrideSpecial = Output.of(v); return this; }
        public Args keepers(Map<String, String> v) { this.keepers = Output.of(v); return this; }
    }
}
