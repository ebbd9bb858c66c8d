package dev.gbo.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.AwsException;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Binding;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.Operation;
import dev.gbo.local.core.OperationRegistry;
import dev.gbo.local.core.RequestContext;
import dev.gbo.local.core.Shape;
import dev.gbo.local.core.SimClock;
import dev.gbo.local.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of every operation the local cloud serves, over real HTTP: the operations come from
 * each API's {@link OperationRegistry} (a new operation is fuzzed without touching this class), the
 * corruptions from its declared input {@link Shape} and from each protocol's ways to go wrong
 * ({@link FuzzCases}). Every answer must be a response (never a dropped connection), never 5xx; every
 * 4xx must have its protocol's error shape with a code and a bounded message; and a refused request
 * must leave every store as it was (a fingerprint of the List/Describe calls, taken in process after
 * each case and compared with the one after the case before).
 *
 * <p>{@code -Dgbo.fuzz.seed=N} replays a run, {@code -Dgbo.fuzz.casesPerOperation=N} sets its size
 * (default 40 per operation, plus the protocol-level cases).
 */
class LocalCloudFuzzIT {
    private static final long SEED = Long.getLong("gbo.fuzz.seed", 20261201L);
    private static final int PER_OPERATION = Integer.getInteger("gbo.fuzz.casesPerOperation", 40);
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]+)</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private LocalCloud cloud;
    private final RequestContext ctx = new RequestContext("us-east-1", "123456789012", "fuzz");
    private final List<Runnable> fingerprintCalls = new ArrayList<>();
    private final List<String> fingerprintParts = new ArrayList<>();

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL)
                .scenario(ScenarioLoader.parse("{\"throttling\": false}", "fuzz")).build().start();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    @Test
    void everyOperation_malformedRequests_never5xxAndRefusalsChangeNoState() throws Exception {
        seedState();
        List<FuzzCases.Case> cases = cases();
        Map<FuzzCases.Protocol, Integer> perProtocol = new EnumMap<>(FuzzCases.Protocol.class);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> codes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        TreeMap<Long, String> slowest = new TreeMap<>();
        long started = System.nanoTime();
        // the clock is MANUAL: nothing changes state but the requests themselves, so the state after one case
        // is the state before the next
        String before = fingerprint();
        try (Client client = new Client()) {
            for (int i = 0; i < cases.size(); i++) {
                FuzzCases.Case c = cases.get(i);
                long sent = System.nanoTime();
                RawHttp.Response r = client.send(c);
                slowest.put(System.nanoTime() - sent, "#" + i + " " + clip(c.describe(), 200) + " -> " + r.status());
                if (slowest.size() > 5) {
                    slowest.pollFirstEntry();
                }
                perProtocol.merge(c.protocol(), 1, Integer::sum);
                statuses.merge(r.status(), 1, Integer::sum);
                String problem = problem(c, r);
                String after = fingerprint();
                if (problem == null && r.status() >= 400) {
                    codes.merge(c.protocol() + " " + code(c, r), 1, Integer::sum);
                    if (!after.equals(before)) {
                        problem = "a refused request changed state: " + diff(before, after);
                    }
                }
                before = after;
                if (problem != null) {
                    failures.add("case #" + i + " " + c.describe() + "\n    -> " + r.status() + " " + clip(r.body(), 300)
                            + "\n    " + problem);
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[fuzz] seed " + SEED + ": " + cases.size() + " cases in " + millis + " ms (" + fingerprintNanos / 1_000_000
                + " ms of them fingerprinting the state: " + fingerprintCalls.size() + " listings after each case); per protocol "
                + perProtocol + "; statuses " + statuses);
        System.out.println("[fuzz] error codes " + codes);
        slowest.descendingMap().forEach((nanos, c) -> System.out.println("[fuzz] slow: " + nanos / 1_000_000 + " ms " + c));
        assertThat(failures).as("fuzz failures (seed " + SEED + "; replay with -Dgbo.fuzz.seed=" + SEED
                + " -Dit.test=LocalCloudFuzzIT)").isEmpty();
        assertThat(statuses.keySet()).as("statuses").allMatch(s -> s < 500);
    }

    // ---------------------------------------------------------------- the cases

    private List<FuzzCases.Case> cases() {
        List<FuzzCases.Case> out = new ArrayList<>();
        int n = 0;
        for (AwsService api : cloud.services().all()) {
            FuzzCases.Protocol protocol = protocol(api);
            for (Operation op : api.operations()) {
                Shape shape = api instanceof OperationRegistry r ? r.inputShape(op.name()) : null;
                for (int i = 0; i < PER_OPERATION; i++) {
                    FuzzCases f = new FuzzCases(new Random(SEED * 31 + n++));
                    out.add(operationCase(f, api, protocol, op, shape));
                }
            }
            for (int i = 0; i < PER_OPERATION * 3; i++) {
                FuzzCases f = new FuzzCases(new Random(SEED * 31 + n++));
                out.add(protocolCase(f, api, protocol));
            }
        }
        return out;
    }

    private static FuzzCases.Protocol protocol(AwsService api) {
        if (api.targetPrefix() != null) {
            return FuzzCases.Protocol.JSON;
        }
        if ("s3".equals(api.signingName())) {
            return FuzzCases.Protocol.REST_XML;
        }
        if (api.operations().stream().anyMatch(o -> !o.binding().isRpc())) {
            return FuzzCases.Protocol.REST_JSON;
        }
        return "ec2".equals(api.signingName()) ? FuzzCases.Protocol.EC2_QUERY : FuzzCases.Protocol.QUERY;
    }

    private static String auth(AwsService api) {
        return "Authorization: AWS4-HMAC-SHA256 Credential=AKIDFUZZ/20261127/us-east-1/" + api.signingName()
                + "/aws4_request, SignedHeaders=host, Signature=0";
    }

    private FuzzCases.Case operationCase(FuzzCases f, AwsService api, FuzzCases.Protocol p, Operation op, Shape shape) {
        List<String> headers = new ArrayList<>(List.of(auth(api)));
        String name = op.name();
        switch (p) {
            case JSON -> {
                headers.add("X-Amz-Target: " + api.targetPrefix() + "." + name);
                headers.add("Content-Type: application/x-amz-json-1.1");
                ObjectNode in = f.input(shape);
                byte[] body = f.chance(4) ? f.garbageJson(in) : Json.write(in).getBytes(StandardCharsets.UTF_8);
                return new FuzzCases.Case(p, name, "members", "POST", "/", headers, body);
            }
            case REST_JSON -> {
                Binding b = op.binding();
                headers.add("Content-Type: application/json");
                ObjectNode in = f.input(shape);
                byte[] body = b.payloadMember() != null ? f.evilText().getBytes(StandardCharsets.UTF_8)
                        : f.chance(4) ? f.garbageJson(in) : Json.write(in).getBytes(StandardCharsets.UTF_8);
                String method = f.chance(10) ? f.pick(List.of("PATCH", "PUT", "DELETE", "GET")) : b.method();
                if (method.equals("GET") || method.equals("DELETE")) {
                    body = new byte[0];
                }
                b.members().stream().filter(m -> m.location() == Binding.Location.HEADER).forEach(m -> {
                    if (f.chance(2)) {
                        headers.add(m.wireName() + ": " + f.pick(List.of("Event", "RequestResponse", "DryRun", "Tail", "bogus", "")));
                    }
                });
                return new FuzzCases.Case(p, name, "rest", method, f.restPath(b) + f.restQuery(b), headers, body);
            }
            case EC2_QUERY, QUERY -> {
                headers.add("Content-Type: application/x-www-form-urlencoded");
                String version = p == FuzzCases.Protocol.EC2_QUERY ? "2016-11-15" : "2011-06-15";
                String form = f.form(name, shape, version);
                if (f.chance(5)) {
                    return new FuzzCases.Case(p, name, "get", "GET", "/?" + form.replace("%", f.chance(2) ? "%" : "%25")
                            .replaceAll("%(?![0-9A-Fa-f]{2})", "%25"), headers, new byte[0]);
                }
                return new FuzzCases.Case(p, name, "form", "POST", "/", headers, form.getBytes(StandardCharsets.UTF_8));
            }
            case REST_XML -> {
                return s3Case(f, headers, name, op.binding(), shape);
            }
        }
        throw new IllegalStateException(p.toString());
    }

    private FuzzCases.Case s3Case(FuzzCases f, List<String> headers, String name, Binding b, Shape shape) {
        String bucket = f.pick(List.of("fuzz-bucket", "fuzz-bucket", "192.168.0.1", "xn--abc", "A", "ab", "a..b",
                "b".repeat(64), FuzzCases.enc(f.evilText()).replace("+", "%20")));
        String key = f.pick(List.of("k", "k", "dir/k", FuzzCases.enc(f.evilText()).replace("+", "%20"), "%2F", "k".repeat(1100)));
        // an empty label would make the target start with "//", which the JDK's HTTP server reads as an authority
        // and answers 404 itself (docs/local-cloud.md, "Limits"); MalformedRequestsIT pins that case
        String path = b.path().replace("{Bucket}", bucket.isEmpty() ? "fuzz-bucket" : bucket).replace("{Key+}", key.isEmpty() ? "k" : key);
        List<String> query = new ArrayList<>(); // the binding's own subresource condition first, when it has one
        Matcher m = Pattern.compile("\\?(.*)$").matcher(b.toString());
        if (m.find()) {
            query.add(m.group(1));
        }
        if (f.chance(2)) {
            query.add(f.pick(List.of("max-keys=", "max-keys=-1", "max-keys=99999999999", "max-keys=abc", "continuation-token=-1",
                    "continuation-token=" + FuzzCases.enc(f.evilText()), "partNumber=0", "partNumber=2147483648",
                    "prefix=" + FuzzCases.enc(f.evilText()), "encoding-type=zip", "list-type=3", "marker=%25zz")));
        }
        String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        byte[] body = new byte[0];
        String method = f.chance(12) ? f.pick(List.of("PATCH", "POST", "OPTIONS")) : b.method();
        if (method.equals("PUT") || method.equals("POST")) {
            if (f.chance(3)) {
                headers.add("x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
                headers.add("Content-Encoding: aws-chunked");
                headers.add("x-amz-decoded-content-length: " + f.pick(List.of("6", "-1", "99999999999999999999")));
                body = f.badChunks();
            } else {
                body = f.pick(List.of("<NotificationConfiguration><x>", "<a/>trailing", "not xml", "<?xml version=\"1.0\"?>"
                        + "<NotificationConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><EventBridgeConfiguration>"
                        + "</EventBridgeConfiguration></NotificationConfiguration>", "", "<!DOCTYPE x [<!ENTITY e SYSTEM "
                        + "\"file:///etc/passwd\">]><x>&e;</x>")).getBytes(StandardCharsets.UTF_8);
            }
        }
        if (f.chance(4)) {
            headers.add(f.pick(List.of("Range: bytes=99999999999-1", "Range: bytes=-0", "If-Match: *", "Content-MD5: bad",
                    "x-amz-meta-a: " + "m".repeat(3000), "Content-Type: \u00e9")));
        }
        return new FuzzCases.Case(FuzzCases.Protocol.REST_XML, name, "s3", method, target, headers, body);
    }

    /** Cases about the protocol rather than one operation: unknown operations, garbage, limits. */
    private FuzzCases.Case protocolCase(FuzzCases f, AwsService api, FuzzCases.Protocol p) {
        List<String> headers = new ArrayList<>(List.of(auth(api)));
        switch (f.nextInt(7)) {
            case 0 -> {
                headers.addAll(f.abusiveHeaders());
                return new FuzzCases.Case(p, "-", "headers", "POST", "/", headers, "{}".getBytes(StandardCharsets.UTF_8));
            }
            case 1 -> {
                headers.add("Content-Type: " + f.pick(List.of("text/plain", "application/x-amz-json-9.9", "", "multipart/form-data")));
                return new FuzzCases.Case(p, "-", "content-type", f.pick(List.of("POST", "PUT")), "/", headers,
                        f.evilText().getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> {
                if (api.targetPrefix() != null) {
                    headers.add("X-Amz-Target: " + f.pick(List.of(api.targetPrefix() + ".NoSuchOperation", "garbage",
                            api.targetPrefix() + ".", "." + f.evilText().replaceAll("[\\r\\n\\x00-\\x1f\\x7f-\\uffff]", ""))));
                }
                return new FuzzCases.Case(p, "-", "unknown-operation", f.pick(List.of("POST", "GET", "PUT", "DELETE")),
                        "/" + FuzzCases.enc(f.evilText()), headers, new byte[0]);
            }
            case 3 -> {
                headers.add("Content-Type: application/x-www-form-urlencoded");
                return new FuzzCases.Case(p, "-", "bad-escape", "POST", "/", headers,
                        ("Action=" + f.pick(List.of("DescribeSubnets", "GetCallerIdentity", "")) + "&" + f.pick(List.of("a=%", "%zz=1",
                                "Filter.1.Name=%C3%28", "x=%%", "=", "&&&"))).getBytes(StandardCharsets.UTF_8));
            }
            case 4 -> {
                if (api.targetPrefix() != null) {
                    headers.add("X-Amz-Target: " + api.targetPrefix() + "." + f.pick(FuzzCases.ops(api.operations())).name());
                }
                if (!f.chance(8)) { // declared too large: refused before a byte is read
                    headers.add("X-Fuzz-Declared: " + f.pick(List.of("268435456", "9223372036854775807", "8388609")));
                    return new FuzzCases.Case(p, "-", "declared-too-large", "POST", "/", headers, null);
                }
                long limit = p == FuzzCases.Protocol.REST_XML ? Limits.DEFAULTS.maxObjectBytes() : Limits.DEFAULTS.maxBodyBytes();
                byte[] body = new byte[(int) Math.min(limit + 1 + f.nextInt(1024), 65 << 20)];
                return new FuzzCases.Case(p, "-", "body-too-large", "POST", "/", headers, body);
            }
            default -> {
                if (api.targetPrefix() != null) {
                    headers.add("X-Amz-Target: " + api.targetPrefix() + "." + f.pick(FuzzCases.ops(api.operations())).name());
                }
                return new FuzzCases.Case(p, "-", "garbage", f.pick(List.of("POST", "PUT")), "/", headers,
                        f.garbageJson(Json.object().put("a", f.evilText())));
            }
        }
    }

    // ---------------------------------------------------------------- the checks

    private static String problem(FuzzCases.Case c, RawHttp.Response r) {
        if (r.status() == 0) {
            return "no response: the connection was dropped";
        }
        if (r.status() >= 500) {
            return "a server error";
        }
        if (r.status() < 400 || "HEAD".equals(c.method())) {
            return null;
        }
        String code = code(c, r);
        String message = message(c, r);
        if (code == null || code.isEmpty()) {
            return "no error code in the protocol's error shape";
        }
        if (message == null || message.isEmpty()) {
            return "no error message";
        }
        if (message.length() > ErrorWriter.MAX_MESSAGE + 100) {
            return "an unbounded message (" + message.length() + " characters)";
        }
        return null;
    }

    private static String code(FuzzCases.Case c, RawHttp.Response r) {
        return switch (c.protocol()) {
            case JSON, REST_JSON -> {
                String header = r.header("x-amzn-ErrorType");
                yield header != null ? header : json(r).path("__type").asText(null);
            }
            case EC2_QUERY -> r.body().contains("<Response><Errors><Error>") ? first(XML_CODE, r.body()) : null;
            case QUERY -> r.body().contains("<ErrorResponse><Error>") ? first(XML_CODE, r.body()) : null;
            case REST_XML -> r.body().contains("<Error><Code>") ? first(XML_CODE, r.body()) : null;
        };
    }

    private static String message(FuzzCases.Case c, RawHttp.Response r) {
        return switch (c.protocol()) {
            case JSON, REST_JSON -> {
                JsonNode body = json(r);
                yield body.hasNonNull("message") ? body.get("message").asText() : body.path("Message").asText(null);
            }
            default -> first(XML_MESSAGE, r.body());
        };
    }

    private static JsonNode json(RawHttp.Response r) {
        try {
            return Json.parse(r.body());
        } catch (AwsException notJson) {
            return Json.object();
        }
    }

    private static String first(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static String diff(String before, String after) {
        int i = 0;
        while (i < before.length() && i < after.length() && before.charAt(i) == after.charAt(i)) {
            i++;
        }
        return "before ..." + clip(before.substring(Math.max(0, i - 80)), 240) + " after ..." + clip(after.substring(Math.max(0, i - 80)), 240);
    }

    // ---------------------------------------------------------------- state

    /** A little of everything, made in process: a rule, a log group and stream, a repository, a bucket and object, a state machine. */
    private void seedState() {
        call("events", "PutRule", "{\"Name\":\"fuzz-rule\",\"ScheduleExpression\":\"rate(1 hour)\"}");
        call("logs", "CreateLogGroup", "{\"logGroupName\":\"/fuzz\"}");
        call("logs", "CreateLogStream", "{\"logGroupName\":\"/fuzz\",\"logStreamName\":\"s\"}");
        call("ecr", "CreateRepository", "{\"repositoryName\":\"fuzz\"}");
        call("s3", "CreateBucket", "{\"Bucket\":\"fuzz-bucket\",\"Query\":{},\"Headers\":{}}");
        call("s3", "PutObject", "{\"Bucket\":\"fuzz-bucket\",\"Key\":\"k\",\"Query\":{},\"Headers\":{},\"Body\":\""
                + Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)) + "\"}");
        String machine = call("states", "CreateStateMachine", "{\"name\":\"fuzz\",\"roleArn\":\"arn:aws:iam::123456789012:role/fuzz\","
                + "\"definition\":\"{\\\"StartAt\\\":\\\"P\\\",\\\"States\\\":{\\\"P\\\":{\\\"Type\\\":\\\"Pass\\\",\\\"End\\\":true}}}\"}")
                .path("stateMachineArn").asText();
        call("batch", "RegisterJobDefinition", "{\"jobDefinitionName\":\"fuzz\",\"type\":\"container\",\"containerProperties\":"
                + "{\"image\":\"busybox\",\"command\":[\"true\"],\"resourceRequirements\":[{\"type\":\"VCPU\",\"value\":\"1\"},"
                + "{\"type\":\"MEMORY\",\"value\":\"512\"}]}}");
        for (AwsService api : cloud.services().all()) {
            for (Operation op : api.operations()) {
                if (op.name().matches("(List|Describe)[A-Za-z]*") && !op.name().equals("DescribeJobs")) {
                    ObjectNode in = "s3".equals(api.signingName())
                            ? (ObjectNode) Json.parse("{\"Bucket\":\"fuzz-bucket\",\"Query\":{},\"Headers\":{}}") : Json.object();
                    fingerprintCall(api.signingName(), op.name(), in);
                }
            }
        }
        fingerprintCall("logs", "DescribeLogStreams", (ObjectNode) Json.parse("{\"logGroupName\":\"/fuzz\"}"));
        fingerprintCall("ecr", "DescribeImages", (ObjectNode) Json.parse("{\"repositoryName\":\"fuzz\"}"));
        fingerprintCall("states", "ListExecutions", Json.object().put("stateMachineArn", machine));
        fingerprintCall("events", "ListTargetsByRule", (ObjectNode) Json.parse("{\"Rule\":\"fuzz-rule\"}"));
        assertThat(fingerprintCalls).as("listings that fingerprint the state").hasSizeGreaterThan(15);
    }

    private JsonNode call(String api, String operation, String input) {
        return cloud.services().get(api).call(operation, Json.parse(input), ctx);
    }

    /** Adds a listing to the fingerprint when it answers at all with this input. */
    private void fingerprintCall(String api, String operation, ObjectNode input) {
        AwsService service = cloud.services().get(api);
        try {
            service.call(operation, input, ctx);
        } catch (AwsException needsMoreInput) {
            return;
        }
        fingerprintCalls.add(() -> {
            String state;
            try {
                state = Json.write(service.call(operation, input, ctx));
            } catch (AwsException gone) { // an accepted request deleted what it lists
                state = gone.code();
            }
            fingerprintParts.add(api + ":" + operation + "=" + state);
        });
    }

    private long fingerprintNanos;

    private String fingerprint() {
        long t = System.nanoTime();
        try {
            return fingerprintNow();
        } finally {
            fingerprintNanos += System.nanoTime() - t;
        }
    }

    private String fingerprintNow() {
        fingerprintParts.clear();
        fingerprintCalls.forEach(Runnable::run);
        return String.join("\n", fingerprintParts);
    }

    /** One keep-alive connection, opened again whenever the server closes it. */
    private final class Client implements AutoCloseable {
        private Socket socket;

        RawHttp.Response send(FuzzCases.Case c) throws IOException {
            for (int attempt = 0; ; attempt++) {
                if (socket == null) {
                    socket = RawHttp.connect(cloud.endpoint());
                }
                try {
                    RawHttp.Response r = exchange(c);
                    if (r.status() == 0 || "close".equalsIgnoreCase(r.header("Connection"))) {
                        close();
                    }
                    if (r.status() == 0 && attempt == 0 && c.body() != null) {
                        continue; // a kept-alive connection the server had just closed: once more on a new one
                    }
                    return r;
                } catch (IOException e) {
                    close();
                    if (attempt > 0) {
                        return new RawHttp.Response(0, Map.of(), e.toString());
                    }
                }
            }
        }

        private RawHttp.Response exchange(FuzzCases.Case c) throws IOException {
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(c.method()).append(' ').append(c.target()).append(" HTTP/1.1\r\nHost: 127.0.0.1");
            c.headers().forEach(h -> head.append("\r\n").append(h.startsWith("X-Fuzz-Declared: ")
                    ? "Content-Length: " + h.substring(17) : h));
            if (c.body() != null) {
                head.append("\r\nContent-Length: ").append(c.body().length);
            }
            head.append("\r\n\r\n");
            byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
            byte[] b = c.body() == null ? new byte[0] : c.body();
            byte[] all = new byte[h.length + b.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(b, 0, all, h.length, b.length);
            try {
                out.write(all);
                out.flush();
            } catch (IOException answeredEarly) {
                // the server refused before reading the whole body; its answer is on the socket
            }
            return RawHttp.read(socket.getInputStream(), "HEAD".equals(c.method()));
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }
}
