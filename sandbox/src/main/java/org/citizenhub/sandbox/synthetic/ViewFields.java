package org.citizenhub.sandbox.synthetic;

import java.util.List;

import org.citizenhub.mappings.citizen.SourceSystem;

/**
 * Field names of each system's view, in column order. Every value is a string; "" means the system
 * holds nothing for it. The formats are the systems' own and part of the difficulty.
 */
public final class ViewFields {

    private ViewFields() {
    }

    /** The columns of a system's view in export order (the record id comes first, separately). */
    public static List<String> of(SourceSystem system) {
        return switch (system) {
            case POPULATION -> PopulationDatabase.ALL;
            case HEALTH -> Health.ALL;
            case SCHOOL -> School.ALL;
            case ELECTRICITY, WATER, SANITATION -> Utility.ALL;
            case PORTAL -> Portal.ALL;
        };
    }

    /** National population database: clean and authoritative; record id = personal ID number. */
    public static final class PopulationDatabase {
        public static final String PERSONAL_ID = "personalId";
        public static final String FULL_NAME = "fullName";
        public static final String FAMILY_NAME = "familyName";
        public static final String MIDDLE_NAME = "middleName";
        public static final String GIVEN_NAME = "givenName";
        /** MALE or FEMALE. */
        public static final String SEX = "sex";
        /** yyyy-MM-dd. */
        public static final String DATE_OF_BIRTH = "dateOfBirth";
        /** Quê quán, written with the pre-2025 units as on older documents. */
        public static final String PLACE_OF_ORIGIN = "placeOfOrigin";
        public static final String HOUSEHOLD_ID = "householdId";
        /** HEAD, SPOUSE, CHILD, PARENT, GRANDCHILD, SIBLING or OTHER. */
        public static final String RELATION_TO_HEAD = "relationToHead";
        public static final String HOUSE_NUMBER = "houseNumber";
        public static final String STREET = "street";
        /** Post-2025 ward or commune ("Phường Hải Châu"). */
        public static final String WARD = "ward";
        /** 5-digit statistics code of the ward. */
        public static final String WARD_CODE = "wardCode";
        public static final String CITY = "city";
        /** 10 digits, or "". */
        public static final String PHONE = "phone";
        public static final String EMAIL = "email";
        /** yyyy-MM-dd, or "" for the living. */
        public static final String DATE_OF_DEATH = "dateOfDeath";
        public static final List<String> ALL = List.of(PERSONAL_ID, FULL_NAME, FAMILY_NAME, MIDDLE_NAME, GIVEN_NAME, SEX,
                DATE_OF_BIRTH, PLACE_OF_ORIGIN, HOUSEHOLD_ID, RELATION_TO_HEAD, HOUSE_NUMBER, STREET, WARD, WARD_CODE, CITY,
                PHONE, EMAIL, DATE_OF_DEATH);

        private PopulationDatabase() {
        }
    }

    /**
     * Health records: values fit a FHIR R4 Patient. Record id = patient id ("BN…"). Messiness is in
     * names, IDs, phones and addresses, never in the FHIR-typed values.
     */
    public static final class Health {
        /** The name as written (HumanName.text); "Con bà &lt;mother's name&gt;" for unnamed newborns. */
        public static final String FULL_NAME = "fullName";
        /** First word of the name as written (HumanName.family); "" for unnamed newborns. */
        public static final String FAMILY_NAME = "familyName";
        /** The other words, space-separated (HumanName.given); "" for unnamed newborns. */
        public static final String GIVEN_NAMES = "givenNames";
        /** yyyy-MM-dd, or yyyy when only the year is known (FHIR date). */
        public static final String BIRTH_DATE = "birthDate";
        /** male, female or unknown (FHIR administrative gender). */
        public static final String GENDER = "gender";
        /** CCCD, "" when missing; may be wrong, 11 digits, or a 9-digit CMND. */
        public static final String PERSONAL_ID = "personalId";
        /** Any format: 0905123456, +84 905 123 456, 0905.123.456, 11-digit pre-2018; a parent's for children. */
        public static final String PHONE = "phone";
        /** House number and street. */
        public static final String ADDRESS_LINE = "addressLine";
        /** New or old ward, possibly abbreviated ("P. Thạch Thang"). */
        public static final String WARD = "ward";
        /** Old district for addresses written the pre-2025 way, else "". */
        public static final String DISTRICT = "district";
        public static final String CITY = "city";
        public static final List<String> ALL = List.of(FULL_NAME, FAMILY_NAME, GIVEN_NAMES, BIRTH_DATE, GENDER, PERSONAL_ID,
                PHONE, ADDRESS_LINE, WARD, DISTRICT, CITY);

        private Health() {
        }
    }

    /** School records (học bạ): pupils aged 6–18. Record id = student code. */
    public static final class School {
        /** The school's own 10-digit code ("48…"), also the record id. */
        public static final String STUDENT_CODE = "studentCode";
        /** CCCD, often "". */
        public static final String PERSONAL_ID = "personalId";
        public static final String FULL_NAME = "fullName";
        /** dd/MM/yyyy. */
        public static final String BIRTH_DATE = "birthDate";
        /** Nam or Nữ. */
        public static final String GENDER = "gender";
        public static final String SCHOOL = "school";
        /** Grade/class, "6/3". */
        public static final String CLASS_NAME = "className";
        /** "2025-2026". */
        public static final String SCHOOL_YEAR = "schoolYear";
        /** One decimal, "7.8"; "" in primary school, which rates without averages. */
        public static final String AVERAGE_SCORE = "averageScore";
        /** Tốt / Khá / Đạt / Chưa đạt (secondary), Hoàn thành tốt / Hoàn thành (primary). */
        public static final String CONDUCT = "conduct";
        /** A parent (or the grandparent heading the household), written in full. */
        public static final String GUARDIAN_NAME = "guardianName";
        /** The guardian's phone, 10 digits. */
        public static final String GUARDIAN_PHONE = "guardianPhone";
        public static final List<String> ALL = List.of(STUDENT_CODE, PERSONAL_ID, FULL_NAME, BIRTH_DATE, GENDER, SCHOOL,
                CLASS_NAME, SCHOOL_YEAR, AVERAGE_SCORE, CONDUCT, GUARDIAN_NAME, GUARDIAN_PHONE);

        private School() {
        }
    }

    /** Electricity and water accounts: one holder per household account. Record id = customer code. */
    public static final class Utility {
        public static final String CUSTOMER_CODE = "customerCode";
        /** Often upper-case without diacritics ("NGUYEN VAN HUNG"). */
        public static final String HOLDER_NAME = "holderName";
        /** Free text, often with pre-2025 ward and district and abbreviations. */
        public static final String SERVICE_ADDRESS = "serviceAddress";
        public static final String PHONE = "phone";
        /** Often "", sometimes a 9-digit CMND, sometimes a (possibly damaged) CCCD. */
        public static final String ID_NUMBER = "idNumber";
        public static final List<String> ALL = List.of(CUSTOMER_CODE, HOLDER_NAME, SERVICE_ADDRESS, PHONE, ID_NUMBER);

        private Utility() {
        }
    }

    /** Public-service portal: self-declared profiles. Record id = account id. */
    public static final class Portal {
        public static final String FULL_NAME = "fullName";
        /** Free format: dd/MM/yyyy, d/M/yyyy, yyyy-MM-dd, dd-MM-yyyy, dd.MM.yyyy. */
        public static final String DATE_OF_BIRTH = "dateOfBirth";
        public static final String PERSONAL_ID = "personalId";
        public static final String PHONE = "phone";
        public static final String EMAIL = "email";
        /** Free text on one line. */
        public static final String ADDRESS = "address";
        public static final List<String> ALL = List.of(FULL_NAME, DATE_OF_BIRTH, PERSONAL_ID, PHONE, EMAIL, ADDRESS);

        private Portal() {
        }
    }
}
