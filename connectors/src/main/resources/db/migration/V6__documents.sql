-- Documents: the results of administrative procedures that the portal publishes (a driving licence, a
-- business household registration, a school enrolment), kept as reusable evidence under the once-only
-- principle: structured data (JSON) and, when the portal sends one, the PDF it issued.
-- A document is (issuer, document_type, document_number). The same result published again changes
-- nothing; a corrected one is a new revision and the one before it becomes SUPERSEDED. Revisions are
-- never deleted: a QR code on an old certificate still finds its revision and learns that it was replaced.
CREATE TABLE document (
    id               VARCHAR(40)  PRIMARY KEY,    -- the hub's random id (names the document in QR tokens)
    citizen_id       VARCHAR(40)  NOT NULL,       -- the golden citizen it was issued to
    issuer           VARCHAR(200) NOT NULL,
    document_type    VARCHAR(60)  NOT NULL,       -- DRIVING_LICENCE | BUSINESS_HOUSEHOLD_REGISTRATION | ...
    document_number  VARCHAR(100) NOT NULL,
    revision         INTEGER      NOT NULL,       -- 1, 2, ... per (issuer, document_type, document_number)
    procedure_code   VARCHAR(60)  NOT NULL,       -- the procedure whose result it is
    issued_on        DATE         NOT NULL,
    valid_until      DATE,                        -- NULL: no end of validity
    status           VARCHAR(20)  NOT NULL,       -- ACTIVE | SUPERSEDED | REVOKED
    data             VARCHAR      NOT NULL,       -- the structured result as JSON
    content_digest   VARCHAR(64)  NOT NULL,       -- base64url SHA-256 of the revision's content (data and PDF)
    has_pdf          BOOLEAN      NOT NULL,
    stored_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- two hub nodes storing a revision of one document at once: one of them retries
    CONSTRAINT document_revision UNIQUE (issuer, document_type, document_number, revision)
);
CREATE INDEX document_citizen ON document (citizen_id);

-- The PDF a revision came with, apart so that listing documents never reads PDFs.
CREATE TABLE document_pdf (
    document_id  VARCHAR(40) PRIMARY KEY REFERENCES document (id),
    content      BYTEA       NOT NULL
);
