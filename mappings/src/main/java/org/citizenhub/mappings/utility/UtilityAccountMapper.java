package org.citizenhub.mappings.utility;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.citizenhub.mappings.citizen.Address;
import org.citizenhub.mappings.citizen.CitizenRecord;
import org.citizenhub.mappings.citizen.InvalidSourceRecordException;
import org.citizenhub.mappings.citizen.Mapped;
import org.citizenhub.mappings.citizen.PersonName;
import org.citizenhub.mappings.citizen.Provenance;
import org.citizenhub.mappings.id.DataQualityFinding;
import org.citizenhub.mappings.id.DataQualityFinding.Code;
import org.citizenhub.mappings.id.PersonalIdNumber;

/**
 * Maps a utility account to its holder's canonical source record and the account. The customer code
 * is the source record id. The holder's name is kept as written (upper case, no diacritics: identity
 * resolution compares it folded) but composed to NFC; a 9-digit ID number is the legacy CMND; the
 * service address becomes the holder's current address, split into parts by {@link ServiceAddressParser}.
 * An account without a customer code or a holder name cannot be mapped; everything else doubtful is a finding.
 */
public final class UtilityAccountMapper {

    private static final Pattern CUSTOMER_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    public MappedAccount map(UtilityAccount account, Instant retrievedAt) {
        String customerCode = account.customerCode().strip();
        if (!CUSTOMER_CODE.matcher(customerCode).matches()) {
            throw new InvalidSourceRecordException("customerCode is missing or not a code (letters, digits, . _ -; at most 32)");
        }
        String holderName = Normalizer.normalize(account.holderName(), Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
        if (holderName.isEmpty()) {
            throw new InvalidSourceRecordException("holderName is missing");
        }
        List<DataQualityFinding> findings = new ArrayList<>();

        String personalId = null;
        String legacyId = null;
        String id = PersonalIdNumber.clean(account.idNumber());
        if (PersonalIdNumber.isCmndShape(id)) {
            legacyId = id;
        } else if (!id.isEmpty()) {
            // Kept as given even when damaged (a lost leading zero): identity resolution can still use it.
            personalId = id;
            findings.addAll(PersonalIdNumber.validate(id, null, null));
        }

        Address address = null;
        if (account.serviceAddress().isBlank()) {
            findings.add(new DataQualityFinding(Code.VALUE_MISSING, "serviceAddress", "serviceAddress is missing"));
        } else {
            address = ServiceAddressParser.parse(account.serviceAddress());
        }
        String phone = account.phone().strip();

        CitizenRecord holder = new CitizenRecord(new Provenance(account.provider(), customerCode, retrievedAt),
                personalId, legacyId, PersonName.parseFamilyFirst(holderName), null, null, null, null, address, null,
                phone.isEmpty() ? null : phone, null, null);
        ServiceAccount serviceAccount = new ServiceAccount(account.provider(), customerCode,
                Normalizer.normalize(account.serviceAddress().strip(), Normalizer.Form.NFC));
        return new MappedAccount(new Mapped(holder, findings), serviceAccount);
    }
}
