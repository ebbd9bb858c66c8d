package dev.gbo.local.durable;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gbo.local.core.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
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
        try (FileChannel in = FileChannel.open(journal, StandardOpenOption.READ)) {
            Map<String, Slot> live = index(new FrameReader(in, header.remaining(), cut), cut, journal);
            try (FileChannel o = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(OUT_BUFFER);
                buffer.put(header.duplicate());
                ByteBuffer frameHeader = ByteBuffer.allocate(Frames.HEADER);
                for (Slot s : live.values()) {
                    if (s.put >= 0) {
                        copy(in, s.put, frameHeader, buffer, o);
                    }
                    for (int i = 0; i < s.addCount; i++) {
                        copy(in, s.adds[i], frameHeader, buffer, o);
                    }
                }
                flush(buffer, o);
                o.force(true);
                return new Result(out, cut, o.size());
            }
        }
    }

    private static Map<String, Slot> index(FrameReader frames, long cut, Path journal) throws IOException {
        Map<String, Slot> live = new LinkedHashMap<>();
        while (frames.position() < cut) {
            long position = frames.position();
            byte[] payload = frames.next();
            if (payload == null) {
                throw new IOException("the journal " + journal + " does not read as whole records at byte " + position
                        + " of the " + cut + " already fsynced");
            }
            long offset = frames.lastOffset();
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

    /** Appends the whole frame at {@code offset} of {@code in} to the buffer, flushing it to {@code out} when full. */
    private static void copy(FileChannel in, long offset, ByteBuffer frameHeader, ByteBuffer buffer, FileChannel out)
            throws IOException {
        frameHeader.clear();
        readFully(in, frameHeader, offset);
        int length = Frames.HEADER + frameHeader.getInt(0);
        if (length > buffer.remaining()) {
            flush(buffer, out);
        }
        if (length > buffer.remaining()) { // larger than the buffer: straight from file to file
            long done = 0;
            while (done < length) {
                done += in.transferTo(offset + done, length - done, out);
            }
            return;
        }
        ByteBuffer frame = buffer.slice(buffer.position(), length);
        readFully(in, frame, offset);
        buffer.position(buffer.position() + length);
    }

    private static void readFully(FileChannel in, ByteBuffer into, long offset) throws IOException {
        while (into.hasRemaining()) {
            if (in.read(into, offset + into.position()) < 0) {
                throw new IOException("the journal ended inside a record at byte " + offset);
            }
        }
    }

    private static void flush(ByteBuffer buffer, FileChannel out) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }
}
