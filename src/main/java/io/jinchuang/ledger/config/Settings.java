package io.jinchuang.ledger.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration: {@code config/ledger.properties} (or the copy packaged with the
 * classes), overridden by environment variables, overridden by explicit values (tests).
 * Read once at start; passed explicitly to whoever needs a setting.
 */
public final class Settings {
    public static final String FILE = "config/ledger.properties";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Defaults, then the environment, then JVM system properties of the same keys, then {@code overrides}. */
    public static Settings load(Map<String, String> environment, Map<String, String> overrides) {
        Properties defaults = readDefaults();
        Map<String, String> merged = new HashMap<>();
        for (String key : defaults.stringPropertyNames()) {
            merged.put(key, defaults.getProperty(key).trim());
            String fromEnvironment = environment.get(environmentName(key));
            if (fromEnvironment != null) {
                merged.put(key, fromEnvironment.trim());
            }
            String fromProperty = System.getProperty(key);
            if (fromProperty != null) {
                merged.put(key, fromProperty.trim());
            }
        }
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public static Settings fromEnvironment() {
        return load(System.getenv(), Map.of());
    }

    /** ledger.port → LEDGER_PORT; limits.page-size-max → LEDGER_LIMITS_PAGE_SIZE_MAX. */
    public static String environmentName(String key) {
        String upper = key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return upper.startsWith("LEDGER_") ? upper : "LEDGER_" + upper;
    }

    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(values);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public String string(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("configuration key " + key + " is missing from " + FILE);
        }
        return value;
    }

    public String stringOrNull(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? null : value;
    }

    public int integer(String key) {
        try {
            return Integer.parseInt(string(key));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("configuration key " + key + " must be an integer: " + string(key), e);
        }
    }

    public boolean bool(String key) {
        String value = string(key);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalStateException("configuration key " + key + " must be true or false: " + value);
        }
        return Boolean.parseBoolean(value);
    }

    public BigDecimal decimal(String key) {
        try {
            return new BigDecimal(string(key));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("configuration key " + key + " must be a decimal: " + string(key), e);
        }
    }

    public List<String> list(String key) {
        return Arrays.stream(string(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Properties readDefaults() {
        Properties properties = new Properties();
        Path file = Path.of(System.getProperty("ledger.config", FILE));
        try {
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
            } else {
                try (InputStream in = Settings.class.getResourceAsStream("/ledger.properties")) {
                    if (in == null) {
                        throw new IllegalStateException("no " + FILE + " and none packaged");
                    }
                    properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return properties;
    }
}
