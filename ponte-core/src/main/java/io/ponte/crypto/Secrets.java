package io.ponte.crypto;

import java.util.Optional;
import java.util.logging.Logger;

import io.ponte.config.PonteSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The node's {@link SecretBox}, keyed by PONTE_SECRET_KEY. Without a key (or with one that is not base64
 * of 32 bytes) nothing can be sealed or opened, and whatever needs it says so; every node sharing a
 * database needs the same key.
 */
@ApplicationScoped
public class Secrets {

    private static final Logger LOG = Logger.getLogger(Secrets.class.getName());

    @Inject
    PonteSettings settings;

    private Optional<SecretBox> box = Optional.empty();
    private String problem;

    @PostConstruct
    void load() {
        if (settings.secretKey().isEmpty()) {
            problem = "PONTE_SECRET_KEY is not set";
            LOG.info(problem + ": ConnectyCube passwords cannot be stored or used");
            return;
        }
        try {
            box = Optional.of(SecretBox.ofBase64Key(settings.secretKey().get()));
        } catch (IllegalArgumentException e) {
            problem = "PONTE_SECRET_KEY is not usable: " + e.getMessage();
            LOG.severe(problem);
        }
    }

    /** The box, or why there is none. */
    public SecretBox box() {
        return box.orElseThrow(() -> new SecretKeyMissingException(problem));
    }

    public boolean configured() {
        return box.isPresent();
    }
}
