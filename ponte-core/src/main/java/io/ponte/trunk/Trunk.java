package io.ponte.trunk;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A SIP trunk: an upstream PBX or provider at {@code host:port} over {@code transport}, with optional
 * digest credentials and outbound registration. The password is only ever held sealed; nothing here prints it.
 */
@Entity
@Table(name = "sip_trunk")
@NamedQuery(name = Trunk.ALL, query = "select t from Trunk t order by t.id")
@NamedQuery(name = Trunk.BY_NAME, query = "select t from Trunk t where t.name = :name")
public class Trunk {
    public static final String ALL = "Trunk.all";
    public static final String BY_NAME = "Trunk.byName";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "name", nullable = false, unique = true, length = 64)
    private String name;

    @Column(name = "host", nullable = false, length = 255)
    private String host;

    @Column(name = "port", nullable = false)
    private int port;

    @Column(name = "transport", nullable = false, length = 3)
    private String transport;

    @Column(name = "username", length = 128)
    private String username;

    @Column(name = "password_sealed", length = 512)
    private String sealedPassword;

    @Column(name = "register", nullable = false)
    private boolean register;

    @Column(name = "register_expires", nullable = false)
    private int registerExpires;

    @Column(name = "outbound_prefixes", nullable = false, length = 512)
    private String outboundPrefixes = "";

    @Column(name = "outbound_strip", nullable = false)
    private int outboundStrip;

    @Column(name = "outbound_add", nullable = false, length = 16)
    private String outboundAdd = "";

    @Column(name = "caller_id", length = 32)
    private String callerId;

    @Column(name = "outbound_classes", nullable = false, length = 1024)
    private String outboundClasses = "";

    @Column(name = "max_calls")
    private Integer maxCalls;

    @Column(name = "inbound_tls_only", nullable = false)
    private boolean inboundTlsOnly;

    @Column(name = "inbound_sources", nullable = false, length = 1024)
    private String inboundSources = "";

    @Column(name = "app_caller", length = 15)
    private String appCaller;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sip_trunk_number", joinColumns = @JoinColumn(name = "trunk_id"))
    @MapKeyColumn(name = "number", length = 32)
    @Column(name = "target", nullable = false, length = 16)
    private Map<String, String> numbers = new HashMap<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Trunk() {
    }

    public Trunk(Instant now) {
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long getId() { return id; }
    public String getName() { return name; }
    public String getHost() { return host; }
    public int getPort() { return port; }
    /** {@code udp}, {@code tcp} or {@code tls}. */
    public String getTransport() { return transport; }
    public String getUsername() { return username; }
    /** The password as {@link io.ponte.crypto.SecretBox} sealed it, or null. */
    public String getSealedPassword() { return sealedPassword; }
    public boolean isRegister() { return register; }
    public int getRegisterExpires() { return registerExpires; }
    public Instant getCreatedAt() { return createdAt; }
    /** Most calls through this trunk at once, either way; null: no limit. */
    public Integer getMaxCalls() { return maxCalls; }
    /** Whether its calls are taken as its own only when they arrive over TLS. */
    public boolean isInboundTlsOnly() { return inboundTlsOnly; }

    /** Its dial plan, as stored. */
    public DialPlan plan() {
        return new DialPlan(DialPlan.split(outboundPrefixes), outboundStrip, outboundAdd, callerId,
                DialPlan.splitClasses(outboundClasses), io.ponte.security.Cidr.parseList(inboundSources), numbers, appCaller);
    }
    public Instant getUpdatedAt() { return updatedAt; }

    /** Sets everything but the password. */
    void describe(String name, String host, int port, String transport, String username, boolean register,
                  int registerExpires, Integer maxCalls, boolean inboundTlsOnly, DialPlan plan, Instant now) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.transport = transport;
        this.username = username;
        this.register = register;
        this.registerExpires = registerExpires;
        this.maxCalls = maxCalls;
        this.inboundTlsOnly = inboundTlsOnly;
        this.outboundClasses = plan.classesText();
        this.outboundPrefixes = plan.prefixesText();
        this.outboundStrip = plan.strip();
        this.outboundAdd = plan.add();
        this.callerId = plan.callerId();
        this.inboundSources = plan.sourcesText();
        this.appCaller = plan.appCaller();
        this.numbers.clear();
        this.numbers.putAll(plan.numbers());
        this.updatedAt = now;
    }

    void setSealedPassword(String sealed, Instant now) {
        this.sealedPassword = sealed;
        this.updatedAt = now;
    }

    @Override
    public String toString() {
        return "Trunk[" + name + " " + transport + ":" + host + ":" + port + "]";
    }
}
