package dev.gbo.local.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimClockTest {
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    @Test
    void virtual_tasksScheduledOutOfOrder_runInTimeOrderAndTimeJumps() {
        try (SimClock clock = SimClock.virtual(T0, 1)) {
            List<String> ran = new CopyOnWriteArrayList<>();
            // Scheduled from a clock task: in VIRTUAL mode, tasks scheduled one by one from another thread
            // race with the driver, which jumps to the first as soon as it is queued.
            clock.submit("setup", () -> {
                clock.schedule(Duration.ofHours(1), "late", () -> ran.add("late@" + clock.now()));
                clock.schedule(Duration.ofMinutes(10), "early", () -> ran.add("early@" + clock.now()));
                clock.schedule(Duration.ofMinutes(10), "early-2", () -> ran.add("early-2@" + clock.now()));
            });

            assertThat(clock.awaitIdle(Duration.ofSeconds(5))).isTrue();

            assertThat(ran).containsExactly("early@2026-11-27T00:10:00Z", "early-2@2026-11-27T00:10:00Z",
                    "late@2026-11-27T01:00:00Z");
        }
    }

    @Test
    void virtual_onlyDaemonTasksLeft_clockStandsStill() {
        try (SimClock clock = SimClock.virtual(T0, 1)) {
            List<Instant> fired = new CopyOnWriteArrayList<>();
            clock.schedule(Duration.ofMinutes(5), "schedule", true, () -> fired.add(clock.now()));
            clock.schedule(Duration.ofMinutes(1), "work", () -> { });

            assertThat(clock.awaitIdle(Duration.ofSeconds(5))).isTrue();

            assertThat(fired).isEmpty();
            assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        }
    }

    @Test
    void virtual_workBeyondADaemonTask_carriesTimePastIt() {
        try (SimClock clock = SimClock.virtual(T0, 1)) {
            List<Instant> fired = new CopyOnWriteArrayList<>();
            clock.schedule(Duration.ofMinutes(5), "schedule", true, () -> fired.add(clock.now()));
            clock.schedule(Duration.ofMinutes(10), "work", () -> { });

            assertThat(clock.awaitIdle(Duration.ofSeconds(5))).isTrue();

            assertThat(fired).containsExactly(T0.plus(Duration.ofMinutes(5)));
        }
    }

    @Test
    void cancel_beforeItRuns_taskNeverRunsAndIdleIsReached() {
        try (SimClock clock = SimClock.virtual(T0, 1)) {
            List<String> ran = new CopyOnWriteArrayList<>();
            List<Boolean> cancels = new CopyOnWriteArrayList<>();
            clock.submit("callback arrives", () -> {
                SimClock.Scheduled timeout = clock.schedule(Duration.ofHours(1), "timeout", () -> ran.add("timeout"));
                cancels.add(timeout.cancel());
                cancels.add(timeout.cancel());
            });

            assertThat(clock.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(cancels).containsExactly(true, false);
            assertThat(ran).isEmpty();
            assertThat(clock.now()).as("a cancelled task does not move virtual time").isEqualTo(T0);
        }
    }

    @Test
    void advance_manualClock_runsOnlyWhatIsDue() {
        try (SimClock clock = SimClock.manual(T0, 1)) {
            List<String> ran = new CopyOnWriteArrayList<>();
            clock.schedule(Duration.ofSeconds(30), "a", () -> ran.add("a"));
            clock.schedule(Duration.ofSeconds(90), "b", () -> ran.add("b"));

            clock.advance(Duration.ofMinutes(1));
            assertThat(ran).containsExactly("a");
            assertThat(clock.now()).isEqualTo(T0.plus(Duration.ofMinutes(1)));

            clock.advance(Duration.ofMinutes(1));
            assertThat(ran).containsExactly("a", "b");
        }
    }

    @Test
    void advance_cancelledHeadTask_returns() throws Exception {
        // Regression: dropping a cancelled head task must wake a waiting advance().
        for (int i = 0; i < 200; i++) {
            try (SimClock clock = SimClock.manual(T0, 1)) {
                SimClock.Scheduled head = clock.schedule(Duration.ofSeconds(1), "heartbeat", () -> { });
                clock.schedule(Duration.ofSeconds(5), "later", () -> { });
                head.cancel();
                CompletableFuture<Void> advanced = CompletableFuture.runAsync(() -> clock.advance(Duration.ofSeconds(2)));
                advanced.get(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void advanceUntil_doneAfterTheSecondTask_stopsTimeThere() {
        try (SimClock clock = SimClock.manual(T0, 1)) {
            List<String> ran = new CopyOnWriteArrayList<>();
            CompletableFuture<String> done = new CompletableFuture<>();
            clock.schedule(Duration.ofSeconds(10), "first", () -> ran.add("first@" + clock.now()));
            clock.schedule(Duration.ofSeconds(30), "second", () -> done.complete("second@" + clock.now()));
            clock.schedule(Duration.ofSeconds(60), "third", () -> ran.add("third@" + clock.now()));

            clock.advanceUntil(done::isDone, T0.plus(Duration.ofMinutes(5)));

            assertThat(done.getNow(null)).isEqualTo("second@2026-11-27T00:00:30Z");
            assertThat(ran).containsExactly("first@2026-11-27T00:00:10Z");
            assertThat(clock.now()).isEqualTo(T0.plusSeconds(30));
        }
    }

    @Test
    void advanceUntil_nextTaskAfterTheLimit_returnsWithoutRunningIt() {
        try (SimClock clock = SimClock.manual(T0, 1)) {
            List<String> ran = new CopyOnWriteArrayList<>();
            clock.schedule(Duration.ofSeconds(5), "cancelled", () -> ran.add("cancelled")).cancel();
            clock.schedule(Duration.ofSeconds(10), "due", () -> ran.add("due"));
            clock.schedule(Duration.ofSeconds(90), "later", () -> ran.add("later"));

            clock.advanceUntil(() -> false, T0.plusSeconds(60));

            assertThat(ran).containsExactly("due");
            assertThat(clock.now()).isEqualTo(T0.plusSeconds(10));
            assertThat(clock.pending()).isEqualTo(1);
        }
    }

    @Test
    void taskThatThrows_isIsolatedAndRecorded() {
        try (SimClock clock = SimClock.virtual(T0, 1)) {
            List<String> ran = new CopyOnWriteArrayList<>();
            clock.submit("boom", () -> {
                throw new IllegalStateException("boom");
            });
            clock.schedule(Duration.ofSeconds(1), "after", () -> ran.add("after"));

            assertThat(clock.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(ran).containsExactly("after");
            assertThat(clock.lastFailure()).hasMessage("boom");
        }
    }

    @Test
    void realTime_speedSixty_aMinutePassesInAboutASecond() throws Exception {
        try (SimClock clock = SimClock.realTime(T0, 1, 60.0)) {
            CompletableFuture<Instant> fired = new CompletableFuture<>();
            long start = System.nanoTime();
            clock.schedule(Duration.ofSeconds(30), "half a minute", () -> fired.complete(clock.now()));

            Instant at = fired.get(5, TimeUnit.SECONDS);
            long wallMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(at).isAfterOrEqualTo(T0.plusSeconds(30));
            assertThat(wallMillis).isBetween(300L, 3000L);
        }
    }
}
