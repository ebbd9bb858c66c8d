package dev.gbo.cli;

import java.io.PrintStream;
import java.util.List;

/** The CLI's two-column summary tables: a label column as wide as its longest label, values wrapped at 70. */
final class Tables {
    static final int VALUE_WIDTH = 70;

    private Tables() {
    }

    static void print(PrintStream out, List<String[]> rows) {
        int w = rows.stream().mapToInt(r -> r[0].length()).max().orElse(8);
        String rule = "+" + "-".repeat(w + 2) + "+" + "-".repeat(VALUE_WIDTH + 2) + "+";
        out.println(rule);
        for (String[] r : rows) {
            String v = r[1];
            boolean first = true;
            do {
                String part = v.length() > VALUE_WIDTH ? v.substring(0, VALUE_WIDTH) : v;
                v = v.length() > VALUE_WIDTH ? v.substring(VALUE_WIDTH) : "";
                out.printf("| %-" + w + "s | %-" + VALUE_WIDTH + "s |%n", first ? r[0] : "", part);
                first = false;
            } while (!v.isEmpty());
        }
        out.println(rule);
    }
}
