package dev.gbo.local.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a scenario file (JSON, or YAML for {@code .yaml}/{@code .yml}) into a {@link Scenario},
 * filling in defaults and validating every member. Errors are {@link ScenarioException}s naming
 * the file and the field, e.g. {@code demo.json: jobs[0].attempts[1].type: unknown outcome 'spotty'}.
 * Unknown members are errors too, so a typo never silently means "default".
 */
public final class ScenarioLoader {

    private static final Pattern FAMILY = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private ScenarioLoader() {
    }

    /** Thrown for a scenario that cannot be used; the message names the source and the field. */
    public static final class ScenarioException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public ScenarioException(String message) {
            super(message);
        }
    }

    public static Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read the scenario file: " + e.getMessage());
        }
        String name = file.getFileName().toString();
        return parse(text, name);
    }

    /** Loads a bundled or repository scenario by name, e.g. {@code demo}: {@code scenarios/demo.json}. */
    public static Scenario loadNamed(String name, Path scenariosDir) {
        for (String ext : List.of(".json", ".yaml", ".yml")) {
            Path p = scenariosDir.resolve(name + ext);
            if (Files.isRegularFile(p)) {
                return load(p);
            }
        }
        throw new ScenarioException("No scenario named '" + name + "' in " + scenariosDir
                + " (looked for " + name + ".json, .yaml, .yml).");
    }

    /** Parses scenario text; {@code source} names it in errors and, without extension, is the default name. */
    public static Scenario parse(String text, String source) {
        JsonNode root;
        boolean yaml = source.endsWith(".yaml") || source.endsWith(".yml");
        try {
            if (yaml) {
                Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
                root = Json.MAPPER.valueToTree(tree == null ? Map.of() : tree);
            } else {
                root = Json.MAPPER.readTree(text.isBlank() ? "{}" : text);
            }
        } catch (JsonProcessingException e) {
            throw new ScenarioException(source + ": not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr());
        } catch (RuntimeException e) {
            throw new ScenarioException(source + ": not valid YAML: " + e.getMessage());
        }
        return new Reader(source).scenario(root, stripExtension(source));
    }

    private static String stripExtension(String source) {
        String s = source.contains("/") ? source.substring(source.lastIndexOf('/') + 1) : source;
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        ScenarioException error(String path, String message) {
            return new ScenarioException(source + ": " + path + ": " + message);
        }

        Scenario scenario(JsonNode root, String defaultName) {
            if (!root.isObject()) {
                throw error("(root)", "a scenario must be a JSON object");
            }
            allowed(root, "", "name", "description", "seed", "start", "region", "zones", "subnets", "offerings",
                    "batchAcceptedFamilies", "capacity", "computeEnvironmentFaults", "jobs", "eventFaults",
                    "apiFaults", "timing", "throttling", "lambdaFaults");
            String name = str(root, "name", defaultName);
            String description = str(root, "description", "");
            Long seed = root.hasNonNull("seed") ? lng(root, "seed", 0, Long.MIN_VALUE, Long.MAX_VALUE) : null;
            Instant start = null;
            if (root.hasNonNull("start")) {
                try {
                    start = Instant.parse(root.get("start").asText());
                } catch (DateTimeParseException e) {
                    throw error("start", "not an ISO-8601 instant such as 2026-11-27T00:00:00Z: '"
                            + root.get("start").asText() + "'");
                }
            }
            String region = str(root, "region", "us-east-1");
            if (!REGION.matcher(region).matches()) {
                throw error("region", "not a region name such as us-east-1: '" + region + "'");
            }
            List<Scenario.Zone> zones = zones(root.get("zones"), region);
            Set<String> zoneNames = new LinkedHashSet<>();
            zones.forEach(z -> zoneNames.add(z.name()));
            List<Scenario.Subnet> subnets = subnets(root.get("subnets"), zones, zoneNames);
            Map<String, List<String>> offerings = offerings(root.get("offerings"), zoneNames);
            List<String> accepted = root.has("batchAcceptedFamilies")
                    ? families(root.get("batchAcceptedFamilies"), "batchAcceptedFamilies")
                    : Scenario.DEFAULT_FAMILIES;
            Map<String, Scenario.Capacity> capacity = capacity(root.get("capacity"));
            List<Scenario.ComputeEnvironmentFault> ceFaults = ceFaults(root.get("computeEnvironmentFaults"));
            List<Scenario.JobBehaviour> jobs = jobs(root.get("jobs"));
            Scenario.EventFaults eventFaults = eventFaults(root.get("eventFaults"));
            List<Scenario.ApiFault> apiFaults = apiFaults(root.get("apiFaults"));
            Scenario.Timing timing = timing(root.get("timing"));
            Scenario.Throttling throttling = throttling(root.get("throttling"), root.get("timing"));
            List<Scenario.LambdaFault> lambdaFaults = lambdaFaults(root.get("lambdaFaults"));
            return new Scenario(name, description, seed, start, region, zones, subnets, offerings, accepted,
                    capacity, ceFaults, jobs, eventFaults, apiFaults, timing, throttling, lambdaFaults);
        }

        List<Scenario.Zone> zones(JsonNode node, String region) {
            List<Scenario.Zone> zones = new ArrayList<>();
            String prefix = zoneIdPrefix(region);
            if (node == null || node.isNull()) {
                for (String s : List.of("a", "b", "c")) {
                    zones.add(new Scenario.Zone(region + s, prefix + "-az" + (s.charAt(0) - 'a' + 1)));
                }
                return zones;
            }
            array(node, "zones");
            if (node.isEmpty()) {
                throw error("zones", "at least one availability zone is needed");
            }
            int i = 0;
            for (JsonNode z : node) {
                String path = "zones[" + i + "]";
                String zoneName;
                String zoneId;
                if (z.isTextual()) {
                    zoneName = z.asText();
                    zoneId = prefix + "-az" + (i + 1);
                } else if (z.isObject()) {
                    allowed(z, path + ".", "name", "zoneId");
                    zoneName = req(z, "name", path);
                    zoneId = str(z, "zoneId", prefix + "-az" + (i + 1));
                } else {
                    throw error(path, "a zone is a name such as \"" + region + "a\" or {\"name\", \"zoneId\"}");
                }
                if (!zoneName.startsWith(region) || zoneName.length() != region.length() + 1) {
                    throw error(path, "zone '" + zoneName + "' is not a zone of region " + region
                            + " (expected " + region + "a, " + region + "b, ...)");
                }
                zones.add(new Scenario.Zone(zoneName, zoneId));
                i++;
            }
            return zones;
        }

        static String zoneIdPrefix(String region) {
            String[] parts = region.split("-");
            StringBuilder b = new StringBuilder(parts[0]);
            for (int i = 1; i < parts.length - 1; i++) {
                b.append(parts[i].charAt(0));
            }
            return b.append(parts[parts.length - 1]).toString();
        }

        List<Scenario.Subnet> subnets(JsonNode node, List<Scenario.Zone> zones, Set<String> zoneNames) {
            List<Scenario.Subnet> subnets = new ArrayList<>();
            if (node == null || node.isNull()) {
                String[] ids = {"subnet-0123456789abcdef0", "subnet-0123456789abcdef1", "subnet-0123456789abcdef2"};
                for (int i = 0; i < Math.min(zones.size(), ids.length); i++) {
                    subnets.add(new Scenario.Subnet(ids[i], "vpc-0123456789abcdef0", zones.get(i).name(),
                            "10.0." + (i * 16) + ".0/20"));
                }
                return subnets;
            }
            array(node, "subnets");
            Set<String> seen = new LinkedHashSet<>();
            int i = 0;
            for (JsonNode s : node) {
                String path = "subnets[" + i + "]";
                object(s, path);
                allowed(s, path + ".", "subnetId", "vpcId", "availabilityZone", "cidrBlock");
                String id = req(s, "subnetId", path);
                if (!SUBNET_ID.matcher(id).matches()) {
                    throw error(path + ".subnetId", "not a subnet id such as subnet-0123456789abcdef0: '" + id + "'");
                }
                if (!seen.add(id)) {
                    throw error(path + ".subnetId", "duplicate subnet id '" + id + "'");
                }
                String az = req(s, "availabilityZone", path);
                if (!zoneNames.contains(az)) {
                    throw error(path + ".availabilityZone", "'" + az + "' is not one of the scenario's zones "
                            + zoneNames);
                }
                subnets.add(new Scenario.Subnet(id, str(s, "vpcId", "vpc-0123456789abcdef0"), az,
                        str(s, "cidrBlock", "10.0." + (i * 16) + ".0/20")));
                i++;
            }
            return subnets;
        }

        Map<String, List<String>> offerings(JsonNode node, Set<String> zoneNames) {
            Map<String, List<String>> result = new LinkedHashMap<>();
            List<String> fallback = Scenario.DEFAULT_FAMILIES;
            if (node != null && !node.isNull()) {
                object(node, "offerings");
                if (node.has("*")) {
                    fallback = families(node.get("*"), "offerings.*");
                }
                Iterator<String> it = node.fieldNames();
                while (it.hasNext()) {
                    String zone = it.next();
                    if (!"*".equals(zone) && !zoneNames.contains(zone)) {
                        throw error("offerings." + zone, "'" + zone + "' is not one of the scenario's zones "
                                + zoneNames + " (or \"*\" for every other zone)");
                    }
                }
            }
            for (String zone : zoneNames) {
                if (node != null && node.has(zone)) {
                    result.put(zone, families(node.get(zone), "offerings." + zone));
                } else {
                    result.put(zone, fallback);
                }
            }
            return result;
        }

        List<String> families(JsonNode node, String path) {
            array(node, path);
            List<String> out = new ArrayList<>();
            int i = 0;
            for (JsonNode f : node) {
                String fam = f.asText();
                if (!f.isTextual() || !FAMILY.matcher(fam).matches()) {
                    throw error(path + "[" + i + "]", "not an instance family such as m8g: " + f);
                }
                out.add(fam);
                i++;
            }
            return out;
        }

        Map<String, Scenario.Capacity> capacity(JsonNode node) {
            Map<String, Scenario.Capacity> out = new LinkedHashMap<>();
            if (node == null || node.isNull()) {
                return out;
            }
            object(node, "capacity");
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String path = "capacity." + e.getKey();
                if (!FAMILY.matcher(e.getKey()).matches()) {
                    throw error(path, "not an instance family such as m9g");
                }
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    switch (v.asText()) {
                        case "available" -> out.put(e.getKey(), Scenario.Capacity.AVAILABLE);
                        case "shortage" -> out.put(e.getKey(), new Scenario.Capacity(false, null));
                        default -> throw error(path, "expected \"available\", \"shortage\" or an object, got '"
                                + v.asText() + "'");
                    }
                } else if (v.isObject()) {
                    allowed(v, path + ".", "available", "restoredAfterSeconds");
                    boolean available = bool(v, "available", path, true);
                    Long restored = v.hasNonNull("restoredAfterSeconds")
                            ? lng(v, "restoredAfterSeconds", 0, 0, 10_000_000) : null;
                    out.put(e.getKey(), new Scenario.Capacity(available, restored));
                } else {
                    throw error(path, "expected \"available\", \"shortage\" or {\"available\": false, "
                            + "\"restoredAfterSeconds\": 3600}");
                }
            }
            return out;
        }

        List<Scenario.ComputeEnvironmentFault> ceFaults(JsonNode node) {
            List<Scenario.ComputeEnvironmentFault> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            array(node, "computeEnvironmentFaults");
            int i = 0;
            for (JsonNode f : node) {
                String path = "computeEnvironmentFaults[" + i++ + "]";
                object(f, path);
                allowed(f, path + ".", "computeEnvironment", "statusReason");
                out.add(new Scenario.ComputeEnvironmentFault(str(f, "computeEnvironment", "*"),
                        str(f, "statusReason", "CLIENT_ERROR - The scenario forces this compute environment INVALID.")));
            }
            return out;
        }

        List<Scenario.JobBehaviour> jobs(JsonNode node) {
            List<Scenario.JobBehaviour> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            array(node, "jobs");
            int i = 0;
            for (JsonNode j : node) {
                String path = "jobs[" + i++ + "]";
                object(j, path);
                allowed(j, path + ".", "jobName", "image", "attempts");
                JsonNode attempts = j.get("attempts");
                if (attempts == null || !attempts.isArray() || attempts.isEmpty()) {
                    throw error(path + ".attempts", "a non-empty list of outcomes is required, e.g. "
                            + "[{\"type\": \"spot\"}, {\"type\": \"succeed\"}]");
                }
                List<Scenario.Outcome> outcomes = new ArrayList<>();
                int k = 0;
                for (JsonNode a : attempts) {
                    outcomes.add(outcome(a, path + ".attempts[" + k++ + "]"));
                }
                out.add(new Scenario.JobBehaviour(j.hasNonNull("jobName") ? j.get("jobName").asText() : null,
                        j.hasNonNull("image") ? j.get("image").asText() : null, outcomes));
            }
            return out;
        }

        Scenario.Outcome outcome(JsonNode a, String path) {
            if (a.isTextual()) {
                Scenario.OutcomeType t = Scenario.OutcomeType.fromWire(a.asText());
                if (t == null) {
                    throw error(path, "unknown outcome '" + a.asText() + "'; one of "
                            + Scenario.OutcomeType.wireNames());
                }
                return new Scenario.Outcome(t, null, null, null, null);
            }
            object(a, path);
            allowed(a, path + ".", "type", "durationSeconds", "exitCode", "reason", "logLines");
            String typeName = req(a, "type", path);
            Scenario.OutcomeType type = Scenario.OutcomeType.fromWire(typeName);
            if (type == null) {
                throw error(path + ".type", "unknown outcome '" + typeName + "'; one of "
                        + Scenario.OutcomeType.wireNames());
            }
            Long duration = a.hasNonNull("durationSeconds") ? lng(a, "durationSeconds", 0, 0, 10_000_000) : null;
            Integer exit = a.hasNonNull("exitCode") ? (int) lng(a, "exitCode", 0, 0, 255) : null;
            String reason = a.hasNonNull("reason") ? a.get("reason").asText() : null;
            if (reason != null && reason.length() > 255) {
                throw error(path + ".reason", "at most 255 characters (Batch truncates container reasons)");
            }
            List<String> lines = null;
            if (a.hasNonNull("logLines")) {
                array(a.get("logLines"), path + ".logLines");
                lines = new ArrayList<>();
                for (JsonNode l : a.get("logLines")) {
                    lines.add(l.asText());
                }
            }
            return new Scenario.Outcome(type, duration, exit, reason, lines);
        }

        Scenario.EventFaults eventFaults(JsonNode node) {
            if (node == null || node.isNull()) {
                return Scenario.EventFaults.NONE;
            }
            String p = "eventFaults";
            object(node, p);
            allowed(node, p + ".", "duplicate", "reorder", "reorderDelaySeconds", "delay", "maxDelaySeconds", "drop",
                    "detailTypes");
            List<String> types = new ArrayList<>();
            if (node.hasNonNull("detailTypes")) {
                array(node.get("detailTypes"), p + ".detailTypes");
                node.get("detailTypes").forEach(t -> types.add(t.asText()));
            }
            return new Scenario.EventFaults(prob(node, "duplicate", p), prob(node, "reorder", p),
                    lng(node, "reorderDelaySeconds", 5, 0, 86_400), prob(node, "delay", p),
                    lng(node, "maxDelaySeconds", 10, 0, 86_400), prob(node, "drop", p), types);
        }

        List<Scenario.ApiFault> apiFaults(JsonNode node) {
            List<Scenario.ApiFault> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            array(node, "apiFaults");
            int i = 0;
            for (JsonNode f : node) {
                String path = "apiFaults[" + i++ + "]";
                object(f, path);
                allowed(f, path + ".", "service", "operation", "error", "code", "status", "message", "probability",
                        "count", "afterCalls");
                String service = req(f, "service", path);
                String operation = str(f, "operation", "*");
                String kind = str(f, "error", "throttle");
                String code;
                int status;
                switch (kind) {
                    case "throttle" -> {
                        code = "batch".equals(service) ? "TooManyRequestsException"
                                : "ec2".equals(service) ? "RequestLimitExceeded" : "ThrottlingException";
                        status = "ec2".equals(service) ? 503 : 429;
                    }
                    case "server" -> {
                        code = "batch".equals(service) ? "ServerException"
                                : "ec2".equals(service) ? "InternalError" : "ServiceUnavailableException";
                        status = 500;
                    }
                    case "custom" -> {
                        code = req(f, "code", path);
                        status = (int) lng(f, "status", 400, 400, 599);
                    }
                    default -> throw error(path + ".error", "expected throttle, server or custom, got '" + kind + "'");
                }
                if (f.hasNonNull("code")) {
                    code = f.get("code").asText();
                }
                if (f.hasNonNull("status")) {
                    status = (int) lng(f, "status", status, 400, 599);
                }
                String message = str(f, "message", status == 429 || "RequestLimitExceeded".equals(code)
                        ? "Too Many Requests" : "An internal error occurred (injected by the scenario).");
                Integer count = f.hasNonNull("count") ? (int) lng(f, "count", 0, 0, Integer.MAX_VALUE) : null;
                out.add(new Scenario.ApiFault(service, operation, code, status, message,
                        f.has("probability") ? prob(f, "probability", path) : 1.0, count,
                        (int) lng(f, "afterCalls", 0, 0, Integer.MAX_VALUE)));
            }
            return out;
        }

        Scenario.Timing timing(JsonNode node) {
            Scenario.Timing d = Scenario.Timing.DEFAULT;
            if (node == null || node.isNull()) {
                return d;
            }
            object(node, "timing");
            allowed(node, "timing.", "computeEnvironmentCreateSeconds", "submittedSeconds", "pendingSeconds",
                    "instanceLaunchSeconds", "startingSeconds", "runSeconds", "submitJobTps");
            long max = 86_400;
            return new Scenario.Timing(
                    lng(node, "computeEnvironmentCreateSeconds", d.computeEnvironmentCreateSeconds(), 0, max),
                    lng(node, "submittedSeconds", d.submittedSeconds(), 0, max),
                    lng(node, "pendingSeconds", d.pendingSeconds(), 0, max),
                    lng(node, "instanceLaunchSeconds", d.instanceLaunchSeconds(), 0, max),
                    lng(node, "startingSeconds", d.startingSeconds(), 0, max),
                    lng(node, "runSeconds", d.runSeconds(), 0, max),
                    (int) lng(node, "submitJobTps", d.submitJobTps(), 1, 1_000_000));
        }

        static final Set<String> THROTTLED_APIS = Set.of("batch", "ec2", "states", "logs", "events", "lambda", "s3",
                "ecr", "sts");
        private static final Pattern RATE_KEY = Pattern.compile("([a-z0-9]+)(:([A-Z][A-Za-z0-9]*))?");

        /** {@code throttling}: false/"off", or {"enabled", "rates"}; {@code timing.submitJobTps} is an alias of rates."batch:SubmitJob". */
        Scenario.Throttling throttling(JsonNode node, JsonNode timingNode) {
            boolean enabled = true;
            Map<String, Scenario.ThrottleRate> rates = new LinkedHashMap<>();
            if (node != null && !node.isNull()) {
                if (node.isBoolean()) {
                    enabled = node.asBoolean();
                } else if (node.isTextual() && node.asText().equals("off")) {
                    enabled = false;
                } else if (node.isObject()) {
                    allowed(node, "throttling.", "enabled", "rates");
                    enabled = bool(node, "enabled", "throttling", true);
                    JsonNode r = node.get("rates");
                    if (r != null && !r.isNull()) {
                        object(r, "throttling.rates");
                        Iterator<Map.Entry<String, JsonNode>> it = r.fields();
                        while (it.hasNext()) {
                            Map.Entry<String, JsonNode> e = it.next();
                            String path = "throttling.rates." + e.getKey();
                            var m = RATE_KEY.matcher(e.getKey());
                            if (!m.matches() || !THROTTLED_APIS.contains(m.group(1))) {
                                throw error(path, "not an API or API:Operation such as \"batch:SubmitJob\" or \"ec2\"; APIs are "
                                        + new java.util.TreeSet<>(THROTTLED_APIS));
                            }
                            rates.put(e.getKey(), rate(e.getValue(), path));
                        }
                    }
                } else {
                    throw error("throttling", "expected false, \"off\" or an object {\"enabled\", \"rates\"}, got " + node);
                }
            }
            if (timingNode != null && timingNode.isObject() && timingNode.hasNonNull("submitJobTps")) {
                double tps = timingNode.get("submitJobTps").asDouble();
                Scenario.ThrottleRate given = rates.get("batch:SubmitJob");
                if (given != null && (given.off() || given.bucketSize() != tps || given.refillPerSecond() != tps)) {
                    throw error("timing.submitJobTps", "is an alias of throttling.rates.\"batch:SubmitJob\"; give one of them, not both");
                }
                rates.put("batch:SubmitJob", new Scenario.ThrottleRate(tps, tps, false));
            }
            return new Scenario.Throttling(enabled, rates);
        }

        Scenario.ThrottleRate rate(JsonNode v, String path) {
            if (v.isTextual() && v.asText().equals("off")) {
                return new Scenario.ThrottleRate(0, 0, true);
            }
            if (v.isNumber()) {
                if (!(v.asDouble() > 0)) {
                    throw error(path, "requests per second must be > 0, got " + v);
                }
                return new Scenario.ThrottleRate(Math.max(1, v.asDouble()), v.asDouble(), false);
            }
            if (v.isObject()) {
                allowed(v, path + ".", "bucketSize", "refillPerSecond");
                JsonNode size = v.get("bucketSize");
                JsonNode refill = v.get("refillPerSecond");
                if (size == null || !size.isNumber() || size.asDouble() < 1) {
                    throw error(path + ".bucketSize", "is required: a number of tokens >= 1, got " + size);
                }
                if (refill == null || !refill.isNumber() || !(refill.asDouble() > 0)) {
                    throw error(path + ".refillPerSecond", "is required: tokens per second > 0, got " + refill);
                }
                return new Scenario.ThrottleRate(size.asDouble(), refill.asDouble(), false);
            }
            throw error(path, "expected requests per second (a number), {\"bucketSize\", \"refillPerSecond\"} or \"off\", got " + v);
        }

        List<Scenario.LambdaFault> lambdaFaults(JsonNode node) {
            List<Scenario.LambdaFault> out = new ArrayList<>();
            if (node == null || node.isNull()) {
                return out;
            }
            array(node, "lambdaFaults");
            int i = 0;
            for (JsonNode f : node) {
                String path = "lambdaFaults[" + i++ + "]";
                object(f, path);
                allowed(f, path + ".", "function", "fault", "probability", "count", "afterCalls");
                String function = req(f, "function", path);
                String fault = f.hasNonNull("fault") ? f.get("fault").asText() : "crashAfterHandler";
                if (!fault.equals("crashAfterHandler")) {
                    throw error(path + ".fault", "expected crashAfterHandler, got '" + fault + "'");
                }
                Integer count = f.hasNonNull("count") ? (int) lng(f, "count", 0, 0, Integer.MAX_VALUE) : null;
                out.add(new Scenario.LambdaFault(function, f.has("probability") ? prob(f, "probability", path) : 1.0, count,
                        (int) lng(f, "afterCalls", 0, 0, Integer.MAX_VALUE)));
            }
            return out;
        }

        // ---------------------------------------------------------------- helpers

        void allowed(JsonNode node, String prefix, String... names) {
            Set<String> ok = Set.of(names);
            Iterator<String> it = node.fieldNames();
            while (it.hasNext()) {
                String n = it.next();
                if (!ok.contains(n)) {
                    throw error(prefix + n, "unknown member; expected one of " + List.of(names));
                }
            }
        }

        void array(JsonNode node, String path) {
            if (node == null || !node.isArray()) {
                throw error(path, "must be a list");
            }
        }

        void object(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                throw error(path, "must be an object");
            }
        }

        String str(JsonNode node, String field, String fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isTextual()) {
                throw error(field, "must be a string, got " + v);
            }
            return v.asText();
        }

        String req(JsonNode node, String field, String path) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || v.asText().isEmpty()) {
                throw error(path + "." + field, "is required (a non-empty string)");
            }
            return v.asText();
        }

        boolean bool(JsonNode node, String field, String path, boolean fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isBoolean()) {
                throw error(path + "." + field, "must be true or false, got " + v);
            }
            return v.asBoolean();
        }

        long lng(JsonNode node, String field, long fallback, long min, long max) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isIntegralNumber()) {
                throw error(field, "must be a whole number, got " + v);
            }
            long n = v.asLong();
            if (n < min || n > max) {
                throw error(field, "must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        }

        double prob(JsonNode node, String field, String path) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return 0;
            }
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
                throw error(path + "." + field, "must be a probability between 0 and 1, got " + v);
            }
            return v.asDouble();
        }
    }
}
