package dev.gbo.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checks picocli's type conversion does not make: files that must exist, numbers in a range. */
final class Checks {
    private Checks() {
    }

    /** {@code file} (null when the option is optional and absent) must be a readable regular file. */
    static Path readableFile(String command, String option, Path file) {
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException(command + ": " + option + " " + file + ": " + (Files.isDirectory(file) ? "is a directory, not a file"
                    : "no such file"));
        }
        if (!Files.isReadable(file)) {
            throw new UsageException(command + ": " + option + " " + file + ": not readable");
        }
        return file;
    }

    static int range(String command, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UsageException(command + ": " + option + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** A directory gbo writes into: it may not exist yet, but it must not be a file. */
    static Path directory(String command, String option, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException(command + ": " + option + " " + dir + ": is a file; name a directory");
        }
        return dir;
    }
}
