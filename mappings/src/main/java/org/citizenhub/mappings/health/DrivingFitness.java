package org.citizenhub.mappings.health;

import java.util.Optional;

/** The conclusion of a driver health check (kết luận khám sức khỏe người lái xe). */
public enum DrivingFitness {
    /** Đủ điều kiện sức khỏe lái xe (for the stated licence class). */
    FIT("fit"),
    /** Không đủ điều kiện sức khỏe lái xe. */
    UNFIT("unfit"),
    /** Đủ điều kiện but to be examined again before the usual validity ends (khám lại). */
    FIT_WITH_REVIEW("fit-with-review");

    private final String code;

    DrivingFitness(String code) {
        this.code = code;
    }

    /** The code in {@link HubFhirUris#DRIVER_FITNESS_CODES}. */
    public String code() {
        return code;
    }

    public static Optional<DrivingFitness> fromCode(String code) {
        for (DrivingFitness f : values()) {
            if (f.code.equals(code)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Whether the certificate supports a licence application. */
    public boolean allowsDriving() {
        return this != UNFIT;
    }
}
