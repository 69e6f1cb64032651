-- What each side of a call was: a SIP phone, or a ConnectyCube app user (a WebRTC leg across the bridge),
-- and for the latter which ConnectyCube user took part. Records from before the bridge are SIP on both sides.
ALTER TABLE call_record
    ADD COLUMN caller_kind                 VARCHAR(16) NOT NULL DEFAULT 'SIP',
    ADD COLUMN callee_kind                 VARCHAR(16) NOT NULL DEFAULT 'SIP',
    ADD COLUMN caller_connectycube_user_id BIGINT,
    ADD COLUMN callee_connectycube_user_id BIGINT;

ALTER TABLE call_record
    ADD CONSTRAINT call_record_caller_kind CHECK (caller_kind IN ('SIP', 'CONNECTYCUBE')),
    ADD CONSTRAINT call_record_callee_kind CHECK (callee_kind IN ('SIP', 'CONNECTYCUBE'));
