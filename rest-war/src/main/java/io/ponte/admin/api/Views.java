package io.ponte.admin.api;

import java.time.Instant;
import java.util.List;

import io.ponte.registrar.RegisterOutcome.BoundContact;
import io.ponte.registrar.RegistrationBinding;
import io.ponte.subscriber.SubscriberService.SubscriberState;

/** The JSON shapes the API answers with. Never a password or hash. */
public final class Views {

    private Views() {
    }

    public record Contact(String uri, long expiresIn, Double q) {
        static Contact of(BoundContact b) {
            return new Contact(b.uri(), b.expiresInSeconds(), b.q());
        }
    }

    public record User(String extension, String displayName, boolean registered, List<Contact> contacts,
                       List<String> digestAlgorithms, RightsBody rights, Instant createdAt, Instant updatedAt) {
        static User of(SubscriberState s) {
            String algorithms = s.subscriber().getDigestAlgorithms();
            return new User(s.subscriber().getExtension(), s.subscriber().getDisplayName(), s.registered(),
                    s.contacts().stream().map(Contact::of).toList(),
                    algorithms == null ? null : List.of(algorithms.split(",")), RightsBody.of(s.subscriber().getRights()),
                    s.subscriber().getCreatedAt(),
                    s.subscriber().getUpdatedAt());
        }
    }

    public record Registration(String extension, String contact, long expiresIn, Instant expiresAt,
                               String userAgent, String source, Instant registeredAt) {
        static Registration of(RegistrationBinding b, Instant now) {
            return new Registration(b.getSubscriber().getExtension(), b.getContactUri(),
                    Math.max(0, b.getExpiresAt().getEpochSecond() - now.getEpochSecond()), b.getExpiresAt(),
                    b.getUserAgent(), b.getSourceAddress(), b.getRegisteredAt());
        }
    }

    public record Extensions(int min, int max, List<String> provisioned, List<String> registered) {
    }

    public record Statistics(long uptimeSeconds, Instant startedAt, long subscribers, long registeredUsers,
                             long activeBindings, java.util.Map<String, Long> sipRequests,
                             java.util.Map<Integer, Long> sipResponses, long authFailures, CallCounters calls,
                             io.ponte.stats.SipStatistics.Sessions sipSessions, int eventStreams) {
    }

    /** Call attempts since start, calls in progress now and at most, and ended calls by disposition. */
    public record CallCounters(long attempts, long active, long peak, java.util.Map<String, Long> ended) {
    }

    /** What one side of a call was: a SIP phone, or a ConnectyCube app user (a WebRTC leg) and which one. */
    public record Party(String kind, Long connectycubeUserId) {
        static Party of(io.ponte.call.Leg leg) {
            return new Party(leg.kind().name(), leg.connectycubeUserId());
        }
    }

    /**
     * A call record: {@code recordId} is Ponte's own key for the call, {@code endReason} why Ponte ended it
     * (hangupSide SYSTEM), {@code truncatedFields} the fields cut to fit (absent when none was).
     */
    public record CallRecordView(String recordId, String callId, String caller, String callee, String disposition,
                                 int finalStatus, Instant startedAt, Instant answeredAt, Instant endedAt, long durationMs,
                                 int billableSeconds, String hangupSide, String endReason, List<String> truncatedFields,
                                 Media fromCaller, Media fromCallee, Party callerLeg, Party calleeLeg) {
        static CallRecordView of(io.ponte.cdr.CallRecord r) {
            return new CallRecordView(r.getRecordId().toString(), r.getCallId(), r.getCaller(), r.getCallee(),
                    r.getDisposition().name(), r.getFinalStatus(), r.getStartedAt(), r.getAnsweredAt(), r.getEndedAt(),
                    r.getDurationMs(), r.getBillableSeconds(), r.getHangupSide(), r.getEndReason(),
                    r.getTruncatedFields() == null ? null : List.of(r.getTruncatedFields().split(",")),
                    Media.of(r.getCallerRtpPackets(), r.getCallerRtpBytes(), r.getCallerRtpErrors(),
                            r.getCallerRtpLost(), r.getCallerJitterMs(), r.getCallerMos()),
                    Media.of(r.getCalleeRtpPackets(), r.getCalleeRtpBytes(), r.getCalleeRtpErrors(),
                            r.getCalleeRtpLost(), r.getCalleeJitterMs(), r.getCalleeMos()),
                    new Party(r.getCallerKind(), r.getCallerConnectycubeUserId()),
                    new Party(r.getCalleeKind(), r.getCalleeConnectycubeUserId()));
        }
    }

    /**
     * The audio one side sent: RTP that rtpengine received from it and, when the phones sent RTCP, how the
     * other side received it (packets lost, jitter in ms, MOS 1.0-5.0; absent without RTCP).
     */
    public record Media(long packets, long bytes, long errors, Long lost, Integer jitterMs, java.math.BigDecimal mos) {
        Media(long packets, long bytes, long errors) {
            this(packets, bytes, errors, null, null, null);
        }

        static Media of(Long packets, Long bytes, Long errors, Long lost, Integer jitterMs, java.math.BigDecimal mos) {
            return packets == null ? null : new Media(packets, bytes, errors, lost, jitterMs, mos);
        }
    }

    public record ActiveCallView(String callId, String caller, String callee, String state, Instant startedAt,
                                 Instant answeredAt, long durationSeconds, Media rtpTotal, Party callerLeg, Party calleeLeg) {
        static ActiveCallView of(io.ponte.call.Call c, io.ponte.media.rtpengine.CallStats live) {
            Instant answeredAt = c.answeredAt();
            Instant since = answeredAt == null ? Instant.now() : answeredAt;
            return new ActiveCallView(c.id().value(), c.caller().party(), c.callee().party(),
                    c.state().name(), c.startedAt(), answeredAt,
                    Math.max(0, Instant.now().getEpochSecond() - since.getEpochSecond()),
                    live == null ? null : new Media(live.rtpTotal().packets(), live.rtpTotal().bytes(), live.rtpTotal().errors()),
                    Party.of(c.caller()), Party.of(c.callee()));
        }
    }

    /** One packet stream rtpengine relays: which call and side, its local port, the far end, counters. */
    public record RtpStream(String callId, String tag, String type, String protocol, long localPort, String endpoint,
                            long packets, long bytes, long errors, long lastPacketEpochSeconds) {
    }

    public record CallHistory(List<CallRecordView> calls, int page, int size, long total) {
    }

    /** A subscriber's ConnectyCube identity; the password is never shown, only whether one is stored. */
    public record Mapping(long id, String extension, long connectycubeUserId, String connectycubeLogin, String displayName,
                          boolean enabled, boolean passwordSet, Instant createdAt, Instant updatedAt) {
        static Mapping of(io.ponte.bridge.mapping.ConnectyCubeMapping m) {
            return new Mapping(m.getId(), m.getSubscriber().getExtension(), m.getConnectycubeUserId(), m.getConnectycubeLogin(),
                    m.getDisplayName(), m.isEnabled(), m.getSealedPassword() != null, m.getCreatedAt(), m.getUpdatedAt());
        }
    }

    public record Health(String status, boolean sip, boolean database, boolean rtpengine, Bridge connectycube,
                         CallRecords callRecords) {
    }

    /**
     * This node's call records: waiting in its journal to be stored ({@code pending}, {@code journalBytes}),
     * stored, set aside and cut to fit since it started, not journaled at all (a full journal: the record went
     * to the server log), and the dead letters of all nodes ({@code rejected}; null while the database is down).
     */
    public record CallRecords(long pending, long journalBytes, long storedSinceStart, long rejectedSinceStart,
                              long truncatedSinceStart, long unjournaledSinceStart, Long rejected) {
        static CallRecords of(io.ponte.cdr.CdrRecorder.Backlog b, Long rejected) {
            return new CallRecords(b.pending(), b.journalBytes(), b.storedSinceStart(), b.rejectedSinceStart(),
                    b.truncatedSinceStart(), b.unjournaledSinceStart(), rejected);
        }
    }

    /**
     * The ConnectyCube bridge: OFF, INCOMPLETE (with the settings missing) or CONFIGURED, and how many
     * enabled mappings it keeps in the chat and how many of them are online now.
     */
    public record Bridge(String status, List<String> missing, int mappingsEnabled, int mappingsOnline) {
        static Bridge of(io.ponte.bridge.BridgeSettings b, io.ponte.bridge.ChatConnections.Counts c) {
            return new Bridge(b.status().name(), b.missing(), c.enabled(), c.online());
        }
    }

    /** A SIP trunk; its password is never shown, only whether one is stored. */
    public record Trunk(long id, String name, String host, int port, String transport, String username, boolean passwordSet,
                        boolean register, int registerExpires, Integer maxCalls, TrunkOutbound outbound, TrunkInbound inbound,
                        List<TrunkRegistration> registrations, Instant createdAt, Instant updatedAt) {
        static Trunk of(io.ponte.trunk.Trunk t, List<io.ponte.trunk.TrunkRegistrations.Registration> regs) {
            io.ponte.trunk.DialPlan plan = t.plan();
            return new Trunk(t.getId(), t.getName(), t.getHost(), t.getPort(), t.getTransport(), t.getUsername(),
                    t.getSealedPassword() != null, t.isRegister(), t.getRegisterExpires(), t.getMaxCalls(),
                    new TrunkOutbound(io.ponte.trunk.DialPlan.split(plan.prefixesText()), plan.strip(), plan.add(), plan.callerId(),
                            plan.classes()),
                    new TrunkInbound(plan.sources().stream().map(Object::toString).toList(), plan.numbers(), plan.appCaller(),
                            plan.wideSources(), t.isInboundTlsOnly()),
                    regs.stream().map(TrunkRegistration::of).toList(), t.getCreatedAt(), t.getUpdatedAt());
        }
    }

    /** A trunk's outbound dial plan; {@code classes}: the class of the numbers that start with each prefix. */
    public record TrunkOutbound(List<String> prefixes, int strip, String add, String callerId, java.util.Map<String, String> classes) {
    }

    /** A trunk's inbound identification and called numbers. */
    public record TrunkInbound(List<String> sources, java.util.Map<String, String> numbers, String appCaller,
                               boolean wideSources, boolean tlsOnly) {
    }

    /** One node's registration to a trunk: its state, the provider's last answer, the seconds left. */
    public record TrunkRegistration(String node, String state, Integer lastStatus, String reason, Instant expiresAt,
                                    Long expiresInSeconds, Instant updatedAt) {
        static TrunkRegistration of(io.ponte.trunk.TrunkRegistrations.Registration r) {
            Long left = r.expiresAt() == null ? null : Math.max(0, r.expiresAt().getEpochSecond() - Instant.now().getEpochSecond());
            return new TrunkRegistration(r.node(), r.state().name(), r.lastStatus(), r.reason(), r.expiresAt(), left, r.updatedAt());
        }
    }
}
