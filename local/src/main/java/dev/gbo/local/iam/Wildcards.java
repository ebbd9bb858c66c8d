package dev.gbo.local.iam;

import dev.gbo.local.scenario.Glob;
import java.util.Locale;

/**
 * IAM's wildcards: {@code *} matches any run of characters (none included), {@code ?} exactly one.
 * Actions compare case-insensitively, resources and condition values (StringLike) case-sensitively; the
 * matching itself is AWS's glob as EC2 filters and Batch use it ({@link Glob}).
 */
final class Wildcards {

    private Wildcards() {
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        if (ignoreCase) {
            return Glob.matches(pattern.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT));
        }
        return Glob.matches(pattern, value);
    }


    /**
     * ArnLike/ArnEquals: the six colon-separated parts of an ARN ({@code arn:partition:service:region:account:resource})
     * matched one by one, the resource part keeping its own colons.
     */
    static boolean arnMatches(String pattern, String value) {
        String[] p = pattern.split(":", 6);
        String[] v = value.split(":", 6);
        if (p.length != 6 || v.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!Glob.matches(p[i], v[i])) {
                return false;
            }
        }
        return true;
    }
}
