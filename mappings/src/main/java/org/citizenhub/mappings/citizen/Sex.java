package org.citizenhub.mappings.citizen;

public enum Sex {
    MALE, FEMALE
}
