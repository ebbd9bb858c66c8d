package dev.gbo.local.ec2;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EC2 instance types the local cloud knows, with their real sizes: Graviton families (arm64)
 * m9g, m8g, m7g, m6g, c8g, c7g, c6g, r8g, r7g and x86 families (x86_64) m7i, m6i, c7i, c6i, r7i.
 */
public final class InstanceCatalogue {

    /** One instance type. */
    public record InstanceType(String name, String family, String size, int vcpus, long memoryMiB,
                               String architecture, double clockGhz, boolean bareMetal, String processor) {
        public boolean arm64() {
            return "arm64".equals(architecture);
        }
    }

    private static final Map<String, InstanceType> TYPES = new LinkedHashMap<>();
    private static final Map<String, List<InstanceType>> BY_FAMILY = new LinkedHashMap<>();

    static {
        List<String> std = List.of("medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge");
        List<String> big = new ArrayList<>(std);
        big.addAll(List.of("24xlarge", "48xlarge"));
        // Graviton5
        family("m9g", big, List.of("metal-48xl"), 4, "arm64", 3.3, "AWS Graviton5");
        // Graviton4
        family("m8g", big, List.of("metal-24xl", "metal-48xl"), 4, "arm64", 2.8, "AWS Graviton4");
        family("c8g", big, List.of("metal-24xl", "metal-48xl"), 2, "arm64", 2.8, "AWS Graviton4");
        family("r8g", big, List.of("metal-24xl", "metal-48xl"), 8, "arm64", 2.8, "AWS Graviton4");
        // Graviton3 / Graviton2
        family("m7g", std, List.of("metal"), 4, "arm64", 2.6, "AWS Graviton3");
        family("c7g", std, List.of("metal"), 2, "arm64", 2.6, "AWS Graviton3");
        family("r7g", std, List.of("metal"), 8, "arm64", 2.6, "AWS Graviton3");
        family("m6g", std, List.of("metal"), 4, "arm64", 2.5, "AWS Graviton2");
        family("c6g", std, List.of("metal"), 2, "arm64", 2.5, "AWS Graviton2");
        // x86
        List<String> i7 = List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
                "24xlarge", "48xlarge");
        List<String> i6 = List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge",
                "24xlarge", "32xlarge");
        family("m7i", i7, List.of("metal-24xl", "metal-48xl"), 4, "x86_64", 3.2, "Intel");
        family("c7i", i7, List.of("metal-24xl", "metal-48xl"), 2, "x86_64", 3.2, "Intel");
        family("r7i", i7, List.of("metal-24xl", "metal-48xl"), 8, "x86_64", 3.2, "Intel");
        family("m6i", i6, List.of("metal"), 4, "x86_64", 3.5, "Intel");
        family("c6i", i6, List.of("metal"), 2, "x86_64", 3.5, "Intel");
    }

    private InstanceCatalogue() {
    }

    private static void family(String family, List<String> sizes, List<String> metals, int gibPerVcpu, String arch,
                               double ghz, String processor) {
        List<InstanceType> list = new ArrayList<>();
        for (String size : sizes) {
            int vcpus = vcpusOf(size);
            list.add(new InstanceType(family + "." + size, family, size, vcpus, vcpus * gibPerVcpu * 1024L, arch,
                    ghz, false, processor));
        }
        for (String metal : metals) {
            int vcpus;
            if ("metal".equals(metal)) {
                vcpus = list.get(list.size() - 1).vcpus(); // same as the largest size
            } else {
                vcpus = vcpusOf(metal.substring("metal-".length(), metal.length() - 1) + "large");
            }
            list.add(new InstanceType(family + "." + metal, family, metal, vcpus, vcpus * gibPerVcpu * 1024L, arch,
                    ghz, true, processor));
        }
        BY_FAMILY.put(family, Collections.unmodifiableList(list));
        list.forEach(t -> TYPES.put(t.name(), t));
    }

    /** vCPUs of a size name: medium 1, large 2, xlarge 4, Nxlarge 4N. */
    static int vcpusOf(String size) {
        return switch (size) {
            case "medium" -> 1;
            case "large" -> 2;
            case "xlarge" -> 4;
            default -> 4 * Integer.parseInt(size.substring(0, size.length() - "xlarge".length()));
        };
    }

    public static InstanceType get(String name) {
        return TYPES.get(name);
    }

    public static Collection<InstanceType> all() {
        return Collections.unmodifiableCollection(TYPES.values());
    }

    /** Types of a family, smallest first; empty for an unknown family. */
    public static List<InstanceType> family(String family) {
        return BY_FAMILY.getOrDefault(family, List.of());
    }

    public static boolean isFamily(String name) {
        return BY_FAMILY.containsKey(name);
    }

    public static List<String> families() {
        return List.copyOf(BY_FAMILY.keySet());
    }

    /** The family of a type name ({@code m8g.large} -> {@code m8g}), or the name itself for a family. */
    public static String familyOf(String typeOrFamily) {
        int dot = typeOrFamily.indexOf('.');
        return dot < 0 ? typeOrFamily : typeOrFamily.substring(0, dot);
    }
}
