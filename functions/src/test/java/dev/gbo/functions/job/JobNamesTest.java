package dev.gbo.functions.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.model.support.Hashing;
import org.junit.jupiter.api.Test;

class JobNamesTest {
    @Test
    void jobName_sameInputs_sameName() {
        assertThat(JobNames.jobName("gbo", "thumbnails", "evt-1", "m8g", 0))
                .isEqualTo(JobNames.jobName("gbo", "thumbnails", "evt-1", "m8g", 0))
                .isEqualTo("gbo-thumbnails-" + Hashing.sha256Hex("evt-1").substring(0, 12) + "-m8g-a0");
    }

    @Test
    void jobName_otherRequestOrAttempt_otherName() {
        String base = JobNames.jobName("gbo", "thumbnails", "evt-1", "m8g", 0);

        assertThat(JobNames.jobName("gbo", "thumbnails", "evt-2", "m8g", 0)).isNotEqualTo(base);
        assertThat(JobNames.jobName("gbo", "thumbnails", "evt-1", "m8g", 1)).isNotEqualTo(base).endsWith("-a1");
    }

    @Test
    void jobName_afterFamilyFallback_attemptZeroGetsNewName() {
        assertThat(JobNames.jobName("gbo", "thumbnails", "evt-1", "m7g", 0))
                .isNotEqualTo(JobNames.jobName("gbo", "thumbnails", "evt-1", "m8g", 0));
    }

    @Test
    void jobName_longNames_cutTo128KeepingHashFamilyAndAttempt() {
        String name = JobNames.jobName("a-forty-character-prefix-for-the-tests-x", "n".repeat(100), "exec-run", "m9g", 9);

        assertThat(name).hasSize(128).matches("[A-Za-z0-9_-]+")
                .endsWith(Hashing.sha256Hex("exec-run").substring(0, 12) + "-m9g-a9");
    }

    @Test
    void jobName_withoutFamily_explainsTheMissingState() {
        assertThatThrownBy(() -> JobNames.jobName("gbo", "n", "r", null, 0)).hasMessageContaining("capacity.family");
    }

    @Test
    void requestPrefix_shortName_isNameAndHash() {
        assertThat(JobNames.requestPrefix("gbo", "thumbnails", "evt-1", 4))
                .isEqualTo("gbo-thumbnails-" + Hashing.sha256Hex("evt-1").substring(0, 12) + "-");
    }

    @Test
    void requestPrefix_longShortenedName_startsEveryJobNameOfEveryFamilyAndAttempt() {
        String prefix = "a-forty-character-prefix-for-the-tests-x";
        String name = "n".repeat(100);
        String requestPrefix = JobNames.requestPrefix(prefix, name, "exec-run", "m10gd".length());

        for (String family : new String[] {"m9g", "m8g", "c7gn", "m10gd"}) {
            for (int attempt : new int[] {0, 9, 10, 99}) {
                assertThat(JobNames.jobName(prefix, name, "exec-run", family, attempt)).startsWith(requestPrefix);
            }
        }
    }
}
