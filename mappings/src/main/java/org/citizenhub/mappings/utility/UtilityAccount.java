package org.citizenhub.mappings.utility;

import java.util.Objects;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * A customer account of an electricity, water or sanitation provider, text as the provider wrote
 * it, "" when absent. Utilities keep the holder's name upper-cased and without diacritics more often
 * than not, the service address as free text with the pre-2025 ward and district, and rarely an ID
 * number (a 9-digit CMND when they do).
 */
public record UtilityAccount(SourceSystem provider, String customerCode, String holderName, String serviceAddress,
                             String phone, String idNumber) {

    public UtilityAccount {
        Objects.requireNonNull(provider, "provider");
        if (provider != SourceSystem.ELECTRICITY && provider != SourceSystem.WATER && provider != SourceSystem.SANITATION) {
            throw new IllegalArgumentException("not a utility provider: " + provider);
        }
        customerCode = emptyIfNull(customerCode);
        holderName = emptyIfNull(holderName);
        serviceAddress = emptyIfNull(serviceAddress);
        phone = emptyIfNull(phone);
        idNumber = emptyIfNull(idNumber);
    }

    private static String emptyIfNull(String s) {
        return s == null ? "" : s;
    }
}
