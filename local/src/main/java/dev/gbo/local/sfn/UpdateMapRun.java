package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;

/**
 * Step Functions UpdateMapRun: changes a running Map Run's maxConcurrency and tolerated failure count or
 * percentage; the running map starts more children at once, or fails when its failures now exceed the
 * threshold. A map run that has ended cannot be updated (ValidationException).
 */
final class UpdateMapRun implements Operation {
    private final MapRunStore runs;

    UpdateMapRun(MapRunStore runs) {
        this.runs = runs;
    }

    @Override
    public String name() {
        return "UpdateMapRun";
    }

    /** {@code states:UpdateMapRun} on the map run ARN. */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in == null ? "" : in.path("mapRunArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        MapRun m = runs.get(SfnInput.required(in, "mapRunArn"));
        Integer maxConc = in.hasNonNull("maxConcurrency") ? in.get("maxConcurrency").asInt() : null;
        Long count = in.hasNonNull("toleratedFailureCount") ? in.get("toleratedFailureCount").asLong() : null;
        Float pct = in.hasNonNull("toleratedFailurePercentage") ? (float) in.get("toleratedFailurePercentage").asDouble() : null;
        if (maxConc == null && count == null && pct == null) {
            throw AwsException.validation("At least one of the parameters 'maxConcurrency', 'toleratedFailurePercentage' or "
                    + "'toleratedFailureCount' must be specified.");
        }
        if (!m.running()) {
            throw AwsException.validation("Map Run '" + m.arn + "' is " + m.status() + " and can no longer be updated.");
        }
        Runnable apply = m.update(maxConc, count, pct);
        runs.changed(m);
        if (apply != null) {
            apply.run();
        }
        return Json.object();
    }
}
