package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.core.StateLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The state of CloudWatch Logs: log groups, their streams and events. The store owns its maps and one
 * lock; every access goes through its methods, which return copies or JSON rows.
 */
final class LogsStore {

    /** One log event. */
    record LogEvent(long timestamp, String message, long ingestionTime, long sequence) {
    }

    /** An event as PutLogEvents brings it. */
    record Entry(long timestamp, String message) {
    }

    /** An event found by {@link #filter}: its stream and the event. */
    record Hit(String stream, LogEvent event) {
    }

    /** What FilterLogEvents found: the hits in time order and the streams searched. */
    record Found(List<Hit> hits, List<String> searched) {
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
    private StateLog log = StateLog.NONE;

    LogsStore(SimClock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ durability (gbo serve --state-dir)

    /**
     * Takes back the groups, streams and events a durable cloud recorded ({@code logs/group/<group>},
     * {@code logs/stream/<group>:<stream>} with one item per event), then records every change from
     * now on in {@code log}.
     */
    void durable(StateLog log, StateLog.Restored restored) {
        locked(() -> {
            for (StateLog.Entry e : restored.under("logs/group/")) {
                String name = e.value().path("name").asText();
                groups.put(name, new Group(name, e.value().path("created").asLong()));
            }
            for (StateLog.Entry e : restored.under("logs/stream/")) {
                JsonNode v = e.value();
                Group g = groups.get(v.path("group").asText());
                if (g == null) {
                    continue;
                }
                Stream s = new Stream(v.path("name").asText(), v.path("created").asLong());
                g.streams.put(s.name, s);
                for (JsonNode ev : e.items()) {
                    long seq = ev.path("s").asLong();
                    s.add(new LogEvent(ev.path("t").asLong(), ev.path("m").asText(), ev.path("i").asLong(), seq));
                    sequence = Math.max(sequence, seq);
                }
            }
            this.log = log;
            return null;
        });
    }

    private Group newGroup(String name, long now) {
        Group g = new Group(name, now);
        if (log.enabled()) {
            log.put("logs/group/" + name, Json.object().put("name", name).put("created", now));
        }
        return g;
    }

    private Stream newStream(Group g, String name, long now) {
        Stream s = new Stream(name, now);
        if (log.enabled()) {
            log.put(streamKey(g.name, name), Json.object().put("group", g.name).put("name", name).put("created", now));
        }
        return s;
    }

    private static String streamKey(String group, String stream) {
        return "logs/stream/" + group + ":" + stream;
    }

    private void add(Group g, Stream s, LogEvent e) {
        s.add(e);
        if (log.enabled()) {
            log.append(streamKey(g.name, s.name), Json.object().put("t", e.timestamp()).put("m", e.message())
                    .put("i", e.ingestionTime()).put("s", e.sequence()));
        }
    }

    /** The log group an input names by {@code logGroupName} or {@code logGroupIdentifier} (a name or an ARN). */
    static String groupName(JsonNode input) {
        String name = Json.text(input, "logGroupName", null);
        if (name == null) {
            String id = Json.text(input, "logGroupIdentifier", null);
            if (id != null) {
                name = id.startsWith("arn:") ? id.substring(id.indexOf(":log-group:") + ":log-group:".length())
                        .replaceAll(":\\*$", "") : id;
            }
        }
        if (name == null || name.isEmpty()) {
            throw LogsService.invalid("Either logGroupName or logGroupIdentifier is required.");
        }
        return name;
    }

    void append(String groupName, String streamName, List<String> lines, long timestamp) {
        locked(() -> {
            long now = clock.millis();
            Group g = groups.computeIfAbsent(groupName, n -> newGroup(n, now));
            Stream s = g.streams.computeIfAbsent(streamName, n -> newStream(g, n, now));
            for (String line : lines) {
                add(g, s, new LogEvent(timestamp, line, now, ++sequence));
            }
            return null;
        });
    }

    List<String> messages(String groupName, String streamName) {
        return locked(() -> {
            Group g = groups.get(groupName);
            Stream s = g == null ? null : g.streams.get(streamName);
            return s == null ? List.<String>of() : s.events.stream().map(LogEvent::message).toList();
        });
    }

    void createGroup(String name) {
        locked(() -> {
            if (groups.containsKey(name)) {
                throw new AwsException("ResourceAlreadyExistsException", 400, "The specified log group already exists");
            }
            return groups.put(name, newGroup(name, clock.millis()));
        });
    }

    void createStream(String group, String name) {
        locked(() -> {
            Group g = group(group);
            if (g.streams.containsKey(name)) {
                throw new AwsException("ResourceAlreadyExistsException", 400, "The specified log stream already exists");
            }
            return g.streams.put(name, newStream(g, name, clock.millis()));
        });
    }

    /** Throws ResourceNotFoundException unless the group (and the stream, when not null) exists. */
    void require(String group, String stream) {
        locked(() -> stream == null ? group(group) : stream(group(group), stream));
    }

    /** Appends PutLogEvents' events; returns the new sequence number. */
    long put(String group, String stream, List<Entry> entries) {
        return locked(() -> {
            Group g = group(group);
            Stream s = stream(g, stream);
            long now = clock.millis();
            for (Entry e : entries) {
                add(g, s, new LogEvent(e.timestamp(), e.message(), now, ++sequence));
            }
            return sequence;
        });
    }

    /** DescribeLogGroups' rows for the groups whose name starts with {@code prefix}. */
    List<ObjectNode> groups(String prefix) {
        return locked(() -> {
            List<ObjectNode> rows = new ArrayList<>();
            for (Group g : groups.values()) {
                if (!g.name.startsWith(prefix)) {
                    continue;
                }
                ObjectNode o = Json.object();
                o.put("logGroupName", g.name);
                o.put("creationTime", g.createdAt);
                o.put("metricFilterCount", 0);
                o.put("arn", groupArn(g.name) + ":*");
                o.put("logGroupArn", groupArn(g.name));
                o.put("storedBytes", g.streams.values().stream().mapToLong(s -> s.storedBytes).sum());
                o.put("logGroupClass", "STANDARD");
                rows.add(o);
            }
            return rows;
        });
    }

    /** DescribeLogStreams' rows, by name or by last event time, optionally descending. */
    List<ObjectNode> streams(String group, String prefix, boolean byLastEventTime, boolean descending) {
        return locked(() -> {
            Group g = group(group);
            List<Stream> all = new ArrayList<>();
            for (Stream s : g.streams.values()) {
                if (prefix == null || s.name.startsWith(prefix)) {
                    all.add(s);
                }
            }
            if (byLastEventTime) {
                all.sort(Comparator.comparingLong(s -> s.events.isEmpty() ? Long.MIN_VALUE
                        : s.events.get(s.events.size() - 1).timestamp()));
            }
            if (descending) {
                Collections.reverse(all);
            }
            List<ObjectNode> rows = new ArrayList<>();
            for (Stream s : all) {
                ObjectNode o = Json.object();
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
                rows.add(o);
            }
            return rows;
        });
    }

    /** A stream's events with {@code start <= timestamp < end}, in order. */
    List<LogEvent> events(String group, String stream, long start, long end) {
        return locked(() -> inRange(stream(group(group), stream).events, start, end));
    }

    /**
     * FilterLogEvents: the events of the named streams (all, or those with the prefix, when none are
     * named) in the time range that match the pattern, by time.
     */
    Found filter(String group, List<String> names, String prefix, long start, long end, FilterPattern pattern) {
        return locked(() -> {
            Group g = group(group);
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
            List<Hit> hits = new ArrayList<>();
            for (Stream s : streams) {
                for (LogEvent e : inRange(s.events, start, end)) {
                    if (pattern.matches(e.message())) {
                        hits.add(new Hit(s.name, e));
                    }
                }
            }
            hits.sort(Comparator.comparingLong((Hit h) -> h.event().timestamp()).thenComparingLong(h -> h.event().sequence()));
            return new Found(hits, streams.stream().map(s -> s.name).toList());
        });
    }

    private Group group(String name) {
        Group g = groups.get(name);
        if (g == null) {
            throw new AwsException("ResourceNotFoundException", 400, "The specified log group does not exist.");
        }
        return g;
    }

    private static Stream stream(Group g, String name) {
        Stream s = g.streams.get(name);
        if (s == null) {
            throw new AwsException("ResourceNotFoundException", 400, "The specified log stream does not exist.");
        }
        return s;
    }

    private static List<LogEvent> inRange(List<LogEvent> events, long start, long end) {
        List<LogEvent> out = new ArrayList<>();
        for (LogEvent e : events) {
            if (e.timestamp() >= start && e.timestamp() < end) {
                out.add(e);
            }
        }
        return out;
    }

    private String groupArn(String name) {
        return "arn:aws:logs:" + region + ":" + accountId + ":log-group:" + name;
    }
}
