package io.ponte.bridge.mapping;

/**
 * What an enabled mapping means to a call: subscriber {@code extension} is ConnectyCube user
 * {@code connectycubeUserId} in the apps, and Ponte speaks for it there. A detached value, safe to hand
 * between threads.
 */
public record BridgeIdentity(long mappingId, String extension, long connectycubeUserId, String displayName) {

    static BridgeIdentity of(ConnectyCubeMapping m) {
        return new BridgeIdentity(m.getId(), m.getSubscriber().getExtension(), m.getConnectycubeUserId(),
                m.getDisplayName() == null ? m.getSubscriber().getExtension() : m.getDisplayName());
    }
}
