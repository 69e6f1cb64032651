-- SIP trunks: the upstream PBXs and providers Ponte exchanges calls with. The trunk's digest password is
-- kept sealed (AES-256-GCM with PONTE_SECRET_KEY, as ConnectyCube passwords): Ponte needs it back to
-- register and to answer challenges, and it is never returned or logged.
CREATE TABLE sip_trunk (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              VARCHAR(64)  NOT NULL UNIQUE,
    host              VARCHAR(255) NOT NULL,
    port              INTEGER      NOT NULL CHECK (port BETWEEN 1 AND 65535),
    transport         VARCHAR(3)   NOT NULL CHECK (transport IN ('udp', 'tcp', 'tls')),
    username          VARCHAR(128),
    password_sealed   VARCHAR(512),
    register          BOOLEAN      NOT NULL DEFAULT FALSE,
    register_expires  INTEGER      NOT NULL DEFAULT 600 CHECK (register_expires >= 10),
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Each node's outbound registration of each trunk (every node registers its own contact, so the
-- provider can reach any of them), for the API to show.
CREATE TABLE sip_trunk_registration (
    trunk_id      BIGINT       NOT NULL REFERENCES sip_trunk (id) ON DELETE CASCADE,
    node          VARCHAR(128) NOT NULL,
    state         VARCHAR(16)  NOT NULL CHECK (state IN ('REGISTERING', 'REGISTERED', 'FAILED')),
    last_status   INTEGER,
    reason        VARCHAR(255),
    expires_at    TIMESTAMPTZ,
    updated_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (trunk_id, node)
);
