package org.citizenhub.connectors.utility;

import java.util.List;

import org.citizenhub.mappings.utility.Bill;

/** The bills of one account as read; semantic checks follow in {@code BillValidator}. */
public record BillList(List<Bill> bills, List<RejectedItem> rejected) {
    public BillList {
        bills = List.copyOf(bills);
        rejected = List.copyOf(rejected);
    }
}
