-- Source addresses whose SIP requests every node drops (failed authentications, or banned over REST).
create table sip_ban (
    address    text        primary key,
    reason     text        not null,
    origin     text        not null check (origin in ('AUTO', 'ADMIN')),
    created_at timestamptz not null,
    expires_at timestamptz not null
);

create index sip_ban_expires on sip_ban (expires_at);
