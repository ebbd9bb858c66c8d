package dev.gbo.functions.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WarmCacheTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger loads = new AtomicInteger();
    private final WarmCache<String, Integer> cache = new WarmCache<>(Duration.ofMinutes(5), now::get);

    private Integer load() {
        return loads.incrementAndGet();
    }

    @Test
    void get_withinTtl_loadsOnce() {
        assertThat(cache.get("k", this::load)).isEqualTo(1);
        now.addAndGet(Duration.ofMinutes(4).toNanos());

        assertThat(cache.get("k", this::load)).isEqualTo(1);
        assertThat(loads).hasValue(1);
    }

    @Test
    void get_afterTtl_loadsAgain() {
        cache.get("k", this::load);
        now.addAndGet(Duration.ofMinutes(5).toNanos());

        assertThat(cache.get("k", this::load)).isEqualTo(2);
    }

    @Test
    void get_failedLoad_isNotRemembered() {
        assertThatThrownBy(() -> cache.get("k", () -> {
            throw new IllegalStateException("throttled");
        })).hasMessage("throttled");

        assertThat(cache.get("k", this::load)).isEqualTo(1);
    }
}
