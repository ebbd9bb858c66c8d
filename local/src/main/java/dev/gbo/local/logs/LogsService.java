package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.SimClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * CloudWatch Logs (AWS JSON 1.1, {@code Logs_20140328.*}): CreateLogGroup, CreateLogStream,
 * PutLogEvents, DescribeLogGroups, DescribeLogStreams, GetLogEvents, FilterLogEvents. The Batch
 * fleet writes job output in process through {@link #append}.
 */
public final class LogsService implements AwsService {

    private static final Pattern GROUP_NAME = Pattern.compile("[\\.\\-_/#A-Za-z0-9]{1,512}");
    private static final Pattern STREAM_NAME = Pattern.compile("[^:*]{1,512}");

    /** One log event. */
    public record LogEvent(long timestamp, String message, long ingestionTime, long sequence) {
    }

    private static final class Stream {
        final String name;
        final long createdAt;
        final List<LogEvent> events = new ArrayList<>();
        long storedBytes;

        Stream(String name, long createdAt) {
            this.name = name;
            this.createdAt = createdAt;
        }

        void add(LogEvent e) {
            int i = events.size();
            while (i > 0 && events.get(i - 1).timestamp() > e.timestamp()) {
                i--; // keep timestamp order; appends are nearly always at the end
            }
            events.add(i, e);
            storedBytes += e.message().getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private static final class Group {
        final String name;
        final long createdAt;
        final TreeMap<String, Stream> streams = new TreeMap<>();
        Integer retentionInDays;

        Group(String name, long createdAt) {
            this.name = name;
            this.createdAt = createdAt;
        }
    }

    private final SimClock clock;
    private final String region;
    private final String accountId;
    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<String, Group> groups = new TreeMap<>();
    private long sequence;

    public LogsService(SimClock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    @Override
    public String signingName() {
        return "logs";
    }

    @Override
    public String targetPrefix() {
        return "Logs_20140328";
    }

    @Override
    public JsonNode call(String operation, JsonNode input, RequestContext context) {
        lock.lock();
        try {
            return switch (operation) {
                case "CreateLogGroup" -> createLogGroup(input);
                case "CreateLogStream" -> createLogStream(input);
                case "PutLogEvents" -> putLogEvents(input);
                case "DescribeLogGroups" -> describeLogGroups(input);
                case "DescribeLogStreams" -> describeLogStreams(input);
                case "GetLogEvents" -> getLogEvents(input);
                case "FilterLogEvents" -> filterLogEvents(input);
                default -> throw AwsService.unknownOperation("CloudWatch Logs", operation);
            };
        } finally {
            lock.unlock();
        }
    }

    /** In-process append (the Batch fleet's job output); creates the group and stream when missing. */
    public void append(String groupName, String streamName, List<String> lines, long timestamp) {
        lock.lock();
        try {
            long now = clock.millis();
            Group g = groups.computeIfAbsent(groupName, n -> new Group(n, now));
            Stream s = g.streams.computeIfAbsent(streamName, n -> new Stream(n, now));
            for (String line : lines) {
                s.add(new LogEvent(timestamp, line, now, ++sequence));
            }
        } finally {
            lock.unlock();
        }
    }

    /** In-process read of a stream's messages (tests, the CLI); empty when it does not exist. */
    public List<String> messages(String groupName, String streamName) {
        lock.lock();
        try {
            Group g = groups.get(groupName);
            Stream s = g == null ? null : g.streams.get(streamName);
            return s == null ? List.of() : s.events.stream().map(LogEvent::message).toList();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ operations

    private JsonNode createLogGroup(JsonNode input) {
        String name = Json.requireText(input, "logGroupName", "InvalidParameterException");
        if (!GROUP_NAME.matcher(name).matches()) {
            throw invalid("1 validation error detected: Value '" + name + "' at 'logGroupName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
        if (groups.containsKey(name)) {
            throw new AwsException("ResourceAlreadyExistsException", 400, "The specified log group already exists");
        }
        groups.put(name, new Group(name, clock.millis()));
        return Json.object();
    }

    private JsonNode createLogStream(JsonNode input) {
        Group g = group(input);
        String name = Json.requireText(input, "logStreamName", "InvalidParameterException");
        if (!STREAM_NAME.matcher(name).matches()) {
            throw invalid("1 validation error detected: Value '" + name + "' at 'logStreamName' failed to satisfy "
                    + "constraint: Member must satisfy regular expression pattern: [^:*]*");
        }
        if (g.streams.containsKey(name)) {
            throw new AwsException("ResourceAlreadyExistsException", 400, "The specified log stream already exists");
        }
        g.streams.put(name, new Stream(name, clock.millis()));
        return Json.object();
    }

    private JsonNode putLogEvents(JsonNode input) {
        Stream s = stream(group(input), input);
        JsonNode events = input.get("logEvents");
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw invalid("1 validation error detected: Value at 'logEvents' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        }
        if (events.size() > 10_000) {
            throw invalid("The batch of log events exceeds 10,000 events.");
        }
        long bytes = 0;
        long previous = Long.MIN_VALUE;
        for (JsonNode e : events) {
            if (!e.has("timestamp") || !e.has("message")) {
                throw invalid("Each log event needs a timestamp and a message.");
            }
            long t = e.get("timestamp").asLong();
            if (t < previous) {
                throw invalid("Log events in a single PutLogEvents request must be in chronological order.");
            }
            previous = t;
            bytes += e.get("message").asText().getBytes(StandardCharsets.UTF_8).length + 26;
        }
        if (bytes > 1_048_576) {
            throw invalid("The batch of log events is larger than 1,048,576 bytes.");
        }
        long now = clock.millis();
        for (JsonNode e : events) {
            s.add(new LogEvent(e.get("timestamp").asLong(), e.get("message").asText(), now, ++sequence));
        }
        ObjectNode out = Json.object();
        out.put("nextSequenceToken", String.format("%056d", sequence));
        return out;
    }

    private JsonNode describeLogGroups(JsonNode input) {
        String prefix = Json.text(input, "logGroupNamePrefix", "");
        int limit = limit(input, 50, 50);
        List<Group> all = new ArrayList<>();
        for (Group g : groups.values()) {
            if (g.name.startsWith(prefix)) {
                all.add(g);
            }
        }
        int from = offset(input, all.size());
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("logGroups");
        int to = Math.min(all.size(), from + limit);
        for (Group g : all.subList(from, to)) {
            ObjectNode o = arr.addObject();
            o.put("logGroupName", g.name);
            o.put("creationTime", g.createdAt);
            o.put("metricFilterCount", 0);
            o.put("arn", groupArn(g.name) + ":*");
            o.put("logGroupArn", groupArn(g.name));
            long stored = g.streams.values().stream().mapToLong(s -> s.storedBytes).sum();
            o.put("storedBytes", stored);
            o.put("logGroupClass", "STANDARD");
        }
        if (to < all.size()) {
            out.put("nextToken", token(to));
        }
        return out;
    }

    private JsonNode describeLogStreams(JsonNode input) {
        Group g = group(input);
        String prefix = Json.text(input, "logStreamNamePrefix", null);
        String orderBy = Json.text(input, "orderBy", "LogStreamName");
        boolean descending = input.path("descending").asBoolean(false);
        if (!"LogStreamName".equals(orderBy) && !"LastEventTime".equals(orderBy)) {
            throw invalid("1 validation error detected: Value '" + orderBy + "' at 'orderBy' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        if (prefix != null && "LastEventTime".equals(orderBy)) {
            throw invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        int limit = limit(input, 50, 50);
        List<Stream> all = new ArrayList<>();
        for (Stream s : g.streams.values()) {
            if (prefix == null || s.name.startsWith(prefix)) {
                all.add(s);
            }
        }
        if ("LastEventTime".equals(orderBy)) {
            all.sort(Comparator.comparingLong(s -> s.events.isEmpty() ? Long.MIN_VALUE
                    : s.events.get(s.events.size() - 1).timestamp()));
        }
        if (descending) {
            java.util.Collections.reverse(all);
        }
        int from = offset(input, all.size());
        int to = Math.min(all.size(), from + limit);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("logStreams");
        for (Stream s : all.subList(from, to)) {
            ObjectNode o = arr.addObject();
            o.put("logStreamName", s.name);
            o.put("creationTime", s.createdAt);
            if (!s.events.isEmpty()) {
                o.put("firstEventTimestamp", s.events.get(0).timestamp());
                o.put("lastEventTimestamp", s.events.get(s.events.size() - 1).timestamp());
                o.put("lastIngestionTime", s.events.stream().mapToLong(LogEvent::ingestionTime).max().orElse(0));
            }
            o.put("uploadSequenceToken", String.format("%056d", sequence));
            o.put("arn", groupArn(g.name) + ":log-stream:" + s.name);
            o.put("storedBytes", 0);
        }
        if (to < all.size()) {
            out.put("nextToken", token(to));
        }
        return out;
    }

    private JsonNode getLogEvents(JsonNode input) {
        Group g = group(input);
        Stream s = stream(g, input);
        List<LogEvent> events = inRange(s.events, input);
        int limit = limit(input, 10_000, 10_000);
        boolean fromHead = input.path("startFromHead").asBoolean(false);
        String token = Json.text(input, "nextToken", null);
        int from;
        int to;
        if (token != null) {
            int index = parseEventToken(token, events.size());
            if (token.startsWith("f/")) {
                from = index;
                to = Math.min(events.size(), from + limit);
            } else {
                to = index;
                from = Math.max(0, to - limit);
            }
        } else if (fromHead) {
            from = 0;
            to = Math.min(events.size(), limit);
        } else {
            to = events.size();
            from = Math.max(0, to - limit);
        }
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("events");
        for (LogEvent e : events.subList(from, to)) {
            ObjectNode o = arr.addObject();
            o.put("timestamp", e.timestamp());
            o.put("message", e.message());
            o.put("ingestionTime", e.ingestionTime());
        }
        out.put("nextForwardToken", String.format("f/%036d", to));
        out.put("nextBackwardToken", String.format("b/%036d", from));
        return out;
    }

    private JsonNode filterLogEvents(JsonNode input) {
        Group g = group(input);
        List<String> names = new ArrayList<>();
        JsonNode sn = input.get("logStreamNames");
        if (sn != null && sn.isArray()) {
            sn.forEach(n -> names.add(n.asText()));
        }
        String prefix = Json.text(input, "logStreamNamePrefix", null);
        if (!names.isEmpty() && prefix != null) {
            throw invalid("You cannot specify both logStreamNames and logStreamNamePrefix.");
        }
        FilterPattern pattern = FilterPattern.parse(Json.text(input, "filterPattern", ""));
        int limit = limit(input, 10_000, 10_000);
        List<Stream> streams = new ArrayList<>();
        for (String n : names) {
            Stream s = g.streams.get(n);
            if (s == null) {
                throw new AwsException("ResourceNotFoundException", 400, "The specified log stream does not exist.");
            }
            streams.add(s);
        }
        if (names.isEmpty()) {
            for (Stream s : g.streams.values()) {
                if (prefix == null || s.name.startsWith(prefix)) {
                    streams.add(s);
                }
            }
        }
        record Hit(Stream stream, LogEvent event) {
        }
        List<Hit> hits = new ArrayList<>();
        for (Stream s : streams) {
            for (LogEvent e : inRange(s.events, input)) {
                if (pattern.matches(e.message())) {
                    hits.add(new Hit(s, e));
                }
            }
        }
        hits.sort(Comparator.comparingLong((Hit h) -> h.event().timestamp()).thenComparingLong(h -> h.event().sequence()));
        int from = offset(input, hits.size());
        int to = Math.min(hits.size(), from + limit);
        ObjectNode out = Json.object();
        ArrayNode arr = out.putArray("events");
        for (Hit h : hits.subList(from, to)) {
            ObjectNode o = arr.addObject();
            o.put("logStreamName", h.stream().name);
            o.put("timestamp", h.event().timestamp());
            o.put("message", h.event().message());
            o.put("ingestionTime", h.event().ingestionTime());
            o.put("eventId", String.format("%056d", h.event().sequence()));
        }
        ArrayNode searched = out.putArray("searchedLogStreams");
        for (Stream s : streams) {
            ObjectNode o = searched.addObject();
            o.put("logStreamName", s.name);
            o.put("searchedCompletely", true);
        }
        if (to < hits.size()) {
            out.put("nextToken", token(to));
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private Group group(JsonNode input) {
        String name = Json.text(input, "logGroupName", null);
        if (name == null) {
            String id = Json.text(input, "logGroupIdentifier", null);
            if (id != null) {
                name = id.startsWith("arn:") ? id.substring(id.indexOf(":log-group:") + ":log-group:".length())
                        .replaceAll(":\\*$", "") : id;
            }
        }
        if (name == null || name.isEmpty()) {
            throw invalid("Either logGroupName or logGroupIdentifier is required.");
        }
        Group g = groups.get(name);
        if (g == null) {
            throw new AwsException("ResourceNotFoundException", 400, "The specified log group does not exist.");
        }
        return g;
    }

    private static Stream stream(Group g, JsonNode input) {
        String name = Json.requireText(input, "logStreamName", "InvalidParameterException");
        Stream s = g.streams.get(name);
        if (s == null) {
            throw new AwsException("ResourceNotFoundException", 400, "The specified log stream does not exist.");
        }
        return s;
    }

    private static List<LogEvent> inRange(List<LogEvent> events, JsonNode input) {
        long start = input.hasNonNull("startTime") ? input.get("startTime").asLong() : Long.MIN_VALUE;
        long end = input.hasNonNull("endTime") ? input.get("endTime").asLong() : Long.MAX_VALUE;
        if (start == Long.MIN_VALUE && end == Long.MAX_VALUE) {
            return events;
        }
        List<LogEvent> out = new ArrayList<>();
        for (LogEvent e : events) {
            if (e.timestamp() >= start && e.timestamp() < end) {
                out.add(e);
            }
        }
        return out;
    }

    private static int limit(JsonNode input, int fallback, int max) {
        if (!input.hasNonNull("limit")) {
            return fallback;
        }
        int l = input.get("limit").asInt();
        if (l < 1 || l > max) {
            throw invalid("1 validation error detected: Value '" + l + "' at 'limit' failed to satisfy constraint: "
                    + "Member must have value between 1 and " + max);
        }
        return l;
    }

    private static int offset(JsonNode input, int size) {
        String token = Json.text(input, "nextToken", null);
        if (token == null) {
            return 0;
        }
        if (token.startsWith("n/")) {
            try {
                int i = Integer.parseInt(token.substring(2));
                if (i >= 0 && i <= size) {
                    return i;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw invalid("The specified nextToken is invalid.");
    }

    private static String token(int offset) {
        return "n/" + offset;
    }

    private static int parseEventToken(String token, int size) {
        if (token.startsWith("f/") || token.startsWith("b/")) {
            try {
                long i = Long.parseLong(token.substring(2));
                return (int) Math.max(0, Math.min(size, i));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw invalid("The specified nextToken is invalid.");
    }

    private String groupArn(String name) {
        return "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + name;
    }

    private static AwsException invalid(String message) {
        return new AwsException("InvalidParameterException", 400, message);
    }

    /** CloudWatch Logs filter patterns: terms (all must occur), "quoted phrases", ?any-of terms, -excluded terms. */
    public record FilterPattern(List<String> required, List<String> anyOf, List<String> excluded) {
        public static FilterPattern parse(String text) {
            List<String> req = new ArrayList<>();
            List<String> any = new ArrayList<>();
            List<String> exc = new ArrayList<>();
            String t = text.trim();
            if (t.startsWith("{") || t.startsWith("[")) {
                throw new AwsException("InvalidParameterException", 400,
                        "The local cloud supports plain terms, \"quoted phrases\", ?alternatives and -exclusions in "
                                + "filterPattern; JSON and space-delimited patterns are not supported: " + text);
            }
            int i = 0;
            while (i < t.length()) {
                char c = t.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                    continue;
                }
                List<String> target = req;
                if (c == '?') {
                    target = any;
                    i++;
                } else if (c == '-') {
                    target = exc;
                    i++;
                }
                if (i < t.length() && t.charAt(i) == '"') {
                    StringBuilder phrase = new StringBuilder();
                    int j = i + 1;
                    boolean closed = false;
                    while (j < t.length()) {
                        char ch = t.charAt(j);
                        if (ch == '\\' && j + 1 < t.length()) {
                            phrase.append(t.charAt(j + 1));
                            j += 2;
                        } else if (ch == '"') {
                            closed = true;
                            break;
                        } else {
                            phrase.append(ch);
                            j++;
                        }
                    }
                    if (!closed) {
                        throw new AwsException("InvalidParameterException", 400,
                                "Invalid filter pattern: unbalanced quote in " + text);
                    }
                    target.add(phrase.toString());
                    i = j + 1;
                } else {
                    int end = i;
                    while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
                        end++;
                    }
                    if (end > i) {
                        target.add(t.substring(i, end));
                    }
                    i = end;
                }
            }
            return new FilterPattern(req, any, exc);
        }

        public boolean matches(String message) {
            for (String r : required) {
                if (!message.contains(r)) {
                    return false;
                }
            }
            for (String e : excluded) {
                if (message.contains(e)) {
                    return false;
                }
            }
            if (anyOf.isEmpty()) {
                return true;
            }
            for (String a : anyOf) {
                if (message.contains(a)) {
                    return true;
                }
            }
            return false;
        }
    }
}
