package dev.gbo.local.http;

import java.time.Duration;

/**
 * What the endpoint accepts on the wire before any API sees a request: the body size per protocol
 * (counted while the body is read, so an oversized body is refused without being held), the number
 * and total size of the request headers, and how long a client may take to send its body. Each is
 * answered with the protocol's error (see {@link Refusals}), never by dropping the connection.
 *
 * @param maxBodyBytes      largest request body of the JSON, REST-JSON and query APIs
 * @param maxObjectBytes    largest request body of S3 (REST-XML): an object held in memory
 * @param maxHeaders        most request headers
 * @param maxHeaderBytes    largest total of header names and values
 * @param bodyReadTimeout   longest time a client may take to send its body
 */
public record Limits(long maxBodyBytes, long maxObjectBytes, int maxHeaders, int maxHeaderBytes, Duration bodyReadTimeout) {

    /** 8 MiB (above Lambda's 6 MB synchronous payload), 64 MiB per S3 object, 200 headers in 64 KiB, 60 s per body. */
    public static final Limits DEFAULTS = new Limits(8L << 20, 64L << 20, 200, 64 << 10, Duration.ofSeconds(60));

    public Limits {
        if (maxBodyBytes < 1 || maxObjectBytes < 1 || maxHeaders < 1 || maxHeaderBytes < 1
                || bodyReadTimeout == null || bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
            throw new IllegalArgumentException("every limit must be positive: " + maxBodyBytes + ", " + maxObjectBytes
                    + ", " + maxHeaders + ", " + maxHeaderBytes + ", " + bodyReadTimeout);
        }
    }

    /** The body limit of a protocol's requests. */
    long maxBody(ErrorWriter.Format format) {
        return format == ErrorWriter.Format.REST_XML ? maxObjectBytes : maxBodyBytes;
    }

    public Limits withBodyReadTimeout(Duration timeout) {
        return new Limits(maxBodyBytes, maxObjectBytes, maxHeaders, maxHeaderBytes, timeout);
    }
}
