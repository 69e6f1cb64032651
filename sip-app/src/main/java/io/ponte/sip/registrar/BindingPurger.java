package io.ponte.sip.registrar;

import java.util.logging.Logger;

import io.ponte.registrar.RegistrarService;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

/** Deletes expired bindings every 30 s. Every node runs it; the delete is idempotent. */
@Singleton
public class BindingPurger {

    private static final Logger LOG = Logger.getLogger(BindingPurger.class.getName());

    @Inject
    RegistrarService registrar;

    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
    void purge() {
        int purged = registrar.purgeExpired();
        if (purged > 0) {
            LOG.fine(() -> "purged " + purged + " expired bindings");
        }
    }
}
