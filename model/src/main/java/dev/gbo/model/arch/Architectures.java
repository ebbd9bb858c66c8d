package dev.gbo.model.arch;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Instance family to CPU architecture. EC2's Graviton families carry a {@code g} right after the
 * generation digit ({@code m7g}, {@code m8gd}, {@code c7gn}, {@code t4g}, {@code x2gd},
 * {@code im4gn}, {@code is4gen}, {@code g5g}, {@code hpc7g}); {@code a1} is the first-generation
 * Graviton. Everything else (including Batch's {@code optimal}) is treated as not arm64.
 */
public final class Architectures {
    private static final Pattern GRAVITON_FAMILY = Pattern.compile("^[a-z]+\\d+g[a-z]*(-flex)?$");

    private Architectures() {
    }

    /** {@code m8g.large -> m8g}; a bare family name is returned as is. */
    public static String familyOf(String instanceType) {
        String lower = instanceType.toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('.');
        return dot < 0 ? lower : lower.substring(0, dot);
    }

    public static boolean isArm64Family(String family) {
        String f = family.toLowerCase(Locale.ROOT);
        return f.equals("a1") || GRAVITON_FAMILY.matcher(f).matches();
    }

    public static boolean isArm64InstanceType(String instanceType) {
        return isArm64Family(familyOf(instanceType));
    }
}
