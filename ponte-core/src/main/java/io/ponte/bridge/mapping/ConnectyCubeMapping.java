package io.ponte.bridge.mapping;

import java.time.Instant;

import io.ponte.subscriber.Subscriber;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/**
 * A subscriber's identity in the ConnectyCube apps. The ConnectyCube password is only ever held sealed
 * (see {@link io.ponte.crypto.SecretBox}); nothing here prints it.
 */
@Entity
@Table(name = "connectycube_mapping")
@NamedQuery(name = ConnectyCubeMapping.ALL, query = "select m from ConnectyCubeMapping m join fetch m.subscriber order by m.id")
@NamedQuery(name = ConnectyCubeMapping.BY_SUBSCRIBER, query = "select m from ConnectyCubeMapping m where m.subscriber = :subscriber")
@NamedQuery(name = ConnectyCubeMapping.BY_CC_USER, query = "select m from ConnectyCubeMapping m where m.connectycubeUserId = :userId")
public class ConnectyCubeMapping {
    public static final String ALL = "ConnectyCubeMapping.all";
    public static final String BY_SUBSCRIBER = "ConnectyCubeMapping.bySubscriber";
    public static final String BY_CC_USER = "ConnectyCubeMapping.byConnectyCubeUser";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @OneToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "subscriber_id", nullable = false, unique = true)
    private Subscriber subscriber;

    @Column(name = "cc_user_id", nullable = false, unique = true)
    private long connectycubeUserId;

    @Column(name = "cc_login", nullable = false, length = 128)
    private String connectycubeLogin;

    @Column(name = "cc_password_sealed", nullable = false, length = 512)
    private String sealedPassword;

    @Column(name = "display_name", length = 128)
    private String displayName;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ConnectyCubeMapping() {
    }

    public ConnectyCubeMapping(Subscriber subscriber, Instant now) {
        this.subscriber = subscriber;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() { return id; }
    public Subscriber getSubscriber() { return subscriber; }
    public long getConnectycubeUserId() { return connectycubeUserId; }
    public String getConnectycubeLogin() { return connectycubeLogin; }
    /** The password as {@link io.ponte.crypto.SecretBox} sealed it. */
    public String getSealedPassword() { return sealedPassword; }
    public String getDisplayName() { return displayName; }
    public boolean isEnabled() { return enabled; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }

    /** Sets everything but the password; the subscriber may change too. */
    public void describe(Subscriber subscriber, long connectycubeUserId, String connectycubeLogin, String displayName,
                         boolean enabled, Instant now) {
        this.subscriber = subscriber;
        this.connectycubeUserId = connectycubeUserId;
        this.connectycubeLogin = connectycubeLogin;
        this.displayName = displayName;
        this.enabled = enabled;
        this.updatedAt = now;
    }

    public void setSealedPassword(String sealedPassword, Instant now) {
        this.sealedPassword = sealedPassword;
        this.updatedAt = now;
    }

    @Override
    public String toString() {
        return "ConnectyCubeMapping[id=" + id + ", ccUser=" + connectycubeUserId + ", login=" + connectycubeLogin + "]";
    }
}
