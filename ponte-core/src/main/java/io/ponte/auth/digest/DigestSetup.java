package io.ponte.auth.digest;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import io.ponte.config.PonteSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Holds this deployment's digest authenticator (realm = SIP domain) and its nonce state. */
@ApplicationScoped
public class DigestSetup {

    private static final Logger LOG = Logger.getLogger(DigestSetup.class.getName());

    @Inject
    PonteSettings settings;

    private DigestAuthenticator authenticator;

    @PostConstruct
    void init() {
        byte[] secret;
        if (settings.nonceSecret().isPresent()) {
            secret = settings.nonceSecret().get().getBytes(StandardCharsets.UTF_8);
        } else {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            LOG.info("PONTE_NONCE_SECRET not set: nonces are signed with a random per-node secret");
        }
        NonceManager nonces = new NonceManager(secret, Duration.ofSeconds(settings.nonceTtlSeconds()), Clock.systemUTC());
        authenticator = new DigestAuthenticator(settings.sipDomain(), nonces, settings.digestAlgorithms());
    }

    public DigestAuthenticator authenticator() {
        return authenticator;
    }
}
