package org.citizenhub.sandbox.synthetic;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import org.citizenhub.mappings.citizen.PersonName;

/** E-mail addresses the way Vietnamese users pick them: name without diacritics, initials, birth year. */
final class EmailAddresses {

    private static final WeightedTable<String> DOMAINS = WeightedTable.<String>builder()
            .add("gmail.com", 82).add("yahoo.com", 7).add("outlook.com", 4).add("hotmail.com", 3).add("icloud.com", 4)
            .build();

    private final Set<String> issued = new HashSet<>();

    String issue(SplittableRandom random, PersonName name, int birthYear) {
        String family = ascii(name.family());
        String given = ascii(name.given());
        StringBuilder initials = new StringBuilder();
        for (String part : (name.family() + " " + name.middle()).strip().split("\\s+")) {
            if (!part.isEmpty()) {
                initials.append(ascii(part).charAt(0));
            }
        }
        String yy = ZeroPadded.of(birthYear % 100, 2);
        String local = switch (random.nextInt(5)) {
            case 0 -> given + initials + yy;
            case 1 -> family + ascii(name.middle()) + given;
            case 2 -> given + "." + family;
            case 3 -> given + family + birthYear;
            default -> family + given + yy;
        };
        String domain = DOMAINS.pick(random);
        String email = local + "@" + domain;
        while (!issued.add(email)) {
            email = local + random.nextInt(1000) + "@" + domain;
        }
        return email;
    }

    void reserve(String email) {
        issued.add(email);
    }

    private static String ascii(String text) {
        return VietnameseText.stripDiacritics(text).toLowerCase(Locale.ROOT).replace(" ", "");
    }
}
