package dev.gbo.local.durable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.StateLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
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
import java.util.function.LongSupplier;

/**
 * The durable local cloud's state directory: one append-only journal of store-level changes
 * ({@link StateLog}), with group commit.
 *
 * <ul>
 *   <li>File {@value #FILE}: an 8-byte magic {@code GBOSTATE}, a 4-byte format version, then frames
 *       ({@link Frames}: length, CRC32C, payload). A payload is one JSON record
 *       {@code {"o":"put"|"add"|"del","k":key,"v":value}}.</li>
 *   <li>A store's call ({@link #put}, {@link #append}, {@link #remove}) serializes the record at once
 *       and queues it; one writer thread writes what is queued and calls {@code FileChannel.force}
 *       (fsync), then wakes whoever waits in {@link #awaitDurable()}. Many changes share one fsync
 *       (group commit). Each batch starts with the clock's time at that moment ({@code "clock"}), so
 *       the time persisted is never behind a change persisted.</li>
 *   <li>{@link #awaitDurable()}: returns once every record queued before the call is on disk. The
 *       endpoint calls it before it answers a request, so nothing acknowledged can be lost.</li>
 *   <li>At open the journal is read up to its first torn or corrupt frame (only an unacknowledged tail
 *       can be torn) and compacted: the live entities are written to a new file, fsynced, and moved
 *       over the old one atomically, so the journal never holds more than one run of history.</li>
 *   <li>{@value #LOCK} is held with an OS file lock while the journal is open: a second
 *       {@code gbo serve} on the same directory is refused.</li>
 * </ul>
 */
public final class Journal implements StateLog, AutoCloseable {

    public static final String FILE = "state.journal";
    public static final String LOCK = "state.lock";
    static final byte[] MAGIC = "GBOSTATE".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT = 1;
    private static final int FILE_HEADER = MAGIC.length + 4;
    /** The key of the run counter ({@link StateLog.Restored#generation()}). */
    static final String GENERATION = "cloud/generation";

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel channel;
    private final StateLog.Restored restored;
    private final long tornBytes;

    private final Object monitor = new Object();
    private List<byte[]> queued = new ArrayList<>();
    private long appended; // records queued so far
    private long durable; // records fsynced so far
    private long fsyncs;
    private IOException failure;
    private boolean closed;
    private volatile LongSupplier clock = () -> -1;
    private long lastClockWritten = Long.MIN_VALUE;
    private final Thread writer;

    private Journal(Path dir, FileChannel lockChannel, FileLock lock) throws IOException {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        Path file = dir.resolve(FILE);
        Read read = Files.exists(file) ? read(file) : new Read(new LinkedHashMap<>(), 0);
        StateLog.Entry previous = read.entries.get(GENERATION);
        long generation = (previous == null ? 0 : previous.value().path("n").asLong()) + 1;
        read.entries.put(GENERATION, new StateLog.Entry(GENERATION, Json.object().put("n", generation), List.of()));
        this.restored = new StateLog.Restored(read.entries, generation);
        this.tornBytes = read.tornBytes;
        compact(file, read.entries); // the new generation is durable before anything of this run is
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.writer = Thread.ofPlatform().name("gbo-journal").daemon(true).unstarted(this::writeLoop);
        this.writer.start();
    }

    /**
     * Opens (creating it if needed) the state directory: locks it, reads and compacts its journal.
     * Fails with a message that says what to do when another process holds it or an incompatible
     * version wrote it.
     */
    public static Journal open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the state directory " + dir + ": " + e
                    + ". Choose a --state-dir you can write to.", e);
        }
        FileChannel lockChannel = null;
        try {
            lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new IllegalStateException("the state directory " + dir.toAbsolutePath()
                        + " is in use by another running local cloud (gbo serve). Stop that one first, or choose another --state-dir.");
            }
            return new Journal(dir, lockChannel, lock);
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new IllegalStateException("cannot open the state directory " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            if (lockChannel != null && lockChannel.isOpen()) {
                closeQuietly(lockChannel);
            }
            throw e;
        }
    }

    /** Everything the directory held when it was opened. */
    public StateLog.Restored restored() {
        return restored;
    }

    /** Bytes of a torn tail cut off at open (0 when the last run ended cleanly or was killed between writes). */
    public long tornBytes() {
        return tornBytes;
    }

    public Path dir() {
        return dir;
    }

    /** The time source whose reading starts each batch (the cloud's clock, epoch milliseconds). */
    public void clock(LongSupplier millis) {
        this.clock = millis;
    }

    /** How many fsyncs the writer has made (for benchmarks). */
    public long fsyncs() {
        synchronized (monitor) {
            return fsyncs;
        }
    }

    // ------------------------------------------------------------------ StateLog

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void put(String key, JsonNode value) {
        queue("put", key, value);
    }

    @Override
    public void append(String key, JsonNode item) {
        queue("add", key, item);
    }

    @Override
    public void remove(String key) {
        queue("del", key, null);
    }

    private void queue(String op, String key, JsonNode value) {
        byte[] frame = Frames.frame(record(op, key, value));
        synchronized (monitor) {
            if (closed) {
                return; // the cloud is shutting down; nothing after close is acknowledged
            }
            queued.add(frame);
            appended++;
            monitor.notifyAll();
        }
    }

    private static byte[] record(String op, String key, JsonNode value) {
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

    /**
     * Waits until every record queued before this call is written and fsynced. Throws when the state
     * directory cannot be written (disk full, removed): the caller must not acknowledge its change.
     */
    public void awaitDurable() {
        synchronized (monitor) {
            long target = appended;
            boolean interrupted = false;
            while (durable < target && failure == null && !closed) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw new UncheckedIOException("the state directory " + dir + " cannot be written, so this change is not durable: "
                        + failure.getMessage(), failure);
            }
        }
    }

    private void writeLoop() {
        while (true) {
            List<byte[]> batch;
            long upTo;
            synchronized (monitor) {
                while (queued.isEmpty() && !closed) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queued.isEmpty()) {
                    return; // closed and drained
                }
                batch = queued;
                queued = new ArrayList<>();
                upTo = appended;
            }
            try {
                long now = clock.getAsLong();
                List<ByteBuffer> out = new ArrayList<>(batch.size() + 1);
                if (now >= 0 && now != lastClockWritten) {
                    ObjectNode t = Json.object();
                    t.put("millis", now);
                    out.add(ByteBuffer.wrap(Frames.frame(record("put", "clock", t))));
                    lastClockWritten = now;
                }
                for (byte[] f : batch) {
                    out.add(ByteBuffer.wrap(f));
                }
                ByteBuffer[] buffers = out.toArray(ByteBuffer[]::new);
                while (hasRemaining(buffers)) {
                    channel.write(buffers);
                }
                channel.force(false);
                synchronized (monitor) {
                    durable = upTo;
                    fsyncs++;
                    monitor.notifyAll();
                }
            } catch (IOException e) {
                synchronized (monitor) {
                    failure = e;
                    monitor.notifyAll();
                }
                System.err.println("[gbo-journal] cannot write " + dir.resolve(FILE) + ": " + e
                        + ". Changes from now on are not durable; the API answers InternalFailure.");
                return;
            }
        }
    }

    private static boolean hasRemaining(ByteBuffer[] buffers) {
        for (ByteBuffer b : buffers) {
            if (b.hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    /** Writes what is queued, then releases the directory. */
    @Override
    public void close() {
        synchronized (monitor) {
            if (closed) {
                return;
            }
            closed = true;
            monitor.notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(channel);
        try {
            lock.release();
        } catch (IOException e) {
            // released with the channel
        }
        closeQuietly(lockChannel);
    }

    // ------------------------------------------------------------------ reading and compaction

    private record Read(Map<String, StateLog.Entry> entries, long tornBytes) {
    }

    private static Read read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return new Read(new LinkedHashMap<>(), 0);
            }
            if (size > Integer.MAX_VALUE) {
                throw new IllegalStateException("the journal " + file + " is " + size + " bytes, more than this gbo reads (2 GiB)");
            }
            MappedByteBuffer in = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            byte[] magic = new byte[MAGIC.length];
            if (size < FILE_HEADER) {
                throw incompatible(file, "it is too short to hold a gbo state header");
            }
            in.get(magic);
            int format = in.getInt();
            if (!Arrays.equals(magic, MAGIC)) {
                throw incompatible(file, "it is not a gbo state journal");
            }
            if (format != FORMAT) {
                throw incompatible(file, "it was written in state format " + format + ", and this gbo reads format " + FORMAT);
            }
            Map<String, MutableEntry> live = new LinkedHashMap<>();
            byte[] payload;
            while ((payload = Frames.next(in)) != null) {
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

    private static final class MutableEntry {
        JsonNode value;
        final List<JsonNode> items = new ArrayList<>();
    }

    private static void apply(Map<String, MutableEntry> live, byte[] payload, Path file) {
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

    private static IllegalStateException incompatible(Path file, String why) {
        return new IllegalStateException("the state directory " + file.getParent() + " cannot be used: " + why
                + ". Start with an empty --state-dir, or use the gbo version that wrote it.");
    }

    /** Writes the live entities to a new journal and moves it over the old one (fsync, rename, fsync dir). */
    private static void compact(Path file, Map<String, StateLog.Entry> entries) throws IOException {
        Path tmp = file.resolveSibling(FILE + ".compact");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = ByteBuffer.allocate(FILE_HEADER).put(MAGIC).putInt(FORMAT).flip();
            List<ByteBuffer> chunk = new ArrayList<>();
            chunk.add(header);
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
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        forceDirectory(file.getParent());
    }

    private static void writeAll(FileChannel out, List<ByteBuffer> chunk) throws IOException {
        ByteBuffer[] buffers = chunk.toArray(ByteBuffer[]::new);
        while (hasRemaining(buffers)) {
            out.write(buffers);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can fsync a directory (Windows); the rename is still atomic there
        }
    }

    private static void closeQuietly(FileChannel c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // closing
        }
    }
}
