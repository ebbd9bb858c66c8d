package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** Step Functions ListTagsForResource: a state machine's tags. */
final class ListTagsForResource implements Operation {
    private final Sfn sfn;

    ListTagsForResource(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "ListTagsForResource";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("resourceArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        ObjectNode out = Json.object();
        ArrayNode list = out.putArray("tags");
        sfn.store().tags(SfnInput.required(in, "resourceArn")).forEach((k, v) -> list.addObject().put("key", k).put("value", v));
        return out;
    }
}
