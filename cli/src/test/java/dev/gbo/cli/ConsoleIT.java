package dev.gbo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gbo.cli.console.Console;
import dev.gbo.testkit.LocalDeployment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The console that {@code gbo serve} mounts beside the AWS APIs, over plain HTTP: the browser's entry
 * and assets, its read-only API, and the AWS SDK clients working exactly as before on the same port.
 */
class ConsoleIT {
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteArrayOutputStream SERVED = new ByteArrayOutputStream();
    private static LocalDeployment local;
    private static String endpoint;
    private static String execution;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void serveAndRunOnce() {
        local = new Serve(HOME, 0, HOME.resolve("scenarios/happy-m9g.json"), false, 1.0,
                new PrintStream(SERVED, true, StandardCharsets.UTF_8)).start();
        endpoint = local.cloud().endpoint().toString();
        try (SfnClient sfn = local.sfn()) {
            execution = sfn.startExecution(r -> r.stateMachineArn(local.stateMachineArn()).name("console-it")
                    .input(read("events/console-input.json"))).executionArn();
            assertThat(local.clock().awaitIdle(Duration.ofSeconds(60))).isTrue();
            assertThat(sfn.describeExecution(r -> r.executionArn(execution)).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        }
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    private static String read(String file) {
        try {
            return Files.readString(HOME.resolve(file));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode api(String route) throws Exception {
        HttpResponse<String> r = get(Console.PREFIX + "/api/" + route);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void start_printsTheConsoleUrl() {
        assertThat(SERVED.toString(StandardCharsets.UTF_8)).contains("Console: " + endpoint + "/");
    }

    @Test
    void browserGetRoot_redirectsToTheConsolePage() throws Exception {
        HttpResponse<String> root = get("/", "Accept", "text/html");
        HttpResponse<String> page = get(Console.PREFIX + "/");

        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue(Console.PREFIX + "/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(t -> assertThat(t).contains("default-src 'self'"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/main.js\">").doesNotContain("http://", "https://");
    }

    @Test
    void assets_everyScriptTheModulesImport_servedFromTheJarWithNoExternalUrl() throws Exception {
        List<String> pending = new ArrayList<>(List.of("js/main.js"));
        List<String> seen = new ArrayList<>();
        while (!pending.isEmpty()) {
            String file = pending.remove(0);
            if (seen.contains(file)) {
                continue;
            }
            seen.add(file);
            HttpResponse<String> r = get(Console.PREFIX + "/" + file);
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
            assertThat(r.body()).as(file).doesNotContainPattern("(import|from)\\s*['\"]https?:");
            var m = java.util.regex.Pattern.compile("from '(\\.{1,2}/[a-z/-]+\\.js)'").matcher(r.body());
            while (m.find()) {
                pending.add(URI.create("http://x/" + file).resolve(m.group(1)).getPath().substring(1));
            }
        }
        assertThat(seen).contains("js/graph.js", "js/pages/execution.js", "js/pages/job.js", "js/pages/eventbridge.js");
        for (String css : List.of("css/base.css", "css/components.css", "css/graph.css", "img/logo.svg")) {
            assertThat(get(Console.PREFIX + "/" + css).statusCode()).as(css).isEqualTo(200);
        }
    }

    @Test
    void assets_pathOutsideTheConsole_404() throws Exception {
        assertThat(get(Console.PREFIX + "/..%2F..%2Fpom.xml").statusCode()).isEqualTo(404);
        assertThat(get(Console.PREFIX + "/js/../../dev/gbo/cli/Gbo.class").statusCode()).isEqualTo(404);
    }

    @Test
    void console_foreignHostHeader_403AgainstDnsRebinding() throws Exception {
        // java.net.http will not send another Host: a raw request does, as a rebinding page's browser would
        try (var socket = new java.net.Socket("127.0.0.1", local.cloud().endpoint().getPort())) {
            socket.getOutputStream().write(("GET " + Console.PREFIX + "/api/info HTTP/1.1\r\nHost: evil.example:4566\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("stateMachineArn");
        }
        assertThat(get(Console.PREFIX + "/api/info").statusCode()).isEqualTo(200);
    }

    @Test
    void console_post_405ActionsGoThroughTheAwsApis() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(endpoint + Console.PREFIX + "/api/info"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(405);
    }

    @Test
    void info_namesTheDeploymentAndThatRedriveIsSupported() throws Exception {
        JsonNode info = api("info");

        assertThat(info.path("stateMachineArn").asText()).isEqualTo(local.stateMachineArn());
        assertThat(info.path("scenario").asText()).isEqualTo("happy-m9g");
        assertThat(info.path("clock").asText()).isEqualTo("VIRTUAL");
        assertThat(info.path("redrive").path("supported").asBoolean()).isTrue();
        assertThat(info.path("redrive").has("reason")).isFalse();
    }

    @Test
    void fixtures_listsStateMachineInputsNotJobEvents() throws Exception {
        List<String> names = new ArrayList<>();
        api("fixtures").forEach(f -> names.add(f.path("name").asText()));

        assertThat(names).contains("console-input.json", "s3-object-created.json", "submit-batch-job.json")
                .doesNotContain("job-succeeded.json", "job-running.json");
        assertThat(api("fixtures").get(0).path("content").asText()).startsWith("{");
    }

    @Test
    void eventbridge_showsTheRunsEventsWithRuleTargetAndOutcome() throws Exception {
        JsonNode activity = api("eventbridge");

        JsonNode defaultBus = null;
        for (JsonNode b : activity.path("buses")) {
            if (b.path("name").asText().equals("default")) {
                defaultBus = b;
            }
        }
        assertThat(defaultBus).isNotNull();
        JsonNode jobEvent = null;
        for (JsonNode e : defaultBus.path("events")) {
            if (e.path("detailType").asText().equals("Batch Job State Change") && e.path("deliveries").size() > 0) {
                jobEvent = e;
                break;
            }
        }
        assertThat(jobEvent).as("a Batch job event delivered by a rule").isNotNull();
        assertThat(jobEvent.path("deliveries").get(0).path("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(jobEvent.path("deliveries").get(0).path("rule").asText()).isNotBlank();
        assertThat(activity.path("deadLetterQueues").isArray()).isTrue();
    }

    @Test
    void jobStatuses_ofTheRunsJob_fromRunnableToSucceeded() throws Exception {
        String jobId = local.batchEvents().get(0).path("detail").path("jobId").asText();
        List<String> statuses = new ArrayList<>();
        api("job-statuses?jobId=" + jobId).forEach(s -> statuses.add(s.path("status").asText()));

        assertThat(statuses).contains("RUNNABLE", "STARTING", "RUNNING").endsWith("SUCCEEDED");
    }

    @Test
    void timeline_ofTheExecution_isTheReportsSvgWithStatesAndTheJobAttempt() throws Exception {
        HttpResponse<String> r = get(Console.PREFIX + "/api/timeline?executionArn="
                + URLEncoder.encode(execution, StandardCharsets.UTF_8));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
        assertThat(r.body()).startsWith("<svg").contains("SUCCEEDED").contains("state Normalize").contains("#1");
    }

    @Test
    void api_missingParameter_400NamingIt() throws Exception {
        HttpResponse<String> r = get(Console.PREFIX + "/api/timeline");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("executionArn");
    }

    @Test
    void awsSdk_withTheConsoleMounted_s3ListBucketsOnSignedGetRootStillWorks() {
        try (S3Client s3 = local.s3()) {
            assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains(local.parameters().get("InputBucketName"));
        }
    }
}
