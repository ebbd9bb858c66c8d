package dev.gbo.local.core;

import java.util.Random;

/**
 * The simulated time of the Lambda invocation running on the clock's driver (VIRTUAL and MANUAL
 * modes; see docs/local-cloud.md, "Simulated time inside an invocation"). While a handler runs, the
 * driver waits for it, so {@link SimClock#now()} stands still; the invocation keeps its own time
 * instead: {@code start + elapsed}. Requests the function makes (recognised by its access key id) are
 * throttled at that time, and each throttled attempt adds the backoff the function's SDK will sleep
 * before its next attempt, so the SDK's retries meet refilled buckets and the invocation's simulated
 * duration delays what follows it. Only one invocation runs on the driver at a time.
 */
public final class InvocationClock {

    /**
     * The retry backoff the gbo functions configure on their SDK clients (exponential from this base,
     * capped, full jitter; the functions' Clients are configured to these values): keep in step.
     */
    public static final long SDK_BACKOFF_BASE_MILLIS = 100;
    /** See {@link #SDK_BACKOFF_BASE_MILLIS}. */
    public static final long SDK_BACKOFF_CAP_MILLIS = 5_000;

    /** One running invocation: the function's access key id, its start and the simulated time it took so far. */
    public static final class Invocation {
        private final String accessKeyId;
        private final long start;
        private long elapsed;

        Invocation(String accessKeyId, long start) {
            this.accessKeyId = accessKeyId;
            this.start = start;
        }

        public String accessKeyId() {
            return accessKeyId;
        }

        public synchronized long now() {
            return start + elapsed;
        }

        public synchronized long elapsedMillis() {
            return elapsed;
        }

        synchronized void advance(long millis) {
            elapsed += Math.max(0, millis);
        }
    }

    private final SimClock clock;
    private volatile Invocation current;

    public InvocationClock(SimClock clock) {
        this.clock = clock;
    }

    /**
     * Starts the invocation clock of a function's invocation when it runs on the driver of a VIRTUAL or
     * MANUAL clock; null otherwise (REAL_TIME: the SDK's waits are real waits; other threads: the clock moves on its own).
     */
    public Invocation begin(String accessKeyId) {
        if (clock.mode() == SimClock.Mode.REAL_TIME || !clock.onDriverThread() || current != null) {
            return null;
        }
        Invocation inv = new Invocation(accessKeyId, clock.millis());
        current = inv;
        return inv;
    }

    public void end(Invocation inv) {
        if (inv != null && current == inv) {
            current = null;
        }
    }

    /** The running invocation the request with this access key id comes from, or null. */
    public Invocation of(String accessKeyId) {
        Invocation inv = current;
        return inv != null && accessKeyId != null && inv.accessKeyId.equals(accessKeyId) ? inv : null;
    }

    /**
     * The delay the SDK sleeps after attempt {@code attempt} failed with a throttling error: full jitter over
     * {@code min(cap, base * 2^(attempt-1))}, drawn from the clock's seeded random.
     */
    static long backoffMillis(int attempt, Random random) {
        int n = Math.max(1, Math.min(attempt, 31));
        long ceiling = Math.min(SDK_BACKOFF_CAP_MILLIS, SDK_BACKOFF_BASE_MILLIS << Math.min(n - 1, 20));
        return random.nextLong(ceiling + 1);
    }

    Random random() {
        return clock.random();
    }
}
