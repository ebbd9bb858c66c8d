package dev.gbo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal, strict option parsing: {@code --name value}, {@code --flag}; unknown options are errors. */
final class Args {
    private final String command;
    private final Map<String, String> options = new LinkedHashMap<>();

    private Args(String command) {
        this.command = command;
    }

    static Args parse(String command, List<String> argv, Set<String> valueOptions, Set<String> flags) {
        Args a = new Args(command);
        List<String> rest = new ArrayList<>(argv);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (flags.contains(name)) {
                if (value != null) {
                    throw new UsageException(command + ": " + name + " takes no value");
                }
                a.options.put(name, "true");
            } else if (valueOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                        throw new UsageException(command + ": " + name + " needs a value");
                    }
                    value = rest.get(++i);
                }
                a.options.put(name, value);
            } else {
                List<String> known = new ArrayList<>(valueOptions);
                known.addAll(flags);
                throw new UsageException(command + ": unknown argument '" + arg + "'"
                        + (known.isEmpty() ? " (it takes none)" : "; it takes " + String.join(", ", known.stream().sorted().toList())));
            }
        }
        return a;
    }

    String get(String name) {
        return options.get(name);
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    int intValue(String name, int fallback, int min, int max) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new UsageException(command + ": " + name + " must be " + min + ".." + max + ", got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": " + name + " must be a number, got '" + v + "'");
        }
    }

    /** A file option that must exist and be readable. */
    Path file(String name, boolean required) {
        String v = options.get(name);
        if (v == null) {
            if (required) {
                throw new UsageException(command + ": " + name + " FILE is required");
            }
            return null;
        }
        Path p = Path.of(v);
        if (!Files.isRegularFile(p)) {
            throw new UsageException(command + ": " + name + " " + v + ": no such file");
        }
        if (!Files.isReadable(p)) {
            throw new UsageException(command + ": " + name + " " + v + ": not readable");
        }
        return p;
    }
}
