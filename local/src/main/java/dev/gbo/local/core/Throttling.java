package dev.gbo.local.core;

import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets per (API, operation group) at the rates of {@link RateLimits}, evaluated on the
 * {@link SimClock}'s time, or at the invocation clock's time for requests a running Lambda function
 * makes ({@link InvocationClock}). The endpoint calls {@link #check} before every operation on the
 * wire. Thread-safe.
 */
public final class Throttling {

    private static final class Bucket {
        double tokens;
        long lastRefill;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.lastRefill = at;
        }
    }

    private final SimClock clock;
    private final RateLimits limits;
    private final InvocationClock invocations;
    private final Map<String, Bucket> buckets = new HashMap<>();

    public Throttling(SimClock clock, RateLimits limits, InvocationClock invocations) {
        this.clock = clock;
        this.limits = limits;
        this.invocations = invocations;
    }

    public RateLimits limits() {
        return limits;
    }

    /**
     * Takes a token for one call, or throws the API's throttling error. {@code accessKeyId} is the
     * caller's (from the SigV4 scope; null when unsigned); {@code attempt}/{@code max} come from the
     * {@code amz-sdk-request} header (0 when absent).
     */
    public void check(String api, String operation, String accessKeyId, int attempt, int max) {
        RateLimits.Group g = limits.groupOf(api, operation);
        if (g == null) {
            return;
        }
        InvocationClock.Invocation inv = invocations == null ? null : invocations.of(accessKeyId);
        long t = inv != null ? inv.now() : clock.millis();
        synchronized (this) {
            Bucket b = buckets.computeIfAbsent(api + ":" + g.name(), k -> new Bucket(g.rate().size(), t));
            if (t > b.lastRefill) {
                b.tokens = Math.min(g.rate().size(), b.tokens + (t - b.lastRefill) * g.rate().refillPerSecond() / 1000.0);
                b.lastRefill = t;
            }
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return;
            }
            if (inv != null && attempt > 0 && attempt < max) {
                inv.advance(InvocationClock.backoffMillis(attempt, invocations.random()));
            }
        }
        throw RateLimits.throttled(api);
    }
}
