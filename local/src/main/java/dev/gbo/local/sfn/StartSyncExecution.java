package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Access;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.RequestContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Step Functions StartSyncExecution: runs an EXPRESS state machine's execution ({@link ExpressExecutions})
 * to its end and answers with it (SUCCEEDED, FAILED or TIMED_OUT, HTTP 200 whatever the status); a
 * STANDARD state machine is StateMachineTypeNotSupported. The call waits on the execution's completion
 * signal; on a MANUAL clock the wait moves time forward ({@link ExpressExecutions#await}). The SDKs send
 * it to the {@code sync-} host prefix (see docs/sfn-engine.md).
 *
 * <p>{@code billingDetails} as AWS bills Express workflows: the duration on the cloud's clock rounded up
 * to the next 100 ms (at least 100 ms), memory in 64-MB chunks of the engine's estimate (the definition
 * plus the input and output payloads: 64 MB unless they exceed it).
 */
final class StartSyncExecution implements Operation {
    static final long MEMORY_CHUNK_MB = 64;
    static final long DURATION_STEP_MS = 100;

    private final Sfn sfn;

    StartSyncExecution(Sfn sfn) {
        this.sfn = sfn;
    }

    @Override
    public String name() {
        return "StartSyncExecution";
    }

    /** The state machine ({@code stateMachine:NAME}; a mock test case suffix as given). */
    @Override
    public List<Access> access(String action, JsonNode in, RequestContext c) {
        String arn = in == null ? "" : in.path("stateMachineArn").asText("");
        return arn.isEmpty() ? List.of() : List.of(Access.of(action, arn));
    }

    @Override
    public JsonNode call(JsonNode in, RequestContext ctx) {
        SfnInput.StartRequest req = SfnInput.startRequest(in);
        String testCase = req.testCase();
        String arn = req.arn();
        SfnInput.ExecutionInput input = req.input();
        String name = req.name();
        StateMachineRecord machine = sfn.store().machine(arn);
        if (!machine.type().equals("EXPRESS")) {
            throw SfnInput.typeNotSupported();
        }
        String traceHeader = in.hasNonNull("traceHeader") ? in.get("traceHeader").asText() : null;
        ExpressExecutions.Run run = StartExecution.startExpress(sfn, arn, machine, name, input, testCase, sfn.mocks().get());
        Execution e = sfn.express().await(run);
        boolean data = !"METADATA_ONLY".equals(in.path("includedData").asText("ALL_DATA"));
        ObjectNode out = Json.object();
        out.put("executionArn", e.arn);
        out.put("stateMachineArn", machine.arn());
        out.put("name", e.name);
        out.put("startDate", Execution.seconds(e.startDate));
        out.put("stopDate", Execution.seconds(e.stopDate()));
        out.put("status", e.status());
        if (e.error() != null) {
            out.put("error", e.error());
        }
        if (e.cause() != null) {
            out.put("cause", e.cause());
        }
        if (data) {
            out.put("input", e.input);
        }
        out.putObject("inputDetails").put("included", data);
        if (e.output() != null) {
            if (data) {
                out.put("output", e.output());
            }
            out.putObject("outputDetails").put("included", data);
        }
        out.put("traceHeader", traceHeader != null ? traceHeader : traceHeader(e, machine));
        ObjectNode billing = out.putObject("billingDetails");
        billing.put("billedMemoryUsedInMB", billedMemoryMb(e));
        billing.put("billedDurationInMilliseconds", billedDurationMs(Duration.between(e.startDate, e.stopDate())));
        return out;
    }

    /** The duration rounded up to the next 100 ms, at least 100 ms. */
    static long billedDurationMs(Duration d) {
        long ms = Math.max(1, d.toMillis());
        return (ms + DURATION_STEP_MS - 1) / DURATION_STEP_MS * DURATION_STEP_MS;
    }

    /** The engine's memory estimate (definition, input, output) in 64-MB chunks, at least one. */
    static long billedMemoryMb(Execution e) {
        long bytes = e.definitionText.getBytes(StandardCharsets.UTF_8).length + e.input.getBytes(StandardCharsets.UTF_8).length
                + (e.output() == null ? 0 : e.output().getBytes(StandardCharsets.UTF_8).length);
        long chunk = MEMORY_CHUNK_MB * 1024 * 1024;
        return Math.max(1, (bytes + chunk - 1) / chunk) * MEMORY_CHUNK_MB;
    }

    /** An X-Ray trace header for a call that gave none: Root from the start time and the seeded random; sampled when tracing is on. */
    private String traceHeader(Execution e, StateMachineRecord machine) {
        byte[] id = new byte[12];
        sfn.clock().random().nextBytes(id);
        boolean sampled = machine.tracingConfiguration() != null && machine.tracingConfiguration().path("enabled").asBoolean(false);
        return "Root=1-" + String.format("%08x", e.startDate.getEpochSecond()) + "-" + HexFormat.of().formatHex(id)
                + ";Sampled=" + (sampled ? "1" : "0");
    }
}
