package dev.gbo.local.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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

    /** Reads the top-level members in order and hands each section to its reader. */
    private static final class Reader extends ScenarioFields {
        private final TopologyReader topology;
        private final FaultReader faults;
        private final ThrottlingReader pacing;

        Reader(String source) {
            super(source);
            this.topology = new TopologyReader(source);
            this.faults = new FaultReader(source);
            this.pacing = new ThrottlingReader(source);
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
            List<Scenario.Zone> zones = topology.zones(root.get("zones"), region);
            Set<String> zoneNames = new LinkedHashSet<>();
            zones.forEach(z -> zoneNames.add(z.name()));
            List<Scenario.Subnet> subnets = topology.subnets(root.get("subnets"), zones, zoneNames);
            Map<String, List<String>> offerings = topology.offerings(root.get("offerings"), zoneNames);
            List<String> accepted = root.has("batchAcceptedFamilies")
                    ? topology.families(root.get("batchAcceptedFamilies"), "batchAcceptedFamilies")
                    : Scenario.DEFAULT_FAMILIES;
            Map<String, Scenario.Capacity> capacity = topology.capacity(root.get("capacity"));
            List<Scenario.ComputeEnvironmentFault> ceFaults = faults.ceFaults(root.get("computeEnvironmentFaults"));
            List<Scenario.JobBehaviour> jobs = faults.jobs(root.get("jobs"));
            Scenario.EventFaults eventFaults = faults.eventFaults(root.get("eventFaults"));
            List<Scenario.ApiFault> apiFaults = faults.apiFaults(root.get("apiFaults"));
            Scenario.Timing timing = pacing.timing(root.get("timing"));
            Scenario.Throttling throttling = pacing.throttling(root.get("throttling"), root.get("timing"));
            List<Scenario.LambdaFault> lambdaFaults = faults.lambdaFaults(root.get("lambdaFaults"));
            return new Scenario(name, description, seed, start, region, zones, subnets, offerings, accepted,
                    capacity, ceFaults, jobs, eventFaults, apiFaults, timing, throttling, lambdaFaults);
        }
    }
}
