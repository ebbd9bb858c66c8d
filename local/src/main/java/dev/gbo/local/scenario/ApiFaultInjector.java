package dev.gbo.local.scenario;

import dev.gbo.local.core.AwsException;
import java.util.List;
import java.util.Random;

/**
 * Applies a scenario's {@link Scenario.ApiFault}s: the HTTP endpoint calls {@link #check} before every
 * operation that arrives on the wire, whatever the API (in-process calls between services are not faulted). Thread-safe; deterministic for a seed and a call order.
 */
public final class ApiFaultInjector {
    private final List<Scenario.ApiFault> faults;
    private final long[] seen;
    private final long[] fired;
    private final Random random;

    public ApiFaultInjector(List<Scenario.ApiFault> faults, long seed) {
        this.faults = List.copyOf(faults);
        this.seen = new long[faults.size()];
        this.fired = new long[faults.size()];
        this.random = new Random(seed);
    }

    public static ApiFaultInjector none() {
        return new ApiFaultInjector(List.of(), 0);
    }

    /** Throws the fault's error when a fault fires for this call. */
    public void check(String service, String operation) {
        if (faults.isEmpty()) {
            return;
        }
        AwsException error = null;
        synchronized (this) {
            for (int i = 0; i < faults.size(); i++) {
                Scenario.ApiFault f = faults.get(i);
                if (!f.service().equals(service) || !Glob.matches(f.operation(), operation)) {
                    continue;
                }
                seen[i]++;
                if (seen[i] <= f.afterCalls() || (f.count() != null && fired[i] >= f.count())) {
                    continue;
                }
                if (f.probability() >= 1.0 || random.nextDouble() < f.probability()) {
                    fired[i]++;
                    error = new AwsException(f.code(), f.status(), f.message());
                    break;
                }
            }
        }
        if (error != null) {
            throw error;
        }
    }
}
