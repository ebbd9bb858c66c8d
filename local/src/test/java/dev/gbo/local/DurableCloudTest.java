package dev.gbo.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.core.SimClock;
import dev.gbo.local.durable.Journal;
import dev.gbo.local.s3.S3Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableCloudTest {

    @TempDir
    Path dir;

    private static long journals(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root, 3)) {
            return s.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith("state.")).count();
        }
    }

    @Test
    void build_withoutStateDir_writesNothing() throws IOException {
        long before = journals(Path.of("").toAbsolutePath());
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).build().start()) {
            ((S3Service) cloud.services().get("s3")).createBucket("memory-only");
            ((S3Service) cloud.services().get("s3")).putObject("memory-only", "k", new byte[] {1, 2, 3}, "application/octet-stream");
            assertThat(cloud.durability().enabled()).isFalse();
            assertThat(cloud.durability().dir()).isNull();
            assertThat(cloud.resumeInFlight()).isEqualTo(Durability.Resumed.NOTHING);
        }
        assertThat(journals(Path.of("").toAbsolutePath())).isEqualTo(before);
    }

    @Test
    void build_onAStateDirOfAnEarlierRun_takesBackObjectsAndNeverTurnsTheClockBack() {
        Instant later;
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build().start()) {
            S3Service s3 = (S3Service) cloud.services().get("s3");
            s3.createBucket("kept");
            s3.putObject("kept", "a/b.txt", "hello".getBytes(), "text/plain");
            cloud.clock().advance(Duration.ofHours(3));
            s3.putObject("kept", "after.txt", "later".getBytes(), "text/plain"); // a batch stamped 3 h later
            later = cloud.clock().now();
        }
        assertThat(dir.resolve(Journal.FILE)).exists();
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build().start()) {
            S3Service s3 = (S3Service) cloud.services().get("s3");
            assertThat(new String(s3.getObject("kept", "a/b.txt"))).isEqualTo("hello");
            assertThat(new String(s3.getObject("kept", "after.txt"))).isEqualTo("later");
            assertThat(cloud.clock().now()).isAfterOrEqualTo(later);
            assertThat(cloud.durability().generation()).isEqualTo(2);
        }
    }

    @Test
    void build_onAStateDirInUse_isRefusedNamingTheFix() {
        try (LocalCloud first = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build().start()) {
            assertThatThrownBy(() -> LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).stateDir(dir).build())
                    .hasMessageContaining("in use by another running local cloud");
        }
    }
}
