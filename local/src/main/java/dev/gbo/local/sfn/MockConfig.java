package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step Functions Local's mock configuration ({@code MockConfigFile.json}):
 * <pre>
 * { "StateMachines": { "&lt;state machine name&gt;": { "TestCases": { "&lt;case&gt;": { "&lt;state&gt;": "&lt;response&gt;" } } } },
 *   "MockedResponses": { "&lt;response&gt;": { "0": {"Return": ...}, "1-3": {"Throw": {"Error": "...", "Cause": "..."}} } } }
 * </pre>
 * Attempt ranges start at 0 and are contiguous; attempts beyond the last range get the last
 * response.
 */
final class MockConfig {

    /** One mocked response: a raw integration result, or a task failure. */
    record Response(JsonNode returned, String error, String cause) {
        boolean throwsError() {
            return returned == null;
        }
    }

    private record Range(int from, int to, Response response) {
    }

    static final MockConfig EMPTY = new MockConfig(Map.of(), Map.of());

    /** machine -> case -> state -> response name. */
    private final Map<String, Map<String, Map<String, String>>> cases;
    private final Map<String, List<Range>> responses;

    private MockConfig(Map<String, Map<String, Map<String, String>>> cases, Map<String, List<Range>> responses) {
        this.cases = cases;
        this.responses = responses;
    }

    static MockConfig load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the Step Functions mock config " + file + ": " + e.getMessage(), e);
        }
    }

    static MockConfig parse(String text, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("The Step Functions mock config " + source + " is not valid JSON: " + e.getMessage());
        }
        Map<String, List<Range>> responses = new HashMap<>();
        JsonNode mr = root.path("MockedResponses");
        for (Map.Entry<String, JsonNode> e : mr.properties()) {
            List<Range> ranges = new ArrayList<>();
            int expected = 0;
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(e.getValue().properties());
            entries.sort((a, b) -> Integer.compare(start(a.getKey(), source, e.getKey()), start(b.getKey(), source, e.getKey())));
            for (Map.Entry<String, JsonNode> r : entries) {
                String key = r.getKey();
                int from = start(key, source, e.getKey());
                int to = key.contains("-") ? Integer.parseInt(key.substring(key.indexOf('-') + 1).trim()) : from;
                if (from != expected || to < from) {
                    throw new IllegalArgumentException("Mocked response '" + e.getKey() + "' in " + source
                            + ": attempt ranges must start at 0 and be contiguous; found '" + key + "' where attempt "
                            + expected + " was expected");
                }
                expected = to + 1;
                JsonNode v = r.getValue();
                Response resp;
                if (v.has("Return")) {
                    resp = new Response(v.get("Return"), null, null);
                } else if (v.has("Throw")) {
                    JsonNode t = v.get("Throw");
                    resp = new Response(null, t.path("Error").asText(null), t.path("Cause").asText(null));
                } else {
                    throw new IllegalArgumentException("Mocked response '" + e.getKey() + "' attempt '" + key + "' in "
                            + source + " needs \"Return\" or \"Throw\"");
                }
                ranges.add(new Range(from, to, resp));
            }
            responses.put(e.getKey(), List.copyOf(ranges));
        }
        Map<String, Map<String, Map<String, String>>> cases = new HashMap<>();
        for (Map.Entry<String, JsonNode> sm : root.path("StateMachines").properties()) {
            Map<String, Map<String, String>> byCase = new HashMap<>();
            for (Map.Entry<String, JsonNode> tc : sm.getValue().path("TestCases").properties()) {
                Map<String, String> states = new HashMap<>();
                for (Map.Entry<String, JsonNode> st : tc.getValue().properties()) {
                    String resp = st.getValue().asText();
                    if (!responses.containsKey(resp)) {
                        throw new IllegalArgumentException("Test case '" + tc.getKey() + "' of state machine '" + sm.getKey()
                                + "' in " + source + " names the mocked response '" + resp + "', which MockedResponses does not define");
                    }
                    states.put(st.getKey(), resp);
                }
                byCase.put(tc.getKey(), Map.copyOf(states));
            }
            cases.put(sm.getKey(), Map.copyOf(byCase));
        }
        return new MockConfig(Map.copyOf(cases), Map.copyOf(responses));
    }

    private static int start(String key, String source, String name) {
        try {
            String s = key.contains("-") ? key.substring(0, key.indexOf('-')) : key;
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Mocked response '" + name + "' in " + source + ": '" + key
                    + "' is not an attempt number or range like \"0\" or \"1-3\"");
        }
    }

    boolean hasCase(String machine, String testCase) {
        return cases.getOrDefault(machine, Map.of()).containsKey(testCase);
    }

    /** The mocked response for this state and attempt, or null when the state is not mocked. */
    Response lookup(String machine, String testCase, String state, int attempt) {
        if (testCase == null) {
            return null;
        }
        String name = cases.getOrDefault(machine, Map.of()).getOrDefault(testCase, Map.of()).get(state);
        if (name == null) {
            return null;
        }
        List<Range> ranges = responses.get(name);
        for (Range r : ranges) {
            if (attempt >= r.from && attempt <= r.to) {
                return r.response;
            }
        }
        return ranges.get(ranges.size() - 1).response;
    }
}
