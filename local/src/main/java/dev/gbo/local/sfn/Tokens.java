package dev.gbo.local.sfn;

import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.StateLog;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Task tokens of {@code .waitForTaskToken} tasks. A token is a counter signed with a secret drawn
 * from the clock's seeded random, so tokens are deterministic for a seed and forged ones are
 * recognised. A token works once: afterwards it is "spent" ({@code TaskTimedOut}).
 */
final class Tokens {

    static final int MAX_LENGTH = 2048;
    private static final String PREFIX = "AQB";

    private volatile byte[] secret;
    private long secretSeed;
    private final AtomicLong counter = new AtomicLong();
    private final ConcurrentHashMap<String, TaskCall> live = new ConcurrentHashMap<>();
    private final Set<String> spent = ConcurrentHashMap.newKeySet();
    private volatile StateLog log = StateLog.NONE;
    /** Tokens an earlier run handed out and nobody redeemed, by (execution, thread, state): handed out again. */
    private final ConcurrentHashMap<String, String> carried = new ConcurrentHashMap<>();

    Tokens(long secretSeed) {
        this.secretSeed = secretSeed;
        this.secret = ByteBuffer.allocate(8).putLong(secretSeed).array();
    }

    /**
     * A durable cloud: the secret of the first run is kept ({@code states/tokens}), so its tokens stay
     * valid; counters of this run start apart from earlier runs'; tokens still waiting at the kill
     * ({@code states/token/<token>}) are carried over to the task that resumes in their place.
     */
    void durable(StateLog log, StateLog.Restored restored) {
        StateLog.Entry s = restored.get("states/tokens");
        if (s != null) {
            secretSeed = s.value().path("secret").asLong();
            secret = ByteBuffer.allocate(8).putLong(secretSeed).array();
        }
        counter.set(restored.generation() << 32);
        for (StateLog.Entry e : restored.under("states/token/")) {
            carried.put(e.value().path("where").asText(), e.key().substring("states/token/".length()));
        }
        this.log = log;
        if (log.enabled()) {
            log.put("states/tokens", dev.gbo.local.core.Json.object().put("secret", secretSeed));
        }
    }

    /** Where a waiting task stands: the execution, its thread (branch path) and the state. */
    static String where(Execution e, String thread, String state) {
        return e.arn + "|" + thread + "|" + state;
    }

    String issue(Execution e, String state) {
        return issue(e, "", state);
    }

    /** A token for the task at {@code thread}/{@code state}: the one an earlier run handed out there, if it still waits. */
    String issue(Execution e, String thread, String state) {
        String where = where(e, thread, state);
        String old = carried.remove(where);
        if (old != null) {
            return old;
        }
        long n = counter.incrementAndGet();
        byte[] digest = sign(n);
        ByteBuffer b = ByteBuffer.allocate(8 + 48);
        b.putLong(n).put(digest, 0, 48);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private byte[] sign(long n) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-384");
            md.update(secret);
            md.update(ByteBuffer.allocate(8).putLong(n).array());
            md.update("gbo-sfn-task-token".getBytes(StandardCharsets.US_ASCII));
            return md.digest();
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    void register(String token, TaskCall call) {
        live.put(token, call);
        if (log.enabled()) {
            log.put("states/token/" + token, dev.gbo.local.core.Json.object()
                    .put("where", where(call.execution(), call.frame().path, call.r.s.name())));
        }
    }

    void retire(String token) {
        if (live.remove(token) != null) {
            spent.add(token);
            log.remove("states/token/" + token);
        }
    }

    int liveCount() {
        return live.size();
    }

    /**
     * Claims the task behind {@code token} for a SendTask* call that completes it; AWS errors for
     * malformed, unknown and spent tokens.
     */
    TaskCall claim(String token) {
        TaskCall call = find(token);
        if (!call.claim()) {
            throw timedOut();
        }
        return call;
    }

    /** The live task behind {@code token} without claiming it (SendTaskHeartbeat). */
    TaskCall find(String token) {
        if (token == null || token.isEmpty()) {
            throw AwsException.validation("1 validation error detected: Value null at 'taskToken' failed to satisfy constraint: Member must not be null");
        }
        if (token.length() > MAX_LENGTH) {
            throw AwsException.validation("1 validation error detected: Value at 'taskToken' failed to satisfy constraint: Member must have length less than or equal to "
                    + MAX_LENGTH);
        }
        TaskCall call = live.get(token);
        if (call != null) {
            if (!call.execution().open() || call.isClaimed()) {
                throw timedOut();
            }
            return call;
        }
        if (spent.contains(token)) {
            throw timedOut();
        }
        if (!wellFormed(token)) {
            throw new AwsException("InvalidToken", 400, "Invalid Token: 'Invalid token'");
        }
        throw new AwsException("TaskDoesNotExist", 400, "Task Does Not Exist: the token was not issued by this local cloud");
    }

    private boolean wellFormed(String token) {
        if (!token.startsWith(PREFIX)) {
            return false;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token.substring(PREFIX.length()));
            if (raw.length != 56) {
                return false;
            }
            ByteBuffer b = ByteBuffer.wrap(raw);
            long n = b.getLong();
            byte[] d = Arrays.copyOfRange(raw, 8, 56);
            return MessageDigest.isEqual(d, Arrays.copyOf(sign(n), 48));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static AwsException timedOut() {
        return new AwsException("TaskTimedOut", 400, "Task Timed Out: 'Provided task does not exist anymore'");
    }
}
