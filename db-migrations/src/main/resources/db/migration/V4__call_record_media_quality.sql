-- Receive quality of each direction of a call, from the RTCP receiver reports the phones exchanged through
-- rtpengine (RFC 3550 section 6.4.1) as rtpengine summarised them. caller_* describes the audio the
-- caller sent, as the callee's phone received it; callee_* the other way. NULL when the phones sent no
-- RTCP that rtpengine could match to a sender report.
ALTER TABLE call_record
    ADD COLUMN caller_rtp_lost   BIGINT,
    ADD COLUMN caller_jitter_ms  INTEGER,
    ADD COLUMN caller_mos        NUMERIC(2, 1),
    ADD COLUMN callee_rtp_lost   BIGINT,
    ADD COLUMN callee_jitter_ms  INTEGER,
    ADD COLUMN callee_mos        NUMERIC(2, 1);
