package org.citizenhub.mappings.school;

import java.util.LinkedHashMap;
import java.util.Map;

/** Term-file rows for tests: a plausible row, changed column by column. */
final class SchoolRows {

    private SchoolRows() {
    }

    /** A lower-secondary pupil born 2012 in Đà Nẵng, without a personal ID number, as the school writes it. */
    static Map<String, String> lowerSecondary() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("studentCode", "4800012345");
        row.put("personalId", "");
        row.put("fullName", "Nguyễn Văn Hùng");
        row.put("birthDate", "05/03/2012");
        row.put("gender", "Nam");
        row.put("school", "Trường THCS Nguyễn Du");
        row.put("className", "8/2");
        row.put("schoolYear", "2025-2026");
        row.put("averageScore", "7.8");
        row.put("conduct", "Tốt");
        row.put("guardianName", "Nguyễn Văn Hải");
        row.put("guardianPhone", "0905 123 456");
        return row;
    }

    static Map<String, String> with(Map<String, String> row, String column, String value) {
        if (!row.containsKey(column)) {
            throw new IllegalArgumentException("no column " + column);
        }
        Map<String, String> copy = new LinkedHashMap<>(row);
        copy.put(column, value);
        return copy;
    }

    static SchoolRecord record(Map<String, String> row) {
        return new SchoolRecord(row.get("studentCode"), row.get("personalId"), row.get("fullName"), row.get("birthDate"),
                row.get("gender"), row.get("school"), row.get("className"), row.get("schoolYear"), row.get("averageScore"),
                row.get("conduct"), row.get("guardianName"), row.get("guardianPhone"));
    }
}
