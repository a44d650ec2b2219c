package dev.citadel.runtime;

import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

/**
 * What an offline preview answers the SDK in place of the engine, in the engine's own protocol
 * messages. The SDK's monitor interface is internal and changes between SDK releases; this is the part
 * of it a recorder needs, so the SDK's types stay in this package ({@link OfflinePreview} adapts).
 * Calls arrive on the SDK's threads, concurrently.
 */
public interface Recorder {
    /** Whether the "engine" has the named protocol feature ({@code secrets}, {@code resourceReferences}, ...). */
    boolean supportsFeature(String id);

    /** @param urn the URN the engine would give the resource (computed as the SDK computes it) */
    RegisterResourceResponse registerResource(String urn, RegisterResourceRequest request);

    void registerResourceOutputs(RegisterResourceOutputsRequest request);

    /**
     * A read of an object that already exists (Pulumi's {@code get}), answered with what the recorder knows of it.
     *
     * @param urn the URN the engine would give the read resource
     */
    ReadResourceResponse readResource(String urn, ReadResourceRequest request);
}
