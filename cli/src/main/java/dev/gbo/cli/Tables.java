package dev.gbo.cli;

import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Help.Ansi;

/** The CLI's two-column summary tables: a label column as wide as its longest label, values wrapped at 70. */
final class Tables {
    static final int VALUE_WIDTH = 70;

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
            String v = r[1];
            boolean first = true;
            do {
                String part = v.length() > VALUE_WIDTH ? v.substring(0, VALUE_WIDTH) : v;
                v = v.length() > VALUE_WIDTH ? v.substring(VALUE_WIDTH) : "";
                String padded = String.format("%-" + VALUE_WIDTH + "s", part);
                if (part.equals(r[1])) { // padding is counted on the plain text, the colour codes added after
                    padded = Terminal.status(ansi, part) + padded.substring(part.length());
                }
                out.printf("| %-" + w + "s | %s |%n", first ? r[0] : "", padded);
                first = false;
            } while (!v.isEmpty());
        }
        out.println(rule);
    }
}
