package io.ponte.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.ponte.auth.digest.DigestAlgorithm;
import io.ponte.auth.digest.DigestAuthenticator;
import io.ponte.auth.digest.DigestAuthenticator.Decision;
import io.ponte.auth.digest.DigestAuthenticator.StoredSecret;
import io.ponte.auth.digest.DigestSetup;
import io.ponte.config.PonteSettings;
import io.ponte.sip.Extension;
import io.ponte.security.BanService;
import io.ponte.security.Peer;
import io.ponte.stats.SipStatistics;
import io.ponte.subscriber.SubscriberDirectory;
import io.ponte.subscriber.SubscriberDirectory.Credentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who a SIP request comes from: the one digest check (RFC 3261 section 22) behind REGISTER's {@code 401}
 * and INVITE's {@code 407}, which never tells an unauthenticated client whether an extension exists.
 * A user part that is no subscriber (not digits, outside PONTE_EXT_MIN..MAX, or not provisioned) is
 * challenged exactly like a subscriber and checked against a secret nobody knows, so its answers, and
 * the work done to give them, are those of a subscriber with a wrong password; every failure is the
 * same {@link Verdict.Refused}, whatever was wrong (as Asterisk's {@code alwaysauthreject}). Only a
 * subscriber with its own digest algorithms (POST /api/users {@code digestAlgorithms}) is challenged
 * differently from the server-wide list, which shows that such an extension exists.
 */
@ApplicationScoped
public class SubscriberAuthenticator {

    /** What to answer. The servlets only map it to a SIP response. */
    public sealed interface Verdict {
        /** The credentials are right: the request is the subscriber's. */
        record Authenticated(Credentials subscriber) implements Verdict {
        }

        /** Answer 401 (REGISTER) or 407 (INVITE) with these challenges, one per algorithm. */
        record Challenge(List<String> challenges) implements Verdict {
        }

        /** Answer 403 Forbidden and nothing more: wrong password, someone else's credentials, no such user. */
        record Refused() implements Verdict {
        }

        /** Answer 400: the credentials header cannot be parsed (says nothing about the user). */
        record Malformed(String why) implements Verdict {
        }
    }

    @Inject
    SubscriberDirectory directory;

    @Inject
    DigestSetup digest;

    @Inject
    PonteSettings settings;

    @Inject
    SipStatistics statistics;

    @Inject
    BanService bans;

    /** The HA1 values no subscriber has, for users that are no subscriber: random per node. */
    private final String decoyMd5 = randomHex(16);
    private final String decoySha256 = randomHex(32);

    /**
     * Checks that {@code credentials} (an Authorization or Proxy-Authorization value, or null) prove the
     * request was sent by {@code user} (the user part of its From or To URI).
     */
    public Verdict authenticate(String user, String method, String credentials, Peer peer) {
        Optional<Credentials> subscriber = subscriber(user);
        DigestAuthenticator auth = digest.authenticator();
        List<DigestAlgorithm> offered = auth.offeredTo(subscriber.map(Credentials::digestAlgorithms).orElse(null));
        StoredSecret secret = subscriber.map(s -> new StoredSecret(s.extension(), s.ha1Md5(), s.ha1Sha256()))
                .orElseGet(() -> new StoredSecret(user == null ? "" : user, decoyMd5, decoySha256));
        Decision decision = auth.authenticate(method, credentials, secret, offered, peer.address());
        if (decision instanceof Decision.Accepted && subscriber.isPresent()) {
            return new Verdict.Authenticated(subscriber.get());
        }
        if (decision instanceof Decision.Challenge c) { // counts nowhere: an unknown or foreign nonce proves no address
            return new Verdict.Challenge(auth.challenges(c.stale(), offered, peer.address()));
        }
        if (decision instanceof Decision.Malformed m) {
            statistics.authFailed();
            return new Verdict.Malformed(m.why());
        }
        failed(user, method, peer); // a wrong answer to the challenge this very address received
        return new Verdict.Refused();
    }

    /** Counted, written to security.log, and perhaps the source banned (README, Security). */
    private void failed(String user, String method, Peer peer) {
        statistics.authFailed();
        bans.authFailed(peer, method, user);
    }

    private Optional<Credentials> subscriber(String user) {
        Extension extension;
        try {
            extension = Extension.parse(user);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Optional<Credentials> found = directory.find(extension); // looked up in range or not: the same work either way
        return settings.inExtensionRange(extension.number()) ? found : Optional.empty();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
