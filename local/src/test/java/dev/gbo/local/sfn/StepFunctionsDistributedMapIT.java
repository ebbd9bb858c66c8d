package dev.gbo.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gbo.local.LocalCloud;
import dev.gbo.local.core.Json;
import dev.gbo.local.core.SimClock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import dev.gbo.local.events.EventBridgeService;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/**
 * A distributed Map through the real SDK v2 clients: a CSV uploaded with {@code S3Client}, the state
 * machine run with {@code SfnClient} on the MANUAL clock (so the map run can be watched and updated
 * while it runs), DescribeMapRun, ListMapRuns, UpdateMapRun, ListExecutions/DescribeExecution of the
 * child executions by map run, and the ResultWriter's files read back with {@code S3Client}.
 */
class StepFunctionsDistributedMapIT {

    static final String ROLE = "arn:aws:iam::123456789012:role/StatesRole";
    static LocalCloud cloud;
    static SfnClient sfn;
    static S3Client s3;

    /** Each row waits 10 s of clock time; one child at a time until UpdateMapRun says otherwise. */
    static final String DEFINITION = """
            {"StartAt": "Process", "States": {"Process": {
              "Type": "Map", "Label": "rows", "MaxConcurrency": 1, "ToleratedFailureCount": 0,
              "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
                "Parameters": {"Bucket": "input-rows", "Key.$": "$.key"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "Work", "States": {
                  "Work": {"Type": "Wait", "Seconds": 10, "Next": "Check"},
                  "Check": {"Type": "Choice", "Choices": [{"Variable": "$.qty", "StringEquals": "bad", "Next": "Reject"}],
                    "Default": "Done"},
                  "Reject": {"Type": "Fail", "Error": "Row.Invalid", "Cause": "qty is not a number"},
                  "Done": {"Type": "Pass", "Parameters": {"sku.$": "$.sku", "qty.$": "States.StringToJson($.qty)"}, "End": true}}},
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                "Parameters": {"Bucket": "results", "Prefix": "orders"}},
              "End": true}}}""";

    @BeforeAll
    static void start() {
        cloud = LocalCloud.builder().port(0).clock(SimClock.Mode.MANUAL).build().start();
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET"));
        sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(creds).build();
        s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).endpointOverride(cloud.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(creds).forcePathStyle(true).build();
    }

    @AfterAll
    static void stop() {
        sfn.close();
        s3.close();
        cloud.close();
    }

    static void until(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** Advances the MANUAL clock by {@code seconds} and lets what became due run. */
    static void advance(int seconds) {
        cloud.clock().advance(Duration.ofSeconds(seconds));
        cloud.clock().awaitIdle(Duration.ofSeconds(10));
    }

    @Test
    void distributedMap_csvFromS3WithUpdateMapRun_writesResultsAndReportsTheMapRun() {
        s3.createBucket(b -> b.bucket("input-rows"));
        s3.createBucket(b -> b.bucket("results"));
        s3.putObject(b -> b.bucket("input-rows").key("orders/today.csv"),
                RequestBody.fromString("sku,qty\nA-1,3\nB-2,bad\nC-3,7\nD-4,1\n"));
        EventBridgeService eventBridge = (EventBridgeService) cloud.services().get("events");
        String sink = eventBridge.deadLetters().create("child-status").arn();
        try (EventBridgeClient events = EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "SECRET"))).build()) {
            events.putRule(r -> r.name("children").eventPattern("""
                    {"source": ["aws.states"], "detail-type": ["Step Functions Execution Status Change"],
                     "detail": {"stateMachineArn": [{"suffix": ":stateMachine:csv-orders/rows"}]}}"""));
            events.putTargets(r -> r.rule("children").targets(Target.builder().id("t").arn(sink).build()));
        }
        String machine = sfn.createStateMachine(b -> b.name("csv-orders").definition(DEFINITION).roleArn(ROLE))
                .stateMachineArn();
        String exec = sfn.startExecution(b -> b.stateMachineArn(machine).name("today")
                .input("{\"key\": \"orders/today.csv\"}")).executionArn();
        cloud.clock().awaitIdle(Duration.ofSeconds(10));

        List<MapRunListItem> runs = sfn.listMapRuns(b -> b.executionArn(exec)).mapRuns();
        assertThat(runs).hasSize(1);
        String runArn = runs.get(0).mapRunArn();
        assertThat(runArn).matches("arn:aws:states:us-east-1:\\d{12}:mapRun:csv-orders/rows:[0-9a-f-]{36}");
        assertThat(runs.get(0).stateMachineArn()).endsWith(":stateMachine:csv-orders/rows");
        assertThat(runs.get(0).executionArn()).isEqualTo(exec);

        DescribeMapRunResponse running = sfn.describeMapRun(b -> b.mapRunArn(runArn));
        assertThat(running.status()).isEqualTo(MapRunStatus.RUNNING);
        assertThat(running.maxConcurrency()).isEqualTo(1);
        assertThat(running.itemCounts().total()).isEqualTo(4);
        assertThat(running.itemCounts().running()).isEqualTo(1);
        assertThat(running.itemCounts().pending()).isEqualTo(3);

        // UpdateMapRun takes effect on the running map run: all remaining rows start, one failure is tolerated
        sfn.updateMapRun(b -> b.mapRunArn(runArn).maxConcurrency(10).toleratedFailureCount(1L));
        cloud.clock().awaitIdle(Duration.ofSeconds(10));
        DescribeMapRunResponse updated = sfn.describeMapRun(b -> b.mapRunArn(runArn));
        assertThat(updated.maxConcurrency()).isEqualTo(10);
        assertThat(updated.toleratedFailureCount()).isEqualTo(1L);
        assertThat(updated.itemCounts().running()).isEqualTo(4);

        List<ExecutionListItem> children = sfn.listExecutions(b -> b.mapRunArn(runArn)).executions();
        assertThat(children).hasSize(4).allSatisfy(c -> {
            assertThat(c.mapRunArn()).isEqualTo(runArn);
            assertThat(c.itemCount()).isEqualTo(1);
            assertThat(c.executionArn()).startsWith("arn:aws:states:us-east-1:123456789012:execution:csv-orders/rows:");
        });
        assertThat(sfn.listExecutions(b -> b.stateMachineArn(machine)).executions()).extracting(ExecutionListItem::name)
                .containsExactly("today");

        advance(10);
        until("the parent to end", () -> sfn.describeExecution(b -> b.executionArn(exec)).status() != ExecutionStatus.RUNNING);
        DescribeExecutionResponse done = sfn.describeExecution(b -> b.executionArn(exec));
        assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = Json.parse(done.output());
        assertThat(out.get("MapRunArn").asText()).isEqualTo(runArn);
        String runId = runArn.substring(runArn.lastIndexOf(':') + 1);
        assertThat(out.get("ResultWriterDetails")).isEqualTo(Json.parse(
                "{\"Bucket\": \"results\", \"Key\": \"orders/" + runId + "/manifest.json\"}"));

        DescribeMapRunResponse finished = sfn.describeMapRun(b -> b.mapRunArn(runArn));
        assertThat(finished.status()).isEqualTo(MapRunStatus.SUCCEEDED);
        assertThat(finished.stopDate()).isNotNull();
        assertThat(finished.itemCounts().succeeded()).isEqualTo(3);
        assertThat(finished.itemCounts().failed()).isEqualTo(1);
        assertThat(finished.executionCounts().total()).isEqualTo(4);
        assertThat(finished.redriveCount()).isZero();

        JsonNode manifest = Json.parse(s3.getObjectAsBytes(b -> b.bucket("results").key("orders/" + runId + "/manifest.json"))
                .asUtf8String());
        assertThat(manifest.get("DestinationBucket").asText()).isEqualTo("results");
        assertThat(manifest.get("MapRunArn").asText()).isEqualTo(runArn);
        assertThat(manifest.at("/ResultFiles/SUCCEEDED/0/Key").asText()).isEqualTo("orders/" + runId + "/SUCCEEDED_0.json");
        JsonNode succeeded = Json.parse(s3.getObjectAsBytes(b -> b.bucket("results").key("orders/" + runId + "/SUCCEEDED_0.json"))
                .asUtf8String());
        assertThat(succeeded).hasSize(3);
        assertThat(manifest.at("/ResultFiles/SUCCEEDED/0/Size").asLong())
                .isEqualTo(s3.headObject(b -> b.bucket("results").key("orders/" + runId + "/SUCCEEDED_0.json")).contentLength());
        assertThat(Json.parse(succeeded.get(0).get("Output").asText())).isEqualTo(Json.parse("{\"sku\": \"A-1\", \"qty\": 3}"));
        JsonNode failed = Json.parse(s3.getObjectAsBytes(b -> b.bucket("results").key("orders/" + runId + "/FAILED_0.json"))
                .asUtf8String());
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("Error").asText()).isEqualTo("Row.Invalid");
        assertThat(failed.get(0).get("Status").asText()).isEqualTo("FAILED");

        String failedChild = failed.get(0).get("ExecutionArn").asText();
        DescribeExecutionResponse child = sfn.describeExecution(b -> b.executionArn(failedChild));
        assertThat(child.mapRunArn()).isEqualTo(runArn);
        assertThat(child.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(child.stateMachineArn()).endsWith(":stateMachine:csv-orders/rows");
        var forChild = sfn.describeStateMachineForExecution(b -> b.executionArn(failedChild));
        assertThat(forChild.mapRunArn()).isEqualTo(runArn);
        assertThat(forChild.label()).isEqualTo("rows");
        assertThat(Json.parse(forChild.definition()).get("StartAt").asText()).isEqualTo("Work");
        List<HistoryEvent> childHistory = sfn.getExecutionHistory(b -> b.executionArn(failedChild)).events();
        assertThat(childHistory).extracting(HistoryEvent::type).containsExactly(HistoryEventType.EXECUTION_STARTED,
                HistoryEventType.WAIT_STATE_ENTERED, HistoryEventType.WAIT_STATE_EXITED, HistoryEventType.CHOICE_STATE_ENTERED,
                HistoryEventType.CHOICE_STATE_EXITED, HistoryEventType.FAIL_STATE_ENTERED, HistoryEventType.EXECUTION_FAILED);
        assertThat(Duration.between(childHistory.get(0).timestamp(), childHistory.get(6).timestamp())).isEqualTo(Duration.ofSeconds(10));

        List<HistoryEventType> types = sfn.getExecutionHistory(b -> b.executionArn(exec)).events().stream()
                .map(HistoryEvent::type).toList();
        assertThat(types).containsSubsequence(HistoryEventType.MAP_STATE_STARTED, HistoryEventType.MAP_RUN_STARTED,
                HistoryEventType.MAP_RUN_SUCCEEDED, HistoryEventType.MAP_STATE_SUCCEEDED, HistoryEventType.MAP_STATE_EXITED);
        assertThat(sfn.getExecutionHistory(b -> b.executionArn(exec)).events().stream()
                .filter(e -> e.type() == HistoryEventType.MAP_RUN_STARTED).findFirst().orElseThrow()
                .mapRunStartedEventDetails().mapRunArn()).isEqualTo(runArn);

        // STANDARD children emit their status changes (RUNNING, then how they ended)
        cloud.clock().awaitIdle(Duration.ofSeconds(10));
        List<String> statuses = eventBridge.deadLetters().messages(sink).stream()
                .map(m -> Json.parse(m.body()).at("/detail/status").asText()).sorted().toList();
        assertThat(statuses).containsExactly("FAILED", "RUNNING", "RUNNING", "RUNNING", "RUNNING", "SUCCEEDED", "SUCCEEDED",
                "SUCCEEDED");

        // an ended map run cannot be updated; unknown and malformed ARNs
        assertThatThrownBy(() -> sfn.updateMapRun(b -> b.mapRunArn(runArn).maxConcurrency(2)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> sfn.describeMapRun(b -> b.mapRunArn(runArn.replace(runId, "00000000-0000-0000-0000-000000000000"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sfn.describeMapRun(b -> b.mapRunArn("arn:aws:states:us-east-1:123456789012:execution:x:y")))
                .isInstanceOf(InvalidArnException.class);
    }

    @Test
    void jsonataDistributedMap_readerAndWriterArguments_writesResultsAndOutputSeesResultWriterDetails() {
        s3.createBucket(b -> b.bucket("jsonata-in"));
        s3.createBucket(b -> b.bucket("jsonata-out"));
        s3.putObject(b -> b.bucket("jsonata-in").key("lines.jsonl"),
                RequestBody.fromString("{\"n\": 1}\n{\"n\": 2}\n{\"n\": 3}\n{\"n\": 4}\n"));
        String definition = """
                {"QueryLanguage": "JSONata", "StartAt": "Sum", "States": {"Sum": {
                  "Type": "Map", "Label": "sums", "MaxConcurrency": "{% $states.input.conc %}",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                    "ReaderConfig": {"InputType": "JSONL", "MaxItems": "{% $states.input.max %}"},
                    "Arguments": {"Bucket": "{% $states.input.bucket %}", "Key": "lines.jsonl"}},
                  "ItemSelector": {"n": "{% $states.context.Map.Item.Value.n %}", "at": "{% $states.context.Map.Item.Index %}"},
                  "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": "{% {'factor': $states.input.factor} %}"},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Add", "States": {"Add": {"Type": "Pass",
                      "Output": "{% $sum($states.input.Items.n) * $states.input.BatchInput.factor %}", "End": true}}},
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                    "Arguments": "{% {'Bucket': 'jsonata-out', 'Prefix': 'sums'} %}"},
                  "Output": "{% {'manifest': $states.result.ResultWriterDetails.Key, 'run': $states.result.MapRunArn} %}",
                  "End": true}}}""";
        String machine = sfn.createStateMachine(b -> b.name("jsonata-sums").definition(definition).roleArn(ROLE))
                .stateMachineArn();
        String exec = sfn.startExecution(b -> b.stateMachineArn(machine).name("run1")
                .input("{\"bucket\": \"jsonata-in\", \"max\": 3, \"conc\": 1, \"factor\": 10}")).executionArn();
        cloud.clock().awaitIdle(Duration.ofSeconds(10));
        until("the parent to end", () -> sfn.describeExecution(b -> b.executionArn(exec)).status() != ExecutionStatus.RUNNING);

        DescribeExecutionResponse done = sfn.describeExecution(b -> b.executionArn(exec));
        assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode out = Json.parse(done.output());
        String runArn = out.get("run").asText();
        String runId = runArn.substring(runArn.lastIndexOf(':') + 1);
        assertThat(runArn).startsWith("arn:aws:states:us-east-1:123456789012:mapRun:jsonata-sums/sums:");
        assertThat(out.get("manifest").asText()).isEqualTo("sums/" + runId + "/manifest.json");
        DescribeMapRunResponse run = sfn.describeMapRun(b -> b.mapRunArn(runArn));
        assertThat(run.maxConcurrency()).isEqualTo(1);
        assertThat(run.itemCounts().total()).isEqualTo(3);
        assertThat(run.executionCounts().total()).isEqualTo(2);
        JsonNode succeeded = Json.parse(s3.getObjectAsBytes(b -> b.bucket("jsonata-out").key("sums/" + runId + "/SUCCEEDED_0.json"))
                .asUtf8String());
        assertThat(succeeded).extracting(x -> x.get("Output").asText()).containsExactly("30", "30");
        assertThat(succeeded).extracting(x -> Json.parse(x.get("Input").asText())).containsExactly(
                Json.parse("{\"BatchInput\": {\"factor\": 10}, \"Items\": [{\"n\": 1, \"at\": 0}, {\"n\": 2, \"at\": 1}]}"),
                Json.parse("{\"BatchInput\": {\"factor\": 10}, \"Items\": [{\"n\": 3, \"at\": 2}]}"));

        // a JSONPath-only field in the ResultWriter is refused at create time
        assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("jsonata-bad").roleArn(ROLE)
                .definition(definition.replace("\"Arguments\": \"{% {'Bucket'", "\"Parameters\": \"{% {'Bucket'"))))
                .isInstanceOf(software.amazon.awssdk.services.sfn.model.InvalidDefinitionException.class)
                .hasMessageContaining("The field 'Parameters' is not supported in states whose QueryLanguage is JSONata")
                .hasMessageContaining("/States/Sum/ResultWriter/Parameters");
    }
}
