package dev.gbo.local.s3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/** The response of GetObject and HeadObject: the object's headers, and its bytes for GetObject. */
final class ObjectHeaders {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private ObjectHeaders() {
    }

    static ObjectNode of(S3Store.StoredObject o, boolean head) {
        ObjectNode out = Json.object();
        ObjectNode h = out.putObject("Headers");
        h.put("ETag", o.etag());
        h.put("Last-Modified", HTTP_DATE.format(o.lastModified()));
        h.put("Content-Type", o.contentType());
        h.put("Accept-Ranges", "bytes");
        o.metadata().forEach((k, v) -> h.put("x-amz-meta-" + k, v));
        if (head) {
            h.put("Content-Length", String.valueOf(o.data().length));
        } else {
            out.put("Body", Base64.getEncoder().encodeToString(o.data()));
        }
        return out;
    }
}
