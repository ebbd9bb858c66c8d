package dev.gbo.model.support;

import dev.gbo.model.errors.ConfigurationError;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reading a function's environment variables; malformed values fail naming the variable ({@link ConfigurationError}). */
public final class Env {
    private Env() {
    }

    public static String value(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    public static List<String> list(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationError(name + ": '" + v + "' is not an integer; set a whole number in " + min + ".." + max);
        }
        if (parsed < min || parsed > max) {
            throw new ConfigurationError(name + ": " + parsed + " is outside " + min + ".." + max);
        }
        return parsed;
    }
}
