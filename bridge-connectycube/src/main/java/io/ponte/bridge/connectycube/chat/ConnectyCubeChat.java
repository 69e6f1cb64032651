package io.ponte.bridge.connectycube.chat;

import io.ponte.bridge.connectycube.signaling.Jids;
import io.ponte.bridge.connectycube.signaling.SignalingCodec;
import io.ponte.bridge.connectycube.signaling.SignalingEnvelope;
import io.ponte.bridge.connectycube.signaling.SignalingFormatException;
import io.ponte.bridge.connectycube.signaling.SignalingMessage;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.ReconnectionManager;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.impl.JidCreate;

/**
 * One ConnectyCube user's chat connection (ConnectyCube Server API, "Real-time(XMPP) API": JID
 * {@code {userId}-{appId}@{chatHost}}, SASL PLAIN with the user's password, over TLS): Smack over TCP, initial presence on login, decoded call
 * signaling to a {@link ChatListener}, signaling sent with {@link #send}. When the connection fails
 * (or cannot be made) it is tried again after {@link Backoff} delays, growing to the cap, until
 * {@link #close()}.
 *
 * <p>Thread-safe. Connecting runs on the given scheduler, which may be shared by many chats. The
 * password is never logged.
 */
public final class ConnectyCubeChat implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConnectyCubeChat.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where the connection is in its life. */
    public enum State {
        NEW, CONNECTING, ONLINE, WAITING_TO_RECONNECT, CLOSED
    }

    private final ChatSettings settings;
    private final long userId;
    private final String password;
    private final ChatListener listener;
    private final ScheduledExecutorService scheduler;
    private final String bareJid;
    private final AtomicLong sent = new AtomicLong();
    private final String idPrefix;

    private State state = State.NEW;
    private XMPPTCPConnection connection;
    private ScheduledFuture<?> pending;
    private int failures;
    private long connects;

    public ConnectyCubeChat(ChatSettings settings, long userId, String password, ChatListener listener,
            ScheduledExecutorService scheduler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.bareJid = Jids.user(userId, settings.appId(), settings.xmppDomain());
        this.userId = userId;
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password is required");
        }
        this.password = password;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        this.idPrefix = HexFormat.of().formatHex(b);
    }

    public long userId() {
        return userId;
    }

    /** The user's bare JID. */
    public String jid() {
        return bareJid;
    }

    public synchronized State state() {
        return state;
    }

    /** How many times the connection has come online (1 after the first login). */
    public synchronized long onlineCount() {
        return connects;
    }

    /** Starts connecting in the background; failures are retried with backoff. */
    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("already started");
        }
        schedule(Duration.ZERO);
    }

    private synchronized void schedule(Duration delay) {
        if (state == State.CLOSED) {
            return;
        }
        setState(delay.isZero() ? State.CONNECTING : State.WAITING_TO_RECONNECT, null);
        pending = scheduler.schedule(this::connectOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void connectOnce() {
        XMPPTCPConnection c;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            setState(State.CONNECTING, null);
            try {
                c = new XMPPTCPConnection(configuration());
            } catch (Exception e) {
                LOG.log(Level.SEVERE, "ConnectyCube chat settings unusable for " + bareJid, e);
                failed(e);
                return;
            }
            connection = c;
        }
        ReconnectionManager.getInstanceFor(c).disableAutomaticReconnection();
        // in arrival order (Smack's async listeners are not): an app's accept must reach the call before the
        // ICE candidates it sent after it, and a hangUp must not overtake its accept. onStanza only parses
        // and hands over to a queue, so it never holds up the connection's reader.
        c.addSyncStanzaListener(this::onStanza, StanzaTypeFilter.MESSAGE);
        c.addConnectionListener(new ConnectionListener() {
            @Override
            public void connectionClosedOnError(Exception e) {
                lost(c, e);
            }

            @Override
            public void connectionClosed() {
                // also called for our own disconnect(), but then c is no longer the connection
                lost(c, new java.io.IOException("stream closed by the server"));
            }
        });
        try {
            c.connect();
            c.login();
        } catch (Exception e) {
            boolean current;
            synchronized (this) {
                current = connection == c;
                if (current) {
                    connection = null;
                }
            }
            c.disconnect();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return;
            }
            if (current) {
                failed(e);
            }
            return;
        }
        synchronized (this) {
            if (state == State.CLOSED || connection != c) {
                c.disconnect();
                return;
            }
            failures = 0;
            connects++;
            setState(State.ONLINE, null);
        }
    }

    private XMPPTCPConnectionConfiguration configuration() throws Exception {
        XMPPTCPConnectionConfiguration.Builder b = XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(settings.xmppDomain())
                .setHostAddress(InetAddress.getByName(settings.host()))
                .setPort(settings.port())
                .setUsernameAndPassword(Jids.localPart(userId, settings.appId()), password)
                .setResource(settings.resource())
                .setSendPresence(true)
                .setConnectTimeout((int) settings.connectTimeout().toMillis())
                .addEnabledSaslMechanism("PLAIN");
        if (settings.tls() == ChatSettings.Tls.DIRECT) {
            // TLS below Smack: the stream itself is "plain" to Smack, which still authenticates with PLAIN
            b.setSecurityMode(SecurityMode.disabled)
                    .setSocketFactory(new DirectTlsSocketFactory(settings.xmppDomain(), settings.trustManager()));
        } else {
            b.setSecurityMode(SecurityMode.required).setSocketFactory(NoDelaySocketFactory.INSTANCE);
            if (settings.trustManager() != null) {
                b.setCustomX509TrustManager(settings.trustManager());
            }
        }
        return b.build();
    }

    private synchronized void failed(Exception e) {
        if (state == State.CLOSED) {
            return;
        }
        Duration wait = settings.backoff().delay(failures++);
        LOG.log(Level.INFO, "ConnectyCube chat {0}: {1}; retry in {2} ms",
                new Object[] {bareJid, e.toString(), wait.toMillis()});
        listener.onStateChanged(State.WAITING_TO_RECONNECT, e);
        state = State.WAITING_TO_RECONNECT;
        pending = scheduler.schedule(this::connectOnce, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void lost(XMPPConnection c, Exception e) {
        synchronized (this) {
            if (connection != c || state == State.CLOSED) {
                return;
            }
            connection = null;
            failed(e);
        }
    }

    private void setState(State s, Throwable cause) {
        if (state != s) {
            state = s;
            listener.onStateChanged(s, cause);
        }
    }

    private void onStanza(Stanza stanza) {
        Optional<SignalingEnvelope> env;
        try {
            env = signalingOf(stanza);
        } catch (SignalingFormatException e) {
            LOG.log(Level.WARNING, "ConnectyCube chat {0}: unreadable signaling from {1} dropped: {2}",
                    new Object[] {bareJid, stanza.getFrom(), e.getMessage()});
            return;
        }
        if (env.isEmpty()) {
            return;
        }
        try {
            listener.onSignaling(env.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ConnectyCube chat listener failed for " + bareJid, e);
        }
    }

    /**
     * The call signaling in a stanza Smack parsed, if any: only {@code headline} messages, and not
     * delayed (offline) copies, as the SDK does.
     *
     * @throws SignalingFormatException for signaling that cannot be read
     */
    static Optional<SignalingEnvelope> signalingOf(Stanza stanza) {
        if (!(stanza instanceof Message m) || m.getType() != Message.Type.headline) {
            return Optional.empty();
        }
        return SignalingCodec.decodeIfSignaling(m.toXML().toString()).filter(e -> !e.delayed());
    }

    /**
     * Sends a signaling message to another ConnectyCube user of the same application.
     *
     * @return the stanza id
     * @throws ChatUnavailableException when not online, or the write fails
     */
    public String send(long toUserId, SignalingMessage message) throws ChatUnavailableException {
        XMPPTCPConnection c;
        synchronized (this) {
            c = state == State.ONLINE ? connection : null;
        }
        if (c == null || !c.isAuthenticated()) {
            throw new ChatUnavailableException("ConnectyCube chat " + bareJid + " is not online");
        }
        String id = idPrefix + Long.toHexString(sent.incrementAndGet());
        try {
            Message stanza = StanzaBuilder.buildMessage(id)
                    .to(JidCreate.entityBareFrom(Jids.user(toUserId, settings.appId(), settings.xmppDomain())))
                    .ofType(Message.Type.headline)
                    .addExtension(new ExtraParamsElement(message))
                    .build();
            c.sendStanza(stanza);
            return id;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatUnavailableException("interrupted while sending", e);
        } catch (Exception e) {
            throw new ChatUnavailableException("ConnectyCube chat " + bareJid + ": " + e, e);
        }
    }

    /** Disconnects and stops reconnecting. */
    @Override
    public void close() {
        XMPPTCPConnection c;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            if (pending != null) {
                pending.cancel(false);
            }
            c = connection;
            connection = null;
            setState(State.CLOSED, null);
        }
        if (c != null) {
            c.disconnect();
        }
    }

    @Override
    public String toString() {
        return "ConnectyCubeChat[" + bareJid + ", " + state() + "]";
    }
}
