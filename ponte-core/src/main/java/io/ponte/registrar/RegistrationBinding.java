package io.ponte.registrar;

import java.time.Instant;

import io.ponte.subscriber.Subscriber;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One contact bound to a subscriber's address of record (RFC 3261 section 10.3). Read side only: bindings
 * are written by {@link BindingStore}.
 */
@Entity
@Table(name = "registration_binding")
@NamedQuery(name = RegistrationBinding.LIVE,
        query = "select b from RegistrationBinding b join fetch b.subscriber where b.expiresAt > :now order by b.id")
@NamedQuery(name = RegistrationBinding.EXPIRING,
        query = "select b from RegistrationBinding b join fetch b.subscriber"
                + " where b.expiresAt > :now and b.expiresAt <= :until order by b.expiresAt")
@NamedQuery(name = RegistrationBinding.DROP_ALL, query = "delete from RegistrationBinding b where b.subscriber = :subscriber")
public class RegistrationBinding {
    public static final String LIVE = "RegistrationBinding.live";
    public static final String EXPIRING = "RegistrationBinding.expiring";
    public static final String DROP_ALL = "RegistrationBinding.dropAll";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subscriber_id", nullable = false)
    private Subscriber subscriber;

    @Column(name = "contact_uri", nullable = false, length = 1024)
    private String contactUri;

    @Column(name = "q_value")
    private Double q;

    @Column(name = "call_id", nullable = false)
    private String callId;

    @Column(name = "cseq", nullable = false)
    private long cseq;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "user_agent")
    private String userAgent;

    @Column(name = "source_address", length = 64)
    private String sourceAddress;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RegistrationBinding() {
    }

    public Long getId() { return id; }
    public Subscriber getSubscriber() { return subscriber; }
    public String getContactUri() { return contactUri; }
    public Double getQ() { return q; }
    public String getCallId() { return callId; }
    public long getCseq() { return cseq; }
    public Instant getExpiresAt() { return expiresAt; }
    public String getUserAgent() { return userAgent; }
    public String getSourceAddress() { return sourceAddress; }
    public Instant getRegisteredAt() { return registeredAt; }
}
