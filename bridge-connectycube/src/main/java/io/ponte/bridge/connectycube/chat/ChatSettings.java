package io.ponte.bridge.connectycube.chat;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/**
 * Where and how to reach ConnectyCube's chat over XMPP/TCP (ConnectyCube Server API, "Real-time(XMPP)
 * API", Endpoint: "all XMPP API access is over TLS", {@code chat.connectycube.com:5223}; the XMPP domain
 * is the chat host).
 *
 * @param xmppDomain     the chat host, which is also the domain of every user's JID
 * @param host           where to connect (usually the same as {@code xmppDomain}; an address for tests)
 * @param port           the client-to-server port
 * @param appId          the ConnectyCube application id, part of every JID
 * @param tls            TLS from the first byte ({@link Tls#DIRECT}, ConnectyCube's port 5223) or
 *                       negotiated with STARTTLS ({@link Tls#STARTTLS}, usually port 5222)
 * @param trustManager   trust for a private certificate authority; {@code null} for the JDK's default
 * @param connectTimeout for the TCP connect and each reply awaited while logging in
 * @param backoff        waits between reconnection attempts
 * @param resource       the XMPP resource of Ponte's connections
 */
public record ChatSettings(String xmppDomain, String host, int port, String appId, Tls tls,
        X509TrustManager trustManager, Duration connectTimeout, Backoff backoff, String resource) {

    /**
     * How the stream is encrypted. There is no clear-text option: SASL PLAIN sends the password, so a
     * private server (tests, the demo) gets a certificate and {@code trustManager} instead. Either way
     * the server's certificate must name {@code xmppDomain}.
     */
    public enum Tls {
        /** TLS from the first byte (XEP-0368 "direct TLS"; ConnectyCube's port 5223). */
        DIRECT,
        /** Plain TCP upgraded with STARTTLS before authentication (RFC 6120 section 5). */
        STARTTLS
    }

    public ChatSettings {
        if (xmppDomain == null || xmppDomain.isBlank() || host == null || host.isBlank()) {
            throw new IllegalArgumentException("xmppDomain and host are required");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (appId == null || !appId.matches("[0-9]+")) {
            throw new IllegalArgumentException("appId must be the numeric application id");
        }
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(backoff, "backoff");
        resource = resource == null || resource.isBlank() ? "ponte" : resource;
    }

    /** ConnectyCube's documented endpoint for a chat host: direct TLS on 5223, 10 s timeout, backoff 1 s to 60 s. */
    public static ChatSettings of(String chatHost, String appId) {
        return new ChatSettings(chatHost, chatHost, 5223, appId, Tls.DIRECT, null, Duration.ofSeconds(10),
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2), "ponte");
    }
}
