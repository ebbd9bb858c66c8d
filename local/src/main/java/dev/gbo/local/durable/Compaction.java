package dev.gbo.local.durable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gbo.local.core.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running journal's compaction ({@link Journal}): the live records of the journal's first
 * {@code cut} bytes, all of them written and fsynced, are copied verbatim (frames as they are, no
 * value parsed) into a new file, which is fsynced. The journal goes on being appended to meanwhile;
 * its writer then appends what it wrote after {@code cut} to the new file and renames it over the
 * journal ({@link Journal}'s swap), so the writers wait only for that tail.
 *
 * <p>What is live is what a restart would restore: per key its last {@code put} and, in order, every
 * {@code add} since the key's last {@code del}; keys in first-write order (a key written again after a
 * {@code del} counts from that write). The new file replays to exactly the entries the old one
 * replays to.
 */
final class Compaction {

    /** The compacted file ({@code file}, header and live frames, fsynced) of the journal's first {@code cut} bytes. */
    record Result(Path file, long cut, long bytes) {
    }

    /** Where one key's live frames are in the old journal: the last put's offset (-1: none), then its adds'. */
    private static final class Slot {
        long put = -1;
        long[] adds = new long[0];
        int addCount;

        void add(long offset) {
            if (addCount == adds.length) {
                adds = Arrays.copyOf(adds, Math.max(4, addCount * 2));
            }
            adds[addCount++] = offset;
        }
    }

    private static final int OUT_BUFFER = 1 << 20;

    private Compaction() {
    }

    /**
     * Writes the live frames of {@code journal}'s bytes {@code [header, cut)} to {@code out} behind a
     * journal header, and fsyncs it. Fails (and the journal stays as it is) if those bytes do not read
     * as whole frames with matching checksums: they were fsynced, so that is damage, not a torn write.
     */
    static Result liveUpTo(Path journal, long cut, Path out, ByteBuffer header) throws IOException {
        if (cut > Integer.MAX_VALUE) {
            throw new IOException("the journal " + journal + " is " + cut + " bytes, more than a compaction reads (2 GiB)");
        }
        try (FileChannel in = FileChannel.open(journal, StandardOpenOption.READ)) {
            MappedByteBuffer bytes = in.map(FileChannel.MapMode.READ_ONLY, 0, cut);
            bytes.position(header.remaining());
            Map<String, Slot> live = index(bytes, cut, journal);
            try (FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(OUT_BUFFER);
                buffer.put(header.duplicate());
                for (Slot s : live.values()) {
                    if (s.put >= 0) {
                        copy(bytes, s.put, buffer, o);
                    }
                    for (int i = 0; i < s.addCount; i++) {
                        copy(bytes, s.adds[i], buffer, o);
                    }
                }
                flush(buffer, o);
                o.force(true);
                return new Result(out, cut, o.size());
            }
        }
    }

    private static Map<String, Slot> index(ByteBuffer bytes, long cut, Path journal) throws IOException {
        Map<String, Slot> live = new LinkedHashMap<>();
        while (bytes.position() < cut) {
            long offset = bytes.position();
            byte[] payload = Frames.next(bytes);
            if (payload == null) {
                throw new IOException("the journal " + journal + " does not read as whole records at byte " + offset
                        + " of the " + cut + " already fsynced");
            }
            String op = null;
            String key = null;
            try (JsonParser p = Json.MAPPER.getFactory().createParser(payload)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("a record at byte " + offset + " of " + journal + " is not a JSON object");
                }
                while ((op == null || key == null) && p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "o" -> op = p.getText();
                        case "k" -> key = p.getText();
                        default -> p.skipChildren();
                    }
                }
            }
            if (op == null || key == null) {
                throw new IOException("a record at byte " + offset + " of " + journal + " has no kind or key");
            }
            switch (op) {
                case "put" -> live.computeIfAbsent(key, k -> new Slot()).put = offset;
                case "add" -> live.computeIfAbsent(key, k -> new Slot()).add(offset);
                case "del" -> live.remove(key);
                default -> throw new IOException("a record at byte " + offset + " of " + journal + " is of unknown kind " + op);
            }
        }
        return live;
    }

    /** Appends the whole frame at {@code offset} of {@code from} to the buffer, flushing it to {@code out} when full. */
    private static void copy(ByteBuffer from, long offset, ByteBuffer buffer, FileChannel out) throws IOException {
        int at = (int) offset;
        int length = Frames.HEADER + from.getInt(at);
        ByteBuffer frame = from.slice(at, length);
        if (frame.remaining() > buffer.remaining()) {
            flush(buffer, out);
        }
        if (frame.remaining() > buffer.remaining()) {
            while (frame.hasRemaining()) {
                out.write(frame); // larger than the buffer: written on its own
            }
            return;
        }
        buffer.put(frame);
    }

    private static void flush(ByteBuffer buffer, FileChannel out) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }
}
