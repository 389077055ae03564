-- Health evidence: what the health-record system (FHIR R4) knows that other procedures reuse under the
-- once-only principle: driver health-check certificates (DiagnosticReport) and vaccinations (Immunization).
-- One row per FHIR resource, replaced by newer versions, never by older ones. A row names the source
-- record of the Patient it is about, not a citizen: it follows that Patient when identity resolution
-- links, merges or unmerges it, and it waits, unlost, when its Patient has not been stored yet.
CREATE TABLE health_evidence (
    resource_id         VARCHAR(200) PRIMARY KEY,  -- the resource in the health system: DiagnosticReport/12
    kind                VARCHAR(40)  NOT NULL,     -- DRIVER_HEALTH_CHECK | IMMUNIZATION
    patient_source_key  VARCHAR(200) NOT NULL,     -- source_record.source_key of its Patient: HEALTH:Patient/45
    version_id          VARCHAR(64)  NOT NULL,     -- meta.versionId ('' when the server gives none)
    source_updated_at   TIMESTAMP WITH TIME ZONE,  -- meta.lastUpdated: orders versions that arrive out of order
    withdrawn           BOOLEAN      NOT NULL,     -- cancelled, entered in error, not done: no longer evidence
    evidence            VARCHAR,                   -- the canonical evidence as JSON; NULL when withdrawn
    retrieved_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX health_evidence_patient ON health_evidence (patient_source_key);
