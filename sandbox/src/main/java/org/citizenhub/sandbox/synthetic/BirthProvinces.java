package org.citizenhub.sandbox.synthetic;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Province codes of birth registration (first three digits of the CCCD) and province names for the
 * place of origin. People living in the former Đà Nẵng city were mostly registered there (048),
 * people living in former Quảng Nam there (049); a tenth came from elsewhere, mainly neighbours.
 */
final class BirthProvinces {

    static final String DA_NANG = "048";
    static final String QUANG_NAM = "049";

    /** Pre-2025 province names of the codes we draw, for the place of origin (quê quán). */
    static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("048", "Thành phố Đà Nẵng"), Map.entry("049", "Tỉnh Quảng Nam"),
            Map.entry("046", "Tỉnh Thừa Thiên Huế"), Map.entry("051", "Tỉnh Quảng Ngãi"),
            Map.entry("044", "Tỉnh Quảng Bình"), Map.entry("045", "Tỉnh Quảng Trị"),
            Map.entry("040", "Tỉnh Nghệ An"), Map.entry("042", "Tỉnh Hà Tĩnh"),
            Map.entry("038", "Tỉnh Thanh Hóa"), Map.entry("052", "Tỉnh Bình Định"),
            Map.entry("066", "Tỉnh Đắk Lắk"), Map.entry("064", "Tỉnh Gia Lai"),
            Map.entry("001", "Thành phố Hà Nội"), Map.entry("079", "Thành phố Hồ Chí Minh"),
            Map.entry("031", "Thành phố Hải Phòng"));

    private static final WeightedTable<String> ELSEWHERE = WeightedTable.<String>builder()
            .add("046", 18).add("051", 20).add("044", 8).add("045", 8).add("040", 8).add("042", 6)
            .add("038", 5).add("052", 8).add("066", 4).add("064", 3).add("001", 5).add("079", 5).add("031", 2)
            .build();

    private BirthProvinces() {
    }

    static String draw(SplittableRandom random, boolean livesInFormerDaNang) {
        double r = random.nextDouble();
        if (r < 0.72) {
            return livesInFormerDaNang ? DA_NANG : QUANG_NAM;
        }
        if (r < 0.90) {
            return livesInFormerDaNang ? QUANG_NAM : DA_NANG;
        }
        return ELSEWHERE.pick(random);
    }

    static String otherProvince(SplittableRandom random) {
        return ELSEWHERE.pick(random);
    }
}
