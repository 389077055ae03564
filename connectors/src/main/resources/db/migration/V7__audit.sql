-- The access log: every disclosure of a citizen's data, append-only and hash-chained (AuditLog).
-- The hub only ever inserts here. Each row's hash is SHA-256 over the previous row's hash and a
-- canonical encoding of the row (AuditLog.hash); "sequence" is dense from 1, so two writers that saw the
-- same head cannot both append (primary key), and the loser re-reads the head and retries: the chain
-- never forks, also with several hub instances on one database. On PostgreSQL a trigger refuses UPDATE
-- and DELETE (V7_1); signed checkpoints of the head, kept outside the database, reveal a cut tail.
CREATE TABLE audit_entry (
    sequence       BIGINT       PRIMARY KEY,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    agency         VARCHAR(64)  NOT NULL,
    purpose        VARCHAR(64)  NOT NULL,
    citizen_id     VARCHAR(40)  NOT NULL,   -- the golden citizen whose data was disclosed
    categories     VARCHAR(200) NOT NULL,   -- DataCategory names, sorted, comma-separated
    legal_basis    VARCHAR(40)  NOT NULL,   -- consent | citizen-request | ...
    channel        VARCHAR(20)  NOT NULL,   -- JMS | REST
    request_id     VARCHAR(200),            -- the request's correlation id, when it had one
    previous_hash  CHAR(64)     NOT NULL,   -- hex SHA-256 of the previous entry (64 zeros before the first)
    hash           CHAR(64)     NOT NULL,
    CONSTRAINT audit_entry_previous_once UNIQUE (previous_hash)
);
CREATE INDEX audit_entry_citizen ON audit_entry (citizen_id, sequence);
