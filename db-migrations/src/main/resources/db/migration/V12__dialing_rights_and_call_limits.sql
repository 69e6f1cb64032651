-- Toll-fraud controls. A trunk names the class of the numbers it carries by prefix (outbound_classes:
-- comma-separated prefix=class pairs, e.g. 00=international,0900=premium) and may carry at most max_calls
-- calls at once (null: no limit). A subscriber may dial the classes in dialing_classes (comma-separated;
-- null: every class but premium) and have at most max_calls calls at once and start max_calls_per_minute
-- in a minute (null: the node's PONTE_MAX_CALLS_PER_SUBSCRIBER and PONTE_MAX_CALLS_PER_MINUTE).
ALTER TABLE sip_trunk
    ADD COLUMN outbound_classes VARCHAR(1024) NOT NULL DEFAULT '',
    ADD COLUMN max_calls        INTEGER CHECK (max_calls >= 1);

ALTER TABLE subscriber
    ADD COLUMN dialing_classes      VARCHAR(512),
    ADD COLUMN max_calls            INTEGER CHECK (max_calls >= 1),
    ADD COLUMN max_calls_per_minute INTEGER CHECK (max_calls_per_minute >= 1);
