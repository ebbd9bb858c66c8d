package dev.gbo.local.http;

import dev.gbo.local.core.AwsException;

/**
 * The errors the endpoint itself answers, before or while a request is read, in each protocol's
 * words: S3's documented codes for REST-XML, the common AWS codes for the others.
 */
final class Refusals {
    private Refusals() {
    }

    static AwsException bodyTooLarge(ErrorWriter.Format format, long limit) {
        if (format == ErrorWriter.Format.REST_XML) {
            return new AwsException("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size: the local "
                    + "cloud holds objects in memory and accepts at most " + limit + " bytes per request (AWS: 5 GB "
                    + "per PUT). Upload a smaller object.");
        }
        return new AwsException("RequestEntityTooLargeException", 413, "Request must be smaller than " + limit
                + " bytes: the request body is larger than this API accepts.");
    }

    static AwsException tooManyHeaders(ErrorWriter.Format format, int count, int limit) {
        String message = "Your request header section exceeds the maximum allowed size: " + count
                + " headers, at most " + limit + " are accepted. Send fewer headers.";
        return format == ErrorWriter.Format.REST_XML
                ? new AwsException("RequestHeaderSectionTooLarge", 400, message)
                : new AwsException("RequestHeaderFieldsTooLarge", 431, message);
    }

    static AwsException headersTooLarge(ErrorWriter.Format format, long bytes, int limit) {
        String message = "Your request header section exceeds the maximum allowed size: " + bytes
                + " bytes of headers, at most " + limit + " are accepted. Send shorter headers.";
        return format == ErrorWriter.Format.REST_XML
                ? new AwsException("RequestHeaderSectionTooLarge", 400, message)
                : new AwsException("RequestHeaderFieldsTooLarge", 431, message);
    }

    static AwsException readTimeout(ErrorWriter.Format format, long seconds) {
        String message = "Your socket connection to the server was not read from or written to within the timeout "
                + "period: the request body did not arrive within " + seconds + " s.";
        return format == ErrorWriter.Format.REST_XML
                ? new AwsException("RequestTimeout", 400, message)
                : new AwsException("RequestTimeoutException", 408, message);
    }

    static AwsException incompleteBody(ErrorWriter.Format format) {
        String message = "You did not provide the number of bytes specified by the Content-Length HTTP header.";
        return format == ErrorWriter.Format.REST_XML
                ? new AwsException("IncompleteBody", 400, message)
                : new AwsException("SerializationException", 400, message);
    }

    /** A query string or form body with a malformed {@code %}-escape. */
    static AwsException malformedQuery(ErrorWriter.Format format, String detail) {
        return switch (format) {
            case REST_XML -> new AwsException("InvalidURI", 400, "Couldn't parse the specified URI: " + detail + ".");
            case EC2_QUERY, QUERY -> new AwsException("MalformedQueryString", 400,
                    "The query string contains a syntax error: " + detail + ".");
            default -> new AwsException("ValidationException", 400, "The query string has a " + detail + ".");
        };
    }

    /** An Error (out of memory, stack overflow...) while serving: the server goes on, this request fails. */
    static AwsException internal(ErrorWriter.Format format, Throwable t) {
        boolean memory = t instanceof OutOfMemoryError;
        String message = memory
                ? "The local cloud ran out of memory serving this request; it goes on serving others. Retry with a smaller request."
                : "The local cloud failed to handle this request: " + t + ". This is a bug in gbo; please report it.";
        String code = format == ErrorWriter.Format.REST_XML ? (memory ? "SlowDown" : "InternalError")
                : memory ? "ServiceUnavailable" : "InternalFailure";
        return new AwsException(code, memory ? 503 : 500, message);
    }
}
