package io.ponte.subscriber;

import java.util.List;
import java.util.Optional;

import io.ponte.sip.Extension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Finds subscribers by extension. */
@ApplicationScoped
public class SubscriberRepository {

    @PersistenceContext(unitName = "ponte")
    EntityManager em;

    public Optional<Subscriber> find(Extension extension) {
        return em.createNamedQuery(Subscriber.BY_EXTENSION, Subscriber.class)
                .setParameter("extension", extension.value())
                .getResultStream().findFirst();
    }

    public List<Subscriber> all() {
        return em.createNamedQuery(Subscriber.ALL, Subscriber.class).getResultList();
    }

    public long count() {
        return em.createQuery("select count(s) from Subscriber s", Long.class).getSingleResult();
    }

    public void add(Subscriber subscriber) {
        em.persist(subscriber);
    }

    public void remove(Subscriber subscriber) {
        em.remove(subscriber);
    }
}
