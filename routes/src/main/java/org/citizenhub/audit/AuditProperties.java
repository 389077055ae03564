package org.citizenhub.audit;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The access log's checkpoints ({@code citizenhub.audit.*}). */
@ConfigurationProperties("citizenhub.audit")
public record AuditProperties(
        /* Where the signed checkpoints of the log's head are appended (checkpoints.log). */
        Path checkpointDir,
        /* The Ed25519 private key that signs them (generated when missing; the public key beside it, .pub). */
        Path signingKey,
        /* How often the head is checkpointed when it moved (ms); also once at shutdown. */
        long checkpointInterval) {
}
