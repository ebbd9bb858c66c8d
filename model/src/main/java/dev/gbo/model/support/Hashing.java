package dev.gbo.model.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers: content addresses, job-name suffixes and loggable token fingerprints. */
public final class Hashing {
    private Hashing() {
    }

    public static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** A short, non-reversible identifier of a task token, safe to log. */
    public static String tokenFingerprint(String token) {
        return token == null ? "none" : "sha256:" + sha256Hex(token).substring(0, 12);
    }
}
