package dev.gbo.functions.job;

import dev.gbo.model.support.Hashing;

/**
 * Deterministic job names:
 * {@code <prefix>-<request name>-<12 hex of sha256(requestId)>-<family>-a<attempt>}, at most 128
 * characters (the request name is shortened when needed; the hash keeps names unique). The family is
 * part of the name because {@code attempt} restarts at 0 after a family fallback: without it the new
 * family's attempt 0 would find the previous family's cancelled job and never run.
 */
public final class JobNames {
    public static final int MAX_LENGTH = 128;

    private JobNames() {
    }

    public static String jobName(String prefix, String requestName, String requestId, String family, int attempt) {
        if (family == null || family.isBlank()) {
            throw new IllegalArgumentException("state 'capacity.family' is missing; CapacityHandler output must be at $.capacity");
        }
        String suffix = "-" + Hashing.sha256Hex(requestId).substring(0, 12) + "-" + family + "-a" + attempt;
        String head = prefix + "-" + requestName;
        int room = MAX_LENGTH - suffix.length();
        if (head.length() > room) {
            head = head.substring(0, room);
        }
        return head + suffix;
    }

    /**
     * The longest prefix every job name of a request shares, whatever its family (of at most
     * {@code maxFamilyLength} characters) and attempt (below 100): for ListJobs' {@code JOB_NAME} filter
     * with a trailing {@code *}. Without shortening it is {@code <prefix>-<request name>-<hash>-}; when a
     * long request name is shortened, how much depends on the family and attempt, so the prefix is the
     * name as far as the shortest room keeps it (other requests may match too: callers check the job's
     * parameters).
     */
    public static String requestPrefix(String prefix, String requestName, String requestId, int maxFamilyLength) {
        String hash = "-" + Hashing.sha256Hex(requestId).substring(0, 12) + "-";
        String head = prefix + "-" + requestName;
        int worstRoom = MAX_LENGTH - (hash.length() + maxFamilyLength + "-a99".length());
        return head.length() <= worstRoom ? head + hash : head.substring(0, worstRoom);
    }
}
