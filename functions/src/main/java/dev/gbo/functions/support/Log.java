package dev.gbo.functions.support;

import dev.gbo.model.support.Json;
import dev.gbo.model.support.Hashing;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Structured JSON log lines on standard output (Lambda forwards them to CloudWatch Logs).
 * Task tokens are never logged: use {@link Hashing#tokenFingerprint(String)}.
 */
public final class Log {
    private Log() {
    }

    public static void info(String event, Object... keyValues) {
        emit("INFO", event, keyValues);
    }

    public static void warn(String event, Object... keyValues) {
        emit("WARN", event, keyValues);
    }

    public static void error(String event, Object... keyValues) {
        emit("ERROR", event, keyValues);
    }

    private static void emit(String level, String event, Object... keyValues) {
        ObjectNode line = Json.object();
        line.put("time", Instant.now().toString());
        line.put("level", level);
        line.put("event", event);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            line.set(String.valueOf(keyValues[i]), Json.MAPPER.valueToTree(keyValues[i + 1]));
        }
        System.out.println(line);
    }
}
