package dev.gbo.functions.submit;

import dev.gbo.functions.support.Hashing;

/**
 * Deterministic job names: {@code <prefix>-<request name>-<12 hex of sha256(requestId)>-a<attempt>},
 * at most 128 characters (the request name is shortened when needed; the hash keeps names unique).
 */
public final class JobNames {
    public static final int MAX_LENGTH = 128;

    private JobNames() {
    }

    public static String jobName(String prefix, String requestName, String requestId, int attempt) {
        String suffix = "-" + Hashing.sha256Hex(requestId).substring(0, 12) + "-a" + attempt;
        String head = prefix + "-" + requestName;
        int room = MAX_LENGTH - suffix.length();
        if (head.length() > room) {
            head = head.substring(0, room);
        }
        return head + suffix;
    }
}
