package dev.gbo.local.s3;

import dev.gbo.local.core.AwsException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * S3's naming rules for general purpose buckets: 3 to 63 lowercase letters, digits, dots and hyphens,
 * beginning and ending with a letter or digit, no two adjacent dots, not formatted as an IP address,
 * none of the reserved prefixes ({@code xn--}, {@code sthree-}, {@code amzn-s3-demo-}) or suffixes
 * ({@code -s3alias}, {@code --ol-s3}, {@code .mrap}, {@code --x-s3}, {@code --table-s3}).
 */
final class BucketNames {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketNames() {
    }

    /** Why {@code name} is not a valid bucket name, or null when it is one. */
    static String problem(String name) {
        if (!SHAPE.matcher(name).matches()) {
            return "a bucket name is 3 to 63 lowercase letters, digits, dots (.) and hyphens (-), beginning and ending with a letter or digit";
        }
        if (name.contains("..")) {
            return "a bucket name must not contain two adjacent periods";
        }
        if (IP_ADDRESS.matcher(name).matches()) {
            return "a bucket name must not be formatted as an IP address";
        }
        for (String p : RESERVED_PREFIXES) {
            if (name.startsWith(p)) {
                return "a bucket name must not start with the reserved prefix '" + p + "'";
            }
        }
        for (String s : RESERVED_SUFFIXES) {
            if (name.endsWith(s)) {
                return "a bucket name must not end with the reserved suffix '" + s + "'";
            }
        }
        return null;
    }

    /** {@code name}, or S3's InvalidBucketName saying which rule it breaks. */
    static String require(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new AwsException("InvalidBucketName", 400, "The specified bucket is not valid: "
                    + (name.length() > 70 ? name.substring(0, 70) + "..." : name) + " (" + problem + ").");
        }
        return name;
    }
}
