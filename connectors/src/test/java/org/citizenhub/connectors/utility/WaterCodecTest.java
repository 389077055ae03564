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

import org.citizenhub.connectors.MalformedPayloadException;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.utility.Bill;
import org.citizenhub.mappings.utility.UtilityAccount;
import org.junit.jupiter.api.Test;

class WaterCodecTest {

    private final WaterCodec codec = new WaterCodec(SourceSystem.WATER, 64 * 1024);

    @Test
    void readsAPageOfAccountsWithItsCursor() {
        AccountPage page = codec.readAccounts(resource("water-accounts-page.json"));

        assertThat(page.accounts()).containsExactly(
                new UtilityAccount(SourceSystem.WATER, "DNW00000001", "NGUYEN VAN HUNG",
                        "K12/5 Đ. Lê Duẩn, P.Thạch Thang, Q. Hải Châu, TP. Đà Nẵng", "0905.123.456", ""),
                new UtilityAccount(SourceSystem.WATER, "DNW00000002", "HUYNH THI MAI",
                        "7 Le Loi, P. Hoa Khanh Bac, Q. Lien Chieu, Da Nang", "0168 123 4567", "48190001234"));
        assertThat(page.rejected()).containsExactly(new RejectedItem(2, "item is not a JSON object"));
        assertThat(page.next()).contains("RE5XMDAwMDAwMDI");
    }

    @Test
    void pagesByCursorUntilThereIsNone() {
        assertThat(codec.accountsQuery(Optional.empty(), 50)).isEqualTo("limit=50");
        assertThat(codec.accountsQuery(Optional.of("a b/c="), 50)).isEqualTo("limit=50&cursor=a+b%2Fc%3D");
        assertThat(codec.readAccounts(text("{\"items\":[],\"nextCursor\":null}")).next()).isEmpty();
        assertThat(codec.readAccounts(text("{\"items\":[]}")).next()).isEmpty();
        assertThatThrownBy(() -> codec.readAccounts(text("{\"items\":[],\"nextCursor\":42}")))
                .isInstanceOf(MalformedPayloadException.class).hasMessage("WATER accounts page has an invalid nextCursor");
    }

    @Test
    void readsInvoicesInVndOnly() {
        BillList bills = codec.readBills("DNW00000001", resource("water-invoices.json"));

        assertThat(bills.bills()).containsExactly(
                new Bill(SourceSystem.WATER, "DNW00000001", YearMonth.of(2025, 8), new BigDecimal("14.2"), 113_600L,
                        LocalDate.of(2025, 9, 20), true),
                new Bill(SourceSystem.WATER, "DNW00000001", YearMonth.of(2025, 9), new BigDecimal("15"), 120_000L,
                        LocalDate.of(2025, 10, 20), false));
        assertThat(bills.rejected()).extracting(RejectedItem::index, RejectedItem::reason).containsExactly(
                tuple(2, "amountDue is not in VND"),
                tuple(3, "usageM3 must be a number"),
                tuple(4, "amountDue is missing or not an amount"));
    }

    @Test
    void refusesGarbageOversizedAndForeignAnswers() {
        assertThatThrownBy(() -> codec.readAccounts(text("Service Unavailable"))).isInstanceOf(MalformedPayloadException.class)
                .hasMessageStartingWith("water message is not valid JSON").hasNoCause();
        assertThatThrownBy(() -> codec.readAccounts(text("{\"accounts\":[]}"))).hasMessage("WATER message lacks the array items");
        assertThatThrownBy(() -> codec.readBills("DNW00000002", resource("water-invoices.json")))
                .hasMessage("WATER invoices answer is not about the account asked for");
        String huge = "{\"items\":[" + "{\"accountNo\":\"DNW1\"},".repeat(5_000) + "{}]}";
        assertThatThrownBy(() -> codec.readAccounts(text(huge))).hasMessage("water message exceeds 65536 bytes");
    }

    @Test
    void hasNoEmailFieldAndSaysSoAtStartUp() {
        AccountContactUpdate update = new AccountContactUpdate("req-1", "DNW00000001", "0905999888", "hung@example.vn", "12 Lê Lợi");

        assertThat(codec.contactBody(update, ContactPolicy.defaultFor(SourceSystem.WATER)).map(UtilityJson::string))
                .contains("{\"phone\":\"0905999888\",\"mailingAddress\":\"12 Lê Lợi\"}");
        assertThatThrownBy(() -> codec.requireCompatible(new ContactPolicy(SourceSystem.WATER, EnumSet.allOf(ContactField.class))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("WATER cannot receive contact field EMAIL");
        assertThat(codec.contactBody(update, new ContactPolicy(SourceSystem.WATER, EnumSet.allOf(ContactField.class)))
                .map(UtilityJson::string)).as("even a too-generous policy sends no e-mail")
                .contains("{\"phone\":\"0905999888\",\"mailingAddress\":\"12 Lê Lợi\"}");
        assertThat(codec.requestIdHeader()).isEqualTo("Idempotency-Key");
    }

    @Test
    void sanitationSpeaksTheWaterInterfaceUnderItsOwnName() {
        UtilityCodec sanitation = UtilityCodec.forProvider(SourceSystem.SANITATION, 1024);
        AccountPage page = sanitation.readAccounts(text("{\"items\":[{\"accountNo\":\"MT00000001\",\"customerName\":\"LE VAN BA\"}]}"));
        assertThat(page.accounts()).extracting(UtilityAccount::provider).containsExactly(SourceSystem.SANITATION);
        assertThat(UtilityCodec.forProvider(SourceSystem.ELECTRICITY, 1024)).isInstanceOf(ElectricityCodec.class);
        assertThatThrownBy(() -> UtilityCodec.forProvider(SourceSystem.HEALTH, 1024)).isInstanceOf(IllegalArgumentException.class);
    }
}
