-- Subscribers: one row per provisioned extension. Passwords are never stored, only the
-- RFC 3261 / RFC 8760 digest HA1 values for the realm they were computed in.
CREATE TABLE subscriber (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    extension     VARCHAR(32)  NOT NULL UNIQUE,
    display_name  VARCHAR(128),
    realm         VARCHAR(255) NOT NULL,
    ha1_md5       VARCHAR(32)     NOT NULL,
    ha1_sha256    VARCHAR(64)     NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Registrar bindings (RFC 3261 section 10): several contacts per address of record.
CREATE TABLE registration_binding (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscriber_id  BIGINT        NOT NULL REFERENCES subscriber (id) ON DELETE CASCADE,
    contact_uri    VARCHAR(1024) NOT NULL,
    q_value        DOUBLE PRECISION,
    call_id        VARCHAR(255)  NOT NULL,
    cseq           BIGINT        NOT NULL,
    expires_at     TIMESTAMPTZ   NOT NULL,
    user_agent     VARCHAR(255),
    source_address VARCHAR(64),
    registered_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT uq_binding_contact UNIQUE (subscriber_id, contact_uri)
);

CREATE INDEX ix_binding_expires_at ON registration_binding (expires_at);
