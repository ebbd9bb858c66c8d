package dev.gbo.bench;

import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.OperationRegistry;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Shape;
import dev.gbo.local.core.SimClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The wire limits and input validation of issue 12, measured: the heap of the local cloud while it
 * refuses a 256 MiB request body (declared with Content-Length, and chunked without one), and what
 * checking an operation's declared input {@link Shape} costs per request.
 *
 * <pre>java -Xmx2g -cp ... dev.gbo.bench.LimitsBench [MiB] [checks]</pre>
 */
public final class LimitsBench {
    private LimitsBench() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        System.out.printf(Locale.ROOT, "LimitsBench: %d cores, Java %s, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
        try (LocalCloud cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).build().start()) {
            body(cloud, mib, true);
            body(cloud, mib, false);
            shapes(cloud, checks);
        }
    }

    /** Sends {@code mib} MiB to EventBridge and samples the heap every millisecond until the answer. */
    static void body(LocalCloud cloud, int mib, boolean declared) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(200);
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long sent = 0;
        long started = System.nanoTime();
        String status;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", cloud.endpoint().getPort()));
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSEvents.ListRules\r\n"
                    + (declared ? "Content-Length: " + ((long) mib << 20) : "Transfer-Encoding: chunked") + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 << 10];
            byte[] framed = ("10000\r\n" + " ".repeat(64 << 10) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            try {
                for (long i = 0; i < ((long) mib << 20) / chunk.length; i++) {
                    out.write(declared ? chunk : framed);
                    sent += chunk.length;
                }
            } catch (IOException closedByServer) {
                // the server answered and closed the connection
            }
            status = statusLine(s.getInputStream());
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        sampling.set(false);
        sampler.join();
        System.gc();
        Thread.sleep(200);
        long after = memory.getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "%d MiB body, %-22s -> %s after %d ms; client sent %.1f MiB before the server closed;"
                        + " heap used %.1f MiB before, peak %.1f MiB (+%.1f MiB), %.1f MiB after GC%n",
                mib, declared ? "Content-Length declared" : "chunked, no length", status, millis, sent / 1048576.0,
                before / 1048576.0, peak.get() / 1048576.0, (peak.get() - before) / 1048576.0, after / 1048576.0);
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\r') {
            b.append((char) c);
        }
        return b.toString();
    }

    /** The cost of checking SubmitJob's and CreateStateMachine's declared input, per request. */
    static void shapes(LocalCloud cloud, int checks) {
        String submit = "{\"jobName\":\"j-1\",\"jobQueue\":\"q\",\"jobDefinition\":\"d:1\",\"parameters\":{\"a\":\"b\",\"c\":\"d\"},"
                + "\"containerOverrides\":{\"command\":[\"run\",\"--x\",\"1\"],\"environment\":[{\"name\":\"A\",\"value\":\"1\"}],"
                + "\"resourceRequirements\":[{\"type\":\"VCPU\",\"value\":\"2\"},{\"type\":\"MEMORY\",\"value\":\"4096\"}]},"
                + "\"retryStrategy\":{\"attempts\":3,\"evaluateOnExit\":[{\"onStatusReason\":\"Host EC2*\",\"action\":\"RETRY\"},"
                + "{\"onReason\":\"*\",\"action\":\"EXIT\"}]},\"timeout\":{\"attemptDurationSeconds\":3600},\"tags\":{\"k\":\"v\"}}";
        String machine = "{\"name\":\"m\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\",\"definition\":\"{}\",\"type\":\"STANDARD\","
                + "\"tags\":[{\"key\":\"k\",\"value\":\"v\"}],\"loggingConfiguration\":{\"level\":\"OFF\"},"
                + "\"tracingConfiguration\":{\"enabled\":false}}";
        measure("batch SubmitJob", ((OperationRegistry) cloud.services().get("batch")).inputShape("SubmitJob"), submit, checks);
        measure("states CreateStateMachine", ((OperationRegistry) cloud.services().get("states")).inputShape("CreateStateMachine"),
                machine, checks);
        RequestContext ctx = new RequestContext("us-east-1", "123456789012", "bench");
        cloud.services().get("events").call("ListRules", Json.object(), ctx);
    }

    private static void measure(String what, Shape shape, String json, int checks) {
        var input = Json.parse(json);
        for (int i = 0; i < checks / 4; i++) {
            shape.check(input, Shape.InputErrors.JSON, Set.of(), false);
        }
        long started = System.nanoTime();
        for (int i = 0; i < checks; i++) {
            shape.check(input, Shape.InputErrors.JSON, Set.of(), false);
        }
        double nanos = (System.nanoTime() - started) / (double) checks;
        System.out.printf(Locale.ROOT, "input shape check, %-26s %6.2f µs per request (%,d checks)%n", what + ":", nanos / 1000, checks);
    }
}
