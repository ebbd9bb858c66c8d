package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.Pages;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/** Step Functions ListMapRuns: the Map Runs an execution started, oldest first, paginated (InvalidArn, ExecutionDoesNotExist). */
final class ListMapRuns implements Operation {
    static final Pages PAGES = new Pages("sfn-map-runs", "nextToken", "maxResults", SfnInput.MAX_RESULTS,
            m -> new dev.gbo.local.core.AwsException("InvalidToken", 400, "Invalid Token: " + m));
    private final Sfn sfn;
    private final MapRunStore runs;

    ListMapRuns(Sfn sfn, MapRunStore runs) {
        this.sfn = sfn;
        this.runs = runs;
    }

    @Override
    public String name() {
        return "ListMapRuns";
    }

    /** {@code states:ListMapRuns} on the execution ARN. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in == null ? "" : in.path("executionArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        Execution e = sfn.store().execution(SfnInput.required(in, "executionArn"));
        return SfnInput.page(PAGES, in, runs.of(e.arn), "mapRuns", MapRun::listItem);
    }
}
