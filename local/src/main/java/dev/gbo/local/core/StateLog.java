package dev.gbo.local.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a store records its changes when the local cloud is durable ({@code gbo serve --state-dir}).
 * A store calls it under its own lock, right where it changes its state, so the log's order is the
 * order of the changes. Keys are {@code "<api>/<kind>/<id>"}; a value is the whole new state of that
 * entity ({@link #put}), or an item added to the entity's list ({@link #append}: history events, log
 * events), or its removal ({@link #remove}). The log takes a copy (it serializes at once), so callers
 * may go on changing the node.
 *
 * <p>In memory (the default) this is {@link #NONE}: nothing is written and the calls cost nothing.
 */
public interface StateLog {

    /** Records nothing: the in-memory local cloud. */
    StateLog NONE = new StateLog() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void put(String key, JsonNode value) {
        }

        @Override
        public void append(String key, JsonNode item) {
        }

        @Override
        public void remove(String key) {
        }
    };

    /** Whether changes are recorded (callers may skip building values when not). */
    boolean enabled();

    /** The entity's whole new state. */
    void put(String key, JsonNode value);

    /** One more item of the entity's list. */
    void append(String key, JsonNode item);

    /** The entity is gone, with its list. */
    void remove(String key);

    /** One entity as restored: its last value (null when only items were appended) and its items in order. */
    record Entry(String key, JsonNode value, List<JsonNode> items) {
    }

    /** What a durable local cloud found in its state directory at start: every live entity, in first-write order. */
    final class Restored {
        public static final Restored EMPTY = new Restored(new LinkedHashMap<>(), 0);

        private final Map<String, Entry> entries;
        private final long generation;

        public Restored(Map<String, Entry> entries, long generation) {
            this.entries = entries;
            this.generation = generation;
        }

        /**
         * How many times this state has been opened, this time included (1 for a new state directory, 0 in
         * memory): mixed into identifiers a run draws from counters or the seeded random, so a restarted
         * cloud never hands out an identifier its earlier runs handed out.
         */
        public long generation() {
            return generation;
        }

        public boolean isEmpty() {
            return entries.isEmpty();
        }

        public int size() {
            return entries.size();
        }

        /** The entity under this exact key, or null. */
        public Entry get(String key) {
            return entries.get(key);
        }

        /** The entities whose key starts with {@code prefix}, in first-write order. */
        public List<Entry> under(String prefix) {
            List<Entry> out = new ArrayList<>();
            for (Entry e : entries.values()) {
                if (e.key().startsWith(prefix)) {
                    out.add(e);
                }
            }
            return out;
        }
    }
}
