package dev.gbo.local.durable;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameReaderTest {

    @TempDir
    Path dir;

    private Path frames(List<String> payloads, int tornBytes) throws IOException {
        Path f = dir.resolve("frames");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (String p : payloads) {
                ch.write(ByteBuffer.wrap(Frames.frame(p.getBytes())));
            }
            if (tornBytes > 0) {
                byte[] torn = Frames.frame("torn".repeat(100).getBytes());
                ch.write(ByteBuffer.wrap(torn, 0, tornBytes));
            }
        }
        return f;
    }

    private static List<String> read(Path f, int window, long[] end) throws IOException {
        List<String> out = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            FrameReader r = new FrameReader(ch, 0, ch.size(), window);
            byte[] p;
            while ((p = r.next()) != null) {
                out.add(new String(p));
            }
            end[0] = r.position();
        }
        return out;
    }

    @Test
    void next_withWindowsSmallerThanTheFrames_readsEveryFrameAcrossWindowEdges() throws IOException {
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            payloads.add("frame-" + i + "-" + "x".repeat(i % 37 * 7));
        }
        Path f = frames(payloads, 0);
        long[] end = new long[1];
        assertThat(read(f, 64, end)).containsExactlyElementsOf(payloads);
        assertThat(end[0]).isEqualTo(Files.size(f));
        assertThat(read(f, 1000, end)).containsExactlyElementsOf(payloads);
        assertThat(read(f, FrameReader.WINDOW, end)).containsExactlyElementsOf(payloads);
    }

    @Test
    void next_atATornLastFrame_stopsAtItsStart() throws IOException {
        List<String> payloads = List.of("a", "bb", "ccc");
        Path f = frames(payloads, 50);
        long[] end = new long[1];
        assertThat(read(f, 16, end)).containsExactlyElementsOf(payloads);
        assertThat(end[0]).isEqualTo(Files.size(f) - 50);
    }
}
