package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Access;
import java.util.List;

/** Step Functions DescribeExecution: its status, input, output or error, and whether it can be redriven ({@link Redrive}). */
final class DescribeExecution implements Operation {
    private final Sfn sfn;

    DescribeExecution(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "DescribeExecution";
    }

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("executionArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        Execution e = sfn.store().execution(SfnInput.required(in, "executionArn"));
        ObjectNode out = Json.object();
        out.put("executionArn", e.arn);
        out.put("stateMachineArn", e.machine.arn());
        out.put("name", e.name);
        out.put("status", e.status());
        out.put("startDate", Execution.seconds(e.startDate));
        if (e.stopDate() != null) {
            out.put("stopDate", Execution.seconds(e.stopDate()));
        }
        out.put("input", e.input);
        out.putObject("inputDetails").put("included", true);
        if (e.output() != null) {
            out.put("output", e.output());
            out.putObject("outputDetails").put("included", true);
        }
        if (e.error() != null) {
            out.put("error", e.error());
        }
        if (e.cause() != null) {
            out.put("cause", e.cause());
        }
        if (e.versionArn != null) {
            out.put("stateMachineVersionArn", e.versionArn);
        }
        if (e.aliasArn != null) {
            out.put("stateMachineAliasArn", e.aliasArn);
        }
        if (e.mapRun != null) {
            out.put("mapRunArn", e.mapRun.arn);
        }
        out.put("redriveCount", e.redriveCount());
        if (e.redriveDate() != null) {
            out.put("redriveDate", Execution.seconds(e.redriveDate()));
        }
        sfn.statusChanges().redriveStatus(e).put(out);
        return out;
    }
}
