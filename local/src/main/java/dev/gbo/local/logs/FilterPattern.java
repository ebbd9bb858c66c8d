package dev.gbo.local.logs;

import dev.gbo.local.core.AwsException;
import java.util.ArrayList;
import java.util.List;

/** CloudWatch Logs filter patterns: terms (all must occur), "quoted phrases", ?any-of terms, -excluded terms. */
public record FilterPattern(List<String> required, List<String> anyOf, List<String> excluded) {
    public static FilterPattern parse(String text) {
        List<String> req = new ArrayList<>();
        List<String> any = new ArrayList<>();
        List<String> exc = new ArrayList<>();
        String t = text.trim();
        if (t.startsWith("{") || t.startsWith("[")) {
            throw new AwsException("InvalidParameterException", 400,
                    "The local cloud supports plain terms, \"quoted phrases\", ?alternatives and -exclusions in "
                            + "filterPattern; JSON and space-delimited patterns are not supported: " + text);
        }
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            List<String> target = req;
            if (c == '?') {
                target = any;
                i++;
            } else if (c == '-') {
                target = exc;
                i++;
            }
            if (i < t.length() && t.charAt(i) == '"') {
                StringBuilder phrase = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < t.length()) {
                    char ch = t.charAt(j);
                    if (ch == '\\' && j + 1 < t.length()) {
                        phrase.append(t.charAt(j + 1));
                        j += 2;
                    } else if (ch == '"') {
                        closed = true;
                        break;
                    } else {
                        phrase.append(ch);
                        j++;
                    }
                }
                if (!closed) {
                    throw new AwsException("InvalidParameterException", 400,
                            "Invalid filter pattern: unbalanced quote in " + text);
                }
                target.add(phrase.toString());
                i = j + 1;
            } else {
                int end = i;
                while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
                    end++;
                }
                if (end > i) {
                    target.add(t.substring(i, end));
                }
                i = end;
            }
        }
        return new FilterPattern(req, any, exc);
    }

    public boolean matches(String message) {
        for (String r : required) {
            if (!message.contains(r)) {
                return false;
            }
        }
        for (String e : excluded) {
            if (message.contains(e)) {
                return false;
            }
        }
        if (anyOf.isEmpty()) {
            return true;
        }
        for (String a : anyOf) {
            if (message.contains(a)) {
                return true;
            }
        }
        return false;
    }
}
