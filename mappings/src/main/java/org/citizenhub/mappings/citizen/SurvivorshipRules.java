package org.citizenhub.mappings.citizen;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Which source wins for each field of the golden record: systems in order of authority; among
 * records of equally authoritative systems the tie-breakers decide in their order (by default the most
 * recently retrieved, then a record whose personal ID number is verified, i.e. consistent with its own
 * date of birth and sex); the source key decides the rest, so the outcome never depends on input order.
 * A system not listed for a field ranks after every listed one.
 *
 * <p>The rules are a file ({@link #parse}), YAML:
 * <pre>
 *   tiebreak: [recency, verification]        # optional; recency and/or verification, in order
 *   default: [POPULATION, PORTAL, HEALTH]     # every field not listed under fields
 *   fields:
 *     PHONE: [PORTAL, POPULATION]
 * </pre>
 * Field names are {@link CitizenField} names (case and {@code -}/{@code _} do not matter), systems are
 * {@link SourceSystem} names. Mistakes are refused with the line and the offending name.
 */
public final class SurvivorshipRules {

    /** The built-in rules, on the classpath. */
    public static final String DEFAULT_RESOURCE = "citizen/survivorship-default.yaml";

    /** What decides among records of equally authoritative systems. */
    public enum Tiebreak {
        /** The most recently retrieved record wins. */
        RECENCY,
        /** A record whose personal ID number is consistent with its own date of birth and sex wins. */
        VERIFICATION
    }

    private static volatile SurvivorshipRules defaults;

    private final Map<CitizenField, List<SourceSystem>> authority;
    private final List<Tiebreak> tiebreaks;

    public SurvivorshipRules(Map<CitizenField, List<SourceSystem>> authority) {
        this(authority, List.of(Tiebreak.RECENCY, Tiebreak.VERIFICATION));
    }

    public SurvivorshipRules(Map<CitizenField, List<SourceSystem>> authority, List<Tiebreak> tiebreaks) {
        Map<CitizenField, List<SourceSystem>> copy = new EnumMap<>(CitizenField.class);
        authority.forEach((field, systems) -> copy.put(field, List.copyOf(systems)));
        this.authority = Collections.unmodifiableMap(copy);
        this.tiebreaks = List.copyOf(tiebreaks);
    }

    /**
     * The default rules ({@value #DEFAULT_RESOURCE}): the population database for identity and
     * address, the portal (what the citizen typed) for contact data; then recency, then verification.
     */
    public static SurvivorshipRules defaults() {
        SurvivorshipRules rules = defaults;
        if (rules == null) {
            rules = fromClasspath(DEFAULT_RESOURCE);
            defaults = rules;
        }
        return rules;
    }

    /** Reads rules from a classpath resource of this module (or any on the class path). */
    public static SurvivorshipRules fromClasspath(String resource) {
        try (InputStream in = SurvivorshipRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidSurvivorshipRulesException("survivorship rules " + resource + ": no such classpath resource");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read survivorship rules " + resource, e);
        }
    }

    /**
     * Parses a rules file. {@code name} names the file in error messages.
     *
     * @throws InvalidSurvivorshipRulesException naming the line and the unknown or misplaced entry
     */
    public static SurvivorshipRules parse(Reader in, String name) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(1 << 20);
            root = new Yaml(options).compose(in);
        } catch (YAMLException e) {
            throw new InvalidSurvivorshipRulesException("survivorship rules " + name + ": not valid YAML: "
                    + oneLine(e.getMessage()));
        }
        if (root == null) {
            throw new InvalidSurvivorshipRulesException("survivorship rules " + name + ": the file is empty");
        }
        if (!(root instanceof MappingNode top)) {
            throw error(name, root, "expected keys 'default' and 'fields'");
        }
        List<SourceSystem> defaultOrder = null;
        Map<CitizenField, List<SourceSystem>> perField = new EnumMap<>(CitizenField.class);
        List<Tiebreak> tiebreaks = List.of(Tiebreak.RECENCY, Tiebreak.VERIFICATION);
        Set<String> seenKeys = new HashSet<>();
        for (NodeTuple entry : top.getValue()) {
            String key = scalar(name, entry.getKeyNode(), "a key");
            if (!seenKeys.add(key)) {
                throw error(name, entry.getKeyNode(), "'" + key + "' is given twice");
            }
            switch (key) {
                case "default" -> defaultOrder = systems(name, entry.getValueNode(), "default");
                case "tiebreak" -> tiebreaks = tiebreaks(name, entry.getValueNode());
                case "fields" -> {
                    if (!(entry.getValueNode() instanceof MappingNode fields)) {
                        throw error(name, entry.getValueNode(), "'fields' must map field names to lists of systems");
                    }
                    for (NodeTuple f : fields.getValue()) {
                        String fieldName = scalar(name, f.getKeyNode(), "a field name");
                        CitizenField field = field(name, f.getKeyNode(), fieldName);
                        if (perField.containsKey(field)) {
                            throw error(name, f.getKeyNode(), "field " + field + " is given twice");
                        }
                        perField.put(field, systems(name, f.getValueNode(), "field " + field));
                    }
                }
                default -> throw error(name, entry.getKeyNode(), "unknown key '" + key
                        + "' (expected default, fields, tiebreak)");
            }
        }
        if (defaultOrder == null && perField.size() < CitizenField.values().length) {
            throw new InvalidSurvivorshipRulesException("survivorship rules " + name
                    + ": no 'default' order, and no order for the fields "
                    + Arrays.stream(CitizenField.values()).filter(f -> !perField.containsKey(f)).toList());
        }
        Map<CitizenField, List<SourceSystem>> authority = new EnumMap<>(CitizenField.class);
        for (CitizenField field : CitizenField.values()) {
            authority.put(field, perField.getOrDefault(field, defaultOrder));
        }
        return new SurvivorshipRules(authority, tiebreaks);
    }

    /** Lower is more authoritative. */
    public int rank(CitizenField field, SourceSystem system) {
        List<SourceSystem> order = authority.getOrDefault(field, List.of());
        int index = order.indexOf(system);
        return index < 0 ? order.size() : index;
    }

    /** The systems in order of authority for one field. */
    public List<SourceSystem> authority(CitizenField field) {
        return authority.getOrDefault(field, List.of());
    }

    public List<Tiebreak> tiebreaks() {
        return tiebreaks;
    }

    /** The rules in one line, for logs (names of fields and systems only). */
    public String describe() {
        Map<List<SourceSystem>, List<CitizenField>> byOrder = new LinkedHashMap<>();
        authority.forEach((field, order) -> byOrder.computeIfAbsent(order, o -> new ArrayList<>()).add(field));
        return byOrder.entrySet().stream().map(e -> e.getValue() + " ← " + e.getKey())
                .collect(Collectors.joining("; ")) + "; then " + tiebreaks;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SurvivorshipRules other && authority.equals(other.authority) && tiebreaks.equals(other.tiebreaks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(authority, tiebreaks);
    }

    @Override
    public String toString() {
        return "SurvivorshipRules[" + describe() + "]";
    }

    // ------------------------------------------------------------------ parsing helpers

    private static List<SourceSystem> systems(String name, Node node, String what) {
        if (!(node instanceof SequenceNode list)) {
            throw error(name, node, what + " must be a list of source systems, e.g. [POPULATION, PORTAL]");
        }
        if (list.getValue().isEmpty()) {
            throw error(name, node, what + " lists no source system");
        }
        List<SourceSystem> systems = new ArrayList<>();
        for (Node item : list.getValue()) {
            String system = scalar(name, item, "a source system");
            SourceSystem parsed;
            try {
                parsed = SourceSystem.valueOf(system.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(name, item, "unknown source system '" + system + "' in " + what
                        + " (known: " + Arrays.toString(SourceSystem.values()) + ")");
            }
            if (systems.contains(parsed)) {
                throw error(name, item, "source system " + parsed + " is listed twice in " + what);
            }
            systems.add(parsed);
        }
        return systems;
    }

    private static List<Tiebreak> tiebreaks(String name, Node node) {
        if (!(node instanceof SequenceNode list)) {
            throw error(name, node, "'tiebreak' must be a list, e.g. [recency, verification]");
        }
        List<Tiebreak> tiebreaks = new ArrayList<>();
        for (Node item : list.getValue()) {
            String value = scalar(name, item, "a tie-breaker");
            Tiebreak parsed;
            try {
                parsed = Tiebreak.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error(name, item, "unknown tie-breaker '" + value + "' (known: recency, verification)");
            }
            if (tiebreaks.contains(parsed)) {
                throw error(name, item, "tie-breaker " + value + " is listed twice");
            }
            tiebreaks.add(parsed);
        }
        return tiebreaks;
    }

    private static CitizenField field(String name, Node node, String fieldName) {
        try {
            return CitizenField.valueOf(fieldName.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw error(name, node, "unknown field '" + fieldName + "' (known: "
                    + Arrays.toString(CitizenField.values()) + ")");
        }
    }

    private static String scalar(String name, Node node, String what) {
        if (!(node instanceof ScalarNode s)) {
            throw error(name, node, "expected " + what + ", found a " + node.getNodeId());
        }
        return s.getValue();
    }

    private static InvalidSurvivorshipRulesException error(String name, Node node, String message) {
        int line = node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        return new InvalidSurvivorshipRulesException("survivorship rules " + name + ", line " + line + ": " + message);
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
    }

    /** A rules file that cannot be used; the message names the file, the line and the problem. */
    public static final class InvalidSurvivorshipRulesException extends IllegalArgumentException {
        public InvalidSurvivorshipRulesException(String message) {
            super(message);
        }
    }
}
