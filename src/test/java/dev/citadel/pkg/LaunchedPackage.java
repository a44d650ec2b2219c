package dev.citadel.pkg;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import pulumirpc.ResourceProviderGrpc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The package plugin as the Pulumi CLI launches it: {@code package/citadel-package <engine-address>} from the project
 * directory, its port read from the first line it prints.
 */
final class LaunchedPackage implements AutoCloseable {
    final Process process;
    final ManagedChannel channel;

    private LaunchedPackage(Process process, ManagedChannel channel) {
        this.process = process;
        this.channel = channel;
    }

    static LaunchedPackage launch(String engineAddress) throws Exception {
        var process = new ProcessBuilder(Path.of("package", "citadel-package").toAbsolutePath().toString(), engineAddress)
                .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "package-it.stderr").toFile()))
                .start();
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var line = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        if (line == null || !line.strip().matches("\\d+")) {
            process.destroy();
            throw new IllegalStateException("the plugin's first line is not a port: " + line + " (see target/package-it.stderr)");
        }
        var channel = NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(line.strip())).usePlaintext().build();
        return new LaunchedPackage(process, channel);
    }

    ResourceProviderGrpc.ResourceProviderBlockingStub stub() {
        return ResourceProviderGrpc.newBlockingStub(channel).withDeadlineAfter(120, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow();
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
