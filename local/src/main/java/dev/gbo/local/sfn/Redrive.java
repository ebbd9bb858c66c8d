package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.core.AwsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an execution can be redriven, as DescribeExecution, ListExecutions, the status-change
 * events and RedriveExecution report it. AWS documents the conditions (RedriveExecution API reference,
 * "Redrive eligibility for unsuccessful executions") and the {@code redriveStatusReason} texts
 * (DescribeExecution); the engine checks them in this order on the cloud's clock:
 *
 * <ol>
 *   <li>an EXPRESS state machine's execution (AWS: not supported; the message is the engine's);</li>
 *   <li>the state machine is being deleted (or is gone): {@code State machine is in DELETING status};</li>
 *   <li>RUNNING or SUCCEEDED: {@code Execution is <STATUS> and cannot be redriven};</li>
 *   <li>more than 14 days since it closed: {@code Execution redrivable period exceeded};</li>
 *   <li>open for more than a year since its start: {@code Execution has exceeded the max execution time};</li>
 *   <li>24,999 or more history events (no room for ExecutionRedriven and one more):
 *       {@code Execution history event limit exceeded};</li>
 *   <li>redriven {@value #MAX_REDRIVES} times already (the engine's limit; AWS names no such reason).</li>
 * </ol>
 *
 * RedriveExecution refuses a non-redrivable execution with {@code ExecutionNotRedrivable} and the same
 * reason as message (AWS does not document the message; the reason is the most plausible one).
 */
final class Redrive {

    static final String REDRIVABLE = "REDRIVABLE";
    static final String NOT_REDRIVABLE = "NOT_REDRIVABLE";
    /** Executions of a distributed Map's Map Run: the distributed Map work names this status (not produced here). */
    static final String REDRIVABLE_BY_MAP_RUN = "REDRIVABLE_BY_MAP_RUN";

    static final Duration REDRIVABLE_PERIOD = Duration.ofDays(14);
    static final Duration MAX_OPEN_TIME = Duration.ofDays(365);
    static final int HISTORY_ROOM = Execution.HISTORY_LIMIT - 1;
    static final int MAX_REDRIVES = 1000;
    /** AWS answers the last 10 clientTokens of successful redrives idempotently, for 15 minutes each. */
    static final int TOKENS_KEPT = 10;
    static final Duration TOKEN_VALIDITY = Duration.ofMinutes(15);

    private Redrive() {
    }

    /** {@code redriveStatus} and {@code redriveStatusReason} (null when redrivable). */
    record Status(String status, String reason) {
        boolean redrivable() {
            return reason == null;
        }

        /** Puts {@code redriveStatus} (and {@code redriveStatusReason} when not redrivable) on {@code o}. */
        void put(ObjectNode o) {
            o.put("redriveStatus", status);
            if (reason != null) {
                o.put("redriveStatusReason", reason);
            }
        }
    }

    /** Whether {@code e} can be redriven now; {@code machineGone}: its state machine is being deleted or was deleted. */
    static Status of(Execution e, boolean machineGone, Instant now) {
        String st = e.status();
        if (e.mapRun != null && !st.equals("RUNNING") && !st.equals("SUCCEEDED")) {
            // a distributed Map's child: AWS redrives it only through its parent's Map Run
            return new Status(REDRIVABLE_BY_MAP_RUN,
                    "Execution is a child workflow execution of a Map Run; redrive its parent execution");
        }
        String reason = reason(e, machineGone, now);
        return new Status(reason == null ? REDRIVABLE : NOT_REDRIVABLE, reason);
    }

    private static String reason(Execution e, boolean machineGone, Instant now) {
        if ("EXPRESS".equals(e.machine.type())) {
            return "Execution of an EXPRESS state machine cannot be redriven"; // AWS: RedriveExecution "is not supported by EXPRESS state machines"
        }
        if (machineGone) {
            return "State machine is in DELETING status";
        }
        String status = e.status();
        if (status.equals("RUNNING") || status.equals("SUCCEEDED")) {
            return "Execution is " + status + " and cannot be redriven";
        }
        Instant stop = e.stopDate();
        if (stop != null && now.isAfter(stop.plus(REDRIVABLE_PERIOD))) {
            return "Execution redrivable period exceeded";
        }
        if (now.isAfter(e.startDate.plus(MAX_OPEN_TIME))) {
            return "Execution has exceeded the max execution time";
        }
        if (e.eventCount() >= HISTORY_ROOM) {
            return "Execution history event limit exceeded";
        }
        if (e.redriveCount() >= MAX_REDRIVES) {
            return "Execution has been redriven the maximum number of times (" + MAX_REDRIVES + ")";
        }
        return null;
    }

    /** The ExecutionNotRedrivable refusal for a status that is not redrivable. */
    static AwsException notRedrivable(Status s) {
        return new AwsException("ExecutionNotRedrivable", 400, s.reason());
    }

    /** A clientToken of a successful redrive and when it was used. */
    record Token(String token, Instant at) {
        static Instant find(List<Token> tokens, String token, Instant now) {
            if (token == null) {
                return null;
            }
            for (int i = tokens.size() - 1; i >= 0; i--) {
                Token t = tokens.get(i);
                if (t.token().equals(token) && !now.isAfter(t.at().plus(TOKEN_VALIDITY))) {
                    return t.at();
                }
            }
            return null;
        }

        static void write(List<Token> tokens, ArrayNode out) {
            for (Token t : tokens) {
                out.addObject().put("token", t.token()).put("at", t.at().toEpochMilli());
            }
        }

        static List<Token> read(JsonNode in) {
            List<Token> out = new ArrayList<>();
            for (JsonNode t : in) {
                out.add(new Token(t.path("token").asText(), Instant.ofEpochMilli(t.path("at").asLong())));
            }
            return out;
        }
    }
}
