package org.citizenhub.connectors.health;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the incremental sync keeps how far it got: the largest {@code meta.lastUpdated} it has
 * handed to the handler, per stream ({@code fhir:Patient}, …). The vault backs this with a table so a
 * restart resumes where it stopped; a save must be durable before it returns.
 */
public interface WatermarkStore {

    Optional<Instant> load(String stream);

    void save(String stream, Instant watermark);
}
