package org.citizenhub.mappings.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text format of matching configuration files: sections in brackets ({@code [comparison dob]}),
 * {@code key = value} lines, {@code #} comments, repeated keys allowed (e.g. several {@code rule}).
 * Errors name the line. Chosen over YAML/JSON so that the engine has no runtime dependency.
 */
public final class ConfigFile {

    /** One section: kind ("field"), name ("dob", or "" when absent) and its entries in order. */
    public record Section(String kind, String name, int line, List<Map.Entry<String, String>> entries) {

        public Optional<String> get(String key) {
            for (Map.Entry<String, String> e : entries) {
                if (e.getKey().equals(key)) {
                    return Optional.of(e.getValue());
                }
            }
            return Optional.empty();
        }

        public List<String> all(String key) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> e : entries) {
                if (e.getKey().equals(key)) {
                    values.add(e.getValue());
                }
            }
            return values;
        }

        public String require(String key) {
            return get(key).orElseThrow(() -> new ConfigException(
                    "[" + kind + (name.isEmpty() ? "" : " " + name) + "] at line " + line + " needs '" + key + "'"));
        }

        public double number(String key, double defaultValue) {
            Optional<String> v = get(key);
            if (v.isEmpty()) {
                return defaultValue;
            }
            try {
                return Double.parseDouble(v.get());
            } catch (NumberFormatException e) {
                throw new ConfigException("[" + kind + " " + name + "] '" + key + "' is not a number");
            }
        }

        public boolean flag(String key, boolean defaultValue) {
            return get(key).map(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")).orElse(defaultValue);
        }

        /** Comma-separated list. */
        public List<String> list(String key) {
            return get(key).map(ConfigFile::splitList).orElse(List.of());
        }
    }

    private final List<Section> sections;

    private ConfigFile(List<Section> sections) {
        this.sections = sections;
    }

    public List<Section> sections() {
        return sections;
    }

    public List<Section> sections(String kind) {
        return sections.stream().filter(s -> s.kind().equals(kind)).toList();
    }

    public Section section(String kind) {
        return sections.stream().filter(s -> s.kind().equals(kind)).findFirst()
                .orElse(new Section(kind, "", 0, List.of()));
    }

    /** Reads a file, or a resource when the name has no path and no file of that name exists ("febrl-dedupe"). */
    public static ConfigFile load(String pathOrName) {
        Path path = Path.of(pathOrName);
        if (Files.isRegularFile(path)) {
            try {
                return parse(Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String resource = "/identity/" + (pathOrName.endsWith(".conf") ? pathOrName : pathOrName + ".conf");
        try (InputStream in = ConfigFile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException("no configuration file or built-in configuration named " + pathOrName);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConfigFile parse(String text) {
        List<Section> sections = new ArrayList<>();
        List<Map.Entry<String, String>> current = null;
        int lineNo = 0;
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                int hash = line.indexOf('#');
                String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (s.startsWith("[")) {
                    if (!s.endsWith("]")) {
                        throw new ConfigException("line " + lineNo + ": section header must end with ]");
                    }
                    String[] head = s.substring(1, s.length() - 1).strip().split("\\s+", 2);
                    current = new ArrayList<>();
                    sections.add(new Section(head[0], head.length > 1 ? head[1] : "", lineNo, current));
                    continue;
                }
                int eq = s.indexOf('=');
                if (eq <= 0 || current == null) {
                    throw new ConfigException("line " + lineNo + ": expected 'key = value' inside a [section]");
                }
                current.add(Map.entry(s.substring(0, eq).strip(), s.substring(eq + 1).strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ConfigFile(sections);
    }

    static List<String> splitList(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    /** A configuration that cannot be used; the message says where. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
