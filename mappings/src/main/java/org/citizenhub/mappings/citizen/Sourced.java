package org.citizenhub.mappings.citizen;

import java.util.Objects;

/** A field value of the golden record together with its provenance. */
public record Sourced<T>(T value, Provenance provenance) {
    public Sourced {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(provenance, "provenance");
    }
}
