package org.citizenhub.documents;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.citizenhub.mappings.citizen.GoldenCitizen;
import org.citizenhub.mappings.citizen.SourceRef;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.citizen.Sourced;

/** The citizen data sheet: every field of the golden record, each with the system it came from and when. */
final class CitizenDataSheet {

    static final String DOCUMENT_TYPE = "CITIZEN_DATA_SHEET";

    private CitizenDataSheet() {
    }

    static Sheet of(GoldenCitizen citizen, String issuer, ZoneId zone) {
        List<Sheet.Row> rows = new ArrayList<>();
        add(rows, "Họ và tên / Full name", citizen.name(), name -> name.full(), zone);
        add(rows, "Số định danh cá nhân / Personal ID", citizen.personalId(), Function.identity(), zone);
        add(rows, "Số CMND cũ / Former ID (CMND)", citizen.legacyId(), Function.identity(), zone);
        add(rows, "Ngày sinh / Date of birth", citizen.dateOfBirth(), SheetWording::partialDate, zone);
        add(rows, "Giới tính / Sex", citizen.sex(), SheetWording::sex, zone);
        add(rows, "Quê quán / Place of origin", citizen.placeOfOrigin(), Function.identity(), zone);
        add(rows, "Nơi thường trú / Permanent address", citizen.permanentAddress(), address -> address.oneLine(), zone);
        add(rows, "Nơi ở hiện tại / Current address", citizen.currentAddress(), address -> address.oneLine(), zone);
        add(rows, "Hộ gia đình / Household", citizen.household(),
                household -> household.householdId() + " — " + SheetWording.relation(household.relationToHead()), zone);
        add(rows, "Điện thoại / Phone", citizen.phone(), Function.identity(), zone);
        add(rows, "Thư điện tử / Email", citizen.email(), Function.identity(), zone);
        add(rows, "Ngày mất / Date of death", citizen.dateOfDeath(), SheetWording::day, zone);

        Map<SourceSystem, Integer> bySystem = new TreeMap<>();
        for (SourceRef ref : citizen.sourceRecords()) {
            bySystem.merge(ref.system(), 1, Integer::sum);
        }
        List<String> sources = new ArrayList<>();
        bySystem.forEach((system, n) -> sources.add(SheetWording.system(system) + (n > 1 ? " ×" + n : "")));
        rows.add(new Sheet.Row("Hồ sơ nguồn / Source records", String.join("; ", sources), ""));
        return new Sheet(issuer, "Phiếu thông tin công dân / Citizen data sheet", rows);
    }

    private static <T> void add(List<Sheet.Row> rows, String label, Sourced<T> field, Function<T, String> wording, ZoneId zone) {
        if (field != null) {
            rows.add(new Sheet.Row(label, wording.apply(field.value()), SheetWording.source(field.provenance(), zone)));
        }
    }
}
