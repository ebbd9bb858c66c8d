package dev.gbo.local.scenario;

/**
 * Glob matching as AWS uses it (EC2 filter values, Batch {@code evaluateOnExit}, scenario
 * matchers): {@code *} matches any run of characters (also none), {@code ?} exactly one; everything
 * else literally and case-sensitively. Linear time, no regular expressions.
 */
public final class Glob {
    private Glob() {
    }

    public static boolean matches(String pattern, String text) {
        if (pattern == null || text == null) {
            return false;
        }
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starT = t;
            } else if (starP >= 0) {
                p = starP + 1;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
