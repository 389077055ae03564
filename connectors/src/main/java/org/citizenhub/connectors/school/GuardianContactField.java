package org.citizenhub.connectors.school;

/** The guardian contact fields the school system's interface can take, with their JSON names there. */
public enum GuardianContactField {
    PHONE("guardianPhone"),
    ADDRESS("guardianAddress");

    private final String jsonName;

    GuardianContactField(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
