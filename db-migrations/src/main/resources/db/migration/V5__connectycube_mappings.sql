-- Which ConnectyCube user a subscriber is in the WebRTC apps: calls to the extension can ring the app
-- user, and the app user's calls to that identity reach the subscriber's phones. One mapping per
-- subscriber and per ConnectyCube user. The ConnectyCube password is kept sealed (AES-256-GCM with
-- PONTE_SECRET_KEY), never in clear: Ponte needs it back to log in as that user.
CREATE TABLE connectycube_mapping (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscriber_id        BIGINT       NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    cc_user_id           BIGINT       NOT NULL,
    cc_login             VARCHAR(128) NOT NULL,
    cc_password_sealed   VARCHAR(512) NOT NULL,
    display_name         VARCHAR(128),
    enabled              BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_mapping_subscriber UNIQUE (subscriber_id),
    CONSTRAINT uq_mapping_cc_user UNIQUE (cc_user_id),
    CONSTRAINT ck_mapping_cc_user_id CHECK (cc_user_id > 0)
);
