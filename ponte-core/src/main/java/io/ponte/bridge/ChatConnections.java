package io.ponte.bridge;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ponte.bridge.call.BridgeCalls;
import io.ponte.bridge.connectycube.chat.Backoff;
import io.ponte.bridge.connectycube.chat.ChatListener;
import io.ponte.bridge.connectycube.chat.ChatSettings;
import io.ponte.bridge.connectycube.chat.ConnectyCubeChat;
import io.ponte.bridge.connectycube.chat.PemTrust;
import io.ponte.bridge.connectycube.signaling.SignalingEnvelope;
import io.ponte.bridge.mapping.ConnectyCubeMapping;
import io.ponte.bridge.mapping.MappingChanged;
import io.ponte.bridge.mapping.MappingService;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Keeps every enabled mapping's ConnectyCube identity online in the ConnectyCube chat, one connection
 * each, so that call signaling addressed to it reaches Ponte: on start, after every mapping change
 * (created, changed, disabled, removed), and every {@link #RECONCILE_PERIOD} against the database, which
 * also catches mappings removed with their subscriber and changes made on another node. Does nothing
 * while the bridge is not configured.
 *
 * <p>Call signaling that arrives is handed to {@link BridgeCalls} on one thread, in arrival order.
 */
@ApplicationScoped
public class ChatConnections {

    private static final Logger LOG = Logger.getLogger(ChatConnections.class.getName());
    static final Duration RECONCILE_PERIOD = Duration.ofSeconds(30);
    private static final int THREADS = 2;

    /** How many enabled mappings there are and how many of them are online now. */
    public record Counts(int enabled, int online) {
    }

    /** One online (or connecting) identity and the mapping version it was made from. */
    private record Connection(ConnectyCubeChat chat, Instant mappingUpdatedAt) {
    }

    @Inject
    BridgeSettings bridge;

    @Inject
    MappingService mappings;

    @Inject
    BridgeCalls calls;

    @Resource(lookup = "java:jboss/ee/concurrency/factory/default")
    ManagedThreadFactory threads;

    private final Map<Long, Connection> connections = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;
    /** Where signaling is handled: one thread, so that each call's messages are handled in order. */
    private volatile ExecutorService signaling;
    private volatile ChatSettings chat;

    /** Connects every enabled mapping and keeps them so; a no-op unless the bridge is configured. */
    public synchronized void start() {
        if (bridge.status() != BridgeSettings.Status.CONFIGURED || scheduler != null) {
            return;
        }
        try {
            chat = new ChatSettings(bridge.chatHost(), bridge.chatHost(), bridge.chatPort(), bridge.appId(),
                    "starttls".equals(bridge.chatTls()) ? ChatSettings.Tls.STARTTLS : ChatSettings.Tls.DIRECT,
                    bridge.chatCaFile() == null ? null : PemTrust.of(Path.of(bridge.chatCaFile())), Duration.ofSeconds(10),
                    new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2), "ponte");
        } catch (IOException | GeneralSecurityException e) {
            LOG.log(Level.SEVERE, "ConnectyCube chat not started: CONNECTYCUBE_CHAT_CA_FILE unusable", e);
            return;
        }
        scheduler = Executors.newScheduledThreadPool(THREADS, threads);
        signaling = Executors.newSingleThreadExecutor(threads);
        scheduler.scheduleWithFixedDelay(this::reconcileQuietly, 0, RECONCILE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(() -> "ConnectyCube chat: keeping enabled mappings online at " + bridge.chatHost() + ":" + bridge.chatPort());
    }

    /** Closes every connection. */
    public synchronized void stop() {
        ScheduledExecutorService s = scheduler;
        ExecutorService h = signaling;
        scheduler = null;
        signaling = null;
        connections.values().forEach(c -> c.chat().close());
        connections.clear();
        if (s != null) {
            s.shutdownNow();
        }
        if (h != null) {
            h.shutdownNow();
        }
    }

    /** A mapping changed: bring the connections in line at once rather than at the next period. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MappingChanged change) {
        ScheduledExecutorService s = scheduler;
        if (s != null) {
            s.execute(this::reconcileQuietly);
        }
    }

    /** The chat connection of ConnectyCube user {@code userId} (a mapped identity), if it is online. */
    public Optional<ConnectyCubeChat> online(long userId) {
        return connections.values().stream().map(Connection::chat)
                .filter(c -> c.userId() == userId && c.state() == ConnectyCubeChat.State.ONLINE).findFirst();
    }

    public Counts counts() {
        int online = (int) connections.values().stream().filter(c -> c.chat().state() == ConnectyCubeChat.State.ONLINE).count();
        return new Counts(connections.size(), online);
    }

    private void handle(long receiver, SignalingEnvelope envelope) {
        try {
            calls.onSignaling(receiver, envelope);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ConnectyCube " + envelope.message().signalType() + " for user " + receiver + " failed", e);
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ConnectyCube mappings not reconciled this time (database?): " + e);
        }
    }

    /** Opens what is enabled and not connected, closes what is gone, disabled or changed (reopened). */
    private synchronized void reconcile() {
        if (scheduler == null) {
            return;
        }
        Map<Long, ConnectyCubeMapping> wanted = new HashMap<>();
        for (ConnectyCubeMapping m : mappings.enabled()) {
            wanted.put(m.getId(), m);
        }
        connections.entrySet().removeIf(e -> {
            ConnectyCubeMapping m = wanted.get(e.getKey());
            if (m != null && m.getUpdatedAt().equals(e.getValue().mappingUpdatedAt())) {
                return false;
            }
            e.getValue().chat().close();
            return true;
        });
        for (ConnectyCubeMapping m : wanted.values()) {
            if (!connections.containsKey(m.getId())) {
                connect(m);
            }
        }
    }

    private void connect(ConnectyCubeMapping m) {
        String password;
        try {
            password = mappings.password(m);
        } catch (RuntimeException e) {
            LOG.warning(() -> "mapping " + m.getId() + " not connected: its password cannot be opened (" + e.getMessage() + ")");
            return;
        }
        ConnectyCubeChat c = new ConnectyCubeChat(chat, m.getConnectycubeUserId(), password, listener(m), scheduler);
        connections.put(m.getId(), new Connection(c, m.getUpdatedAt()));
        c.start();
    }

    private ChatListener listener(ConnectyCubeMapping m) {
        long userId = m.getConnectycubeUserId();
        String who = "ConnectyCube user " + userId + " (extension " + m.getSubscriber().getExtension() + ")";
        return new ChatListener() {
            @Override
            public void onSignaling(SignalingEnvelope envelope) {
                ExecutorService h = signaling;
                if (h == null) {
                    return;
                }
                try {
                    h.execute(() -> handle(userId, envelope));
                } catch (RejectedExecutionException e) {
                    LOG.fine(() -> who + ": signaling after stop dropped");
                }
            }

            @Override
            public void onStateChanged(ConnectyCubeChat.State state, Throwable cause) {
                LOG.fine(() -> who + ": " + state + (cause == null ? "" : " (" + cause + ")"));
            }
        };
    }
}
