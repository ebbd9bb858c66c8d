package dev.gbo.cli.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.SimClock;
import dev.gbo.testkit.LocalDeployment;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's own read-only JSON API, for what AWS has no API for (everything else the page reads
 * through the AWS APIs themselves):
 * <ul>
 *   <li>{@code info}: region, account, scenario, clock, the deployed state machine and bus, and
 *       whether the engine supports RedriveExecution;</li>
 *   <li>{@code fixtures}: the {@code events/} files a state machine can take as input;</li>
 *   <li>{@code eventbridge}: recent events per bus with the rule and target that received each, and
 *       the dead-letter records;</li>
 *   <li>{@code job-statuses?jobId=}: the status changes of a Batch job, from the "Batch Job State
 *       Change" events (DescribeJobs only has created/started/stopped);</li>
 *   <li>{@code timeline?executionArn=}: the run report's timeline of an execution, as SVG.</li>
 * </ul>
 */
final class ConsoleApi {
    record Response(int status, String contentType, byte[] body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB_STATE_CHANGE = "Batch Job State Change";

    private final LocalDeployment local;
    private final Path home;
    private final Console.Timelines timelines;

    ConsoleApi(LocalDeployment local, Path home, Console.Timelines timelines) {
        this.local = local;
        this.home = home;
        this.timelines = timelines;
    }

    Response handle(String route, String rawQuery) {
        Map<String, String> query = query(rawQuery);
        try {
            return switch (route) {
                case "info" -> json(info());
                case "fixtures" -> json(fixtures());
                case "eventbridge" -> json(local.cloud().eventActivity(intOr(query.get("perBus"), 100)));
                case "job-statuses" -> json(jobStatuses(required(query, "jobId")));
                case "timeline" -> new Response(200, "image/svg+xml; charset=utf-8",
                        timelines.svg(required(query, "executionArn")).getBytes(StandardCharsets.UTF_8));
                default -> error(404, "no console API '" + route + "'; see docs/console.md");
            };
        } catch (IllegalArgumentException e) {
            return error(400, e.getMessage());
        } catch (RuntimeException e) {
            return error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private ObjectNode info() {
        ObjectNode o = JSON.createObjectNode();
        o.put("region", local.cloud().region());
        o.put("accountId", local.cloud().accountId());
        o.put("endpoint", local.cloud().endpoint().toString());
        o.put("scenario", local.scenarioName());
        o.put("scenarioDescription", local.cloud().scenario().description());
        SimClock clock = local.clock();
        o.put("clock", clock.mode().name());
        o.put("now", clock.now().toString());
        o.put("stateMachineArn", local.stateMachineArn());
        o.put("projectBus", local.projectBus());
        boolean redrive = local.cloud().services().get("states").operations().stream()
                .map(Operation::name).anyMatch("RedriveExecution"::equals);
        ObjectNode r = o.putObject("redrive");
        r.put("supported", redrive);
        if (!redrive) {
            r.put("reason", "The local Step Functions engine does not serve RedriveExecution.");
        }
        return o;
    }

    /** The {@code events/} fixtures a state machine takes as input (triggers and requests; not the Batch job events). */
    private ArrayNode fixtures() {
        ArrayNode out = JSON.createArrayNode();
        Path dir = home.resolve("events");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path f : files) {
            String text;
            JsonNode parsed;
            try {
                text = Files.readString(f);
                parsed = JSON.readTree(text);
            } catch (IOException e) {
                continue; // not JSON: not something to start an execution with
            }
            if (parsed == null || !parsed.isObject() || JOB_STATE_CHANGE.equals(parsed.path("detail-type").asText())) {
                continue;
            }
            ObjectNode o = out.addObject();
            o.put("name", f.getFileName().toString());
            o.put("kind", parsed.has("detail-type") ? "event" : "request");
            o.put("description", parsed.has("detail-type")
                    ? parsed.path("source").asText() + " \u201c" + parsed.path("detail-type").asText() + "\u201d"
                    : "request: " + parsed.path("name").asText("(no name)"));
            o.put("content", text);
        }
        return out;
    }

    private ArrayNode jobStatuses(String jobId) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode e : local.batchEvents()) {
            JsonNode d = e.path("detail");
            if (!jobId.equals(d.path("jobId").asText())) {
                continue;
            }
            ObjectNode o = out.addObject();
            o.put("at", e.path("time").asText());
            o.put("status", d.path("status").asText());
            if (d.hasNonNull("statusReason")) {
                o.put("reason", d.get("statusReason").asText());
            }
            o.put("attempts", d.path("attempts").size());
        }
        return out;
    }

    private static String required(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing query parameter '" + name + "'");
        }
        return v;
    }

    private static int intOr(String v, int fallback) {
        try {
            return v == null ? fallback : Math.max(1, Math.min(200, Integer.parseInt(v)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + v);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                throw new IllegalArgumentException("malformed query string: " + raw);
            }
        }
        return out;
    }

    private static Response json(JsonNode node) {
        try {
            return new Response(200, "application/json", JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response error(int status, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("message", message);
        try {
            return new Response(status, "application/json", JSON.writeValueAsBytes(o));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
