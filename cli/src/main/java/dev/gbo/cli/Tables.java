package dev.gbo.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Ansi;

/** The CLI's two-column summary tables: a label column as wide as its longest label, values wrapped at word boundaries. */
final class Tables {
    static final int VALUE_WIDTH = 70;
    /** Where a token longer than a whole line may be broken (after the character), before cutting it anywhere. */
    private static final String TOKEN_BREAKS = "/:,;-";

    private Tables() {
    }

    static void print(PrintStream out, List<String[]> rows) {
        print(out, rows, Ansi.OFF);
    }

    /** As above; a value that is a status word (SUCCEEDED, FAILED...) is coloured when {@code ansi} is on. */
    static void print(PrintStream out, List<String[]> rows, Ansi ansi) {
        int w = rows.stream().mapToInt(r -> r[0].length()).max().orElse(8);
        String rule = "+" + "-".repeat(w + 2) + "+" + "-".repeat(VALUE_WIDTH + 2) + "+";
        out.println(rule);
        for (String[] r : rows) {
            boolean first = true;
            for (String part : wrap(r[1], VALUE_WIDTH)) {
                String padded = String.format("%-" + VALUE_WIDTH + "s", part);
                if (part.equals(r[1])) { // padding is counted on the plain text, the colour codes added after
                    padded = Terminal.status(ansi, part) + padded.substring(part.length());
                }
                out.printf("| %-" + w + "s | %s |%n", first ? r[0] : "", padded);
                first = false;
            }
        }
        out.println(rule);
    }

    /**
     * {@code text} in lines of at most {@code width} characters, broken at spaces. A single token longer than a line
     * is broken after its last separator ({@value #TOKEN_BREAKS}) in the line's second half, else cut at the width.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > width) {
            int space = rest.lastIndexOf(' ', width);
            if (space > 0) {
                lines.add(rest.substring(0, space).stripTrailing());
                rest = rest.substring(space + 1).stripLeading();
                continue;
            }
            int cut = width;
            for (int i = width; i > width / 2; i--) {
                if (TOKEN_BREAKS.indexOf(rest.charAt(i - 1)) >= 0) {
                    cut = i;
                    break;
                }
            }
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut);
        }
        if (!rest.isEmpty() || lines.isEmpty()) {
            lines.add(rest);
        }
        return lines;
    }
}
