package org.citizenhub.connectors.health;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link WatermarkStore} in memory: for tests and for a demo that may start from scratch. */
public final class InMemoryWatermarkStore implements WatermarkStore {

    private final Map<String, Instant> watermarks = new ConcurrentHashMap<>();

    @Override
    public Optional<Instant> load(String stream) {
        return Optional.ofNullable(watermarks.get(stream));
    }

    @Override
    public void save(String stream, Instant watermark) {
        watermarks.put(stream, watermark);
    }
}
