package org.citizenhub.mappings.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.citizenhub.mappings.citizen.Address;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;

/**
 * Vietnamese addresses in FHIR R4. FHIR has {@code line}, {@code district}, {@code city} but no
 * element for the ward (phường/xã), so the hub writes:
 * <ul>
 *   <li>{@code line[0]} = house number and street ("K12/5 Lê Duẩn"), with the ISO 21090
 *       {@code ADXP-houseNumber} and {@code ADXP-streetName} extensions on it;</li>
 *   <li>{@code line[1]} = the ward as written, so that any reader shows it;</li>
 *   <li>the ISO 21090 {@code ADXP-precinct} extension (context: Address, "a subsection of a
 *       municipality") = the ward, and the hub's {@code address-ward-code} extension = its 5-digit
 *       statistics code when known;</li>
 *   <li>{@code district} = the pre-2025 district (quận/huyện), absent for post-2025 addresses;</li>
 *   <li>{@code city} = the province-level city or province ("Thành phố Đà Nẵng");
 *       {@code country} = VN; {@code text} = the address on one line.</li>
 * </ul>
 * Reading is lenient: extensions win; otherwise a line starting with a ward prefix ("Phường",
 * "P.", "Xã", "Thị trấn") is the ward, {@code state} stands in for a missing city, and an address
 * given only as {@code text} is split at commas and recognised by the prefixes of its parts.
 */
final class FhirAddressMapper {

    private static final Pattern WARD = Pattern.compile("(?iu)^(phường|phuong|p\\.|p |xã|xa |thị trấn|thi tran|tt\\.|tt |đặc khu|dac khu)");
    private static final Pattern DISTRICT = Pattern.compile("(?iu)^(quận|quan |q\\.|q |huyện|huyen|h\\.|thị xã|thi xa|tx\\.|tx )");
    private static final Pattern CITY = Pattern.compile("(?iu)^(thành phố|thanh pho|tp\\.?|tỉnh|tinh )");
    /** "K12/5 Lê Duẩn", "45A Nguyễn Văn Linh", "Kiệt 12 Hà Huy Tập" keeps "Kiệt 12" in the street. */
    private static final Pattern HOUSE_AND_STREET = Pattern.compile("^((?:[Kk]|[Ss][Ốố]\\s?|[Ss]o\\s?)?\\d+[\\p{L}\\d/\\-]*)\\s+(.+)$");

    private FhirAddressMapper() {
    }

    static org.hl7.fhir.r4.model.Address toFhir(Address address, org.hl7.fhir.r4.model.Address.AddressUse use) {
        org.hl7.fhir.r4.model.Address fhir = new org.hl7.fhir.r4.model.Address()
                .setUse(use)
                .setType(org.hl7.fhir.r4.model.Address.AddressType.BOTH)
                .setText(address.oneLine());
        String houseAndStreet = (address.houseNumber() + " " + address.street()).strip();
        if (!houseAndStreet.isEmpty()) {
            StringType line = fhir.addLineElement();
            line.setValue(houseAndStreet);
            if (!address.houseNumber().isEmpty()) {
                line.addExtension(HubFhirUris.ADXP_HOUSE_NUMBER, new StringType(address.houseNumber()));
            }
            if (!address.street().isEmpty()) {
                line.addExtension(HubFhirUris.ADXP_STREET_NAME, new StringType(address.street()));
            }
        }
        if (!address.ward().isEmpty()) {
            fhir.addLine(address.ward());
            fhir.addExtension(HubFhirUris.ADXP_PRECINCT, new StringType(address.ward()));
        }
        if (!address.wardCode().isEmpty()) {
            fhir.addExtension(HubFhirUris.WARD_CODE, new CodeType(address.wardCode()));
        }
        if (!address.district().isEmpty()) {
            fhir.setDistrict(address.district());
        }
        if (!address.city().isEmpty()) {
            fhir.setCity(address.city());
        }
        return fhir.setCountry("VN");
    }

    /** Empty when the address holds nothing usable. */
    static Optional<Address> toCanonical(org.hl7.fhir.r4.model.Address fhir) {
        String ward = extensionValue(fhir, HubFhirUris.ADXP_PRECINCT);
        String wardCode = extensionValue(fhir, HubFhirUris.WARD_CODE);
        String district = fhir.hasDistrict() ? fhir.getDistrict() : "";
        String city = fhir.hasCity() ? fhir.getCity() : fhir.hasState() ? fhir.getState() : "";
        String houseNumber = "";
        List<String> streetParts = new ArrayList<>();

        List<String> parts = new ArrayList<>();
        for (StringType line : fhir.getLine()) {
            if (!line.hasValue() || line.getValue().isBlank()) {
                continue;
            }
            String house = extensionValue(line, HubFhirUris.ADXP_HOUSE_NUMBER);
            String street = extensionValue(line, HubFhirUris.ADXP_STREET_NAME);
            if (!house.isEmpty() || !street.isEmpty()) {
                houseNumber = house;
                if (!street.isEmpty()) {
                    streetParts.add(street);
                }
            } else {
                parts.add(line.getValue());
            }
        }
        if (fhir.getLine().isEmpty() && fhir.hasText()) {
            for (String part : fhir.getText().split(",")) {
                parts.add(part);
            }
        }
        boolean first = true;
        for (String raw : parts) {
            String part = raw.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (WARD.matcher(part).find()) {
                ward = ward.isEmpty() ? part : ward;
            } else if (!first && DISTRICT.matcher(part).find()) {
                district = district.isEmpty() ? part : district;
            } else if (!first && CITY.matcher(part).find()) {
                city = city.isEmpty() ? part : city;
            } else if (houseNumber.isEmpty() && streetParts.isEmpty()) {
                Matcher m = HOUSE_AND_STREET.matcher(part);
                if (m.matches()) {
                    houseNumber = m.group(1);
                    streetParts.add(m.group(2));
                } else {
                    streetParts.add(part);
                }
            } else {
                streetParts.add(part);
            }
            first = false;
        }
        Address address = new Address(houseNumber, String.join(", ", streetParts), ward, wardCode, district, city, null);
        return address.oneLine().isEmpty() ? Optional.empty() : Optional.of(address);
    }

    private static String extensionValue(org.hl7.fhir.r4.model.Element element, String url) {
        Extension ext = element.getExtensionByUrl(url);
        if (ext == null || ext.getValue() == null || !ext.getValue().isPrimitive()) {
            return "";
        }
        String value = ext.getValue().primitiveValue();
        return value == null ? "" : value.strip();
    }
}
