-- The live event stream (GET /api/events): every node appends what happens to its calls and registrations,
-- every node reads the rows after the last id it delivered, so a client of any node sees every node's events.
-- Rows older than PONTE_EVENT_RETENTION are deleted; within it a client reconnecting with Last-Event-ID misses nothing.
create table event_log (
    id          bigserial   primary key,
    occurred_at timestamptz not null,
    type        text        not null,
    node        text        not null,
    payload     text        not null  -- a JSON object: the event's own fields
);

create index event_log_occurred on event_log (occurred_at);
