package org.citizenhub.connectors.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.citizenhub.mappings.health.FhirInputException;
import org.citizenhub.mappings.health.FhirR4;
import org.citizenhub.mappings.health.ResolvedBundle;
import org.citizenhub.mappings.health.TransactionBundleResolver;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Bulk ingest of FHIR transaction bundles dropped into the inbox (a Synthea export, a clinic's
 * upload): refuses files over the byte limit before reading them whole, parses, and resolves
 * {@code urn:uuid} and conditional references ({@link TransactionBundleResolver}); conditional
 * references the bundle cannot resolve are looked up on the server ({@link #onServer}) or reported.
 * The route then maps the resolved resources like synced ones. Bad files raise
 * {@link FhirInputException} with a reason fit for the parked message.
 */
public final class TransactionBundleIngest {

    private final long maxBytes;
    private final TransactionBundleResolver resolver;

    public TransactionBundleIngest(long maxBytes, int maxEntries) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
        this.resolver = new TransactionBundleResolver(maxEntries);
    }

    public ResolvedBundle read(Path file, TransactionBundleResolver.ConditionalLookup lookup) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(size);
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, lookup);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundle file " + file.getFileName(), e);
        }
    }

    /** Reads at most the byte limit from the stream; a longer stream is refused without being parsed. */
    public ResolvedBundle read(InputStream in, TransactionBundleResolver.ConditionalLookup lookup) {
        byte[] bytes;
        try {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundle", e);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(bytes.length);
        }
        Bundle bundle = FhirR4.parse(new String(bytes, StandardCharsets.UTF_8), Bundle.class);
        return resolver.resolve(bundle, TransactionBundleResolver.IdAssigner.fromBundle(), lookup);
    }

    /**
     * Resolves conditional references by searching the FHIR server: exactly one match resolves; none,
     * several, or a type the server does not serve leave the reference unresolved (and reported).
     */
    public static TransactionBundleResolver.ConditionalLookup onServer(FhirRestClient client) {
        return reference -> {
            int q = reference.indexOf('?');
            String type = reference.substring(0, q);
            List<Map.Entry<String, String>> params = new ArrayList<>();
            for (String pair : reference.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.add(Map.entry(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)));
                }
            }
            params.add(Map.entry("_count", "2"));
            Bundle page;
            try {
                page = client.search(type, params);
            } catch (FhirServerException e) {
                if (e.kind() == FhirServerException.Kind.NOT_FOUND || e.kind() == FhirServerException.Kind.REJECTED) {
                    return Optional.empty();
                }
                throw e;
            }
            List<Bundle.BundleEntryComponent> matches = page.getEntry().stream().filter(FhirRestClient::isMatch).toList();
            return matches.size() == 1
                    ? Optional.of(type + "/" + matches.get(0).getResource().getIdElement().getIdPart())
                    : Optional.empty();
        };
    }

    private FhirInputException tooLarge(long size) {
        return new FhirInputException(FhirInputException.Reason.TOO_LARGE,
                "bundle of " + (size > maxBytes ? "more than " + maxBytes : size) + " bytes, at most " + maxBytes + " allowed");
    }
}
