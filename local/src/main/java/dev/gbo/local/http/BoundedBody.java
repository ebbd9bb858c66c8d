package dev.gbo.local.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body as the endpoint lets the APIs read it: at most {@code limit} bytes (one byte more
 * is the protocol's "too large" error, so an oversized body of unknown length is never held whole),
 * and within {@code deadlineNanos} of the request's arrival, checked after every read (a client that
 * trickles its body is answered with the protocol's timeout error).
 */
final class BoundedBody extends InputStream {
    private final InputStream in;
    private final long limit;
    private final long deadlineNanos;
    private final long timeoutSeconds;
    private final ErrorWriter.Format format;
    private long read;
    private boolean atEnd;

    BoundedBody(InputStream in, long limit, long timeoutNanos, ErrorWriter.Format format) {
        this.in = in;
        this.limit = limit;
        this.deadlineNanos = System.nanoTime() + timeoutNanos;
        this.timeoutSeconds = Math.max(1, timeoutNanos / 1_000_000_000L);
        this.format = format;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            n = in.read(b, off, (int) Math.min(len, limit - read + 1));
        } catch (IOException e) {
            throw Refusals.incompleteBody(format);
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw Refusals.readTimeout(format, timeoutSeconds);
        }
        if (n < 0) {
            atEnd = true;
        } else {
            read += n;
            if (read > limit) {
                throw Refusals.bodyTooLarge(format, limit);
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** True once the whole body was read: nothing is left on the connection. */
    boolean atEnd() {
        return atEnd;
    }
}
