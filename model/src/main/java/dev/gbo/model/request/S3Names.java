package dev.gbo.model.request;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The names an S3 "Object Created" event carries, checked against S3's own rules so a forged event cannot
 * smuggle a path (e.g. bucket {@code ../../etc}) into a job.
 *
 * <p>Bucket: AWS's general purpose bucket naming rules (S3 User Guide, "General purpose bucket naming rules").
 * Key: taken exactly as given (EventBridge delivers it as stored, NOT URL-encoded as S3 event notifications to
 * Lambda/SQS/SNS do, and never as a path to normalise); it must be valid UTF-8 of 1..1024 bytes.
 */
public final class S3Names {
    public static final int MAX_KEY_BYTES = 1024;
    static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private S3Names() {
    }

    /** Every general purpose bucket naming rule {@code name} breaks; empty when it is a valid bucket name. */
    public static List<String> bucketRulesBroken(String name) {
        List<String> broken = new ArrayList<>();
        if (name.length() < 3 || name.length() > 63) {
            broken.add("it is " + name.length() + " characters long, bucket names are 3..63");
        }
        TreeSet<String> bad = new TreeSet<>();
        name.codePoints().filter(c -> !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-'))
                .forEach(c -> bad.add(describe(c)));
        if (!bad.isEmpty()) {
            broken.add("it contains " + String.join(" ", bad)
                    + ", bucket names consist only of lowercase letters, digits, '.' and '-'");
        }
        if (!name.isEmpty() && (!letterOrDigit(name.charAt(0)) || !letterOrDigit(name.charAt(name.length() - 1)))) {
            broken.add("bucket names begin and end with a lowercase letter or digit");
        }
        if (name.contains("..")) {
            broken.add("bucket names must not contain two adjacent periods");
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            broken.add("bucket names must not be formatted as an IP address");
        }
        for (String prefix : RESERVED_PREFIXES) {
            if (name.startsWith(prefix)) {
                broken.add("the prefix '" + prefix + "' is reserved by S3");
            }
        }
        for (String suffix : RESERVED_SUFFIXES) {
            if (name.endsWith(suffix)) {
                broken.add("the suffix '" + suffix + "' is reserved by S3");
            }
        }
        return broken;
    }

    /** Why {@code key} is not an S3 object key, or null when it is one. The key itself is never altered. */
    public static String keyProblem(String key) {
        if (key.isEmpty()) {
            return "is empty; S3 object keys are 1..1024 bytes of UTF-8";
        }
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(key));
        } catch (CharacterCodingException e) {
            return "is not valid UTF-8 (it holds an unpaired surrogate); S3 object keys are UTF-8";
        }
        if (encoded.remaining() > MAX_KEY_BYTES) {
            return "is " + encoded.remaining() + " bytes of UTF-8; S3 object keys are at most " + MAX_KEY_BYTES + " bytes";
        }
        return null;
    }

    private static boolean letterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static String describe(int c) {
        if (c >= 'A' && c <= 'Z') {
            return "uppercase '" + (char) c + "'";
        }
        if (c < 0x20 || c == 0x7f || Character.isWhitespace(c) || !Character.isDefined(c)) {
            return String.format("U+%04X", c);
        }
        return "'" + new String(Character.toChars(c)) + "'";
    }
}
