package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/** Step Functions DescribeMapRun: a Map Run's status, configuration, item and execution counts (InvalidArn, ResourceNotFound). */
final class DescribeMapRun implements Operation {
    private final MapRunStore runs;

    DescribeMapRun(MapRunStore runs) {
        this.runs = runs;
    }

    @Override
    public String name() {
        return "DescribeMapRun";
    }

    /** {@code states:DescribeMapRun} on the map run ARN. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in == null ? "" : in.path("mapRunArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        return runs.get(SfnInput.required(in, "mapRunArn")).describe();
    }
}
