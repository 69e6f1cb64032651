-- Digest algorithms offered to one subscriber's phones, most preferred first (for example 'MD5' for
-- phones that fail when a SHA-256 challenge is present). NULL: the server-wide PONTE_DIGEST_ALGORITHMS.
ALTER TABLE subscriber ADD COLUMN digest_algorithms VARCHAR(64);
