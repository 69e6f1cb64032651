package io.ponte.cdr;

import java.time.Instant;

import io.ponte.call.Disposition;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A stored call detail record (read side; rows are written by {@link CdrStore}). */
@Entity
@Table(name = "call_record")
public class CallRecord {

    @Id
    private Long id;
    @Column(name = "record_id") private java.util.UUID recordId;
    @Column(name = "call_id") private String callId;
    @Column(name = "caller") private String caller;
    @Column(name = "callee") private String callee;
    @Column(name = "started_at") private Instant startedAt;
    @Column(name = "answered_at") private Instant answeredAt;
    @Column(name = "ended_at") private Instant endedAt;
    @Column(name = "duration_ms") private long durationMs;
    @Column(name = "billable_seconds") private int billableSeconds;
    @Enumerated(EnumType.STRING) @Column(name = "disposition") private Disposition disposition;
    @Column(name = "final_status") private int finalStatus;
    @Column(name = "hangup_side") private String hangupSide;
    @Column(name = "caller_rtp_packets") private Long callerRtpPackets;
    @Column(name = "caller_rtp_bytes") private Long callerRtpBytes;
    @Column(name = "caller_rtp_errors") private Long callerRtpErrors;
    @Column(name = "callee_rtp_packets") private Long calleeRtpPackets;
    @Column(name = "callee_rtp_bytes") private Long calleeRtpBytes;
    @Column(name = "callee_rtp_errors") private Long calleeRtpErrors;
    @Column(name = "caller_rtp_lost") private Long callerRtpLost;
    @Column(name = "caller_jitter_ms") private Integer callerJitterMs;
    @Column(name = "caller_mos") private java.math.BigDecimal callerMos;
    @Column(name = "callee_rtp_lost") private Long calleeRtpLost;
    @Column(name = "callee_jitter_ms") private Integer calleeJitterMs;
    @Column(name = "callee_mos") private java.math.BigDecimal calleeMos;
    @Column(name = "recorded_at") private Instant recordedAt;
    @Column(name = "caller_kind") private String callerKind;
    @Column(name = "callee_kind") private String calleeKind;
    @Column(name = "caller_connectycube_user_id") private Long callerConnectycubeUserId;
    @Column(name = "callee_connectycube_user_id") private Long calleeConnectycubeUserId;
    @Column(name = "end_reason") private String endReason;
    @Column(name = "truncated_fields") private String truncatedFields;

    protected CallRecord() {
    }

    public Long getId() { return id; }
    public java.util.UUID getRecordId() { return recordId; }
    public String getCallId() { return callId; }
    public String getCaller() { return caller; }
    public String getCallee() { return callee; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getAnsweredAt() { return answeredAt; }
    public Instant getEndedAt() { return endedAt; }
    public long getDurationMs() { return durationMs; }
    public int getBillableSeconds() { return billableSeconds; }
    public Disposition getDisposition() { return disposition; }
    public int getFinalStatus() { return finalStatus; }
    public String getHangupSide() { return hangupSide; }
    public Long getCallerRtpPackets() { return callerRtpPackets; }
    public Long getCallerRtpBytes() { return callerRtpBytes; }
    public Long getCallerRtpErrors() { return callerRtpErrors; }
    public Long getCalleeRtpPackets() { return calleeRtpPackets; }
    public Long getCalleeRtpBytes() { return calleeRtpBytes; }
    public Long getCalleeRtpErrors() { return calleeRtpErrors; }
    public Long getCallerRtpLost() { return callerRtpLost; }
    public Integer getCallerJitterMs() { return callerJitterMs; }
    public java.math.BigDecimal getCallerMos() { return callerMos; }
    public Long getCalleeRtpLost() { return calleeRtpLost; }
    public Integer getCalleeJitterMs() { return calleeJitterMs; }
    public java.math.BigDecimal getCalleeMos() { return calleeMos; }
    public Instant getRecordedAt() { return recordedAt; }
    public String getCallerKind() { return callerKind; }
    public String getCalleeKind() { return calleeKind; }
    public Long getCallerConnectycubeUserId() { return callerConnectycubeUserId; }
    public Long getCalleeConnectycubeUserId() { return calleeConnectycubeUserId; }
    public String getEndReason() { return endReason; }
    public String getTruncatedFields() { return truncatedFields; }
}
