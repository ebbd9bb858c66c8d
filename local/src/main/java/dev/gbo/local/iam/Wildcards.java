package dev.gbo.local.iam;

import java.util.Locale;

/**
 * IAM's wildcards: {@code *} matches any run of characters (none included), {@code ?} exactly one.
 * Actions compare case-insensitively, resources and condition values (StringLike) case-sensitively.
 */
final class Wildcards {

    private Wildcards() {
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        if (ignoreCase) {
            return glob(pattern.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT));
        }
        return glob(pattern, value);
    }

    /** Iterative glob with backtracking to the last star: linear in practice, no regex. */
    private static boolean glob(String p, String v) {
        int pi = 0;
        int vi = 0;
        int star = -1;
        int mark = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = vi;
            } else if (star >= 0) {
                pi = star + 1;
                vi = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
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
            if (!glob(p[i], v[i])) {
                return false;
            }
        }
        return true;
    }
}
