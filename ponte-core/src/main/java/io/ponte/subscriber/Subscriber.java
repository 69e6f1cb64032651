package io.ponte.subscriber;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A provisioned extension. The password itself is never stored, only its digest HA1 values. */
@Entity
@Table(name = "subscriber")
@NamedQuery(name = Subscriber.BY_EXTENSION, query = "select s from Subscriber s where s.extension = :extension")
@NamedQuery(name = Subscriber.ALL, query = "select s from Subscriber s order by length(s.extension), s.extension")
public class Subscriber {
    public static final String BY_EXTENSION = "Subscriber.byExtension";
    public static final String ALL = "Subscriber.all";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "extension", nullable = false, unique = true, length = 32)
    private String extension;

    @Column(name = "display_name", length = 128)
    private String displayName;

    @Column(name = "realm", nullable = false)
    private String realm;

    @Column(name = "ha1_md5", nullable = false, length = 32)
    private String ha1Md5;

    @Column(name = "ha1_sha256", nullable = false, length = 64)
    private String ha1Sha256;

    @Column(name = "digest_algorithms", length = 64)
    private String digestAlgorithms;

    @Column(name = "dialing_classes", length = 512)
    private String dialingClasses;

    @Column(name = "max_calls")
    private Integer maxCalls;

    @Column(name = "max_calls_per_minute")
    private Integer maxCallsPerMinute;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Subscriber() {
    }

    public Subscriber(String extension, String displayName, Instant now) {
        this.extension = extension;
        this.displayName = displayName;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() { return id; }
    public String getExtension() { return extension; }
    public String getDisplayName() { return displayName; }
    public String getRealm() { return realm; }
    public String getHa1Md5() { return ha1Md5; }
    public String getHa1Sha256() { return ha1Sha256; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    /** Comma-separated algorithm tokens, or null for the server-wide setting. */
    public String getDigestAlgorithms() { return digestAlgorithms; }

    public void setDigestAlgorithms(String digestAlgorithms, Instant now) {
        this.digestAlgorithms = digestAlgorithms;
        this.updatedAt = now;
    }

    /** What it may do with outside calls: the classes of number it may dial and its call limits. */
    public io.ponte.dialing.CallRights getRights() {
        return new io.ponte.dialing.CallRights(io.ponte.dialing.CallRights.parseClasses(dialingClasses), maxCalls, maxCallsPerMinute);
    }

    public void setRights(io.ponte.dialing.CallRights rights, Instant now) {
        this.dialingClasses = rights.classesText();
        this.maxCalls = rights.maxCalls();
        this.maxCallsPerMinute = rights.maxCallsPerMinute();
        this.updatedAt = now;
    }

    public void setDisplayName(String displayName, Instant now) {
        this.displayName = displayName;
        this.updatedAt = now;
    }

    /** Replaces the stored digest hashes; the password is not kept. */
    public void setDigests(String realm, String ha1Md5, String ha1Sha256, Instant now) {
        this.realm = realm;
        this.ha1Md5 = ha1Md5;
        this.ha1Sha256 = ha1Sha256;
        this.updatedAt = now;
    }
}
