package dev.gbo.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Pages;
import java.util.List;

/** CloudWatch Logs' pagination ({@code nextToken}, {@code limit}) through {@link Pages}, with its own messages. */
final class LogsPages {
    static final LogsPages GROUPS = new LogsPages("logs-groups", 50);
    static final LogsPages STREAMS = new LogsPages("logs-streams", 50);
    static final LogsPages FILTERED = new LogsPages("logs-filtered", 10_000);
    /** GetLogEvents' forward and backward tokens: positions in the stream's events. */
    static final LogsPages FORWARD = new LogsPages("logs-forward", 10_000);
    static final LogsPages BACKWARD = new LogsPages("logs-backward", 10_000);

    private final Pages pages;
    private final int max;

    private LogsPages(String scope, int max) {
        this.max = max;
        this.pages = new Pages(scope, "nextToken", "limit", max, m -> LogsService.invalid("The specified nextToken is invalid."));
    }

    /** The page size: {@code limit}, 1 to the maximum, or the maximum. */
    int limit(JsonNode input) {
        if (!input.hasNonNull("limit")) {
            return max;
        }
        int l = input.get("limit").asInt();
        if (l < 1 || l > max) {
            throw LogsService.invalid("1 validation error detected: Value '" + l + "' at 'limit' failed to satisfy "
                    + "constraint: Member must have value between 1 and " + max);
        }
        return l;
    }

    /** The offset the input's {@code nextToken} names, at most {@code size}. */
    int offset(JsonNode input, int size) {
        int offset = pages.offset(input);
        if (offset > size) {
            throw LogsService.invalid("The specified nextToken is invalid.");
        }
        return offset;
    }

    /** The position the input's {@code nextToken} names, clamped to {@code size}. */
    int position(JsonNode input, int size) {
        return Math.min(size, pages.offset(input));
    }

    /** Whether the input's {@code nextToken} is one of this listing's. */
    boolean owns(JsonNode input) {
        try {
            pages.offset(input);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    String token(int offset) {
        return pages.token(offset);
    }

    ObjectNode page(JsonNode input, List<? extends JsonNode> rows, String member) {
        limit(input);
        offset(input, rows.size());
        return pages.page(input, rows, member);
    }
}
