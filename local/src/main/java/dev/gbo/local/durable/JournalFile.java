package dev.gbo.local.durable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.StateLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The journal file of {@link Journal}: its header and records, reading it back at open (up to a torn
 * tail), the compaction at open, and the file-system steps (atomic rename, directory fsync) that both
 * compactions share.
 */
final class JournalFile {

    static final int FILE_HEADER = Journal.MAGIC.length + 4;

    private JournalFile() {
    }

    // ------------------------------------------------------------------ reading and compaction

    record Read(Map<String, StateLog.Entry> entries, long tornBytes) {
    }

    static Read read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return new Read(new LinkedHashMap<>(), 0);
            }
            if (size < FILE_HEADER) {
                throw incompatible(file, "it is too short to hold a gbo state header");
            }
            ByteBuffer head = ByteBuffer.allocate(FILE_HEADER);
            while (head.hasRemaining() && ch.read(head, head.position()) >= 0) {
                // read the header
            }
            head.flip();
            byte[] magic = new byte[Journal.MAGIC.length];
            head.get(magic);
            int format = head.getInt();
            if (!Arrays.equals(magic, Journal.MAGIC)) {
                throw incompatible(file, "it is not a gbo state journal");
            }
            if (format != Journal.FORMAT) {
                throw incompatible(file, "it was written in state format " + format + ", and this gbo reads format " + Journal.FORMAT);
            }
            Map<String, MutableEntry> live = new LinkedHashMap<>();
            FrameReader in = new FrameReader(ch, FILE_HEADER, size);
            byte[] payload;
            while ((payload = in.next()) != null) {
                apply(live, payload, file);
            }
            long torn = size - in.position();
            if (torn > 0) {
                System.err.println("[gbo-journal] " + file + ": cut off a torn tail of " + torn
                        + " bytes (a write the last run never acknowledged)");
            }
            Map<String, StateLog.Entry> out = new LinkedHashMap<>();
            live.forEach((k, e) -> out.put(k, new StateLog.Entry(k, e.value, List.copyOf(e.items))));
            return new Read(out, torn);
        }
    }

    static final class MutableEntry {
        JsonNode value;
        final List<JsonNode> items = new ArrayList<>();
    }

    static void apply(Map<String, MutableEntry> live, byte[] payload, Path file) {
        JsonNode r;
        try {
            r = Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            throw incompatible(file, "a record with a valid checksum is not JSON (" + e.getMessage() + ")");
        }
        String key = r.path("k").asText();
        switch (r.path("o").asText()) {
            case "put" -> live.computeIfAbsent(key, k -> new MutableEntry()).value = r.get("v");
            case "add" -> live.computeIfAbsent(key, k -> new MutableEntry()).items.add(r.get("v"));
            case "del" -> live.remove(key);
            default -> throw incompatible(file, "it holds a record of unknown kind '" + r.path("o").asText() + "'");
        }
    }

    static IllegalStateException incompatible(Path file, String why) {
        return new IllegalStateException("the state directory " + file.getParent() + " cannot be used: " + why
                + ". Start with an empty --state-dir, or use the gbo version that wrote it.");
    }

    /** Writes the live entities to a new journal and moves it over the old one (fsync, rename, fsync dir). */
    static void compact(Path file, Map<String, StateLog.Entry> entries) throws IOException {
        Path tmp = file.resolveSibling(Journal.FILE + ".compact");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            List<ByteBuffer> chunk = new ArrayList<>();
            chunk.add(header());
            long bytes = 0;
            for (StateLog.Entry e : entries.values()) {
                if (e.value() != null) {
                    byte[] f = Frames.frame(record("put", e.key(), e.value()));
                    chunk.add(ByteBuffer.wrap(f));
                    bytes += f.length;
                }
                for (JsonNode item : e.items()) {
                    byte[] f = Frames.frame(record("add", e.key(), item));
                    chunk.add(ByteBuffer.wrap(f));
                    bytes += f.length;
                }
                if (bytes > 4 << 20) {
                    writeAll(out, chunk);
                    chunk.clear();
                    bytes = 0;
                }
            }
            writeAll(out, chunk);
            out.force(true);
        }
        move(tmp, file);
        forceDirectory(file.getParent());
    }

    static void writeAll(FileChannel out, List<ByteBuffer> chunk) throws IOException {
        ByteBuffer[] buffers = chunk.toArray(ByteBuffer[]::new);
        while (hasRemaining(buffers)) {
            out.write(buffers);
        }
    }

    static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can fsync a directory (Windows); the rename is still atomic there
        }
    }

    static void closeQuietly(FileChannel c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing
        }
    }

    static byte[] record(String op, String key, JsonNode value) {
        ObjectNode r = Json.object();
        r.put("o", op);
        r.put("k", key);
        if (value != null) {
            r.set("v", value);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the state record " + key + ": " + e, e);
        }
    }

    static ByteBuffer header() {
        return ByteBuffer.allocate(FILE_HEADER).put(Journal.MAGIC).putInt(Journal.FORMAT).flip();
    }

    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // compacted again over it at the next start
        }
    }

    static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

}
