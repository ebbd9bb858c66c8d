package dev.gbo.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.AwsService;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.RequestContext;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The four internal errors the fuzzing of issue 12 found, pinned, and the wire limits: each malformed
 * request is the protocol's 4xx with a code and a bounded message, and changes nothing.
 */
class MalformedRequestsIT {
    private static final String EC2 = "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/ec2/aws4_request, "
            + "SignedHeaders=host, Signature=0";
    private static final String S3 = "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261127/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host, Signature=0";

    private LocalCloud cloud;

    @BeforeEach
    void start() {
        cloud = LocalCloud.builder().port(0).limits(Limits.DEFAULTS.withBodyReadTimeout(Duration.ofSeconds(1))).build().start();
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private RawHttp.Response events(String operation, String body) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(cloud.endpoint(), RawHttp.head("POST", "/", List.of("X-Amz-Target: AWSEvents." + operation,
                "Content-Type: application/x-amz-json-1.1"), b.length), b);
    }

    private RawHttp.Response ec2(String form) throws Exception {
        byte[] b = form.getBytes(StandardCharsets.UTF_8);
        return RawHttp.send(cloud.endpoint(), RawHttp.head("POST", "/", List.of(EC2,
                "Content-Type: application/x-www-form-urlencoded"), b.length), b);
    }

    private RawHttp.Response s3Put(String path, List<String> headers, byte[] body) throws Exception {
        List<String> all = new ArrayList<>(headers);
        all.add(S3);
        return RawHttp.send(cloud.endpoint(), RawHttp.head("PUT", path, all, body.length), body);
    }

    private static String jsonCode(RawHttp.Response r) {
        return Json.parse(r.body()).path("__type").asText();
    }

    private static String xmlCode(RawHttp.Response r) {
        int from = r.body().indexOf("<Code>");
        return from < 0 ? "" : r.body().substring(from + 6, r.body().indexOf("</Code>"));
    }

    // ---------------------------------------------------------------- the four reported bugs

    @Test
    void listRules_nextTokenMinusOne_400ValidationException() throws Exception {
        for (String op : List.of("ListRules", "ListEventBuses")) {
            RawHttp.Response r = events(op, "{\"NextToken\":\"-1\"}");

            assertThat(r.status()).as(op).isEqualTo(400);
            assertThat(jsonCode(r)).as(op).isEqualTo("ValidationException");
        }
    }

    @Test
    void listRules_nextTokenIntMax_400AndNoNegativeTokenEverReturned() throws Exception {
        for (String op : List.of("ListRules", "ListEventBuses")) {
            RawHttp.Response r = events(op, "{\"NextToken\":\"2147483647\",\"Limit\":1}");

            assertThat(r.status()).as(op).isEqualTo(400);
            assertThat(jsonCode(r)).as(op).isEqualTo("ValidationException");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(events("PutRule", "{\"Name\":\"r" + i + "\",\"ScheduleExpression\":\"rate(1 hour)\"}").status()).isEqualTo(200);
        }
        RawHttp.Response first = events("ListRules", "{\"Limit\":1}");
        String token = Json.parse(first.body()).path("NextToken").asText();
        assertThat(token).isNotEmpty().doesNotStartWith("-");
        assertThat(events("ListRules", "{\"Limit\":1,\"NextToken\":\"" + token + "\"}").status()).isEqualTo(200);
    }

    @Test
    void ec2Query_filterIndexBeyondInt_400InvalidParameterValue() throws Exception {
        RawHttp.Response r = ec2("Action=DescribeSubnets&Version=2016-11-15&Filter.99999999999.Name=x");

        assertThat(r.status()).isEqualTo(400);
        assertThat(xmlCode(r)).isEqualTo("InvalidParameterValue");
        assertThat(r.body()).contains("<Response><Errors><Error>").contains("at most 1000");
    }

    @Test
    void formBody_malformedPercentEscape_400MalformedQueryString() throws Exception {
        RawHttp.Response r = ec2("Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=%zz");

        assertThat(r.status()).isEqualTo(400);
        assertThat(xmlCode(r)).isEqualTo("MalformedQueryString");
    }

    @Test
    void requestTarget_malformedPercentEscape_400FromTheHttpServer() throws Exception {
        // the JDK's HTTP server parses the request target before any handler runs, and answers 400 itself
        RawHttp.Response r = RawHttp.send(cloud.endpoint(), RawHttp.head("GET", "/bucket?prefix=%G1", List.of(S3), 0), new byte[0]);

        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void s3AwsChunked_negativeOrHugeChunkSize_400IncompleteBodyAndNoObject() throws Exception {
        assertThat(s3Put("/chunks", List.of(), new byte[0]).status()).isEqualTo(200);
        for (String size : List.of("-5", "7fffffff", "ffffffffffffffff", "zz")) {
            byte[] body = (size + ";chunk-signature=0\r\nabc\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            RawHttp.Response r = s3Put("/chunks/k", List.of("x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
                    "Content-Encoding: aws-chunked", "x-amz-decoded-content-length: 3"), body);

            assertThat(r.status()).as(size).isEqualTo(400);
            assertThat(xmlCode(r)).as(size).isEqualTo("IncompleteBody");
        }
        RawHttp.Response head = RawHttp.send(cloud.endpoint(), RawHttp.head("HEAD", "/chunks/k", List.of(S3), 0), new byte[0]);
        assertThat(head.status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- input rules

    @Test
    void jsonBody_trailingGarbage_400SerializationException() throws Exception {
        RawHttp.Response r = events("PutRule", "{\"Name\":\"r\",\"ScheduleExpression\":\"rate(1 hour)\"} trailing");

        assertThat(r.status()).isEqualTo(400);
        assertThat(jsonCode(r)).isEqualTo("SerializationException");
        assertThat(Json.parse(events("ListRules", "{}").body()).path("Rules")).isEmpty();
    }

    @Test
    void error_echoingHugeInput_messageBounded() throws Exception {
        String huge = "9".repeat(200_000);
        RawHttp.Response r = ec2("Action=DescribeInstanceTypes&MaxResults=" + huge);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().length()).isLessThan(ErrorWriter.MAX_MESSAGE + 400);
    }

    // ---------------------------------------------------------------- wire limits

    @Test
    void body_declared256MiB_413BeforeReadingAndHeapBarelyGrows() throws Exception {
        System.gc();
        long before = usedHeap();
        long peak;
        try (Socket s = RawHttp.connect(cloud.endpoint())) {
            OutputStream out = s.getOutputStream();
            out.write((RawHttp.head("POST", "/", List.of("X-Amz-Target: AWSEvents.ListRules"), 256 << 20) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 << 10];
            try {
                for (int i = 0; i < 64; i++) {
                    out.write(chunk); // 4 MiB of the 256 MiB, then the answer
                }
            } catch (java.io.IOException closedByServer) {
                // expected once the server has answered
            }
            RawHttp.Response r = RawHttp.read(s.getInputStream());
            peak = usedHeap();

            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("x-amzn-ErrorType")).isEqualTo("RequestEntityTooLargeException");
            assertThat(r.header("Connection")).isEqualTo("close");
        }
        assertThat(peak - before).as("heap growth while refusing a 256 MiB body").isLessThan(64L << 20);
    }

    @Test
    void body_chunkedBeyondLimit_413WhileReading() throws Exception {
        try (Socket s = RawHttp.connect(cloud.endpoint())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSEvents.ListRules\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            try {
                for (int i = 0; i < 200; i++) { // 12.5 MiB, over the 8 MiB limit
                    out.write(chunk);
                }
            } catch (java.io.IOException closedByServer) {
                // expected once the server has answered
            }
            RawHttp.Response r = RawHttp.read(s.getInputStream());

            assertThat(r.status()).isEqualTo(413);
        }
    }

    @Test
    void s3_objectOverLimit_400EntityTooLarge() throws Exception {
        RawHttp.Response r = RawHttp.send(cloud.endpoint(), RawHttp.head("PUT", "/b/k", List.of(S3), 300 << 20), new byte[0]);

        assertThat(r.status()).isEqualTo(400);
        assertThat(xmlCode(r)).isEqualTo("EntityTooLarge");
    }

    @Test
    void headers_moreThan200_431InTheProtocolShape() throws Exception {
        List<String> headers = new ArrayList<>(List.of("X-Amz-Target: AWSEvents.ListRules"));
        for (int i = 0; i < 250; i++) {
            headers.add("X-Extra-" + i + ": v");
        }
        RawHttp.Response r = RawHttp.send(cloud.endpoint(), RawHttp.head("POST", "/", headers, 2), "{}".getBytes());

        assertThat(r.status()).isEqualTo(431);
        assertThat(jsonCode(r)).isEqualTo("RequestHeaderFieldsTooLarge");

        headers.set(0, S3);
        RawHttp.Response s3 = RawHttp.send(cloud.endpoint(), RawHttp.head("GET", "/", headers, 0), new byte[0]);
        assertThat(s3.status()).isEqualTo(400);
        assertThat(xmlCode(s3)).isEqualTo("RequestHeaderSectionTooLarge");
    }

    @Test
    void headers_oneHugeValue_431NotADroppedConnection() throws Exception {
        RawHttp.Response r = RawHttp.send(cloud.endpoint(), RawHttp.head("POST", "/",
                List.of("X-Amz-Target: AWSEvents.ListRules", "X-Big: " + "b".repeat(500_000)), 2), "{}".getBytes());

        assertThat(r.status()).isEqualTo(431);
    }

    @Test
    void body_trickledPastTheReadTimeout_408RequestTimeout() throws Exception {
        try (Socket s = RawHttp.connect(cloud.endpoint())) {
            OutputStream out = s.getOutputStream();
            out.write((RawHttp.head("POST", "/", List.of("X-Amz-Target: AWSEvents.ListRules"), 4) + "\r\n\r\n{")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(1_500);
            out.write("}  ".getBytes(StandardCharsets.ISO_8859_1));
            RawHttp.Response r = RawHttp.read(s.getInputStream());

            assertThat(r.status()).isEqualTo(408);
            assertThat(jsonCode(r)).isEqualTo("RequestTimeoutException");
        }
    }

    // ---------------------------------------------------------------- Errors at the boundary

    @Test
    void outOfMemoryErrorInAnOperation_503AndTheServerGoesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AwsService api = new AwsService() {
            @Override
            public String signingName() {
                return "events";
            }

            @Override
            public String targetPrefix() {
                return "AWSEvents";
            }

            @Override
            public JsonNode call(String operation, JsonNode input, RequestContext context) {
                if (calls.incrementAndGet() == 1) {
                    throw new OutOfMemoryError("Java heap space (thrown by the test)");
                }
                if (calls.get() == 2) {
                    throw new StackOverflowError();
                }
                return Json.object();
            }
        };
        try (AwsEndpoint endpoint = new AwsEndpoint(0, "123456789012", "us-east-1").register(api, new JsonProtocol())) {
            endpoint.start();
            URI uri = endpoint.uri();
            RawHttp.Response oom = RawHttp.send(uri, RawHttp.head("POST", "/", List.of("X-Amz-Target: AWSEvents.ListRules"), 2),
                    "{}".getBytes());
            RawHttp.Response overflow = RawHttp.send(uri, RawHttp.head("POST", "/", List.of("X-Amz-Target: AWSEvents.ListRules"), 2),
                    "{}".getBytes());
            RawHttp.Response ok = RawHttp.send(uri, RawHttp.head("POST", "/", List.of("X-Amz-Target: AWSEvents.ListRules"), 2),
                    "{}".getBytes());

            assertThat(oom.status()).isEqualTo(503);
            assertThat(jsonCode(oom)).isEqualTo("ServiceUnavailable");
            assertThat(overflow.status()).isEqualTo(500);
            assertThat(ok.status()).isEqualTo(200);
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
