-- A trunk whose calls count as its own only when they arrive over TLS: a UDP packet's source address can
-- be forged, a TLS connection's cannot. Other calls from its sources are challenged like a subscriber's.
ALTER TABLE sip_trunk
    ADD COLUMN inbound_tls_only BOOLEAN NOT NULL DEFAULT FALSE;
