package dev.gbo.functions.queue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.model.support.Json;
import java.util.List;
import software.amazon.awssdk.services.batch.model.EvaluateOnExit;
import software.amazon.awssdk.services.batch.model.RetryAction;
import software.amazon.awssdk.services.batch.model.RetryStrategy;

/**
 * The Batch retry strategy of every gbo job: Batch retries host and Spot loss itself, up to
 * {@code request.retry.attempts} attempts, and exits on anything else ({@code evaluateOnExit} entries
 * are tried in order; when none matches Batch retries, so the final EXIT on reason {@code *} is
 * required). Used by the job definition AND by SubmitJob, because a SubmitJob retryStrategy replaces
 * the job definition's as a whole.
 */
public final class RetryPolicy {
    /** (action, field, pattern); at most 5 entries. */
    static final List<String[]> ENTRIES = List.of(
            new String[] {"RETRY", "onStatusReason", "Host EC2*"},
            new String[] {"RETRY", "onStatusReason", "Your Spot Task was interrupted*"},
            new String[] {"EXIT", "onReason", "*"});

    private RetryPolicy() {
    }

    public static RetryStrategy strategy(int attempts) {
        return RetryStrategy.builder().attempts(attempts).evaluateOnExit(ENTRIES.stream().map(e -> {
            EvaluateOnExit.Builder b = EvaluateOnExit.builder().action(RetryAction.fromValue(e[0]));
            if (e[1].equals("onStatusReason")) {
                b.onStatusReason(e[2]);
            } else {
                b.onReason(e[2]);
            }
            return b.build();
        }).toList()).build();
    }

    /** The same strategy as JSON (camelCase, as Batch reports it), for content hashing. */
    public static ObjectNode json(int attempts) {
        ObjectNode node = Json.object().put("attempts", attempts);
        ArrayNode entries = node.putArray("evaluateOnExit");
        for (String[] e : ENTRIES) {
            entries.addObject().put("action", e[0]).put(e[1], e[2]);
        }
        return node;
    }
}
