package org.citizenhub.sandbox.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.citizenhub.mappings.address.AdministrativeUnits;
import org.citizenhub.mappings.address.AdministrativeUnits.Ward2025;
import org.citizenhub.mappings.address.AdministrativeUnits.WardBefore2025;
import org.citizenhub.mappings.citizen.Address;

/**
 * Addresses in the new (post-2025) Đà Nẵng: a ward drawn by a rough population weight, a street of
 * that ward (or a village, thôn, in rural communes) and a house number, often with an alley
 * ("K12/5": kiệt 12, house 5). Also tells, for an address, which pre-2025 ward and district it lay
 * in, so that systems that never updated can write it the old way.
 */
final class AddressBook {

    /** Former districts of the Đà Nẵng city whose streets we know, keyed as in streets.tsv. */
    private static final Map<String, String> STREET_KEY_BY_DISTRICT = Map.of(
            "Quận Hải Châu", "HC", "Quận Thanh Khê", "TK", "Quận Liên Chiểu", "LC",
            "Quận Sơn Trà", "ST", "Quận Ngũ Hành Sơn", "NHS", "Quận Cẩm Lệ", "CL");

    private static final int STREETS_PER_WARD = 12;
    private static final int VILLAGES_PER_COMMUNE = 8;

    /** Declared after the constants its constructor reads. */
    private static final AddressBook INSTANCE = new AddressBook(AdministrativeUnits.daNang());

    private final WeightedTable<Ward2025> wards;
    /** Streets (urban) or "Thôn ..." (rural) per new ward code, in a fixed order. */
    private final Map<String, List<String>> localities = new LinkedHashMap<>();
    private final Map<String, Boolean> formerDaNang = new LinkedHashMap<>();
    /** Old wards per new ward code; AdministrativeUnits scans its whole table for each question. */
    private final Map<String, List<WardBefore2025>> formerWards = new LinkedHashMap<>();

    private AddressBook(AdministrativeUnits units) {
        Map<String, List<String>> streetsByKey = new LinkedHashMap<>();
        for (String[] row : ResourceTable.read("streets.tsv")) {
            streetsByKey.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        List<String> villages = new ArrayList<>();
        for (String[] row : ResourceTable.read("villages.tsv")) {
            villages.add(row[0]);
        }
        WeightedTable.Builder<Ward2025> wb = WeightedTable.builder();
        for (Ward2025 ward : units.wards2025()) {
            List<WardBefore2025> olds = units.oldWardsOf(ward.code());
            formerWards.put(ward.code(), olds);
            boolean daNang = olds.stream().anyMatch(o -> o.province().contains("Đà Nẵng"));
            formerDaNang.put(ward.code(), daNang);
            boolean urban = ward.name().startsWith("Phường");
            // The special zone (Hoàng Sa archipelago) has no resident population.
            double perOldWard = ward.name().startsWith("Đặc khu") ? 0 : daNang && urban ? 4.0 : urban ? 1.5 : 1.0;
            wb.add(ward, perOldWard * olds.size());
            // A fixed subset per ward, seeded by the ward code, so a ward's streets do not depend on the population seed.
            SplittableRandom local = new SplittableRandom(Long.parseLong(ward.code()));
            String key = olds.isEmpty() ? null : STREET_KEY_BY_DISTRICT.get(olds.get(0).district());
            List<String> pool = key != null ? streetsByKey.get(key) : urban ? streetsByKey.get("QN") : villages;
            int n = urban ? STREETS_PER_WARD : VILLAGES_PER_COMMUNE;
            List<String> chosen = new ArrayList<>();
            List<String> remaining = new ArrayList<>(pool);
            while (chosen.size() < n && !remaining.isEmpty()) {
                String s = remaining.remove(local.nextInt(remaining.size()));
                chosen.add(urban ? s : "Thôn " + s);
            }
            localities.put(ward.code(), List.copyOf(chosen));
        }
        wards = wb.build();
    }

    static AddressBook instance() {
        return INSTANCE;
    }

    /** A new home address in the post-2025 units: district empty, city "Thành phố Đà Nẵng". */
    Address randomAddress(SplittableRandom random) {
        Ward2025 ward = wards.pick(random);
        List<String> streets = localities.get(ward.code());
        String street = streets.get(random.nextInt(streets.size()));
        String houseNumber = street.startsWith("Thôn ") ? ruralHouseNumber(random) : urbanHouseNumber(random);
        return new Address(houseNumber, street, ward.name(), ward.code(), "", AdministrativeUnits.CITY_2025,
                Address.AdminEra.FROM_2025);
    }

    /** Whether the new ward lies (at least partly) in the former Đà Nẵng city rather than in Quảng Nam. */
    boolean isFormerDaNang(String wardCode2025) {
        return formerDaNang.getOrDefault(wardCode2025, true);
    }

    /**
     * The pre-2025 ward this address lay in. A new ward merged several old ones; which one is fixed
     * by the street and house number, so every system that writes this home the old way agrees.
     */
    WardBefore2025 formerWardOf(Address address) {
        List<WardBefore2025> olds = formerWards.getOrDefault(address.wardCode(), List.of());
        if (olds.isEmpty()) {
            throw new IllegalArgumentException("not a post-2025 ward code of Đà Nẵng");
        }
        int h = (address.street() + "|" + address.houseNumber()).hashCode();
        return olds.get(Math.floorMod(h, olds.size()));
    }

    private static String urbanHouseNumber(SplittableRandom random) {
        double r = random.nextDouble();
        if (r < 0.45) {
            return Integer.toString(1 + random.nextInt(400));
        }
        if (r < 0.80) {
            return "K" + (1 + random.nextInt(300)) + "/" + (1 + random.nextInt(60));
        }
        if (r < 0.92) {
            return (1 + random.nextInt(300)) + "/" + (1 + random.nextInt(40));
        }
        return "K" + (1 + random.nextInt(300)) + "/" + (1 + random.nextInt(40)) + "/" + (1 + random.nextInt(20));
    }

    /** Rural homes are located by village, often with a group number (tổ) instead of a house number. */
    private static String ruralHouseNumber(SplittableRandom random) {
        double r = random.nextDouble();
        if (r < 0.5) {
            return "Tổ " + (1 + random.nextInt(12));
        }
        if (r < 0.8) {
            return Integer.toString(1 + random.nextInt(150));
        }
        return "";
    }
}
