package org.citizenhub.mappings.disclosure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.citizenhub.mappings.citizen.CitizenField;
import org.citizenhub.mappings.citizen.SourceSystem;
import org.citizenhub.mappings.disclosure.Catalogue.Agency;
import org.citizenhub.mappings.disclosure.Catalogue.EvidenceNeed;
import org.citizenhub.mappings.disclosure.Catalogue.Procedure;
import org.citizenhub.mappings.disclosure.Catalogue.Purpose;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the procedure catalogue and the agencies file. Every mistake is collected and reported at
 * once, naming the file and the entry, so that operations fix a file in one go; the hub refuses to
 * start on an invalid catalogue rather than disclose by a half-read one.
 */
public final class CatalogueReader {

    /** Codes of purposes, procedures and agencies: they also name broker queues and accounts. */
    public static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final List<String> errors = new ArrayList<>();

    private CatalogueReader() {
    }

    /** Thrown with every problem found in the files. */
    public static final class InvalidCatalogueException extends RuntimeException {
        public InvalidCatalogueException(List<String> errors) {
            super("invalid procedure catalogue or agencies file:\n  - " + String.join("\n  - ", errors));
        }
    }

    public static Catalogue read(InputStream procedures, String proceduresName, InputStream agencies, String agenciesName) {
        CatalogueReader reader = new CatalogueReader();
        Map<String, Object> proceduresYaml = reader.load(procedures, proceduresName);
        Map<String, Object> agenciesYaml = reader.load(agencies, agenciesName);
        Catalogue catalogue = reader.build(proceduresName, proceduresYaml, agenciesName, agenciesYaml);
        if (!reader.errors.isEmpty()) {
            throw new InvalidCatalogueException(reader.errors);
        }
        return catalogue;
    }

    private Map<String, Object> load(InputStream in, String name) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(1 << 20);
        try (in) {
            Object root = new Yaml(new SafeConstructor(options)).load(in);
            if (root instanceof Map<?, ?> map) {
                return cast(map);
            }
            errors.add(name + ": expected a mapping at the top level");
        } catch (IOException | RuntimeException e) {
            errors.add(name + ": not readable YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return Map.of();
    }

    private Catalogue build(String pName, Map<String, Object> pYaml, String aName, Map<String, Object> aYaml) {
        Map<DataCategory, SourceSystem> authorities = new EnumMap<>(DataCategory.class);
        mapping(pYaml.get("authorities"), pName + " authorities").forEach((key, value) -> {
            DataCategory category = enumValue(DataCategory.class, key, pName + " authorities");
            SourceSystem source = enumValue(SourceSystem.class, String.valueOf(value), pName + " authorities." + key);
            if (category != null && source != null) {
                authorities.put(category, source);
            }
        });

        Map<String, Purpose> purposes = new LinkedHashMap<>();
        mapping(pYaml.get("purposes"), pName + " purposes").forEach((code, value) -> {
            String where = pName + " purposes." + code;
            Map<String, Object> entry = mapping(value, where);
            if (checkCode(code, where)) {
                purposes.put(code, new Purpose(code, text(entry.get("description"), where + ".description"),
                        categories(entry.get("categories"), where + ".categories")));
            }
        });

        Map<String, Procedure> procedures = new LinkedHashMap<>();
        mapping(pYaml.get("procedures"), pName + " procedures").forEach((code, value) -> {
            String where = pName + " procedures." + code;
            Map<String, Object> entry = mapping(value, where);
            String purpose = text(entry.get("purpose"), where + ".purpose");
            List<CitizenField> fields = new ArrayList<>();
            for (Object field : list(entry.get("fields"), where + ".fields")) {
                CitizenField f = enumValue(CitizenField.class, String.valueOf(field), where + ".fields");
                if (f != null) {
                    fields.add(f);
                }
            }
            List<EvidenceNeed> evidence = new ArrayList<>();
            for (Object need : list(entry.getOrDefault("evidence", List.of()), where + ".evidence")) {
                Map<String, Object> n = mapping(need, where + ".evidence");
                String type = text(n.get("type"), where + ".evidence.type");
                if (type != null) {
                    evidence.add(new EvidenceNeed(type, String.valueOf(n.getOrDefault("description", ""))));
                }
            }
            if (!checkCode(code, where) || purpose == null) {
                return;
            }
            Procedure procedure = new Procedure(code, text(entry.get("name"), where + ".name"), purpose, List.copyOf(fields),
                    List.copyOf(evidence));
            Purpose served = purposes.get(purpose);
            if (served == null) {
                errors.add(where + ".purpose: unknown purpose '" + purpose + "'");
            } else if (!served.categories().containsAll(Catalogue.categoriesOf(procedure))) {
                Set<DataCategory> beyond = EnumSet.copyOf(Catalogue.categoriesOf(procedure));
                beyond.removeAll(served.categories());
                errors.add(where + ": needs " + beyond + ", which its purpose '" + purpose + "' does not cover");
            }
            procedures.put(code, procedure);
        });

        Map<String, Agency> agencies = new LinkedHashMap<>();
        mapping(aYaml.get("agencies"), aName + " agencies").forEach((id, value) -> {
            String where = aName + " agencies." + id;
            Map<String, Object> entry = mapping(value, where);
            Set<String> allowed = new LinkedHashSet<>();
            for (Object purpose : list(entry.get("purposes"), where + ".purposes")) {
                String code = String.valueOf(purpose);
                if (!purposes.containsKey(code)) {
                    errors.add(where + ".purposes: unknown purpose '" + code + "'");
                }
                allowed.add(code);
            }
            Set<DataCategory> events = categories(entry.getOrDefault("events", List.of()), where + ".events");
            Set<DataCategory> reachable = EnumSet.noneOf(DataCategory.class);
            allowed.stream().map(purposes::get).filter(java.util.Objects::nonNull).forEach(p -> reachable.addAll(p.categories()));
            if (!reachable.containsAll(events)) {
                errors.add(where + ".events: an agency receives events only of categories its purposes cover");
            }
            if (checkCode(id, where)) {
                agencies.put(id, new Agency(id, text(entry.get("name"), where + ".name"), Set.copyOf(allowed), events));
            }
        });
        return new Catalogue(Map.copyOf(authorities), Map.copyOf(purposes), Map.copyOf(procedures), Map.copyOf(agencies));
    }

    private boolean checkCode(String code, String where) {
        if (!CODE.matcher(code).matches()) {
            errors.add(where + ": a code is lower-case letters, digits and '-', at most 64 characters");
            return false;
        }
        return true;
    }

    private Set<DataCategory> categories(Object value, String where) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        for (Object item : list(value, where)) {
            DataCategory category = enumValue(DataCategory.class, String.valueOf(item), where);
            if (category != null) {
                categories.add(category);
            }
        }
        return categories;
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String name, String where) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            errors.add(where + ": unknown " + type.getSimpleName() + " '" + name + "' (one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ")");
            return null;
        }
    }

    private String text(Object value, String where) {
        if (value instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        errors.add(where + ": missing");
        return null;
    }

    private Map<String, Object> mapping(Object value, String where) {
        if (value instanceof Map<?, ?> map) {
            return cast(map);
        }
        errors.add(where + ": expected a mapping");
        return Map.of();
    }

    private Collection<?> list(Object value, String where) {
        if (value instanceof List<?> items) {
            return items;
        }
        errors.add(where + ": expected a list");
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
