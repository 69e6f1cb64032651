-- A dial plan per trunk. Out: the number prefixes the trunk carries (comma-separated; the longest match
-- over all trunks wins), how many leading digits are stripped and what is put in front, and the caller ID
-- the provider expects in From. In: the source addresses a trunk's calls come from (comma-separated
-- address blocks; none means the trunk's own address and port), its called numbers (DIDs) mapped to
-- extensions (or, with a leading *, to their ConnectyCube app), and the subscriber whose ConnectyCube
-- identity places the calls to app users for the trunk's callers (who have none of their own).
ALTER TABLE sip_trunk
    ADD COLUMN outbound_prefixes VARCHAR(512)  NOT NULL DEFAULT '',
    ADD COLUMN outbound_strip    INTEGER       NOT NULL DEFAULT 0 CHECK (outbound_strip BETWEEN 0 AND 16),
    ADD COLUMN outbound_add      VARCHAR(16)   NOT NULL DEFAULT '',
    ADD COLUMN caller_id         VARCHAR(32),
    ADD COLUMN inbound_sources   VARCHAR(1024) NOT NULL DEFAULT '',
    ADD COLUMN app_caller        VARCHAR(15);

CREATE TABLE sip_trunk_number (
    trunk_id  BIGINT      NOT NULL REFERENCES sip_trunk (id) ON DELETE CASCADE,
    number    VARCHAR(32) NOT NULL,
    target    VARCHAR(16) NOT NULL,
    PRIMARY KEY (trunk_id, number)
);
