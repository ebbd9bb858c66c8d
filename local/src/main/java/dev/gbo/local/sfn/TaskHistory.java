package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.Json;
import dev.gbo.local.sfn.Interpreter.StateRun;

/**
 * Records the history events of one Task attempt in the shapes AWS uses: LambdaFunction* events
 * for a Lambda function ARN resource, Task* events (with resourceType and resource) for service
 * integrations; Scheduled and Started, then Submitted, Succeeded, Failed or TimedOut. Each method
 * returns false when the event could not be recorded because the execution closed (its history
 * limit reached), in which case the caller stops.
 */
final class TaskHistory {

    private TaskHistory() {
    }

    /** LambdaFunctionScheduled + LambdaFunctionStarted, or TaskScheduled + TaskStarted. */
    static boolean started(StateRun r, Asl.Resource res, JsonNode params, Integer timeout, Integer heartbeat,
            String region) {
        if (res.kind() == Asl.Kind.LAMBDA_FUNCTION) {
            ObjectNode d = Json.object();
            d.put("resource", res.arn());
            d.put("input", Json.write(params));
            d.putObject("inputDetails").put("truncated", false);
            if (timeout != null) {
                d.put("timeoutInSeconds", timeout);
            }
            if (r.f.event("LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", d) < 0
                    || r.f.event("LambdaFunctionStarted", null, null) < 0) {
                return false;
            }
        } else {
            ObjectNode d = Json.object();
            d.put("resourceType", res.resourceType());
            d.put("resource", res.resourceName());
            d.put("region", region);
            d.put("parameters", Json.write(params));
            if (timeout != null) {
                d.put("timeoutInSeconds", timeout);
            }
            if (heartbeat != null) {
                d.put("heartbeatInSeconds", heartbeat);
            }
            if (r.f.event("TaskScheduled", "taskScheduledEventDetails", d) < 0) {
                return false;
            }
            ObjectNode st = Json.object();
            st.put("resourceType", res.resourceType());
            st.put("resource", res.resourceName());
            if (r.f.event("TaskStarted", "taskStartedEventDetails", st) < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean succeeded(StateRun r, Asl.Resource res, JsonNode result) {
        ObjectNode d = Json.object();
        String type;
        if (res.kind() == Asl.Kind.LAMBDA_FUNCTION) {
            type = "LambdaFunctionSucceeded";
            d.put("output", Json.write(result));
            d.putObject("outputDetails").put("truncated", false);
            if (r.f.event(type, "lambdaFunctionSucceededEventDetails", d) < 0) {
                return false;
            }
        } else {
            d.put("resourceType", res.resourceType());
            d.put("resource", res.resourceName());
            d.put("output", Json.write(result));
            d.putObject("outputDetails").put("truncated", false);
            if (r.f.event("TaskSucceeded", "taskSucceededEventDetails", d) < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean failed(StateRun r, Asl.Resource res, String error, String cause) {
        ObjectNode d = Json.object();
        if (res.kind() == Asl.Kind.LAMBDA_FUNCTION) {
            put(d, "error", error);
            put(d, "cause", cause);
            if (r.f.event("LambdaFunctionFailed", "lambdaFunctionFailedEventDetails", d) < 0) {
                return false;
            }
        } else {
            d.put("resourceType", res.resourceType());
            d.put("resource", res.resourceName());
            put(d, "error", error);
            put(d, "cause", cause);
            if (r.f.event("TaskFailed", "taskFailedEventDetails", d) < 0) {
                return false;
            }
        }
        return true;
    }

    /** TaskSubmitted: the integration accepted the work; the result comes later. */
    static boolean submitted(StateRun r, Asl.Resource res, JsonNode output) {
        ObjectNode d = Json.object();
        d.put("resourceType", res.resourceType());
        d.put("resource", res.resourceName());
        d.put("output", Json.write(output));
        d.putObject("outputDetails").put("truncated", false);
        return r.f.event("TaskSubmitted", "taskSubmittedEventDetails", d) >= 0;
    }

    static boolean timedOut(StateRun r, Asl.Resource res, String error, String cause) {
        ObjectNode d = Json.object();
        if (res.kind() == Asl.Kind.LAMBDA_FUNCTION) {
            d.put("error", error);
            d.put("cause", cause);
            if (r.f.event("LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails", d) < 0) {
                return false;
            }
        } else {
            d.put("resourceType", res.resourceType());
            d.put("resource", res.resourceName());
            d.put("error", error);
            d.put("cause", cause);
            if (r.f.event("TaskTimedOut", "taskTimedOutEventDetails", d) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void put(ObjectNode d, String k, String v) {
        if (v != null) {
            d.put(k, v);
        }
    }
}
