package dev.gbo.local.durable;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads the frames of a journal file in order, mapping it a window at a time, so a journal of any size
 * can be read (one mapping holds at most 2 GiB). A window is larger than the largest frame
 * ({@link Frames#MAX_PAYLOAD}), so a whole frame always fits in the window that starts at it.
 */
final class FrameReader {

    /** Bytes mapped at a time. */
    static final int WINDOW = 256 << 20;

    private final FileChannel channel;
    private final long end;
    private final int window;
    private long base;
    private MappedByteBuffer buffer;
    private long lastOffset = -1;

    /** Frames from byte {@code from} up to byte {@code end} of {@code channel}. */
    FrameReader(FileChannel channel, long from, long end) throws IOException {
        this(channel, from, end, WINDOW);
    }

    /** With a window of its own (tests: small windows cross their edges often; a larger frame gets a larger one). */
    FrameReader(FileChannel channel, long from, long end, int window) throws IOException {
        this.channel = channel;
        this.end = end;
        this.window = window;
        map(from, 0);
    }

    /**
     * The payload of the next frame, or null at the end or at a frame that is cut short or whose checksum
     * does not match ({@link #position()} is then that frame's offset).
     */
    byte[] next() throws IOException {
        ensure(Frames.HEADER);
        if (buffer.remaining() < Frames.HEADER) {
            return null;
        }
        int length = buffer.getInt(buffer.position());
        if (length >= 0 && length <= Frames.MAX_PAYLOAD) {
            ensure(Frames.HEADER + length);
        }
        long at = position();
        byte[] payload = Frames.next(buffer);
        if (payload != null) {
            lastOffset = at;
        }
        return payload;
    }

    /** The file offset of the frame {@link #next()} returned last. */
    long lastOffset() {
        return lastOffset;
    }

    /** The file offset after the last frame read. */
    long position() {
        return base + buffer.position();
    }

    private void ensure(int bytes) throws IOException {
        if (buffer.remaining() < bytes && base + buffer.limit() < end) {
            map(position(), bytes);
        }
    }

    private void map(long from, int atLeast) throws IOException {
        base = from;
        buffer = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(Math.max(window, atLeast), end - from));
    }
}
