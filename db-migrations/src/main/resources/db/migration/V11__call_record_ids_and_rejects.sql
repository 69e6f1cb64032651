-- Call records keyed by an identifier Ponte makes for each call, not by the SIP Call-ID: a phone may reuse
-- a Call-ID for a second call (each call is billed), and a record replayed from the local journal after a
-- crash must still be stored once. The Call-ID stays a column, indexed for look-ups.
ALTER TABLE call_record ADD COLUMN record_id UUID;
UPDATE call_record SET record_id = gen_random_uuid() WHERE record_id IS NULL;
ALTER TABLE call_record
    ALTER COLUMN record_id SET NOT NULL,
    ADD CONSTRAINT uq_call_record_record_id UNIQUE (record_id),
    DROP CONSTRAINT uq_call_record_call_id;
CREATE INDEX ix_call_record_call_id ON call_record (call_id);

-- Why Ponte ended a call it ended itself (hangup_side SYSTEM: ring timeout, the API, an expired session
-- timer, a shutdown), and which text fields were cut to fit their column (comma-separated names, e.g.
-- "callee" for a 70-digit dial string): a truncated record is stored, never refused.
ALTER TABLE call_record
    ADD COLUMN end_reason       VARCHAR(128),
    ADD COLUMN truncated_fields VARCHAR(64);

-- Dead letters: records the database refused for their content (a value no column can hold, a broken
-- journal line), set aside with the reason so that they never hold up the records behind them. The record
-- is kept as the journal had it (JSON, or the raw line when it was unreadable).
CREATE TABLE call_record_rejected (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id   UUID UNIQUE,
    call_id     VARCHAR(255),
    record      TEXT         NOT NULL,
    reason      TEXT         NOT NULL,
    rejected_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
