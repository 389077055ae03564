package org.citizenhub.mappings.citizen;

import java.util.List;
import java.util.Objects;

import org.citizenhub.mappings.id.DataQualityFinding;

/** A source record mapped to the canonical citizen, with the data-quality findings met on the way. */
public record Mapped(CitizenRecord record, List<DataQualityFinding> findings) {
    public Mapped {
        Objects.requireNonNull(record, "record");
        findings = List.copyOf(findings);
    }
}
