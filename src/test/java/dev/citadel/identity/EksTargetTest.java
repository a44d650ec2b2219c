package dev.citadel.identity;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Pulumi AWS SDK is an optional dependency: only {@link EksTarget} may name its types, and a stack
 * without the SDK learns at {@link ApiServer#eks} which artifact to add. The consumer stack under
 * src/it checks the same against the installed artifact, with the SDK really absent.
 */
class EksTargetTest {

    @Test
    void theArtifactNamedInTheErrorIsTheOneThePomBuildsAgainst() throws IOException {
        var pom = Files.readString(Path.of("pom.xml"));
        var version = Pattern.compile("<pulumi-aws\\.version>([^<]+)</pulumi-aws\\.version>").matcher(pom);
        assertThat(version.find()).as("pom.xml sets pulumi-aws.version").isTrue();
        assertThat(ApiServer.Eks.SDK_ARTIFACT).isEqualTo("com.pulumi:aws:" + version.group(1));
    }

    @Test
    void noClassButEksTargetAndAwsRdsReferencesTheAwsSdk() throws IOException, URISyntaxException {
        var classes = Path.of(ApiServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            var referencing = files.filter(f -> f.toString().endsWith(".class"))
                    // Internal names in the constant pool: every type a class uses, in descriptors too.
                    .filter(f -> latin1(f).contains("com/pulumi/aws/"))
                    .map(f -> classes.relativize(f).toString())
                    .toList();
            assertThat(referencing).containsExactlyInAnyOrder(
                    "dev/citadel/identity/EksTarget.class".replace('/', java.io.File.separatorChar),
                    "dev/citadel/database/AwsRds.class".replace('/', java.io.File.separatorChar));
        }
    }

    @Test
    void withoutTheSdkEksNamesTheArtifactToAdd() throws Exception {
        var loader = new WithoutAwsSdk(getClass().getClassLoader());
        var apiServer = Class.forName("dev.citadel.identity.ApiServer", true, loader);
        var thrown = catchCause(() -> apiServer.getMethod("eks", String.class).invoke(null, "prod"));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apiServer: ApiServer.eks(\"prod\") needs the Pulumi AWS SDK on the classpath: add "
                        + "com.pulumi:aws:6.83.0 to your pom (Citadel declares it optional, so that stacks without "
                        + "an EKS target do not download it)");
    }

    @Test
    void withoutTheSdkAnRdsParameterGroupNamesTheArtifactToAdd() throws Exception {
        var loader = new WithoutAwsSdk(getClass().getClassLoader());
        var args = Class.forName("dev.citadel.database.RdsParameterGroupArgs", true, loader);
        var thrown = catchCause(() -> args.getMethod("of", String.class).invoke(null, "15.15"));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameterGroup: an RDS parameter group needs the Pulumi AWS SDK on the classpath: add "
                        + "com.pulumi:aws:6.83.0 to your pom (Citadel declares it optional, so that stacks without AWS do not download it)");
    }

    @Test
    void withTheSdkEksIsATarget() {
        assertThat(ApiServer.eks("prod").kind()).isEqualTo("eks");
    }

    private interface Call {
        void run() throws Exception;
    }

    private static Throwable catchCause(Call call) throws Exception {
        try {
            call.run();
        } catch (InvocationTargetException e) {
            return e.getCause();
        }
        throw new AssertionError("no exception");
    }

    private static String latin1(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Citadel's classes defined afresh, so that their own loader is this one, which has no com.pulumi.aws. */
    private static final class WithoutAwsSdk extends ClassLoader {
        WithoutAwsSdk(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("com.pulumi.aws.")) {
                    throw new ClassNotFoundException(name);
                }
                if (!name.startsWith("dev.citadel.")) {
                    return super.loadClass(name, resolve);
                }
                var loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        var bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
