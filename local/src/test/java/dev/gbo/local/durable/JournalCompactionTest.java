package dev.gbo.local.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gbo.local.core.Json;
import dev.gbo.local.core.StateLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal compacted while it runs: nothing acknowledged is lost, the file stops growing with dead records. */
class JournalCompactionTest {

    @TempDir
    Path dir;
    @TempDir
    Path copy;

    private static String padding(int n) {
        return "x".repeat(n);
    }

    /** What kill -9 leaves: the journal file as it is now, copied while the journal stays open. */
    private Journal killedCopy(Journal j) throws IOException {
        j.awaitDurable();
        Files.copy(dir.resolve(Journal.FILE), copy.resolve(Journal.FILE));
        return Journal.open(copy);
    }

    /** What one writer was told is durable: values, items and removals of its own keys. */
    private static final class Acknowledged {
        final Map<String, String> values = new LinkedHashMap<>();
        final Map<String, List<String>> items = new LinkedHashMap<>();
    }

    @Test
    void compactNow_whileWritersGoOn_losesNoAcknowledgedChange() throws Exception {
        List<Acknowledged> acknowledged = new ArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        try (Journal j = Journal.open(dir, new Journal.Compacting(Long.MAX_VALUE, 2.0))) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Acknowledged a = new Acknowledged();
                acknowledged.add(a);
                int id = t;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        String key = "w/" + id + "/" + (i % 40);
                        switch (i % 5) {
                            case 0, 1, 2 -> {
                                j.put(key, Json.object().put("i", i).put("pad", padding(64)));
                                j.awaitDurable();
                                a.values.put(key, Integer.toString(i));
                            }
                            case 3 -> {
                                j.append(key, Json.object().put("i", i));
                                j.awaitDurable();
                                a.items.computeIfAbsent(key, k -> new ArrayList<>()).add(Integer.toString(i));
                            }
                            default -> {
                                j.remove(key);
                                j.awaitDurable();
                                a.values.remove(key);
                                a.items.remove(key);
                            }
                        }
                    }
                }));
            }
            Thread compacting = Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    j.compactNow();
                }
            });
            for (Thread w : writers) {
                w.join();
            }
            writing.set(false);
            compacting.join();
            assertThat(j.compactions()).isPositive();
            try (Journal again = killedCopy(j)) {
                StateLog.Restored r = again.restored();
                int keys = 0;
                for (Acknowledged a : acknowledged) {
                    for (var e : a.values.entrySet()) {
                        assertThat(r.get(e.getKey())).as(e.getKey()).isNotNull();
                        assertThat(r.get(e.getKey()).value().path("i").asText()).as(e.getKey()).isEqualTo(e.getValue());
                    }
                    for (var e : a.items.entrySet()) {
                        assertThat(r.get(e.getKey()).items()).as(e.getKey()).extracting(n -> n.path("i").asText())
                                .containsExactlyElementsOf(e.getValue());
                    }
                    java.util.Set<String> live = new java.util.HashSet<>(a.values.keySet());
                    live.addAll(a.items.keySet());
                    keys += live.size();
                }
                assertThat(r.under("w/")).hasSize(keys);
            }
        }
    }

    @Test
    void put_pastTheCompactingThreshold_compactsOnItsOwnAndTheFileStopsGrowing() throws IOException {
        long written = 0;
        try (Journal j = Journal.open(dir, new Journal.Compacting(64 << 10, 2.0))) {
            for (int i = 0; i < 20_000; i++) {
                j.put("counter", Json.object().put("n", i).put("pad", padding(100)));
                written += 130;
                if (i % 100 == 99) {
                    j.awaitDurable();
                }
            }
            j.put("last", Json.object().put("n", 1));
            j.awaitDurable();
            // on a busy machine the writer can outrun the compactor: the compaction in flight is put in place,
            // and the tail written meanwhile makes the next one due at the next write
            j.awaitCompaction();
            j.put("last", Json.object().put("n", 1));
            j.awaitDurable();
            j.awaitCompaction();
            assertThat(j.compactions()).isGreaterThanOrEqualTo(5);
            assertThat(Files.size(dir.resolve(Journal.FILE))).isLessThan(256 << 10).isLessThan(written / 10);
            try (Journal again = killedCopy(j)) {
                assertThat(again.restored().get("counter").value().path("n").asInt()).isEqualTo(19_999);
                assertThat(again.restored().get("last")).isNotNull();
            }
        }
        assertThat(dir.resolve(Journal.FILE + ".compact")).doesNotExist();
    }

    @Test
    void compactNow_keepsEntitiesInFirstWriteOrderWithTheirItems() throws IOException {
        try (Journal j = Journal.open(dir)) {
            j.put("b", Json.object().put("v", 1));
            j.append("a", Json.object().put("m", 1));
            j.put("c", Json.object().put("v", 1));
            j.put("a", Json.object().put("v", 2));
            j.append("a", Json.object().put("m", 2));
            j.remove("c");
            j.put("c", Json.object().put("v", 3)); // written again after its removal: it now comes last
            j.put("b", Json.object().put("v", 4));
            j.awaitDurable();
            long before = Files.size(dir.resolve(Journal.FILE));
            j.compactNow();
            assertThat(j.compactions()).isEqualTo(1);
            assertThat(Files.size(dir.resolve(Journal.FILE))).isLessThan(before);
            j.put("d", Json.object().put("v", 5)); // written in the compacted journal
            try (Journal again = killedCopy(j)) {
                StateLog.Restored r = again.restored();
                assertThat(r.under("")).extracting(StateLog.Entry::key)
                        .containsExactly(Journal.GENERATION, "b", "a", "c", "d")
                        .doesNotHaveDuplicates();
                assertThat(r.get("a").value().path("v").asInt()).isEqualTo(2);
                assertThat(r.get("a").items()).extracting(n -> n.path("m").asInt()).containsExactly(1, 2);
                assertThat(r.get("b").value().path("v").asInt()).isEqualTo(4);
                assertThat(r.get("c").value().path("v").asInt()).isEqualTo(3);
            }
        }
    }

    @Test
    void open_withAHalfWrittenCompactionLeftByAKill_ignoresItAndKeepsTheJournal() throws IOException {
        try (Journal j = Journal.open(dir)) {
            j.put("kept", Json.object().put("v", 1));
            j.awaitDurable();
            Files.copy(dir.resolve(Journal.FILE), copy.resolve(Journal.FILE));
        }
        Files.write(copy.resolve(Journal.FILE + ".compact"), new byte[] {'G', 'B', 'O', 0, 1, 2}); // killed mid-copy
        try (Journal j = Journal.open(copy)) {
            assertThat(j.restored().get("kept")).isNotNull();
        }
        assertThat(copy.resolve(Journal.FILE + ".compact")).doesNotExist();
    }

    @Test
    void close_whileACompactionRuns_leavesTheJournalWholeAndNoCompactFile() throws Exception {
        try (Journal j = Journal.open(dir)) {
            for (int i = 0; i < 20_000; i++) {
                j.put("k/" + (i % 500), Json.object().put("i", i).put("pad", padding(200)));
            }
            j.awaitDurable();
            Thread.ofPlatform().start(j::compactNow);
            Thread.sleep(1);
        }
        assertThat(dir.resolve(Journal.FILE + ".compact")).doesNotExist();
        try (Journal j = Journal.open(dir)) {
            assertThat(j.restored().under("k/")).hasSize(500);
            assertThat(j.restored().get("k/499").value().path("i").asInt()).isEqualTo(19_999);
        }
    }
}
