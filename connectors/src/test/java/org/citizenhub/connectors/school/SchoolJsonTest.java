package org.citizenhub.connectors.school;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.mappings.school.SchoolRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchoolJsonTest {

    private final SchoolJson json = new SchoolJson(4_096);

    @Test
    void readsAStudentLookupIntoATermFileRow() {
        String answer = """
                {"studentCode":"4800000002","personalId":"048312004321","fullName":"LÊ THỊ BẢO NGỌC",
                 "birthDate":"17/11/2012","gender":"Nữ","school":"Trường THCS Nguyễn Du","className":"8/2",
                 "schoolYear":"2025-2026","averageScore":8.4,"conduct":"Khá","guardianName":"Lê Văn Tám",
                 "guardianPhone":"0935111222","guardianAddress":null,"somethingNew":"ignored"}""";

        SchoolRecord record = json.readStudent(stream(answer));

        assertThat(record).isEqualTo(new SchoolRecord("4800000002", "048312004321", "LÊ THỊ BẢO NGỌC", "17/11/2012", "Nữ",
                "Trường THCS Nguyễn Du", "8/2", "2025-2026", "8.4", "Khá", "Lê Văn Tám", "0935111222"));
    }

    static Stream<Arguments> unreadableAnswers() {
        return Stream.of(
                Arguments.of("<html><body>Bảo trì hệ thống NGUYEN VAN HUNG</body></html>", "school student lookup is not valid JSON (line 1, column 1)"),
                Arguments.of("{\"studentCode\":\"4800000001\",\"fullName\":\"NGUYEN VAN HUNG\"", "school student lookup is not valid JSON"),
                Arguments.of("{\"studentCode\":\"4800000001\",\"studentCode\":\"4800000009\"}", "school student lookup is not valid JSON"),
                Arguments.of("{\"studentCode\":\"4800000001\"} {\"x\":1}", "school student lookup is not valid JSON"),
                Arguments.of("[\"NGUYEN VAN HUNG\"]", "school student lookup is not a JSON object"),
                Arguments.of("{\"fullName\":\"NGUYEN VAN HUNG\"}", "school student lookup lacks studentCode"),
                Arguments.of("{\"studentCode\":{\"nested\":\"NGUYEN VAN HUNG\"}}", "school student lookup: field studentCode must be a string"),
                Arguments.of("", "school student lookup is empty"),
                Arguments.of("{\"fullName\":\"" + "A".repeat(5_000) + "\"}", "school student lookup exceeds 4096 bytes"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unreadableAnswers")
    void refusesAnUnreadableAnswerWithoutQuotingIt(String body, String reason) {
        assertThatThrownBy(() -> json.readStudent(stream(body)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith(reason)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("NGUYEN", "4800000"));
    }

    @Test
    void sendsOnlyTheFieldsThePolicyAllowsAndTheUpdateHas() {
        GuardianContactUpdate update = new GuardianContactUpdate("req-1", "4800000001", "0905999888", "12 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng");

        assertThat(body(update, EnumSet.allOf(GuardianContactField.class)))
                .isEqualTo("{\"guardianPhone\":\"0905999888\",\"guardianAddress\":\"12 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng\"}");
        assertThat(body(update, EnumSet.of(GuardianContactField.PHONE))).isEqualTo("{\"guardianPhone\":\"0905999888\"}");
        assertThat(body(new GuardianContactUpdate("req-2", "4800000001", null, "12 Lê Lợi"), EnumSet.of(GuardianContactField.PHONE)))
                .as("nothing allowed left to send").isNull();
        assertThat(body(update, Set.of())).isNull();
    }

    @Test
    void theRequestIdIsStablePerTargetAndChange() {
        String id = GuardianContactUpdate.requestIdFor("SCHOOL:4800000001/guardian", "golden-42:v7");
        assertThat(GuardianContactUpdate.requestIdFor("SCHOOL:4800000001/guardian", "golden-42:v7")).isEqualTo(id);
        assertThat(GuardianContactUpdate.requestIdFor("SCHOOL:4800000001/guardian", "golden-42:v8")).isNotEqualTo(id);
        assertThat(GuardianContactUpdate.requestIdFor("SCHOOL:4800000002/guardian", "golden-42:v7")).isNotEqualTo(id);
    }

    @Test
    void pathsEscapeTheStudentCode() {
        assertThat(SchoolJson.guardianContactPath("48/01 x")).isEqualTo("/students/48%2F01%20x/guardian-contact");
    }

    private String body(GuardianContactUpdate update, Set<GuardianContactField> allowed) {
        return json.guardianContactBody(update, new GuardianContactPolicy(allowed))
                .map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
