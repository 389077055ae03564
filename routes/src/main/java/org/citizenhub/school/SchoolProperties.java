package org.citizenhub.school;

import java.util.Set;

import org.citizenhub.connectors.school.GuardianContactField;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The education department's school-record system ({@code citizenhub.school.*}). */
@ConfigurationProperties("citizenhub.school")
public record SchoolProperties(
        /* Ingest term files and send guardian contacts (off: the school routes are not started). */
        boolean enabled,
        /* The folder the school system delivers term files into; taken files move to .done/, refused ones to .failed/. */
        String inbox,
        /*
         * Camel file read lock: "none" when deliveries appear atomically (written under a dot-name, then
         * renamed, as the simulator and most transfer tools do), "changed" for senders that write in place.
         */
        String readLock,
        /*
         * Threads that store term files side by side (files naming the same students keep their delivery
         * order); default 2.
         */
        int workers,
        /* Largest term file accepted, in bytes, and longest row, in characters. */
        long maxFileBytes,
        int maxRowChars,
        /* Base URL of the school system's REST interface, without a trailing slash. */
        String baseUrl,
        long connectTimeout,
        long responseTimeout,
        /* The guardian contact fields the hub may send to the school system (PHONE, ADDRESS). */
        Set<GuardianContactField> guardianContactFields) {

    public SchoolProperties {
        workers = workers <= 0 ? 2 : workers;
        guardianContactFields = guardianContactFields == null ? Set.of() : Set.copyOf(guardianContactFields);
    }

    /** The options of an HTTP endpoint of the school system. */
    public String httpOptions() {
        return "connectTimeout=" + connectTimeout + "&responseTimeout=" + responseTimeout;
    }
}
