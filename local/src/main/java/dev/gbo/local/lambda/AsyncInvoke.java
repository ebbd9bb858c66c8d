package dev.gbo.local.lambda;

import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.FunctionInvoker;
import dev.gbo.local.core.SimClock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Lambda's asynchronous invocation (InvocationType Event, EventBridge and S3 targets): the event is
 * queued and run as a clock task; on a function error Lambda retries twice (after 1 and 2 minutes,
 * Lambda's default MaximumRetryAttempts 2), then gives up and reports the last result.
 */
public final class AsyncInvoke {
    public static final int MAX_RETRIES = 2;

    private AsyncInvoke() {
    }

    public static void start(SimClock clock, FunctionInvoker invoker, String functionRef, String payload,
            Consumer<FunctionInvoker.Result> onFailure) {
        attempt(clock, invoker, functionRef, payload, onFailure, 0, Duration.ZERO);
    }

    /**
     * Continues an asynchronous invocation whose first attempt already ran and failed (EventBridge
     * runs the first attempt in its delivery task): Lambda's two retries follow.
     */
    public static void retryAfterFailure(SimClock clock, FunctionInvoker invoker, String functionRef, String payload,
            Consumer<FunctionInvoker.Result> onFailure) {
        attempt(clock, invoker, functionRef, payload, onFailure, 1, LambdaService.asyncRetryDelay(1));
    }

    private static void attempt(SimClock clock, FunctionInvoker invoker, String ref, String payload,
            Consumer<FunctionInvoker.Result> onFailure, int retry, Duration delay) {
        clock.schedule(delay, "lambda async " + ref + " #" + retry, () -> {
            FunctionInvoker.Result r;
            try {
                r = invoker.invoke(ref, payload);
            } catch (AwsException e) {
                r = new FunctionInvoker.Result("{\"errorMessage\":\"" + e.getMessage().replace("\"", "'")
                        + "\",\"errorType\":\"" + e.code() + "\"}", "Unhandled", e.code());
            }
            if (!r.failed()) {
                return;
            }
            if (retry < MAX_RETRIES) {
                attempt(clock, invoker, ref, payload, onFailure, retry + 1, LambdaService.asyncRetryDelay(retry + 1));
            } else if (onFailure != null) {
                onFailure.accept(r);
            }
        });
    }
}
