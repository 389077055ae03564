package org.citizenhub.operations;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.springframework.jms.support.destination.DynamicDestinationResolver;
import org.springframework.stereotype.Component;

/**
 * Resolves a queue or topic name once and reuses the destination. Artemis answers
 * {@code session.createTopic(name)} with a blocking round trip to the broker; doing that for every
 * published event cost more than the rest of the route together.
 */
@Component("hubDestinationResolver")
public class CachingDestinationResolver extends DynamicDestinationResolver {

    private final Map<String, Destination> cache = new ConcurrentHashMap<>();

    @Override
    public Destination resolveDestinationName(Session session, String name, boolean pubSub) throws JMSException {
        String key = (pubSub ? "topic:" : "queue:") + name;
        Destination cached = cache.get(key);
        if (cached == null) {
            cached = super.resolveDestinationName(session, name, pubSub);
            if (!isTemporary(cached)) {
                cache.put(key, cached);
            }
        }
        return cached;
    }

    private static boolean isTemporary(Destination destination) {
        return destination instanceof jakarta.jms.TemporaryQueue || destination instanceof jakarta.jms.TemporaryTopic;
    }
}
