package io.ponte.health;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Whether this node can serve: the SIP container is listening and the database answers. */
@ApplicationScoped
public class Readiness {

    private static final Logger LOG = Logger.getLogger(Readiness.class.getName());

    @PersistenceContext(unitName = "ponte")
    EntityManager em;

    private volatile boolean sipListening;

    public void sipStarted() {
        sipListening = true;
    }

    public void sipStopped() {
        sipListening = false;
    }

    public boolean sipReady() {
        return sipListening;
    }

    @Transactional
    public boolean databaseReady() {
        try {
            return ((Number) em.createNativeQuery("select 1").getSingleResult()).intValue() == 1;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "database not ready", e);
            return false;
        }
    }
}
