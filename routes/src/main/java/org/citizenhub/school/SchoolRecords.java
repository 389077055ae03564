package org.citizenhub.school;

import java.util.List;
import java.util.regex.Pattern;

import org.citizenhub.connectors.vault.SchoolUtilityStore;
import org.citizenhub.connectors.vault.SchoolUtilityStore.RowRejection;
import org.citizenhub.connectors.vault.SchoolUtilityStore.TermFileDelivery;
import org.citizenhub.connectors.vault.VaultStore;
import org.citizenhub.mappings.school.SchoolResult;
import org.springframework.stereotype.Component;

/** The school part of the vault as operations read it over REST: a citizen's school results, the latest term files. */
@Component
public class SchoolRecords {

    private static final Pattern CITIZEN_ID = Pattern.compile("[A-Za-z0-9-]{1,40}");
    private static final int DELIVERIES_LISTED = 50;

    private final VaultStore vault;
    private final SchoolUtilityStore store;

    public SchoolRecords(VaultStore vault, SchoolUtilityStore store) {
        this.vault = vault;
        this.store = store;
    }

    /** A citizen's school results by school year. */
    public record CitizenSchoolRecords(String status, String citizenId, List<SchoolResult> results) {
        public int httpStatus() {
            return switch (status) {
                case "FOUND" -> 200;
                case "NOT_FOUND" -> 404;
                default -> 400;
            };
        }
    }

    /** A term-file delivery with the rows it did not take. */
    public record DeliveryReport(TermFileDelivery delivery, List<RowRejection> rejectedRows) {
    }

    public record TermFileReports(List<DeliveryReport> deliveries) {
    }

    public CitizenSchoolRecords ofCitizen(String citizenId) {
        if (citizenId == null || !CITIZEN_ID.matcher(citizenId).matches()) {
            return new CitizenSchoolRecords("INVALID_ID", null, List.of());
        }
        if (vault.findById(citizenId).isEmpty()) {
            return new CitizenSchoolRecords("NOT_FOUND", citizenId, List.of());
        }
        return new CitizenSchoolRecords("FOUND", citizenId, store.schoolResultsOf(citizenId));
    }

    /** The latest deliveries, newest first, each with its rejected rows (line and reason, never content). */
    public TermFileReports latestTermFiles() {
        return new TermFileReports(store.termFiles(DELIVERIES_LISTED).stream()
                .map(d -> new DeliveryReport(d, store.rowRejectionsOf(d.deliveryId()))).toList());
    }
}
