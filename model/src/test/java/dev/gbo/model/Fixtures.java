package dev.gbo.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.model.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the shared fixtures in ../events (surefire runs in model/). */
public final class Fixtures {
    public static final Path EVENTS = Path.of("..", "events");

    private Fixtures() {
    }

    public static Path path(String name) {
        return EVENTS.resolve(name);
    }

    public static JsonNode event(String name) {
        try {
            return Json.parse(Files.readString(path(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("fixture " + path(name).toAbsolutePath() + " is missing", e);
        }
    }
}
