package dev.gbo.local.durable;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The journal's record frame: a 4-byte big-endian payload length, the payload's 4-byte CRC32C, then
 * the payload. A frame that is cut short or whose checksum does not match ends the readable journal:
 * it can only be the tail of a write that was never acknowledged (acknowledgement waits for the
 * fsync that covers it), so reading stops there and the tail is cut off.
 */
final class Frames {

    static final int HEADER = 8;
    /** A record larger than this is refused on write and treated as torn on read. */
    static final int MAX_PAYLOAD = 64 * 1024 * 1024;

    private Frames() {
    }

    static byte[] frame(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a state record of " + payload.length + " bytes is larger than the journal's limit of "
                    + MAX_PAYLOAD + " bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
        b.putInt(payload.length).putInt(crc(payload)).put(payload);
        return b.array();
    }

    static int crc(byte[] payload) {
        CRC32C c = new CRC32C();
        c.update(payload, 0, payload.length);
        return (int) c.getValue();
    }

    /**
     * The payload of the frame at the buffer's position, advancing past it; null when the rest of the
     * buffer does not hold one whole frame with a matching checksum (the position is then unchanged).
     */
    static byte[] next(ByteBuffer in) {
        if (in.remaining() < HEADER) {
            return null;
        }
        int start = in.position();
        int length = in.getInt(start);
        int crc = in.getInt(start + 4);
        if (length < 0 || length > MAX_PAYLOAD || in.remaining() - HEADER < length) {
            return null;
        }
        byte[] payload = new byte[length];
        in.get(start + HEADER, payload);
        if (crc(payload) != crc) {
            return null;
        }
        in.position(start + HEADER + length);
        return payload;
    }
}
