package dev.gbo.local.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gbo.local.core.Json;
import dev.gbo.local.core.StateLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private static com.fasterxml.jackson.databind.node.ObjectNode value(String k, Object v) {
        return Json.object().put(k, String.valueOf(v));
    }

    @Test
    void open_afterPutsAppendsAndRemoves_restoresTheLiveEntitiesInFirstWriteOrder() {
        try (Journal j = Journal.open(dir)) {
            j.put("s3/bucket/a", value("name", "a"));
            j.put("s3/bucket/b", value("name", "b"));
            j.append("logs/stream/x", value("m", 1));
            j.append("logs/stream/x", value("m", 2));
            j.put("s3/bucket/a", value("name", "a2"));
            j.remove("s3/bucket/b");
            j.awaitDurable();
        }
        try (Journal j = Journal.open(dir)) {
            StateLog.Restored r = j.restored();
            assertThat(r.under("s3/")).extracting(e -> e.value().path("name").asText()).containsExactly("a2");
            assertThat(r.get("logs/stream/x").items()).extracting(n -> n.path("m").asText()).containsExactly("1", "2");
            assertThat(r.get("s3/bucket/b")).isNull();
        }
    }

    @Test
    void awaitDurable_beforeAnyClose_leavesEveryQueuedRecordReadableOnDisk() throws IOException {
        // as after kill -9: the journal is never closed, the file is read as it is
        Journal j = Journal.open(dir);
        try {
            for (int i = 0; i < 100; i++) {
                j.put("k/" + i, value("i", i));
            }
            j.awaitDurable();
            Path copy = Files.createDirectory(dir.resolve("copy"));
            Files.copy(dir.resolve(Journal.FILE), copy.resolve(Journal.FILE));
            try (Journal again = Journal.open(copy)) {
                assertThat(again.restored().under("k/")).hasSize(100);
            }
        } finally {
            j.close();
        }
    }

    @Test
    void batches_startWithTheClockTakenAfterTheirRecordsWereQueued() throws IOException {
        AtomicLong time = new AtomicLong(1_000);
        try (Journal j = Journal.open(dir)) {
            j.clock(time::get);
            j.put("a", value("at", 1_000));
            j.awaitDurable();
            time.set(5_000);
            j.put("b", value("at", 5_000));
            j.awaitDurable();
        }
        List<String> keys = new ArrayList<>();
        List<Long> clocks = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(Journal.FILE)));
        in.position(Journal.MAGIC.length + 4);
        byte[] p;
        while ((p = Frames.next(in)) != null) {
            var r = Json.parse(new String(p));
            if (r.path("k").asText().equals(Journal.GENERATION)) {
                continue; // written by the compaction at open
            }
            keys.add(r.path("k").asText());
            if ("clock".equals(r.path("k").asText())) {
                clocks.add(r.path("v").path("millis").asLong());
            }
        }
        assertThat(keys).containsExactly("clock", "a", "clock", "b");
        assertThat(clocks).containsExactly(1_000L, 5_000L);
    }

    @Test
    void open_withATornLastRecord_keepsEverythingBeforeItAndCutsTheTail() throws IOException {
        try (Journal j = Journal.open(dir)) {
            j.put("a", value("v", 1));
            j.put("b", value("v", 2));
            j.awaitDurable();
        }
        Path file = dir.resolve(Journal.FILE);
        long whole = Files.size(file);
        // a record whose write was cut short by the kill: the header promises more bytes than there are
        byte[] torn = Frames.frame(Json.write(Json.object().put("o", "put").put("k", "c")).getBytes());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(torn, 0, torn.length - 3));
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(j.tornBytes()).isEqualTo(torn.length - 3);
            assertThat(j.restored().get("a")).isNotNull();
            assertThat(j.restored().get("b")).isNotNull();
            assertThat(j.restored().get("c")).isNull();
        }
        assertThat(Files.size(file)).isLessThanOrEqualTo(whole);
    }

    @Test
    void open_withACorruptChecksumInTheLastRecord_dropsThatRecordOnly() throws IOException {
        try (Journal j = Journal.open(dir)) {
            j.put("a", value("v", 1));
            j.awaitDurable();
            j.put("b", value("v", 2));
            j.awaitDurable();
        }
        Path file = dir.resolve(Journal.FILE);
        byte[] all = Files.readAllBytes(file);
        all[all.length - 2] ^= 0x5a; // a bit flip inside b's payload
        Files.write(file, all);
        try (Journal j = Journal.open(dir)) {
            assertThat(j.restored().get("a")).isNotNull();
            assertThat(j.restored().get("b")).isNull();
            assertThat(j.tornBytes()).isPositive();
        }
    }

    @Test
    void open_compactsOverwrittenAndRemovedEntitiesAway() throws IOException {
        try (Journal j = Journal.open(dir)) {
            for (int i = 0; i < 1_000; i++) {
                j.put("counter", value("n", i));
                j.put("tmp/" + i, value("n", i));
                j.remove("tmp/" + i);
            }
            j.awaitDurable();
        }
        long before = Files.size(dir.resolve(Journal.FILE));
        try (Journal j = Journal.open(dir)) {
            assertThat(j.restored().get("counter").value().path("n").asText()).isEqualTo("999");
            assertThat(j.restored().under("tmp/")).isEmpty();
        }
        long after = Files.size(dir.resolve(Journal.FILE));
        assertThat(after).isLessThan(before / 100);
        assertThat(Files.exists(dir.resolve(Journal.FILE + ".compact"))).isFalse();
    }

    @Test
    void open_ofADirectoryAnotherCloudHolds_isRefusedNamingWhatToDo() {
        try (Journal first = Journal.open(dir)) {
            assertThatThrownBy(() -> Journal.open(dir)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another running local cloud")
                    .hasMessageContaining("--state-dir");
        }
    }

    @Test
    void open_ofAJournalInAnotherFormat_isRefusedNamingBothFormats() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12).put(Journal.MAGIC).putInt(Journal.FORMAT + 1);
        Files.write(dir.resolve(Journal.FILE), header.array());
        assertThatThrownBy(() -> Journal.open(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format " + (Journal.FORMAT + 1))
                .hasMessageContaining("reads format " + Journal.FORMAT)
                .hasMessageContaining("empty --state-dir");
    }

    @Test
    void open_ofAFileThatIsNoJournal_isRefused() throws IOException {
        Files.writeString(dir.resolve(Journal.FILE), "hello, this is not a journal");
        assertThatThrownBy(() -> Journal.open(dir)).hasMessageContaining("not a gbo state journal");
    }

    @Test
    void awaitDurable_withManyWriters_sharesFsyncs() throws Exception {
        try (Journal j = Journal.open(dir)) {
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 200; i++) {
                        j.put("w/" + id + "/" + i, value("i", i));
                        j.awaitDurable();
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(j.fsyncs()).isLessThanOrEqualTo(1_600);
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(j.restored().under("w/")).hasSize(1_600);
        }
    }
}
