package dev.gbo.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The {@code States.*} intrinsic functions, parsed once at CreateStateMachine (names and argument
 * counts are checked there) and evaluated against the state's input and the context object.
 * Nesting is allowed ({@code States.Format('{}', States.ArrayLength($.a))}). What each function
 * does, and how many arguments it takes, is in the table of {@link IntrinsicFunctions}.
 */
final class Intrinsics {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Escaped braces in a string literal's raw text, so States.Format tells them from placeholders. */
    static final char OPEN = '\uE000';
    static final char CLOSE = '\uE001';

    /** What a path or a function evaluates against. */
    interface Env {
        JsonNode input();

        JsonNode context();

        Random random();

        /** A workflow variable ({@code $name} in JSONPath states); null when unassigned. */
        default JsonNode variable(String name) {
            return null;
        }
    }

    /** A path argument that selects nothing. */
    static final class PathMissing extends Exception {
        private static final long serialVersionUID = 1L;
        final String path;

        PathMissing(String path, String why) {
            super(why, null, false, false);
            this.path = path;
        }
    }

    sealed interface Expr permits Call, Lit, PathRef, VarRef {
    }

    record Call(String name, List<Expr> args) implements Expr {
    }

    /** A literal; for strings {@code raw} keeps escaped braces as private-use characters. */
    record Lit(JsonNode value, String raw) implements Expr {
    }

    record PathRef(JsonPath path) implements Expr {
    }

    /** A workflow variable reference {@code $name.rest}: {@code path} is {@code $.rest} applied to the variable's value. */
    record VarRef(String name, JsonPath path, String text) implements Expr {
    }

    private Intrinsics() {
    }

    static boolean looksLikeCall(String text) {
        return text.startsWith("States.");
    }

    /** Parses a call; IllegalArgumentException with the reason when it is not a valid intrinsic. */
    static Call parse(String text) {
        Parser p = new Parser(text);
        Expr e = p.expr();
        p.skipWs();
        if (p.i != text.length() || !(e instanceof Call c)) {
            throw new IllegalArgumentException("'" + text + "' is not a valid intrinsic function call");
        }
        return c;
    }

    static JsonNode eval(Expr e, Env env) throws PathMissing {
        return switch (e) {
            case Lit l -> l.value;
            case PathRef p -> {
                try {
                    yield p.path.read(p.path.isContext() ? env.context() : env.input());
                } catch (JsonPath.NotFound nf) {
                    throw new PathMissing(p.path.text(), nf.getMessage());
                }
            }
            case VarRef v -> {
                JsonNode value = env.variable(v.name);
                if (value == null) {
                    throw new PathMissing(v.text, "The variable '$" + v.name + "' is not defined");
                }
                try {
                    yield v.path.read(value);
                } catch (JsonPath.NotFound nf) {
                    throw new PathMissing(v.text, nf.getMessage());
                }
            }
            case Call c -> call(c, env);
        };
    }

    private static JsonNode call(Call c, Env env) throws PathMissing {
        List<JsonNode> a = new ArrayList<>(c.args.size());
        for (Expr arg : c.args) {
            a.add(eval(arg, env));
        }
        IntrinsicFunctions.Fn fn = IntrinsicFunctions.lookup(c.name);
        String template = !c.args.isEmpty() && c.args.get(0) instanceof Lit l && l.value.isTextual() ? l.raw : null;
        return fn.body().apply(new IntrinsicFunctions.Args(c.name, a, template, env));
    }

    // ------------------------------------------------------------------ parser

    private static final class Parser {
        final String s;
        int i;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("invalid intrinsic function call '" + s + "': " + why + " at position " + i);
        }

        void skipWs() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        Expr expr() {
            skipWs();
            if (i >= s.length()) {
                throw error("expected an argument");
            }
            char c = s.charAt(i);
            if (c == '\'') {
                return string();
            }
            if (c == '$') {
                return path();
            }
            if (s.startsWith("States.", i)) {
                return call();
            }
            if (s.startsWith("true", i) || s.startsWith("false", i) || s.startsWith("null", i)) {
                String w = s.startsWith("true", i) ? "true" : s.startsWith("false", i) ? "false" : "null";
                i += w.length();
                JsonNode v = w.equals("null") ? NODES.nullNode() : NODES.booleanNode(w.equals("true"));
                return new Lit(v, w);
            }
            int start = i;
            if (c == '-' || c == '+') {
                i++;
            }
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || ".eE+-".indexOf(s.charAt(i)) >= 0)) {
                i++;
            }
            String num = s.substring(start, i);
            try {
                BigDecimal d = new BigDecimal(num);
                JsonNode v = d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                        ? NODES.numberNode(d.longValueExact())
                        : NODES.numberNode(d);
                return new Lit(v, num);
            } catch (NumberFormatException | ArithmeticException e) {
                throw error("expected a string in single quotes, a number, a boolean, null, a path or a function");
            }
        }

        Call call() {
            int start = i;
            while (i < s.length() && s.charAt(i) != '(') {
                i++;
            }
            String name = s.substring(start, i).trim();
            IntrinsicFunctions.Fn fn = IntrinsicFunctions.lookup(name);
            if (fn == null) {
                throw error("unknown intrinsic function '" + name + "'");
            }
            if (i >= s.length()) {
                throw error("expected '('");
            }
            i++;
            List<Expr> args = new ArrayList<>();
            skipWs();
            if (i < s.length() && s.charAt(i) == ')') {
                i++;
            } else {
                while (true) {
                    args.add(expr());
                    skipWs();
                    if (i >= s.length()) {
                        throw error("unterminated argument list");
                    }
                    char c = s.charAt(i++);
                    if (c == ')') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected ',' or ')'");
                    }
                }
            }
            if (!fn.accepts(args.size())) {
                throw error(name + " " + fn.arity() + ", got " + args.size());
            }
            if (name.equals("States.Format") && !(args.get(0) instanceof Lit l && l.value.isTextual())) {
                throw error("the first argument of States.Format must be a string literal");
            }
            return new Call(name, List.copyOf(args));
        }

        Lit string() {
            i++; // '
            StringBuilder raw = new StringBuilder();
            StringBuilder val = new StringBuilder();
            while (i < s.length() && s.charAt(i) != '\'') {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char e = s.charAt(++i);
                    switch (e) {
                        case '{' -> raw.append(OPEN);
                        case '}' -> raw.append(CLOSE);
                        default -> raw.append(e);
                    }
                    val.append(e);
                } else {
                    raw.append(c);
                    val.append(c);
                }
                i++;
            }
            if (i >= s.length()) {
                throw error("unterminated string literal");
            }
            i++;
            return new Lit(NODES.textNode(val.toString()), raw.toString());
        }

        Expr path() {
            int start = i;
            int depth = 0;
            char quote = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[' || c == '(') {
                    depth++;
                } else if (c == ']' || (c == ')' && depth > 0)) {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
                    break;
                }
                i++;
            }
            String p = s.substring(start, i);
            try {
                return Variables.expr(p);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
    }

    /** Every function name, for documentation and tests. */
    static Set<String> names() {
        return IntrinsicFunctions.names();
    }
}
