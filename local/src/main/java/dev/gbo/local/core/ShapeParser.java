package dev.gbo.local.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the notation of {@link Shape#parse}:
 * <pre>
 * structure := field (';' field)*
 * field     := name ('!' | '#')* ':' type
 * type      := ('string' | 'blob') range? ('/' regex '/')? | ('int' | 'long' | 'double') range?
 *            | 'boolean' | 'timestamp' | 'document' | 'enum(' value ('|' value)* ')'
 *            | 'list' range? '<' type '>' | 'map' range? '<' type '>' | '{' structure '}'
 * range     := '[' number? '..' number? ']'
 * </pre>
 */
final class ShapeParser {
    private final String text;
    private int at;

    ShapeParser(String text) {
        this.text = text;
    }

    Shape structure() {
        Shape s = fields('\0');
        skipSpace();
        if (at < text.length()) {
            throw error("unexpected '" + text.charAt(at) + "'");
        }
        return s;
    }

    private Shape fields(char close) {
        Map<String, Shape.Field> fields = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (at >= text.length() || text.charAt(at) == close) {
                break;
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || "-_.".indexOf(text.charAt(at)) >= 0)) {
                at++;
            }
            String name = text.substring(start, at);
            if (name.isEmpty()) {
                throw error("a member name");
            }
            boolean required = false;
            boolean sensitive = false;
            while (at < text.length() && (text.charAt(at) == '!' || text.charAt(at) == '#')) {
                required |= text.charAt(at) == '!';
                sensitive |= text.charAt(at) == '#';
                at++;
            }
            expect(':');
            Shape type = type();
            if (fields.put(name, new Shape.Field(name, type, required, sensitive)) != null) {
                throw error("member '" + name + "' twice");
            }
            skipSpace();
            if (at < text.length() && text.charAt(at) == ';') {
                at++;
            }
        }
        return new Shape(Shape.Kind.STRUCTURE, null, null, null, null, null, fields);
    }

    private Shape type() {
        skipSpace();
        if (peek('{')) {
            at++;
            Shape s = fields('}');
            expect('}');
            return s;
        }
        String word = word();
        switch (word) {
            case "string", "blob" -> {
                Long[] range = range();
                Pattern pattern = null;
                skipSpace();
                if (peek('/')) {
                    pattern = Pattern.compile(regex());
                }
                return new Shape(word.equals("string") ? Shape.Kind.STRING : Shape.Kind.BLOB, range[0], range[1], pattern, null, null, null);
            }
            case "int", "long", "double" -> {
                Long[] range = range();
                Shape.Kind kind = word.equals("int") ? Shape.Kind.INTEGER : word.equals("long") ? Shape.Kind.LONG : Shape.Kind.DOUBLE;
                return new Shape(kind, range[0], range[1], null, null, null, null);
            }
            case "boolean" -> {
                return new Shape(Shape.Kind.BOOLEAN, null, null, null, null, null, null);
            }
            case "timestamp" -> {
                return new Shape(Shape.Kind.TIMESTAMP, null, null, null, null, null, null);
            }
            case "document" -> {
                return new Shape(Shape.Kind.DOCUMENT, null, null, null, null, null, null);
            }
            case "enum" -> {
                expect('(');
                int start = at;
                while (at < text.length() && text.charAt(at) != ')') {
                    at++;
                }
                List<String> values = new ArrayList<>();
                for (String v : text.substring(start, at).split("\\|")) {
                    values.add(v.trim());
                }
                expect(')');
                return new Shape(Shape.Kind.STRING, null, null, null, values, null, null);
            }
            case "list", "map" -> {
                Long[] range = range();
                expect('<');
                Shape member = type();
                expect('>');
                return new Shape(word.equals("list") ? Shape.Kind.LIST : Shape.Kind.MAP, range[0], range[1], null, null, member, null);
            }
            default -> throw error("a type, not '" + word + "'");
        }
    }

    private Long[] range() {
        skipSpace();
        if (!peek('[')) {
            return new Long[2];
        }
        at++;
        int dots = text.indexOf("..", at);
        int close = text.indexOf(']', at);
        if (dots < 0 || close < dots) {
            throw error("a range [min..max]");
        }
        String lo = text.substring(at, dots).trim();
        String hi = text.substring(dots + 2, close).trim();
        at = close + 1;
        return new Long[] {lo.isEmpty() ? null : Long.parseLong(lo), hi.isEmpty() ? null : Long.parseLong(hi)};
    }

    private String regex() {
        at++; // opening '/'
        StringBuilder b = new StringBuilder();
        while (at < text.length() && text.charAt(at) != '/') {
            if (text.charAt(at) == '\\' && at + 1 < text.length() && text.charAt(at + 1) == '/') {
                at++;
            }
            b.append(text.charAt(at++));
        }
        expect('/');
        return b.toString();
    }

    private String word() {
        skipSpace();
        int start = at;
        while (at < text.length() && Character.isLetter(text.charAt(at))) {
            at++;
        }
        return text.substring(start, at);
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) {
            throw error("'" + c + "'");
        }
        at++;
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("shape notation: expected " + expected + " at " + at + " in: " + text);
    }
}
