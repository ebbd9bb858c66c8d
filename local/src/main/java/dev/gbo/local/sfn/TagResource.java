package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** Step Functions TagResource: adds or replaces tags of a state machine. */
final class TagResource implements Operation {
    private final Sfn sfn;

    TagResource(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "TagResource";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("resourceArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        sfn.store().tag(SfnInput.required(in, "resourceArn"), in.path("tags"));
        return Json.object();
    }
}
