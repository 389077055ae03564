package org.citizenhub.connectors.utility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.citizenhub.connectors.utility.UtilityJson.resource;
import static org.citizenhub.connectors.utility.UtilityJson.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.Stream;

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.utility.Bill;
import org.citizenhub.mappings.utility.UtilityAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ElectricityCodecTest {

    private final ElectricityCodec codec = new ElectricityCodec(64 * 1024);

    @Test
    void readsAPageOfAccountsAndReportsTheUnreadableOneByPosition() {
        AccountPage page = codec.readAccounts(resource("electricity-accounts-page.json"));

        assertThat(page.accounts()).containsExactly(
                new UtilityAccount(SourceSystem.ELECTRICITY, "PC0500000004", "NGUYEN VAN HUNG",
                        "K12/5 D. Le Duan, P. Thach Thang, Q. Hai Chau, TP Da Nang", "+84 905 123 456", "201234567"),
                new UtilityAccount(SourceSystem.ELECTRICITY, "PC0500000005", "Trần Thị Lan",
                        "45 Nguyễn Văn Linh, Phường Hải Châu, Thành phố Đà Nẵng", "905111222", ""));
        assertThat(page.rejected()).containsExactly(new RejectedItem(2, "tenKhachHang must be a string"));
        assertThat(page.next()).contains("2");
    }

    @Test
    void pagesByNumberUntilTheLastPage() {
        assertThat(codec.accountsQuery(Optional.empty(), 100)).isEqualTo("page=0&size=100");
        assertThat(codec.accountsQuery(Optional.of("2"), 100)).isEqualTo("page=2&size=100");
        AccountPage last = codec.readAccounts(text("{\"trang\":2,\"kichThuoc\":3,\"tongSoTrang\":3,\"duLieu\":[]}"));
        assertThat(last.next()).isEmpty();
        AccountPage none = codec.readAccounts(text("{\"trang\":0,\"kichThuoc\":3,\"tongSoTrang\":0,\"duLieu\":[]}"));
        assertThat(none.next()).isEmpty();
    }

    @Test
    void readsBillsTypedAndReportsTheUnreadableOnes() {
        BillList bills = codec.readBills("PC0500000004", resource("electricity-bills.json"));

        assertThat(bills.bills()).containsExactly(
                new Bill(SourceSystem.ELECTRICITY, "PC0500000004", YearMonth.of(2025, 8), new BigDecimal("140"), 380_100L,
                        LocalDate.of(2025, 9, 15), true),
                new Bill(SourceSystem.ELECTRICITY, "PC0500000004", YearMonth.of(2025, 9), new BigDecimal("152.5"), 412_345L,
                        LocalDate.of(2025, 10, 15), false),
                // readable; that a negative amount cannot be owed is the validator's call
                new Bill(SourceSystem.ELECTRICITY, "PC0500000004", YearMonth.of(2025, 4), new BigDecimal("120"), -50_000L,
                        LocalDate.of(2025, 5, 15), true));
        assertThat(bills.rejected()).extracting(RejectedItem::index, RejectedItem::reason).containsExactly(
                tuple(2, "kyHoaDon is not a month that exists"),
                tuple(3, "tongTien must be a whole number"),
                tuple(4, "hanThanhToan is not a calendar date"),
                tuple(5, "trangThai is not a known payment status"));
    }

    @Test
    void refusesBillsOfAnotherAccount() {
        assertThatThrownBy(() -> codec.readBills("PC0500000999", resource("electricity-bills.json")))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("electricity bills answer is not about the account asked for");
    }

    static Stream<Arguments> unreadablePages() {
        return Stream.of(
                Arguments.of("<html><body>Hệ thống đang bảo trì</body></html>", "electricity message is not valid JSON (line 1, column 1)"),
                Arguments.of("{\"trang\":0,\"tongSoTrang\":1,\"duLieu\":[{\"tenKhachHang\":\"NGUYEN VAN HUNG\"}", "electricity message is not valid JSON"),
                Arguments.of("{\"trang\":0,\"trang\":1,\"tongSoTrang\":2,\"duLieu\":[]}", "electricity message is not valid JSON"),
                Arguments.of("[]", "electricity message is not a JSON object"),
                Arguments.of("{\"trang\":0,\"tongSoTrang\":1}", "electricity message lacks the array duLieu"),
                Arguments.of("{\"trang\":-1,\"tongSoTrang\":1,\"duLieu\":[]}", "electricity accounts page lacks a valid trang"),
                Arguments.of("{\"trang\":\"0\",\"tongSoTrang\":1,\"duLieu\":[]}", "electricity accounts page lacks a valid trang"),
                Arguments.of("{\"trang\":0,\"duLieu\":[]}", "electricity accounts page lacks a valid tongSoTrang"),
                Arguments.of("[".repeat(100) + "]".repeat(100), "electricity message is not valid JSON"),
                Arguments.of("{\"trang\":0,\"tongSoTrang\":1,\"duLieu\":[{\"tenKhachHang\":\"" + "NGUYEN ".repeat(10_000) + "\"}]}",
                        "electricity message exceeds 65536 bytes"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("unreadablePages")
    void refusesGarbageAndOversizedPagesWithoutQuotingThem(String body, String reason) {
        assertThatThrownBy(() -> codec.readAccounts(text(body)))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith(reason)
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("NGUYEN", "bảo trì"));
    }

    @Test
    void aLongStringIsRefusedEvenWithinTheByteLimit() {
        ElectricityCodec roomy = new ElectricityCodec(1024 * 1024);
        String body = "{\"trang\":0,\"tongSoTrang\":1,\"duLieu\":[{\"tenKhachHang\":\"" + "A".repeat(5_000) + "\"}]}";
        assertThatThrownBy(() -> roomy.readAccounts(text(body))).isInstanceOf(MalformedPayloadException.class);
    }

    @Test
    void sendsOnlyAllowedContactFieldsUnderItsOwnNames() {
        AccountContactUpdate update = new AccountContactUpdate("req-1", "PC0500000004", "0905999888", "hung@example.vn",
                "12 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng");

        assertThat(codec.contactBody(update, ContactPolicy.defaultFor(SourceSystem.ELECTRICITY)).map(UtilityJson::string))
                .contains("{\"soDienThoai\":\"0905999888\",\"email\":\"hung@example.vn\",\"diaChiLienHe\":\"12 Lê Lợi, Phường Hải Châu, Thành phố Đà Nẵng\"}");
        assertThat(codec.contactBody(update, new ContactPolicy(SourceSystem.ELECTRICITY, EnumSet.of(ContactField.PHONE)))
                .map(UtilityJson::string)).contains("{\"soDienThoai\":\"0905999888\"}");
        AccountContactUpdate emailOnly = new AccountContactUpdate("req-2", "PC0500000004", null, "hung@example.vn", null);
        assertThat(codec.contactBody(emailOnly, new ContactPolicy(SourceSystem.ELECTRICITY, EnumSet.of(ContactField.PHONE)))).isEmpty();
        assertThat(codec.requestIdHeader()).isEqualTo("X-Request-Id");
        assertThat(codec.contactPath("PC0500000004")).isEqualTo("/customers/PC0500000004/contact");
    }

    @Test
    void refusesAnotherProvidersPolicy() {
        AccountContactUpdate update = new AccountContactUpdate("req-1", "PC0500000004", "0905999888", null, null);
        assertThatThrownBy(() -> codec.contactBody(update, ContactPolicy.defaultFor(SourceSystem.WATER)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.requireCompatible(ContactPolicy.defaultFor(SourceSystem.WATER)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
