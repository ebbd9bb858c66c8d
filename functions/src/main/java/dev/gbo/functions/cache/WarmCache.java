package dev.gbo.functions.cache;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What a warm function remembers between invocations: a value per key, trusted for a time-to-live
 * and loaded again after it. A failed load is not remembered. In a package of its own: capacity and
 * queue use it, and support (which depends on state) must not be a dependency of either.
 */
public final class WarmCache<K, V> {
    private record Entry<V>(V value, long loadedAtNanos) {
    }

    private final Duration ttl;
    private final LongSupplier nanoTime;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public WarmCache(Duration ttl) {
        this(ttl, System::nanoTime);
    }

    public WarmCache(Duration ttl, LongSupplier nanoTime) {
        this.ttl = ttl;
        this.nanoTime = nanoTime;
    }

    /** The value for {@code key}: from memory when loaded less than the time-to-live ago, else from {@code load}. */
    public V get(K key, Supplier<V> load) {
        long now = nanoTime.getAsLong();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.loadedAtNanos() < ttl.toNanos()) {
            return entry.value();
        }
        V fresh = load.get();
        entries.put(key, new Entry<>(fresh, now));
        return fresh;
    }
}
