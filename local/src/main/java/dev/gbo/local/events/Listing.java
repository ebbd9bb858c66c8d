package dev.gbo.local.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Pages;
import java.util.List;

/** EventBridge's pagination ({@code NextToken}, {@code Limit} 1-100) through {@link Pages}. */
final class Listing {
    static final Pages RULES = pages("events-rules");
    static final Pages BUSES = pages("events-buses");

    private Listing() {
    }

    private static Pages pages(String scope) {
        return new Pages(scope, "NextToken", "Limit", 100, AwsException::validation);
    }

    /** The page the input asks for, under {@code member}; a bad Limit is refused with EventBridge's message. */
    static ObjectNode page(Pages pages, JsonNode input, List<ObjectNode> rows, String member) {
        JsonNode limit = input.get("Limit");
        if (limit != null && !limit.isNull() && (limit.asInt(100) < 1 || limit.asInt(100) > 100)) {
            throw AwsException.validation("1 validation error detected: Value '" + limit.asInt(100)
                    + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100");
        }
        return pages.page(input, rows, member);
    }
}
