package dev.gbo.local.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceCatalogueTest {

    private static List<String> sizes(String family) {
        return InstanceCatalogue.family(family).stream().map(InstanceCatalogue.InstanceType::size).toList();
    }

    @Test
    void family_m9g_realSizesFourGiBPerVcpu() {
        assertThat(sizes("m9g")).containsExactly("medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge",
                "12xlarge", "16xlarge", "24xlarge", "48xlarge", "metal-48xl");
        assertThat(InstanceCatalogue.get("m9g.medium").vcpus()).isEqualTo(1);
        assertThat(InstanceCatalogue.get("m9g.medium").memoryMiB()).isEqualTo(4096);
        assertThat(InstanceCatalogue.get("m9g.48xlarge").vcpus()).isEqualTo(192);
        assertThat(InstanceCatalogue.get("m9g.48xlarge").memoryMiB()).isEqualTo(768 * 1024);
        assertThat(InstanceCatalogue.get("m9g.metal-48xl").bareMetal()).isTrue();
        assertThat(InstanceCatalogue.family("m9g")).allSatisfy(t -> {
            assertThat(t.architecture()).isEqualTo("arm64");
            assertThat(t.memoryMiB()).isEqualTo(t.vcpus() * 4096L);
        });
    }

    @Test
    void family_m8g_hasTwoMetalSizes() {
        assertThat(sizes("m8g")).endsWith("24xlarge", "48xlarge", "metal-24xl", "metal-48xl");
        assertThat(InstanceCatalogue.get("m8g.metal-24xl").vcpus()).isEqualTo(96);
    }

    @Test
    void family_m7gAndM6g_mediumTo16xlargeAndMetal() {
        assertThat(sizes("m7g")).containsExactly("medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge",
                "12xlarge", "16xlarge", "metal");
        assertThat(InstanceCatalogue.get("m6g.metal").vcpus()).isEqualTo(64);
        assertThat(InstanceCatalogue.get("c7g.large").memoryMiB()).isEqualTo(4096);
    }

    @Test
    void family_x86_isX86_64() {
        assertThat(InstanceCatalogue.get("m7i.large").architecture()).isEqualTo("x86_64");
        assertThat(InstanceCatalogue.get("m6i.32xlarge").vcpus()).isEqualTo(128);
        assertThat(InstanceCatalogue.get("c6i.large").memoryMiB()).isEqualTo(4096);
        assertThat(InstanceCatalogue.get("m7i.medium")).isNull();
    }

    @Test
    void familyOf_typeOrFamily_family() {
        assertThat(InstanceCatalogue.familyOf("m9g.large")).isEqualTo("m9g");
        assertThat(InstanceCatalogue.familyOf("m8g")).isEqualTo("m8g");
        assertThat(InstanceCatalogue.isFamily("m9g")).isTrue();
        assertThat(InstanceCatalogue.isFamily("z9q")).isFalse();
    }
}
