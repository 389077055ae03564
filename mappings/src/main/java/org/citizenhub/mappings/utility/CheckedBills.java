package org.citizenhub.mappings.utility;

import java.util.List;

import org.citizenhub.mappings.id.DataQualityFinding;

/** Bills after {@link BillValidator}: the ones to keep, the ones refused with a reason, and findings on the kept ones. */
public record CheckedBills(List<Bill> accepted, List<RejectedBill> rejected, List<DataQualityFinding> findings) {
    public CheckedBills {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
        findings = List.copyOf(findings);
    }
}
