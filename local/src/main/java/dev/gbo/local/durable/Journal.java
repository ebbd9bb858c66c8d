package dev.gbo.local.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.StateLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 *       over the old one atomically.</li>
 *   <li>While it runs, once the journal has grown to {@link Compacting#ratio()} times its size after the
 *       last compaction (and at least {@link Compacting#minBytes()}), it is compacted again
 *       ({@link Compaction}): a second thread copies the live frames of the fsynced part to
 *       {@value #FILE}{@code .compact} and fsyncs it while the writer goes on appending; then the writer,
 *       between two batches, appends what it wrote since, fsyncs, renames the new file over the journal
 *       and fsyncs the directory. Only that tail copy holds acknowledgements back. A kill at any point
 *       leaves either the old journal or the new one, each whole.</li>
 *   <li>{@value #LOCK} is held with an OS file lock while the journal is open: a second
 *       {@code gbo serve} on the same directory is refused.</li>
 * </ul>
 */
public final class Journal implements StateLog, AutoCloseable {

    public static final String FILE = "state.journal";
    public static final String LOCK = "state.lock";
    static final byte[] MAGIC = "GBOSTATE".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT = 1;
    /** The key of the run counter ({@link StateLog.Restored#generation()}). */
    static final String GENERATION = "cloud/generation";

    /**
     * When a running journal is compacted: once it is {@code ratio} times its size after the last
     * compaction and at least {@code minBytes}.
     */
    public record Compacting(long minBytes, double ratio) {
        /** At 16 MiB and 4 times the live size: compactions write about a third more than the changes themselves. */
        public static final Compacting DEFAULT = new Compacting(16L << 20, 4.0);

        public Compacting {
            if (minBytes < 0 || !(ratio > 1.0)) {
                throw new IllegalArgumentException("compaction needs minBytes >= 0 and ratio > 1, got " + minBytes + ", " + ratio);
            }
        }
    }

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Compacting compacting;
    private FileChannel channel; // the writer's; replaced by a compaction's swap
    private long size; // bytes in the journal file (writer only)
    private long baseSize; // its size after the last compaction (writer only)
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
    // compaction while running (under monitor)
    private Thread compactor;
    private Compaction.Result compacted; // ready to swap in
    private boolean compactRequested;
    private long compactions; // put in place
    private long compactionsEnded; // put in place or failed
    private long compactionsStarted;
    private long longestSwapNanos; // the longest a swap held the writer

    private Journal(Path dir, FileChannel lockChannel, FileLock lock, Compacting compacting) throws IOException {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.compacting = compacting;
        Path file = dir.resolve(FILE);
        JournalFile.Read read = Files.exists(file) ? JournalFile.read(file) : new JournalFile.Read(new LinkedHashMap<>(), 0);
        StateLog.Entry previous = read.entries().get(GENERATION);
        long generation = (previous == null ? 0 : previous.value().path("n").asLong()) + 1;
        read.entries().put(GENERATION, new StateLog.Entry(GENERATION, Json.object().put("n", generation), List.of()));
        this.restored = new StateLog.Restored(read.entries(), generation);
        this.tornBytes = read.tornBytes();
        JournalFile.compact(file, read.entries()); // the new generation is durable before anything of this run is
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.size = channel.size();
        this.baseSize = size;
        this.writer = Thread.ofPlatform().name("gbo-journal").daemon(true).unstarted(this::writeLoop);
        this.writer.start();
    }

    /**
     * Opens (creating it if needed) the state directory: locks it, reads and compacts its journal.
     * Fails with a message that says what to do when another process holds it or an incompatible
     * version wrote it.
     */
    public static Journal open(Path dir) {
        return open(dir, Compacting.DEFAULT);
    }

    /** {@link #open(Path)} with its own compaction policy (tests, benchmarks). */
    public static Journal open(Path dir, Compacting compacting) {
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
            return new Journal(dir, lockChannel, lock, compacting);
        } catch (IOException e) {
            JournalFile.closeQuietly(lockChannel);
            throw new IllegalStateException("cannot open the state directory " + dir + ": " + e, e);
        } catch (RuntimeException e) {
            if (lockChannel != null && lockChannel.isOpen()) {
                JournalFile.closeQuietly(lockChannel);
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

    /** How many times the journal was compacted while running (not counting the compaction at open). */
    public long compactions() {
        synchronized (monitor) {
            return compactions;
        }
    }

    /** The longest a compaction held acknowledgements back (its tail copy, fsync and rename), in microseconds. */
    public long longestCompactionPauseMicros() {
        synchronized (monitor) {
            return longestSwapNanos / 1000;
        }
    }

    /**
     * Compacts the journal now, whatever its size, and returns once the compacted file is in place (or
     * the compaction failed, which leaves the journal as it was); for tests and tools.
     */
    public void compactNow() {
        synchronized (monitor) {
            long before = compactionsEnded;
            compactRequested = true;
            monitor.notifyAll();
            awaitOnMonitor(() -> compactionsEnded != before);
        }
    }

    /**
     * Waits until every compaction started so far (by size, or by {@link #compactNow}) is in place or has
     * failed. A compaction that a write made due starts before that write is acknowledged, so
     * {@code awaitDurable(); awaitCompaction();} sees the journal as that write left it; for tests and tools.
     */
    public void awaitCompaction() {
        synchronized (monitor) {
            awaitOnMonitor(() -> compactionsEnded >= compactionsStarted);
        }
    }

    /**
     * Waits on the monitor (held by the caller) until {@code done}, the journal failed or it closed; an interrupt
     * does not end the wait (the caller's change must still be settled) but is kept for the caller.
     */
    private void awaitOnMonitor(java.util.function.BooleanSupplier done) {
        boolean interrupted = false;
        while (!done.getAsBoolean() && failure == null && !closed) {
            try {
                monitor.wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
        byte[] frame = Frames.frame(JournalFile.record(op, key, value));
        synchronized (monitor) {
            if (closed) {
                return; // the cloud is shutting down; nothing after close is acknowledged
            }
            queued.add(frame);
            appended++;
            monitor.notifyAll();
        }
    }

    /**
     * Waits until every record queued before this call is written and fsynced. Throws when the state
     * directory cannot be written (disk full, removed): the caller must not acknowledge its change.
     */
    public void awaitDurable() {
        synchronized (monitor) {
            long target = appended;
            awaitOnMonitor(() -> durable >= target);
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
            Compaction.Result ready;
            boolean requested;
            synchronized (monitor) {
                while (queued.isEmpty() && !closed && compacted == null && !compactRequested) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queued.isEmpty() && closed) {
                    return; // closed and drained
                }
                batch = queued;
                queued = new ArrayList<>();
                upTo = appended;
                ready = compacted;
                compacted = null;
                requested = compactRequested;
            }
            try {
                if (ready != null) {
                    swap(ready); // before the batch, so that the batch lands in the compacted journal
                }
                if (!batch.isEmpty()) {
                    writeBatch(batch);
                }
                if (requested || size >= compacting.minBytes() && size >= compacting.ratio() * baseSize) {
                    startCompaction(); // before the batch is acknowledged: a caller that awaited it can await this compaction
                }
                synchronized (monitor) {
                    durable = upTo;
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

    private void writeBatch(List<byte[]> batch) throws IOException {
        long now = clock.getAsLong();
        List<ByteBuffer> out = new ArrayList<>(batch.size() + 1);
        if (now >= 0 && now != lastClockWritten) {
            ObjectNode t = Json.object();
            t.put("millis", now);
            out.add(ByteBuffer.wrap(Frames.frame(JournalFile.record("put", "clock", t))));
            lastClockWritten = now;
        }
        for (byte[] f : batch) {
            out.add(ByteBuffer.wrap(f));
        }
        ByteBuffer[] buffers = out.toArray(ByteBuffer[]::new);
        while (JournalFile.hasRemaining(buffers)) {
            size += channel.write(buffers);
        }
        channel.force(false);
        synchronized (monitor) {
            fsyncs++;
        }
    }

    // ------------------------------------------------------------------ compaction while running

    /** Starts copying the live part of the journal's fsynced bytes to a new file, unless a copy runs already (writer thread). */
    private void startCompaction() {
        long cut = size;
        Path file = dir.resolve(FILE);
        Path tmp = file.resolveSibling(FILE + ".compact");
        synchronized (monitor) {
            compactRequested = false;
            if (compactor != null || compacted != null || closed) {
                return;
            }
            compactor = Thread.ofPlatform().name("gbo-journal-compact").daemon(true).unstarted(() -> {
                Compaction.Result r = null;
                try {
                    r = Compaction.liveUpTo(file, cut, tmp, JournalFile.header());
                } catch (IOException | RuntimeException e) {
                    boolean closing;
                    synchronized (monitor) {
                        closing = closed;
                    }
                    if (!closing) {
                        System.err.println("[gbo-journal] could not compact " + file + " (it stays as it is): " + e);
                    }
                    JournalFile.deleteQuietly(tmp);
                }
                synchronized (monitor) {
                    compactor = null;
                    compacted = r;
                    if (r == null) {
                        compactionsEnded++;
                    }
                    monitor.notifyAll();
                }
            });
            compactionsStarted++;
            compactor.start();
        }
        baseSize = Math.max(baseSize, cut); // a failed compaction is not tried again before the journal grows again
    }

    /**
     * Puts a finished compaction in place (writer thread, between batches): appends what was written
     * after its cut, fsyncs it, renames it over the journal, fsyncs the directory and writes on in it.
     */
    private void swap(Compaction.Result r) throws IOException {
        long started = System.nanoTime();
        Path file = dir.resolve(FILE);
        long newSize;
        long liveSize;
        try {
            try (FileChannel old = FileChannel.open(file, StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(r.file(), StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                liveSize = out.size();
                long position = r.cut();
                while (position < size) {
                    position += old.transferTo(position, size - position, out);
                }
                out.force(true);
                newSize = out.size();
            }
            JournalFile.move(r.file(), file);
        } catch (IOException e) {
            System.err.println("[gbo-journal] could not put the compacted journal in place (" + file + " stays as it is): " + e);
            JournalFile.deleteQuietly(r.file());
            synchronized (monitor) {
                compactionsEnded++;
                monitor.notifyAll();
            }
            return;
        }
        JournalFile.forceDirectory(dir); // the rename is durable before anything written after it is acknowledged
        FileChannel previous = channel;
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        JournalFile.closeQuietly(previous);
        size = newSize;
        // the next compaction is due at ratio x the live part, not x (live + the tail written while this one ran):
        // a compaction that a busy writer outran is followed by another instead of leaving the tail for long
        baseSize = liveSize;
        synchronized (monitor) {
            compactions++;
            compactionsEnded++;
            longestSwapNanos = Math.max(longestSwapNanos, System.nanoTime() - started);
            monitor.notifyAll();
        }
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
        Thread copying;
        synchronized (monitor) {
            copying = compactor;
        }
        if (copying != null) {
            copying.interrupt(); // its file is not put in place: the journal is whole as it is
            try {
                copying.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        JournalFile.deleteQuietly(dir.resolve(FILE + ".compact"));
        JournalFile.closeQuietly(channel);
        try {
            lock.release();
        } catch (IOException e) {
            // released with the channel
        }
        JournalFile.closeQuietly(lockChannel);
    }
}
