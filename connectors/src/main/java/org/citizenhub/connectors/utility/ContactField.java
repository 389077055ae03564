package org.citizenhub.connectors.utility;

/** The account contact fields the hub can propagate to a utility; each provider names them its own way. */
public enum ContactField {
    PHONE,
    EMAIL,
    /** The contact (mailing) address, not the service address: the meter does not move with its holder. */
    ADDRESS
}
