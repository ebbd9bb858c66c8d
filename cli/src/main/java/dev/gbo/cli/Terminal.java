package dev.gbo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Help.Ansi;

/**
 * Where gbo's two streams go, and so whether it may colour them: only a terminal gets colour, and never when
 * {@code NO_COLOR} is set to a non-empty value (no-color.org) or {@code TERM} is {@code dumb}. The usage help
 * (picocli) and gbo's own words (PASS/FAIL, SUCCEEDED/FAILED) take the same {@link Ansi}.
 *
 * @param stdoutTerminal whether stdout is a terminal
 * @param stderrTerminal whether stderr is a terminal (the simulate progress bar redraws its line there)
 * @param colourAllowed  false when NO_COLOR or TERM=dumb forbid colour
 */
record Terminal(boolean stdoutTerminal, boolean stderrTerminal, boolean colourAllowed) {
    /** Neither stream a terminal: what in-process callers (tests) get. */
    static final Terminal NONE = new Terminal(false, false, false);

    static Terminal detect(Map<String, String> env) {
        return new Terminal(isTerminal(1), isTerminal(2), colourAllowed(env));
    }

    /** no-color.org: NO_COLOR present and not empty means no colour; TERM=dumb cannot show it. */
    static boolean colourAllowed(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }

    Ansi stdout() {
        return stdoutTerminal && colourAllowed ? Ansi.ON : Ansi.OFF;
    }

    Ansi stderr() {
        return stderrTerminal && colourAllowed ? Ansi.ON : Ansi.OFF;
    }

    /** {@code word} in green (SUCCEEDED, PASS), red (FAILED, FAIL...) or as it is, by the word itself. */
    static String status(Ansi ansi, String word) {
        String style = switch (word) {
            case "SUCCEEDED", "PASS", "succeeded" -> "bold,fg(green)";
            case "FAILED", "FAIL", "TIMED_OUT", "ABORTED", "failed" -> "bold,fg(red)";
            default -> null;
        };
        return style == null ? word : ansi.string("@|" + style + " " + word + "|@");
    }

    /**
     * Whether file descriptor {@code fd} is a terminal. On Linux, /proc says what each descriptor is; elsewhere a
     * console is a terminal only when stdin and stdout are (JDK 21), which JDK 22+ tells through isTerminal().
     */
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isDirectory(link.getParent())) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
