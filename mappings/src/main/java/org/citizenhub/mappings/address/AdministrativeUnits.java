package org.citizenhub.mappings.address;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The administrative units of Đà Nẵng before and after the 1 July 2025 reform, read from the
 * official conversion table (resource {@code reference/danang-ward-conversion-2025.csv}, copied from
 * {@code shared/reference/}; see its README for provenance). An old ward that was split maps to
 * several candidate new wards.
 */
public final class AdministrativeUnits {

    public static final String CITY_2025 = "Thành phố Đà Nẵng";

    private static final AdministrativeUnits DA_NANG = load("/reference/danang-ward-conversion-2025.csv");

    private final List<Ward2025> wards2025;
    private final List<WardBefore2025> wardsBefore2025;
    private final Map<String, Set<String>> newCodesByOldCode;

    private AdministrativeUnits(List<Ward2025> wards2025, List<WardBefore2025> wardsBefore2025,
                                Map<String, Set<String>> newCodesByOldCode) {
        this.wards2025 = List.copyOf(wards2025);
        this.wardsBefore2025 = List.copyOf(wardsBefore2025);
        this.newCodesByOldCode = newCodesByOldCode;
    }

    public static AdministrativeUnits daNang() {
        return DA_NANG;
    }

    /** The 94 wards and communes (and the special zone) of the new Đà Nẵng city. */
    public List<Ward2025> wards2025() {
        return wards2025;
    }

    /** The pre-2025 wards and communes (of Đà Nẵng and Quảng Nam) that went into the new city. */
    public List<WardBefore2025> wardsBefore2025() {
        return wardsBefore2025;
    }

    public Optional<Ward2025> ward2025ByCode(String code) {
        return wards2025.stream().filter(w -> w.code().equals(code)).findFirst();
    }

    /** The new wards an old ward went into: one for a whole merge, several for a split. */
    public Set<String> newWardCodesFor(String oldWardCode) {
        return newCodesByOldCode.getOrDefault(oldWardCode, Set.of());
    }

    /** The old wards that went (wholly or partly) into a new ward. */
    public List<WardBefore2025> oldWardsOf(String newWardCode) {
        List<WardBefore2025> result = new ArrayList<>();
        for (WardBefore2025 old : wardsBefore2025) {
            if (newWardCodesFor(old.code()).contains(newWardCode)) {
                result.add(old);
            }
        }
        return result;
    }

    /** A ward or commune after the reform; {@code name} includes its type ("Phường Hải Vân"). */
    public record Ward2025(String code, String name) {
    }

    /** A ward or commune before the reform, with its district and province ("Quận Liên Chiểu"). */
    public record WardBefore2025(String code, String name, String district, String province) {
    }

    static AdministrativeUnits load(String resource) {
        Map<String, Ward2025> newWards = new LinkedHashMap<>();
        Map<String, WardBefore2025> oldWards = new LinkedHashMap<>();
        Map<String, Set<String>> mapping = new LinkedHashMap<>();
        try (InputStream in = AdministrativeUnits.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            if (header == null || !header.startsWith("province_2025,ward_2025,ward_2025_code")) {
                throw new IllegalStateException("unexpected header in " + resource);
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                String newName = f[1].strip();
                String newCode = f[2].strip();
                String oldName = f[3].strip();
                String oldCode = f[4].strip();
                newWards.putIfAbsent(newCode, new Ward2025(newCode, newName));
                oldWards.putIfAbsent(oldCode, new WardBefore2025(oldCode, oldName, stripCode(f[6]), stripCode(f[7])));
                mapping.computeIfAbsent(oldCode, k -> new LinkedHashSet<>()).add(newCode);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mapping.replaceAll((k, v) -> Collections.unmodifiableSet(v));
        return new AdministrativeUnits(new ArrayList<>(newWards.values()), new ArrayList<>(oldWards.values()),
                Collections.unmodifiableMap(mapping));
    }

    /** "Quận Liên Chiểu (490)" → "Quận Liên Chiểu". */
    private static String stripCode(String field) {
        String s = field.strip();
        int paren = s.lastIndexOf(" (");
        return paren > 0 ? s.substring(0, paren) : s;
    }
}
