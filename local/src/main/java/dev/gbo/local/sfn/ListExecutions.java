package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.util.List;
import dev.gbo.local.core.Access;

/** Step Functions ListExecutions: a state machine's executions (or those started on one of its versions or aliases, or the
 * child executions of a distributed Map's run), newest first, optionally by status and by whether they were redriven, paginated. */
final class ListExecutions implements Operation {
    private final Sfn sfn;
    private final MapRunStore mapRuns;

    ListExecutions(Sfn sfn, MapRunStore mapRuns) {
        this.sfn = sfn;
        this.mapRuns = mapRuns;
    }

    @Override
    public String name() {
        return "ListExecutions";
    }

    private static final List<String> STATUSES = List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE");

    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in.path("stateMachineArn").asText("");
        if (!arn.isEmpty()) {
            return List.of(StateMachineVersions.access(action, arn));
        }
        String run = in.path("mapRunArn").asText("");
        return run.isEmpty() ? List.of() : List.of(Access.of(action, run));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        MapRun run = null;
        String arn = null;
        String given = null;
        StateMachineVersions.Qualified q = null;
        if (in.hasNonNull("mapRunArn")) {
            if (in.hasNonNull("stateMachineArn")) {
                throw AwsException.validation("Specify either a stateMachineArn or a mapRunArn, but not both.");
            }
            run = mapRuns.get(in.get("mapRunArn").asText());
        } else {
            given = SfnInput.required(in, "stateMachineArn");
            q = StateMachineVersions.qualified(given);
            arn = q == null ? given : q.machineArn();
            if (sfn.store().machine(arn).type().equals("EXPRESS")) {
                throw SfnInput.typeNotSupported(); // EXPRESS executions are not recorded
            }
            if (q != null && q.isVersion()) {
                sfn.store().versions().version(given);
            } else if (q != null) {
                sfn.store().versions().alias(given);
            }
        }
        String filter = SfnInput.optional(in, "statusFilter");
        if (filter != null && !STATUSES.contains(filter)) {
            throw AwsException.validation("1 validation error detected: Value '" + filter
                    + "' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]");
        }
        List<Execution> all;
        if (run != null) {
            all = run.children();
            java.util.Collections.reverse(all);
        } else {
            all = sfn.store().executionsOf(arn);
        }
        boolean byRun = run != null;
        if (filter != null) {
            all.removeIf(e -> !e.status().equals(filter));
        }
        if (q != null) {
            String qualifiedArn = given;
            boolean byVersion = q.isVersion();
            all.removeIf(e -> !qualifiedArn.equals(byVersion ? e.versionArn : e.aliasArn));
        }
        String redriven = SfnInput.optional(in, "redriveFilter");
        if (redriven != null) {
            all.removeIf(e -> (e.redriveCount() > 0) != redriven.equals("REDRIVEN"));
        }
        return SfnInput.page(SfnInput.EXECUTIONS, in, all, "executions", e -> {
            ObjectNode o = Json.object();
            o.put("executionArn", e.arn);
            o.put("stateMachineArn", e.machine.arn());
            o.put("name", e.name);
            o.put("status", e.status());
            o.put("startDate", Execution.seconds(e.startDate));
            if (e.stopDate() != null) {
                o.put("stopDate", Execution.seconds(e.stopDate()));
            }
            if (e.versionArn != null) {
                o.put("stateMachineVersionArn", e.versionArn);
            }
            if (e.aliasArn != null) {
                o.put("stateMachineAliasArn", e.aliasArn);
            }
            if (byRun) {
                o.put("mapRunArn", e.mapRun.arn);
                o.put("itemCount", e.mapRunItems);
            }
            o.put("redriveCount", e.redriveCount());
            if (e.redriveDate() != null) {
                o.put("redriveDate", Execution.seconds(e.redriveDate()));
            }
            return o;
        });
    }
}
