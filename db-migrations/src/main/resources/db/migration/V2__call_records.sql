-- Call detail records: one row per call attempt that got past authentication, written after the
-- call ended. call_id is unique so that a record replayed after an outage is stored once.
CREATE TABLE call_record (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id             VARCHAR(255) NOT NULL,
    caller              VARCHAR(64)  NOT NULL,
    callee              VARCHAR(64)  NOT NULL,
    started_at          TIMESTAMPTZ  NOT NULL,
    answered_at         TIMESTAMPTZ,
    ended_at            TIMESTAMPTZ  NOT NULL,
    duration_ms         BIGINT       NOT NULL,
    billable_seconds    INTEGER      NOT NULL,
    disposition         VARCHAR(16)  NOT NULL
        CHECK (disposition IN ('ANSWERED', 'BUSY', 'NO_ANSWER', 'CANCELLED', 'FAILED', 'REJECTED')),
    final_status        INTEGER      NOT NULL,
    hangup_side         VARCHAR(8),
    caller_rtp_packets  BIGINT,
    caller_rtp_bytes    BIGINT,
    caller_rtp_errors   BIGINT,
    callee_rtp_packets  BIGINT,
    callee_rtp_bytes    BIGINT,
    callee_rtp_errors   BIGINT,
    recorded_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_call_record_call_id UNIQUE (call_id)
);

CREATE INDEX ix_call_record_started_at ON call_record (started_at);
CREATE INDEX ix_call_record_caller ON call_record (caller);
CREATE INDEX ix_call_record_callee ON call_record (callee);
