package org.citizenhub.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.citizenhub.mappings.citizen.PartialDate;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.citizen.Relation;
import org.citizenhub.mappings.citizen.Sex;
import org.citizenhub.mappings.citizen.SourceSystem;

/** How values are worded on the hub's PDFs: Vietnamese first, English after, dates as dd/MM/yyyy. */
final class SheetWording {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private static final Map<SourceSystem, String> SYSTEMS = Map.of(
            SourceSystem.POPULATION, "Cơ sở dữ liệu quốc gia về dân cư / National population database",
            SourceSystem.PORTAL, "Cổng dịch vụ công / Public-service portal",
            SourceSystem.HEALTH, "Hồ sơ sức khỏe điện tử / Health records",
            SourceSystem.SCHOOL, "Học bạ điện tử / School records",
            SourceSystem.ELECTRICITY, "Điện lực / Electricity",
            SourceSystem.WATER, "Cấp nước / Water",
            SourceSystem.SANITATION, "Vệ sinh môi trường / Sanitation");

    private static final Map<String, String> DOCUMENT_TYPES = Map.of(
            "DRIVING_LICENCE", "Giấy phép lái xe / Driving licence",
            "BUSINESS_HOUSEHOLD_REGISTRATION", "Giấy chứng nhận đăng ký hộ kinh doanh / Business household registration",
            "SCHOOL_ENROLMENT", "Giấy báo nhập học / School enrolment",
            "HEALTH_CHECK_CERTIFICATE", "Giấy khám sức khỏe / Health-check certificate");

    private static final Map<Relation, String> RELATIONS = Map.of(
            Relation.HEAD, "Chủ hộ / Head", Relation.SPOUSE, "Vợ/chồng / Spouse", Relation.CHILD, "Con / Child",
            Relation.PARENT, "Cha/mẹ / Parent", Relation.GRANDCHILD, "Cháu / Grandchild",
            Relation.SIBLING, "Anh/chị/em / Sibling", Relation.OTHER, "Khác / Other");

    private SheetWording() {
    }

    static String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    static String day(Instant instant, ZoneId zone) {
        return DAY.format(instant.atZone(zone));
    }

    static String partialDate(PartialDate date) {
        if (date.month() == 0) {
            return String.valueOf(date.year());
        }
        return date.day() == 0 ? String.format("%02d/%04d", date.month(), date.year())
                : String.format("%02d/%02d/%04d", date.day(), date.month(), date.year());
    }

    static String sex(Sex sex) {
        return sex == Sex.FEMALE ? "Nữ / Female" : "Nam / Male";
    }

    static String relation(Relation relation) {
        return RELATIONS.getOrDefault(relation, relation.name());
    }

    static String system(SourceSystem system) {
        return SYSTEMS.getOrDefault(system, system.name());
    }

    static String documentType(String code) {
        String name = DOCUMENT_TYPES.get(code);
        return name == null ? code : name + " (" + code + ")";
    }

    /** "Nguồn / Source: <system>, 23/11/2026". */
    static String source(Provenance provenance, ZoneId zone) {
        return "Nguồn / Source: " + system(provenance.sourceSystem()) + ", " + day(provenance.retrievedAt(), zone);
    }
}
