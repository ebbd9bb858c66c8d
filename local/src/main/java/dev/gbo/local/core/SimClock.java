package dev.gbo.local.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The local cloud's clock and scheduler: every simulated delay (a compute environment becoming
 * VALID, a job running for ten minutes, an EventBridge delivery, a Step Functions Wait or timeout)
 * is a task scheduled here, and every task runs on one driver thread in time order (ties in the
 * order they were scheduled), which makes a run deterministic for a seed.
 *
 * <ul>
 *   <li>{@link Mode#VIRTUAL}: time jumps to the next task as soon as the previous one is done, so an
 *       hour of Batch time passes in milliseconds. Time advances only while non-daemon work is
 *       pending: recurring daemon tasks (schedules) fire when other work carries time past them, and
 *       alone they never make the clock run away.</li>
 *   <li>{@link Mode#MANUAL}: time moves only through {@link #advance(Duration)}; for tests that look
 *       at intermediate states.</li>
 *   <li>{@link Mode#REAL_TIME}: tasks run when the wall clock reaches them (scaled by a speed
 *       factor), for interactive use with external clients.</li>
 * </ul>
 *
 * Tasks may be scheduled from any thread. A task must not block waiting for another task. In VIRTUAL
 * mode the driver jumps to a task as soon as it is queued, so tasks scheduled one by one from another
 * thread race with time; where their order matters, schedule them from a clock task ({@link #submit}),
 * as the services do.
 */
public final class SimClock implements AutoCloseable {

    public enum Mode { VIRTUAL, MANUAL, REAL_TIME }

    /** A scheduled task; cancel it to drop it if it has not run yet. */
    public interface Scheduled {
        boolean cancel();

        Instant at();
    }

    private final Mode mode;
    private final double speed;
    private final Random random;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Thread driver;

    private long nowMillis;
    private long manualTarget;
    private int pendingWork; // non-daemon tasks queued
    private boolean running; // a task is executing on the driver
    private boolean closed;
    private final long realStartNanos;
    private final long virtualStartMillis;
    private volatile Throwable lastFailure;

    private SimClock(Mode mode, Instant start, long seed, double speed) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.speed = speed;
        this.random = new Random(seed);
        this.nowMillis = start.toEpochMilli();
        this.manualTarget = nowMillis;
        this.virtualStartMillis = nowMillis;
        this.realStartNanos = System.nanoTime();
        this.driver = Thread.ofPlatform().name("gbo-clock").daemon(true).unstarted(this::drive);
        this.driver.start();
    }

    public static SimClock virtual(Instant start, long seed) {
        return new SimClock(Mode.VIRTUAL, start, seed, 1.0);
    }

    public static SimClock manual(Instant start, long seed) {
        return new SimClock(Mode.MANUAL, start, seed, 1.0);
    }

    /** Real time from {@code start}; {@code speed} 1.0 is wall-clock speed, 60.0 makes a minute pass in a second. */
    public static SimClock realTime(Instant start, long seed, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        return new SimClock(Mode.REAL_TIME, start, seed, speed);
    }

    public Mode mode() {
        return mode;
    }

    public Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    public long millis() {
        lock.lock();
        try {
            if (mode == Mode.REAL_TIME) {
                return realNow();
            }
            return nowMillis;
        } finally {
            lock.unlock();
        }
    }

    /** The seeded random source of this cloud. Use it from clock tasks for deterministic runs. */
    public Random random() {
        return random;
    }

    public Scheduled schedule(Duration delay, String label, Runnable task) {
        return schedule(delay, label, false, task);
    }

    /** A daemon task does not keep virtual time moving on its own (see the class comment). */
    public Scheduled schedule(Duration delay, String label, boolean daemon, Runnable task) {
        if (delay.isNegative()) {
            delay = Duration.ZERO;
        }
        lock.lock();
        try {
            long base = mode == Mode.REAL_TIME ? realNow() : nowMillis;
            return enqueue(base + delay.toMillis(), label, daemon, task);
        } finally {
            lock.unlock();
        }
    }

    public Scheduled scheduleAt(Instant when, String label, Runnable task) {
        lock.lock();
        try {
            long base = mode == Mode.REAL_TIME ? realNow() : nowMillis;
            return enqueue(Math.max(base, when.toEpochMilli()), label, false, task);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code task} on the driver as soon as possible, in order with other immediate tasks. */
    public Scheduled submit(String label, Runnable task) {
        return schedule(Duration.ZERO, label, task);
    }

    /** MANUAL mode: moves time forward by {@code by}, running every task due, and waits until they ran. */
    public void advance(Duration by) {
        if (mode != Mode.MANUAL) {
            throw new IllegalStateException("advance() is for MANUAL clocks; this one is " + mode);
        }
        lock.lock();
        try {
            manualTarget = Math.max(manualTarget, nowMillis) + by.toMillis();
            changed.signalAll();
            while (!closed && (running || hasDueManualWork())) {
                changed.awaitUninterruptibly();
            }
            nowMillis = Math.max(nowMillis, manualTarget);
        } finally {
            lock.unlock();
        }
    }

    /**
     * MANUAL mode, for a caller that waits on the simulation (StartSyncExecution): moves time forward
     * from one due task to the next, as VIRTUAL mode does, until {@code done} says so (checked after
     * every task, under the clock's lock: it must not block) or the next task lies after {@code limit}.
     * Every task due on the way runs, whoever scheduled it. Not on the driver thread.
     */
    public void advanceUntil(java.util.function.BooleanSupplier done, Instant limit) {
        if (mode != Mode.MANUAL) {
            throw new IllegalStateException("advanceUntil() is for MANUAL clocks; this one is " + mode);
        }
        if (onDriverThread()) {
            throw new IllegalStateException("advanceUntil() would wait for the driver on the driver thread");
        }
        long last = limit.toEpochMilli();
        lock.lock();
        try {
            while (!closed && !done.getAsBoolean()) {
                if (running || hasDueManualWork()) {
                    changed.awaitUninterruptibly();
                    continue;
                }
                Task head = queue.peek();
                while (head != null && head.cancelled) {
                    queue.poll(); // its pendingWork share was released by cancel()
                    head = queue.peek();
                }
                if (head == null || head.at > last) {
                    return;
                }
                manualTarget = Math.max(manualTarget, head.at);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (in wall time, at most {@code timeout}) until no non-daemon task is pending or running.
     * In VIRTUAL mode that means the simulation has run to completion. Returns false on timeout.
     */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!closed && (running || pendingWork > 0)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Number of tasks waiting, daemon ones included. */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** The last exception a task threw (tasks are isolated: one failure does not stop the clock). */
    public Throwable lastFailure() {
        return lastFailure;
    }

    public boolean onDriverThread() {
        return Thread.currentThread() == driver;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            pendingWork = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (!onDriverThread()) {
            try {
                driver.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ internals

    private Task enqueue(long at, String label, boolean daemon, Runnable runnable) {
        if (closed) {
            throw new IllegalStateException("the local cloud's clock is closed");
        }
        Task task = new Task(at, sequence.incrementAndGet(), label, daemon, runnable);
        queue.add(task);
        if (!daemon) {
            pendingWork++;
        }
        changed.signalAll();
        return task;
    }

    private long realNow() {
        long elapsedNanos = System.nanoTime() - realStartNanos;
        return virtualStartMillis + (long) (elapsedNanos / 1_000_000.0 * speed);
    }

    private boolean hasDueManualWork() {
        Task head = queue.peek();
        return head != null && head.at <= manualTarget;
    }

    private void drive() {
        while (true) {
            Task task;
            lock.lock();
            try {
                task = nextTask();
                if (task == null) {
                    return; // closed
                }
                running = true;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                task.runnable.run();
            } catch (Throwable t) {
                lastFailure = t;
                System.err.println("[gbo-clock] task '" + task.label + "' failed: " + t);
            } finally {
                lock.lock();
                try {
                    running = false;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Called with the lock held; blocks until a task may run now. */
    private Task nextTask() throws InterruptedException {
        while (true) {
            if (closed) {
                return null;
            }
            Task head = queue.peek();
            if (head != null && head.cancelled) {
                queue.poll(); // its pendingWork share was released by cancel()
                changed.signalAll(); // advance() may be waiting for exactly this head to go
                continue;
            }
            switch (mode) {
                case VIRTUAL -> {
                    if (head != null && (pendingWork > 0 || head.at <= nowMillis)) {
                        return take(head.at);
                    }
                    changed.await();
                }
                case MANUAL -> {
                    if (head != null && head.at <= manualTarget) {
                        return take(Math.max(nowMillis, head.at));
                    }
                    changed.await();
                }
                case REAL_TIME -> {
                    long now = realNow();
                    if (head != null && head.at <= now) {
                        return take(head.at);
                    }
                    if (head == null) {
                        changed.await();
                    } else {
                        long waitMillis = (long) Math.ceil((head.at - now) / speed);
                        changed.await(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
                    }
                }
            }
        }
    }

    private Task take(long at) {
        Task task = queue.poll();
        if (!task.daemon) {
            pendingWork--;
        }
        task.done = true;
        if (mode != Mode.REAL_TIME) {
            nowMillis = Math.max(nowMillis, at);
        }
        return task;
    }

    private final class Task implements Comparable<Task>, Scheduled {
        final long at;
        final long seq;
        final String label;
        final boolean daemon;
        final Runnable runnable;
        boolean cancelled;
        boolean done;

        Task(long at, long seq, String label, boolean daemon, Runnable runnable) {
            this.at = at;
            this.seq = seq;
            this.label = label;
            this.daemon = daemon;
            this.runnable = runnable;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public boolean cancel() {
            lock.lock();
            try {
                if (done || cancelled) {
                    return false;
                }
                cancelled = true; // removed lazily when it reaches the head of the queue
                if (!daemon) {
                    pendingWork--;
                }
                changed.signalAll();
                return true;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Instant at() {
            return Instant.ofEpochMilli(at);
        }

        @Override
        public String toString() {
            return label + "@" + Instant.ofEpochMilli(at);
        }
    }
}
